// /users: accounts, scoped per reference §3.5 (super-admin: all; tenant admin: its tenant; end user: itself).
import type { FastifyInstance } from 'fastify';
import type { UserInput } from '../../domain/users/users.service.ts';
import { arrayOf, errorResponses, idParams, listQuery, sendPage } from './shared.ts';
import { userSchema, userView } from './views/user.view.ts';
import { userBodyProperties } from '../../domain/users/users.schema.ts';

interface UserBody {
  username?: string;
  password?: string;
  email?: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  mobile?: string;
  address?: string;
  company?: string;
  country_id?: number | null;
  timezone_id?: number | null;
  active?: boolean;
  tenant_id?: number | null;
  credit?: number;
  role_id?: number;
  role_ids?: number[];
}

export function toUserInput(body: UserBody): UserInput {
  const roleIds = body.role_ids ?? (body.role_id !== undefined ? [body.role_id] : undefined);
  const input: UserInput = {
    username: body.username,
    password: body.password,
    email: body.email,
    firstName: body.first_name,
    lastName: body.last_name,
    phone: body.phone,
    mobile: body.mobile,
    address: body.address,
    company: body.company,
    countryId: body.country_id,
    timezoneId: body.timezone_id,
    active: body.active,
    tenantId: body.tenant_id,
    credit: body.credit,
    roleIds,
  };
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as UserInput;
}

interface UserQuery {
  user_id?: number;
  tenant_id?: number;
  username?: string;
  email?: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  active?: boolean;
  after?: number;
  before?: number;
}

export default async function usersRoutes(app: FastifyInstance) {
  const { users } = app.services;
  const tags = ['admin'];
  const params = idParams('user_id');

  app.get<{ Querystring: UserQuery }>(
    '/users',
    {
      schema: {
        tags,
        summary: 'List users (scoped: a tenant admin sees its tenant, an end user itself)',
        querystring: listQuery(
          {
            user_id: { type: 'integer' },
            tenant_id: { type: 'integer' },
            username: { type: 'string' },
            email: { type: 'string' },
            first_name: { type: 'string' },
            last_name: { type: 'string' },
            phone: { type: 'string' },
            active: { type: 'boolean' },
            after: { type: 'integer', description: 'Created at or after (unix seconds)' },
            before: { type: 'integer', description: 'Created at or before (unix seconds)' },
          },
          ['user_id', 'username', 'email', 'first_name', 'last_name', 'date_created'],
        ),
        response: { 200: arrayOf(userSchema), ...errorResponses },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const result = await users.list(
        {
          ...q,
          id: q.user_id,
          tenantId: q.tenant_id,
          firstName: q.first_name,
          lastName: q.last_name,
          createdAfter: q.after !== undefined ? new Date(q.after * 1000) : undefined,
          createdBefore: q.before !== undefined ? new Date(q.before * 1000) : undefined,
        },
        request.ctx,
      );
      return sendPage(reply, result, userView);
    },
  );

  app.get<{ Params: { user_id: number } }>(
    '/users/:user_id',
    { schema: { tags, summary: 'Read a user', params, response: { 200: userSchema, ...errorResponses } } },
    async (request) => userView(await users.get(request.params.user_id, request.ctx)),
  );

  app.post<{ Body: UserBody & { username: string; password: string } }>(
    '/users',
    {
      schema: {
        tags,
        summary: 'Create a user (password checked against the policy); returns the new user_id',
        body: { type: 'object', required: ['username', 'password'], additionalProperties: false, properties: userBodyProperties },
        response: { 200: { type: 'integer' }, ...errorResponses },
      },
    },
    async (request) => (await users.create(toUserInput(request.body) as UserInput & { username: string; password: string }, request.ctx)).id,
  );

  app.put<{ Params: { user_id: number }; Body: UserBody }>(
    '/users/:user_id',
    {
      schema: {
        tags,
        summary: 'Update a user',
        params,
        body: { type: 'object', additionalProperties: false, properties: userBodyProperties },
        response: { 200: userSchema, ...errorResponses },
      },
    },
    async (request) => userView(await users.update(request.params.user_id, toUserInput(request.body), request.ctx)),
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
