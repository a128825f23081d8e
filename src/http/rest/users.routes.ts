// /users: accounts, scoped per reference §3.5 (super-admin: all; tenant admin: its tenant; end user:
// itself). Bodies and answers are the user schema (domain/users/users.schema.ts) in the ICTPBX
// client's words.
import type { FastifyInstance } from 'fastify';
import { UserCreate, UserFilter, UserUpdate } from '../../domain/users/users.schema.ts';
import { arrayOf, errorResponses, idParams, listQuery, sendPage } from './shared.ts';
import { userSchema, userView } from './views/user.view.ts';
import { fromWire, wireSchema } from './wire.ts';

/** The user form sends `confirmPassword` in its own camelCase spelling: both are accepted. */
function bodyOf(schema: object): object {
  const wire = wireSchema(schema) as { properties: Record<string, object> };
  return { ...wire, properties: { ...wire.properties, confirmPassword: wire.properties.confirm_password } };
}

export default async function usersRoutes(app: FastifyInstance) {
  const { users } = app.services;
  const tags = ['admin'];
  const params = idParams('user_id');

  app.get(
    '/users',
    {
      schema: {
        tags,
        summary: 'List users (scoped: a tenant admin sees its tenant, an end user itself)',
        querystring: listQuery((wireSchema(UserFilter) as { properties: Record<string, object> }).properties, [
          'user_id',
          'username',
          'email',
          'first_name',
          'last_name',
          'date_created',
        ]),
        response: { 200: arrayOf(userSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await users.list(fromWire(request.query), request.ctx), userView),
  );

  app.get<{ Params: { user_id: number } }>(
    '/users/:user_id',
    {
      // An MFA-pending token may read its own user, and nothing else: the ICTPBX client reads
      // `verify` there to send the user to its MFA page.
      config: { auth: 'mfa' },
      schema: { tags, summary: 'Read a user (with an MFA-pending token: only itself, verify 0)', params, response: { 200: userSchema, ...errorResponses } },
    },
    async (request) => {
      const { ctx } = request;
      if (ctx.actor) return userView(await users.get(request.params.user_id, ctx));
      return userView(await users.selfWhileMfaPending(request.params.user_id, ctx.mfaUserId), { secondFactorPending: true });
    },
  );

  app.post(
    '/users',
    {
      schema: {
        tags,
        summary: 'Create a user (password checked against the policy); returns the new user_id',
        body: bodyOf(UserCreate),
        response: { 200: { type: 'integer' }, ...errorResponses },
      },
    },
    async (request) => (await users.create(fromWire(request.body), request.ctx)).id,
  );

  app.put<{ Params: { user_id: number } }>(
    '/users/:user_id',
    {
      schema: { tags, summary: 'Update a user (the edit form sends back what it read)', params, body: bodyOf(UserUpdate), response: { 200: userSchema, ...errorResponses } },
    },
    async (request) => userView(await users.update(request.params.user_id, fromWire(request.body), request.ctx)),
  );

  app.delete<{ Params: { user_id: number } }>(
    '/users/:user_id',
    { schema: { tags, summary: 'Delete a user', params, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await users.remove(request.params.user_id, request.ctx);
      return true;
    },
  );
}
