// /password_policy (ICTCore's fields): any authenticated user reads it, `password_policy` sets it.
import type { FastifyInstance } from 'fastify';
import type { PasswordPolicy } from '../../domain/settings/password-policy.service.ts';
import { errorResponses } from './shared.ts';
import { passwordPolicyFields } from '../../domain/settings/password-policy.schema.ts';

const policySchema = {
  type: 'object',
  properties: { password_policy_id: { type: 'integer' }, ...passwordPolicyFields },
} as const;

/** ICTCore keeps the policy in one row; its id is always 1. */
const policyView = (policy: PasswordPolicy) => ({ password_policy_id: 1, ...policy });

export default async function passwordPolicyRoutes(app: FastifyInstance) {
  const { passwordPolicy } = app.services;
  const tags = ['admin'];

  app.get(
    '/password_policy',
    { schema: { tags, summary: 'Read the password policy', response: { 200: policySchema, ...errorResponses } } },
    async () => policyView(await passwordPolicy.get()),
  );

  app.post<{ Body: Partial<PasswordPolicy> }>(
    '/password_policy',
    {
      schema: {
        tags,
        summary: 'Set the password policy (any subset of its fields); returns the whole policy',
        body: { type: 'object', properties: passwordPolicyFields },
        response: { 200: policySchema, ...errorResponses },
      },
    },
    async (request) => policyView(await passwordPolicy.set(request.body ?? {}, request.ctx)),
  );
}
