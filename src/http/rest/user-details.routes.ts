// The remaining /users/:user_id sub-resources: password, credit, per-user config, fax accounts,
// session status and the impersonation token.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { CONFIG_NAME } from '../../domain/users/user-details.service.ts';
import { UserCreditChange, UserPasswordSet } from '../../domain/users/users.schema.ts';
import { sessionSchema, sessionView } from './auth.routes.ts';
import { arrayOf, errorResponses, idParams, listQuery, sendPage } from './shared.ts';
import { accountSchema, accountView } from './views/account.view.ts';
import { userSchema, userView } from './views/user.view.ts';
import { wireSchema } from './wire.ts';

interface AccountQuery {
  type?: string;
  username?: string;
  phone?: string;
  email?: string;
  active?: boolean;
  limit?: number;
  offset?: number;
  sort?: string;
}

/** Fastify sends a string as text/plain; ICTCore answers JSON, strings included ("login"). */
const sendJson = (reply: FastifyReply, value: unknown) => reply.type('application/json; charset=utf-8').send(JSON.stringify(value));

const configParams = {
  type: 'object',
  required: ['user_id', 'config_name'],
  properties: {
    user_id: { type: 'integer', minimum: 1 },
    config_name: { type: 'string', pattern: CONFIG_NAME.source, description: 'e.g. forwarding, dnd, call:forward_all' },
  },
} as const;

export default async function userDetailsRoutes(app: FastifyInstance) {
  const { users, userDetails } = app.services;
  const tags = ['admin'];
  const params = idParams('user_id');
  type UserParams = { Params: { user_id: number } };
  type ConfigParams = { Params: { user_id: number; config_name: string } };

  app.put<UserParams & { Body: { password: string } }>(
    '/users/:user_id/password',
    {
      schema: {
        tags,
        summary: "Set a user's password (checked against the policy; ends the user's other sessions)",
        params,
        body: wireSchema(UserPasswordSet),
        response: { 200: userSchema, ...errorResponses },
      },
    },
    async (request) => userView(await users.setPassword(request.params.user_id, request.body.password, request.ctx)),
  );

  app.put<UserParams & { Body: { credit: number } }>(
    '/users/:user_id/credit',
    {
      schema: {
        tags,
        summary: 'Add to (or, negative, take from) a user credit balance; super-admin only, Enterprise only',
        params,
        body: wireSchema(UserCreditChange),
        response: { 200: userSchema, ...errorResponses },
      },
    },
    async (request) => userView(await userDetails.addCredit(request.params.user_id, request.body.credit, request.ctx)),
  );

  app.get<ConfigParams>(
    '/users/:user_id/config/:config_name',
    {
      schema: {
        tags,
        summary: 'Read a per-user config value (e.g. forwarding, DND) as it was stored; 404 when never set',
        params: configParams,
        response: { 200: { description: 'The stored JSON value' }, ...errorResponses },
      },
    },
    async (request, reply) => sendJson(reply, await userDetails.getConfig(request.params.user_id, request.params.config_name, request.ctx)),
  );

  app.put<ConfigParams & { Body: unknown }>(
    '/users/:user_id/config/:config_name',
    {
      schema: {
        tags,
        summary: 'Set a per-user config value: the body (any JSON value, or text/plain) is the value',
        params: configParams,
        body: { description: 'Any JSON value; a text/plain body is kept as a string' },
        response: { 200: { type: 'boolean' }, ...errorResponses },
      },
    },
    async (request) => {
      await userDetails.setConfig(request.params.user_id, request.params.config_name, request.body, request.ctx);
      return true;
    },
  );

  app.get<UserParams & { Querystring: AccountQuery }>(
    '/users/:user_id/accounts',
    {
      schema: {
        tags,
        summary: 'The fax accounts the user owns',
        params,
        querystring: listQuery(
          {
            type: { type: 'string' },
            username: { type: 'string' },
            phone: { type: 'string' },
            email: { type: 'string' },
            active: { type: 'boolean' },
          },
          ['account_id', 'username', 'date_created'],
        ),
        response: { 200: arrayOf(accountSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await userDetails.accountsOf(request.params.user_id, request.query, request.ctx), accountView),
  );

  app.get<UserParams>(
    '/users/:user_id/status',
    {
      schema: {
        tags,
        summary: 'The user session status: "login" or "logout" (a bare JSON string, as ICTCore)',
        params,
        response: { 200: { type: 'string', enum: ['login', 'logout'] }, ...errorResponses },
      },
    },
    async (request, reply) => sendJson(reply, await userDetails.status(request.params.user_id, request.ctx)),
  );

  app.get<UserParams>(
    '/users/:user_id/token',
    {
      schema: {
        tags,
        summary: 'Impersonation: a session as the user (super-admin: anyone; tenant admin: its users, never one holding more than itself)',
        params,
        response: { 200: sessionSchema, ...errorResponses },
      },
    },
    async (request) => sessionView(await userDetails.impersonate(request.params.user_id, request.ctx)),
  );
}
