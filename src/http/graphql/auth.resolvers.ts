// Logging in and out, and the password policy.
import { requireActor } from '../../context.ts';
import type { LoginResult } from '../../domain/auth/auth.service.ts';
import type { PasswordPolicy } from '../../domain/settings/password-policy.service.ts';
import { passwordPolicyFields } from '../../domain/settings/password-policy.schema.ts';
import { given } from './args.ts';
import type { GqlContext } from './context.ts';
import { inputRules } from './input-rules.ts';

interface PolicyInput {
  minLength?: number | null;
  minUppercase?: number | null;
  minLowercase?: number | null;
  minNumbers?: number | null;
  specialCharacter?: number | null;
  failedAttempts?: number | null;
}

const checkPolicy = inputRules(passwordPolicyFields);

function authPayload(result: LoginResult) {
  const common = { token: result.token, expiresIn: result.expiresIn, tokenType: 'Bearer' };
  return result.kind === 'mfa' ? { ...common, mfaRequired: true, user: null } : { ...common, mfaRequired: false, user: result.user };
}

const policyView = (p: PasswordPolicy) => ({
  minLength: p.min_length,
  minUppercase: p.min_uppercase,
  minLowercase: p.min_lowercase,
  minNumbers: p.min_numbers,
  specialCharacter: p.special_character,
  failedAttempts: p.failed_attempts,
});

const policyInput = (i: PolicyInput): Partial<PasswordPolicy> =>
  given({
    min_length: i.minLength,
    min_uppercase: i.minUppercase,
    min_lowercase: i.minLowercase,
    min_numbers: i.minNumbers,
    special_character: i.specialCharacter,
    failed_attempts: i.failedAttempts,
  });

export const authResolvers = {
  Query: {
    me: (_: unknown, __: unknown, { ctx, services }: GqlContext) => {
      requireActor(ctx);
      return services.users.get(ctx.actor.id, ctx);
    },
    passwordPolicy: async (_: unknown, __: unknown, { ctx, services }: GqlContext) => {
      requireActor(ctx);
      return policyView(await services.passwordPolicy.get());
    },
  },
  Mutation: {
    login: async (_: unknown, args: { username?: string | null; email?: string | null; password: string }, { ctx, services }: GqlContext) =>
      authPayload(await services.auth.login({ ...given(args), password: args.password }, ctx)),
    cancelSessions: async (_: unknown, { userId }: { userId: number }, { ctx, services }: GqlContext) => {
      await services.auth.cancel(userId, ctx, services.users.reaches);
      return true;
    },
    setPasswordPolicy: async (_: unknown, { input }: { input: PolicyInput }, { ctx, services }: GqlContext) =>
      policyView(await services.passwordPolicy.set(policyInput(checkPolicy(input)), ctx)),
  },
};
