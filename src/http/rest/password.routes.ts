// Passwords: reset by e-mail (the `auth` rows /forgot_password and /update_password) and the
// caller's own change (`PUT /password/users`, the ICTPBX client's change-password screen). Bodies
// are the auth schemas (domain/auth/auth.schema.ts) in the client's words.
import type { FastifyInstance } from 'fastify';
import { OwnPasswordChange, PasswordResetCompletion, PasswordResetRequest } from '../../domain/auth/auth.schema.ts';
import { parse } from '../../domain/shared/schema.ts';
import { validationFailed } from '../../errors.ts';
import { clientKeys } from './auth.routes.ts';
import { errorEnvelope, errorResponses } from './shared.ts';
import { userSchema, userView } from './views/user.view.ts';
import { fromWire, wireSchema } from './wire.ts';

export default async function passwordRoutes(app: FastifyInstance) {
  const { passwordReset, users } = app.services;

  app.post(
    '/forgot_password',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Mail a single-use password reset link; answers true whether or not the account exists',
        body: wireSchema(PasswordResetRequest),
        response: { 200: { type: 'boolean' }, ...errorResponses, 429: errorEnvelope },
      },
    },
    async (request) => {
      const { email, username } = parse(PasswordResetRequest, fromWire(request.body ?? {}));
      if (!email && !username) throw validationFailed('email', 'is required');
      await passwordReset.request({ email, username }, request.ctx);
      return true;
    },
  );

  app.put(
    '/update_password',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with the emailed reset code (`token` is accepted as an alias of `code`)',
        body: wireSchema(PasswordResetCompletion),
        response: { 200: { type: 'boolean' }, ...errorResponses, 422: errorEnvelope },
      },
    },
    async (request) => {
      const { code, token, password } = parse(PasswordResetCompletion, fromWire(request.body));
      const given = code ?? token;
      if (!given) throw validationFailed('code', 'is required');
      await passwordReset.complete({ code: given, password }, request.ctx);
      return true;
    },
  );

  app.put(
    '/password/users',
    {
      schema: {
        tags: ['auth'],
        summary:
          "Change the caller's own password (`enduser_password`; the policy applies). It ends every other session opened with the old password; the caller's own token goes on",
        body: clientKeys(wireSchema(OwnPasswordChange), { confirm_password: 'confirmPassword' }),
        response: { 200: userSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { password, confirmPassword } = parse(OwnPasswordChange, fromWire(request.body));
      if (confirmPassword !== undefined && confirmPassword !== password) throw validationFailed('confirmPassword', 'must equal password');
      return userView(await users.setPassword(request.ctx.actor!.id, password, request.ctx));
    },
  );
}
