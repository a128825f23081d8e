// Logging in and out, and the password policy. Inputs are checked by the domain's schemas
// (domain/auth/auth.schema.ts, domain/settings/password-policy.schema.ts) inside the services.
import { requireActor } from '../../context.ts';
import type { LoginResult } from '../../domain/auth/auth.service.ts';
import type { PasswordPolicy } from '../../domain/settings/password-policy.service.ts';
import { given } from './args.ts';
import type { GqlContext } from './context.ts';

interface PolicyInput {
  minLength?: number | null;
  minUppercase?: number | null;
  minLowercase?: number | null;
  minNumbers?: number | null;
  specialCharacter?: number | null;
  failedAttempts?: number | null;
}

function authPayload(result: LoginResult) {
  const common = { token: result.token, expiresIn: result.expiresIn, tokenType: 'Bearer' };
  return result.kind === 'mfa' ? { ...common, mfaRequired: true, user: null } : { ...common, mfaRequired: false, user: result.user };
}

/** The fields GraphQL's PasswordPolicy type declares. */
const policyView = (p: PasswordPolicy) => ({
  minLength: p.minLength,
  minUppercase: p.minUppercase,
  minLowercase: p.minLowercase,
  minNumbers: p.minNumbers,
  specialCharacter: p.specialCharacter,
  failedAttempts: p.failedAttempts,
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
      authPayload(await services.auth.login(given(args), ctx)),
    cancelSessions: async (_: unknown, { userId }: { userId: number }, { ctx, services }: GqlContext) => {
      await services.auth.cancel(userId, ctx, services.users.reaches);
      return true;
    },
    setPasswordPolicy: async (_: unknown, { input }: { input: PolicyInput }, { ctx, services }: GqlContext) =>
      policyView(await services.passwordPolicy.set(given(input), ctx)),
  },
};
