// The `auth` rows of the ICTPBX API: log in, cancel sessions, inspect a token, who am I. Bodies are
// the auth schemas (domain/auth/auth.schema.ts) in the client's words.
import type { FastifyInstance } from 'fastify';
import { CancelInput, LoginInput } from '../../domain/auth/auth.schema.ts';
import type { Session } from '../../domain/auth/auth.service.ts';
import { validationFailed } from '../../errors.ts';
import { arrayOf, errorEnvelope, errorResponses, idParams } from './shared.ts';
import { userSchema, userView } from './views/user.view.ts';
import { fromWire, wireSchema } from './wire.ts';

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

/**
 * A body schema whose fields the client spells in camelCase (`rememberMe`, `confirmPassword`)
 * rather than as their snake_case wire names; fromWire reads either spelling the same.
 */
export function clientKeys(schema: object, renames: Record<string, string>): object {
  const { properties, ...rest } = schema as { properties: Record<string, object> };
  return { ...rest, properties: Object.fromEntries(Object.entries(properties).map(([key, value]) => [renames[key] ?? key, value])) };
}

/** The login form (Nebular's) sends `rememberMe` as it is spelt. */
const loginBody = clientKeys(wireSchema(LoginInput), { remember_me: 'rememberMe' });

export default async function authRoutes(app: FastifyInstance) {
  const { auth, users } = app.services;

  app.post(
    '/authenticate',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Log in with email (the ICTPBX form), username or user_id; returns a JWT (RS256), or an MFA-pending token when the user has MFA',
        body: loginBody,
        response: {
          200: sessionSchema,
          ...errorResponses,
          423: errorEnvelope,
          426: errorEnvelope,
          429: errorEnvelope,
        },
      },
    },
    async (request) => {
      const result = await auth.login(fromWire(request.body), request.ctx);
      if (result.kind === 'mfa') {
        return { token: result.token, access_token: result.token, expires_in: result.expiresIn, token_type: 'Bearer', scope: 'mfa', mfa_required: true };
      }
      return sessionView(result);
    },
  );

  app.post<{ Params: { user_id: number } }>(
    '/authenticate/cancel/:user_id',
    {
      config: { auth: 'optional' },
      schema: {
        tags: ['auth'],
        summary:
          'Revoke every live token of the user (log out everywhere). The ICTPBX client also calls it without a token (its body: the user id again, or {}); that answers true and changes nothing, since it proves no one',
        params: idParams('user_id'),
        body: CancelInput,
        response: { 200: { type: 'boolean' }, ...errorResponses },
      },
    },
    async (request) => {
      if (!request.ctx.actor) return true;
      await auth.cancel(request.params.user_id, request.ctx, users.reaches);
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
        body: { type: 'object', additionalProperties: false, properties: { token: { type: 'string', minLength: 1 } } },
        response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses },
      },
    },
    async (request) => {
      const token = request.body?.token ?? request.headers.authorization?.replace(/^\s*Bearer\s+/i, '').trim();
      if (!token) throw validationFailed('token', 'is required');
      return auth.payload(token);
    },
  );

  app.get(
    '/get_user',
    { schema: { tags: ['auth'], summary: 'The authenticated user', response: { 200: userSchema, ...errorResponses } } },
    async (request) => userView(await users.get(request.ctx.actor!.id, request.ctx)),
  );

  app.get<{ Querystring: { tenant_id?: number } }>(
    '/user/get_user',
    {
      schema: {
        tags: ['auth'],
        summary: "The users the caller may see, as ICTCore's /get_user lists them (the ICTPBX client's user service, get_list); optionally one tenant's",
        querystring: { type: 'object', additionalProperties: false, properties: { tenant_id: { type: 'integer', minimum: 1 } } },
        response: { 200: arrayOf(userSchema), ...errorResponses },
      },
    },
    async (request) => (await users.list({ ...(request.query.tenant_id ? { tenantId: request.query.tenant_id } : {}) }, request.ctx)).items.map((u) => userView(u)),
  );
}
