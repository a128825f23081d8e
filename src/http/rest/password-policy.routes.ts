// /password_policy (ICTCore's fields): anyone reads it, without a token too (the ICTPBX client's
// reset-password screen reads it before login); `password_policy` sets it. Bodies and answers are
// the policy schema (domain/settings/password-policy.schema.ts) in the client's words.
import type { FastifyInstance } from 'fastify';
import { PasswordPolicyInput, PasswordPolicyView } from '../../domain/settings/password-policy.schema.ts';
import type { PasswordPolicy } from '../../domain/settings/password-policy.service.ts';
import { errorResponses } from './shared.ts';
import { fromWire, toWire, wireSchema } from './wire.ts';

/** ICTCore keeps the policy in one row; its id is always 1. */
const policyAnswer = (policy: PasswordPolicy) => toWire({ passwordPolicyId: 1, ...policy });
const policySchema = wireSchema(PasswordPolicyView);

export default async function passwordPolicyRoutes(app: FastifyInstance) {
  const { passwordPolicy } = app.services;
  const tags = ['admin'];

  app.get(
    '/password_policy',
    {
      config: { auth: 'public' },
      schema: { tags, summary: 'Read the password policy (no token needed: the client reads it before login)', response: { 200: policySchema, ...errorResponses } },
    },
    async () => policyAnswer(await passwordPolicy.get()),
  );

  app.post(
    '/password_policy',
    {
      schema: {
        tags,
        summary: 'Set the password policy (any subset of its fields; the loaded object posted back is accepted); returns the whole policy',
        body: wireSchema(PasswordPolicyInput),
        response: { 200: policySchema, ...errorResponses },
      },
    },
    async (request) => policyAnswer(await passwordPolicy.set(fromWire(request.body ?? {}), request.ctx)),
  );
}
