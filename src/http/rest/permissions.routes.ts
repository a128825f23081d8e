// /permissions: the catalogue of permission names (ICTCore's PermissionApi: list and define; no
// update or delete). Bodies and answers are the permission schema in the ICTPBX client's words.
import type { FastifyInstance } from 'fastify';
import { PermissionCreate, PermissionFilter } from '../../domain/permissions/permissions.schema.ts';
import { arrayOf, errorResponses, listQuery, sendPage } from './shared.ts';
import { permissionSchema, permissionView } from './views/permission.view.ts';
import { fromWire, wireSchema } from './wire.ts';

export default async function permissionsRoutes(app: FastifyInstance) {
  const { permissions } = app.services;
  const tags = ['admin'];

  app.get(
    '/permissions',
    {
      schema: {
        tags,
        summary: 'The permission catalogue (names are hierarchical: holding `user` grants `user_create`)',
        querystring: listQuery((wireSchema(PermissionFilter) as { properties: Record<string, object> }).properties, ['permission_id', 'name']),
        response: { 200: arrayOf(permissionSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await permissions.list(fromWire(request.query), request.ctx), permissionView),
  );

  app.post(
    '/permissions',
    {
      schema: {
        tags,
        summary: 'Define a permission; returns the new permission_id (409 when the name exists)',
        body: wireSchema(PermissionCreate),
        response: { 200: { type: 'integer' }, ...errorResponses },
      },
    },
    async (request) => (await permissions.create(fromWire(request.body), request.ctx)).id,
  );
}
