// /roles: global roles and the permissions attached to them (ICTCore's RoleApi). Everyone with
// role_read reads them; writes take role_* permissions (the super-admin's by default). Bodies and
// answers are the role schema (domain/roles/roles.schema.ts) in the ICTPBX client's words.
import type { FastifyInstance } from 'fastify';
import { RoleCreate, RoleFilter, RoleUpdate } from '../../domain/roles/roles.schema.ts';
import { arrayOf, errorResponses, idParams, listQuery, sendPage } from './shared.ts';
import { roleSchema, roleView } from './views/role.view.ts';
import { fromWire, wireSchema } from './wire.ts';

export default async function rolesRoutes(app: FastifyInstance) {
  const { roles } = app.services;
  const tags = ['admin'];
  const params = idParams('role_id');
  const linkParams = idParams('role_id', 'permission_id');

  app.get(
    '/roles',
    {
      schema: {
        tags,
        summary: 'List roles (global; readable by every role holding role_read)',
        querystring: listQuery((wireSchema(RoleFilter) as { properties: Record<string, object> }).properties, ['role_id', 'name', 'date_created']),
        response: { 200: arrayOf(roleSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await roles.list(fromWire(request.query), request.ctx), roleView),
  );

  app.get<{ Params: { role_id: number } }>(
    '/roles/:role_id',
    { schema: { tags, summary: 'Read a role with its permissions', params, response: { 200: roleSchema, ...errorResponses } } },
    async (request) => roleView(await roles.get(request.params.role_id, request.ctx)),
  );

  app.post(
    '/roles',
    {
      schema: {
        tags,
        summary: 'Create a role; returns the new role_id (409 when the name is taken)',
        body: wireSchema(RoleCreate),
        response: { 200: { type: 'integer' }, ...errorResponses },
      },
    },
    async (request) => (await roles.create(fromWire(request.body), request.ctx)).id,
  );

  app.put<{ Params: { role_id: number } }>(
    '/roles/:role_id',
    {
      schema: {
        tags,
        summary: 'Update a role (built-in roles keep their names: 409); the loaded role may be sent back whole',
        params,
        body: wireSchema(RoleUpdate),
        response: { 200: roleSchema, ...errorResponses },
      },
    },
    async (request) => roleView(await roles.update(request.params.role_id, fromWire(request.body), request.ctx)),
  );

  app.delete<{ Params: { role_id: number } }>(
    '/roles/:role_id',
    { schema: { tags, summary: 'Delete a role (built-in roles cannot be deleted: 409)', params, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await roles.remove(request.params.role_id, request.ctx);
      return true;
    },
  );

  // The link is the URL: whatever body comes with it (none, or a bare id as ICTPBX clients send
  // on their other link calls) is not read.
  app.put<{ Params: { role_id: number; permission_id: number } }>(
    '/roles/:role_id/permissions/:permission_id',
    {
      schema: {
        tags,
        summary: 'Attach a permission to a role (only permissions the caller holds, unless super-admin); any body is ignored',
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
