// /permissions: the catalogue of permission names (ICTCore: list and define; no update or delete).
import type { FastifyInstance } from 'fastify';
import { PERMISSION_NAME } from '../../domain/permissions/permissions.service.ts';
import { arrayOf, errorResponses, listQuery, sendPage } from './shared.ts';
import { permissionSchema, permissionView } from './views/permission.view.ts';

export default async function permissionsRoutes(app: FastifyInstance) {
  const { permissions } = app.services;
  const tags = ['admin'];

  app.get<{ Querystring: { name?: string; limit?: number; offset?: number; sort?: string } }>(
    '/permissions',
    {
      schema: {
        tags,
        summary: 'The permission catalogue (names are hierarchical: holding `user` grants `user_create`)',
        querystring: listQuery({ name: { type: 'string' } }, ['permission_id', 'name']),
        response: { 200: arrayOf(permissionSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await permissions.list(request.query, request.ctx), permissionView),
  );

  app.post<{ Body: { name: string; description?: string } }>(
    '/permissions',
    {
      schema: {
        tags,
        summary: 'Define a permission; returns the new permission_id (409 when the name exists)',
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', pattern: PERMISSION_NAME.source },
            description: { type: 'string', maxLength: 1024 },
          },
        },
        response: { 200: { type: 'integer' }, ...errorResponses },
      },
    },
    async (request) => (await permissions.create(request.body, request.ctx)).id,
  );
}
