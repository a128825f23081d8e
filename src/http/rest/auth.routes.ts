// The `auth` rows of the ICTPBX API: log in, cancel sessions, inspect a token, who am I.
import type { FastifyInstance } from 'fastify';
import type { Session } from '../../domain/auth/auth.service.ts';
import { validationFailed } from '../../errors.ts';
import { errorResponses, idParams } from './shared.ts';
import { userSchema, userView } from './views/user.view.ts';

export const sessionSchema = {
  type: 'object',
  properties: {
    ...userSchema.properties,
    token: { type: 'string' },
    access_token: { type: 'string' },
    expires_in: { type: 'integer' },
    token_type: { type: 'string' },
    scope: { type: 'string' },
    mfa_required: { type: 'boolean' },
  },
} as const;

/** ICTCore's authenticate answer: the user, with the token beside it under both names. */
export function sessionView(session: Session) {
  return {
    ...userView(session.user),
    token: session.token,
    access_token: session.token,
    expires_in: session.expiresIn,
    token_type: 'Bearer',
    scope: 'All',
    mfa_required: false,
  };
}

export default async function authRoutes(app: FastifyInstance) {
  const { auth } = app.services;

  app.post<{ Body: { username?: string; email?: string; user_id?: number; password: string } }>(
    '/authenticate',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Log in; returns a JWT (RS256), or an MFA-pending token when the user has MFA',
        body: {
          type: 'object',
          required: ['password'],
          properties: {
            username: { type: 'string', minLength: 1, maxLength: 128 },
            email: { type: 'string', minLength: 1, maxLength: 128 },
            user_id: { type: 'integer', minimum: 1 },
            password: { type: 'string', minLength: 1, maxLength: 1024 },
          },
        },
        response: {
          200: sessionSchema,
          ...errorResponses,
          423: errorResponses[401],
          429: errorResponses[401],
        },
      },
    },
    async (request) => {
      const result = await auth.login(request.body, request.ctx);
      if (result.kind === 'mfa') {
        return { token: result.token, access_token: result.token, expires_in: result.expiresIn, token_type: 'Bearer', scope: 'mfa', mfa_required: true };
      }
      return sessionView(result);
    },
  );

  app.post<{ Params: { user_id: number } }>(
    '/authenticate/cancel/:user_id',
    {
      schema: {
        tags: ['auth'],
        summary: "Revoke every live token of the user (log out everywhere)",
        params: idParams('user_id'),
        response: { 200: { type: 'boolean' }, ...errorResponses },
      },
    },
    async (request) => {
      await auth.cancel(request.params.user_id, request.ctx, app.services.users.reaches);
      return true;
    },
  );

  app.post<{ Body: { token?: string } }>(
    '/token_payload',
    {
      config: { auth: 'optional' },
      schema: {
        tags: ['auth'],
        summary: 'Verify a token and return its claims (the bearer token when the body names none)',
        body: { type: 'object', properties: { token: { type: 'string', minLength: 1 } } },
        response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses },
      },
    },
    async (request) => {
      const token = request.body?.token ?? request.headers.authorization?.replace(/^Bearer\s+/i, '');
      if (!token) throw validationFailed('token', 'is required');
      return auth.payload(token);
    },
  );

  app.get(
    '/get_user',
    { schema: { tags: ['auth'], summary: 'The authenticated user', response: { 200: userSchema, ...errorResponses } } },
    async (request) => userView(await app.services.users.get(request.ctx.actor!.id, request.ctx)),
  );
}
