// /password_policy (ICTCore's fields): any authenticated user reads it, `password_policy` sets it.
import type { FastifyInstance } from 'fastify';
import type { PasswordPolicy } from '../../domain/settings/password-policy.service.ts';
import { errorResponses } from './shared.ts';

const count = (max: number, description: string) => ({ type: 'integer', minimum: 0, maximum: max, description }) as const;

export const policyFields = {
  min_length: count(128, 'Minimum password length'),
  min_uppercase: count(64, 'Minimum uppercase letters'),
  min_lowercase: count(64, 'Minimum lowercase letters'),
  min_numbers: count(64, 'Minimum digits'),
  special_character: count(64, 'Minimum characters that are neither letters nor digits'),
  failed_attempts: count(100, "Failed logins before a lockout; 0 means the server's LOGIN_MAX_FAILURES"),
} as const;

const policySchema = {
  type: 'object',
  properties: { password_policy_id: { type: 'integer' }, ...policyFields },
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
        body: { type: 'object', properties: policyFields },
        response: { 200: policySchema, ...errorResponses },
      },
    },
    async (request) => policyView(await passwordPolicy.set(request.body ?? {}, request.ctx)),
  );
}
