// /cids: caller-id numbers a tenant may present. The reference lists GET and POST; read, update
// and delete by cid_id complete the set.
import type { FastifyInstance } from 'fastify';
import type { CallerIdInput } from '../../domain/caller-ids/caller-ids.service.ts';
import { arrayOf, errorResponses, idParams, listQuery, sendPage } from './shared.ts';
import { cidSchema, cidView } from './views/did.view.ts';

interface CidBody {
  tenant_id?: number;
  number?: string;
  name?: string;
  description?: string;
  active?: boolean;
}

const bodyProperties = {
  tenant_id: { type: 'integer', minimum: 1, description: 'Super-admin: the tenant; a tenant admin adds to its own' },
  number: { type: 'string', pattern: '^\\+?[0-9]{3,20}$' },
  name: { type: 'string', maxLength: 64, description: 'Caller id name presented with the number' },
  description: { type: 'string', maxLength: 1024 },
  active: { type: 'boolean' },
} as const;

const toInput = (b: CidBody): CallerIdInput =>
  Object.fromEntries(
    Object.entries({ tenantId: b.tenant_id, number: b.number, name: b.name, description: b.description, active: b.active }).filter(([, v]) => v !== undefined),
  );

export default async function callerIdsRoutes(app: FastifyInstance) {
  const { callerIds } = app.services;
  const tags = ['routing'];
  const params = idParams('cid_id');

  app.get<{ Querystring: { tenant_id?: number; number?: string; active?: boolean } }>(
    '/cids',
    {
      schema: {
        tags,
        summary: 'List caller-id numbers (a tenant admin sees its own)',
        querystring: listQuery({ tenant_id: { type: 'integer' }, number: { type: 'string' }, active: { type: 'boolean' } }, ['cid_id', 'number', 'name', 'date_created']),
        response: { 200: arrayOf(cidSchema), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { tenant_id, ...q } = request.query;
      return sendPage(reply, await callerIds.list({ ...q, tenantId: tenant_id }, request.ctx), cidView);
    },
  );

  app.get<{ Params: { cid_id: number } }>(
    '/cids/:cid_id',
    { schema: { tags, summary: 'Read a caller-id number', params, response: { 200: cidSchema, ...errorResponses } } },
    async (request) => cidView(await callerIds.get(request.params.cid_id, request.ctx)),
  );

  app.post<{ Body: CidBody & { number: string } }>(
    '/cids',
    {
      schema: {
        tags,
        summary: 'Add a caller-id number; answers its cid_id (409 when the tenant has it)',
        body: { type: 'object', required: ['number'], additionalProperties: false, properties: bodyProperties },
        response: { 200: { type: 'integer' }, ...errorResponses },
      },
    },
    async (request) => (await callerIds.create(toInput(request.body) as CallerIdInput & { number: string }, request.ctx)).id,
  );

  app.put<{ Params: { cid_id: number }; Body: CidBody }>(
    '/cids/:cid_id',
    {
      schema: {
        tags,
        summary: 'Update a caller-id number',
        params,
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties: bodyProperties },
        response: { 200: cidSchema, ...errorResponses },
      },
    },
    async (request) => cidView(await callerIds.update(request.params.cid_id, toInput(request.body), request.ctx)),
  );

  app.delete<{ Params: { cid_id: number } }>(
    '/cids/:cid_id',
    { schema: { tags, summary: 'Delete a caller-id number', params, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await callerIds.remove(request.params.cid_id, request.ctx);
      return true;
    },
  );
}
