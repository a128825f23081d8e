// /roles: global roles and the permissions attached to them. Everyone with role_read reads them;
// writes take role_* permissions (the super-admin's by default).
import type { FastifyInstance } from 'fastify';
import { arrayOf, errorResponses, idParams, listQuery, sendPage } from './shared.ts';
import { roleSchema, roleView } from './views/role.view.ts';
import { roleBodyProperties } from '../../domain/roles/roles.schema.ts';

interface RoleBody {
  name?: string;
  description?: string;
}

export default async function rolesRoutes(app: FastifyInstance) {
  const { roles } = app.services;
  const tags = ['admin'];
  const params = idParams('role_id');
  const linkParams = idParams('role_id', 'permission_id');

  app.get<{ Querystring: { name?: string; limit?: number; offset?: number; sort?: string } }>(
    '/roles',
    {
      schema: {
        tags,
        summary: 'List roles (global; readable by every role holding role_read)',
        querystring: listQuery({ name: { type: 'string' } }, ['role_id', 'name', 'date_created']),
        response: { 200: arrayOf(roleSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await roles.list(request.query, request.ctx), roleView),
  );

  app.get<{ Params: { role_id: number } }>(
    '/roles/:role_id',
    { schema: { tags, summary: 'Read a role with its permissions', params, response: { 200: roleSchema, ...errorResponses } } },
    async (request) => roleView(await roles.get(request.params.role_id, request.ctx)),
  );

  app.post<{ Body: RoleBody & { name: string } }>(
    '/roles',
    {
      schema: {
        tags,
        summary: 'Create a role; returns the new role_id (409 when the name is taken)',
        body: { type: 'object', required: ['name'], additionalProperties: false, properties: roleBodyProperties },
        response: { 200: { type: 'integer' }, ...errorResponses },
      },
    },
    async (request) => (await roles.create(request.body, request.ctx)).id,
  );

  app.put<{ Params: { role_id: number }; Body: RoleBody }>(
    '/roles/:role_id',
    {
      schema: {
        tags,
        summary: 'Update a role (built-in roles keep their names: 409)',
        params,
        body: { type: 'object', additionalProperties: false, properties: roleBodyProperties },
        response: { 200: roleSchema, ...errorResponses },
      },
    },
    async (request) => roleView(await roles.update(request.params.role_id, request.body, request.ctx)),
  );

  app.delete<{ Params: { role_id: number } }>(
    '/roles/:role_id',
    { schema: { tags, summary: 'Delete a role (built-in roles cannot be deleted: 409)', params, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await roles.remove(request.params.role_id, request.ctx);
      return true;
    },
  );

  app.put<{ Params: { role_id: number; permission_id: number } }>(
    '/roles/:role_id/permissions/:permission_id',
    {
      schema: {
        tags,
        summary: 'Attach a permission to a role (only permissions the caller holds, unless super-admin)',
        params: linkParams,
        response: { 200: { type: 'boolean' }, ...errorResponses },
      },
    },
    async (request) => {
      await roles.attachPermission(request.params.role_id, request.params.permission_id, request.ctx);
      return true;
    },
  );

  app.delete<{ Params: { role_id: number; permission_id: number } }>(
    '/roles/:role_id/permissions/:permission_id',
    {
      schema: { tags, summary: 'Detach a permission from a role', params: linkParams, response: { 200: { type: 'boolean' }, ...errorResponses } },
    },
    async (request) => {
      await roles.detachPermission(request.params.role_id, request.params.permission_id, request.ctx);
      return true;
    },
  );
}
