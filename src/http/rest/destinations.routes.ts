// /destination: named routing targets of a tenant (a kind and a value, checked like DID
// destinations).
import type { FastifyInstance } from 'fastify';
import { DESTINATION_TYPES } from '../../domain/dialable/targets.ts';
import type { DestinationInput } from '../../domain/destinations/destinations.service.ts';
import { arrayOf, errorResponses, idParams, listQuery, sendPage } from './shared.ts';
import { destinationSchema, destinationView } from './views/did.view.ts';

interface DestinationBody {
  tenant_id?: number;
  name?: string;
  type?: string;
  value?: string;
  description?: string;
}

const bodyProperties = {
  tenant_id: { type: 'integer', minimum: 1, description: 'Super-admin: the tenant; a tenant admin adds to its own' },
  name: { type: 'string', minLength: 1, maxLength: 64 },
  type: { type: 'string', enum: [...DESTINATION_TYPES], description: `One of ${DESTINATION_TYPES.join(', ')}` },
  value: { type: 'string', minLength: 1, maxLength: 64, description: 'The extension number, module id, or external number' },
  description: { type: 'string', maxLength: 1024 },
} as const;

const toInput = (b: DestinationBody): DestinationInput =>
  Object.fromEntries(
    Object.entries({ tenantId: b.tenant_id, name: b.name, type: b.type, value: b.value, description: b.description }).filter(([, v]) => v !== undefined),
  );

export default async function destinationsRoutes(app: FastifyInstance) {
  const { destinations } = app.services;
  const tags = ['routing'];
  const params = idParams('destination_id');

  app.get<{ Querystring: { tenant_id?: number; name?: string; type?: string } }>(
    '/destination',
    {
      schema: {
        tags,
        summary: 'List routing destinations (a tenant admin sees its own)',
        querystring: listQuery({ tenant_id: { type: 'integer' }, name: { type: 'string' }, type: { type: 'string' } }, ['destination_id', 'name', 'type', 'date_created']),
        response: { 200: arrayOf(destinationSchema), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { tenant_id, ...q } = request.query;
      return sendPage(reply, await destinations.list({ ...q, tenantId: tenant_id }, request.ctx), destinationView);
    },
  );

  app.get<{ Params: { destination_id: number } }>(
    '/destination/:destination_id',
    { schema: { tags, summary: 'Read a routing destination', params, response: { 200: destinationSchema, ...errorResponses } } },
    async (request) => destinationView(await destinations.get(request.params.destination_id, request.ctx)),
  );

  app.post<{ Body: DestinationBody & { name: string; type: string; value: string } }>(
    '/destination',
    {
      schema: {
        tags,
        summary: 'Create a routing destination; answers its destination_id',
        body: { type: 'object', required: ['name', 'type', 'value'], additionalProperties: false, properties: bodyProperties },
        response: { 200: { type: 'integer' }, ...errorResponses },
      },
    },
    async (request) => (await destinations.create(toInput(request.body) as DestinationInput & { name: string; type: string; value: string }, request.ctx)).id,
  );

  app.put<{ Params: { destination_id: number }; Body: DestinationBody }>(
    '/destination/:destination_id',
    {
      schema: {
        tags,
        summary: 'Update a routing destination',
        params,
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties: bodyProperties },
        response: { 200: destinationSchema, ...errorResponses },
      },
    },
    async (request) => destinationView(await destinations.update(request.params.destination_id, toInput(request.body), request.ctx)),
  );

  app.delete<{ Params: { destination_id: number } }>(
    '/destination/:destination_id',
    { schema: { tags, summary: 'Delete a routing destination', params, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await destinations.remove(request.params.destination_id, request.ctx);
      return true;
    },
  );
}
