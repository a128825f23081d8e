// /dids: DID numbers, ICTCore's accounts of type "did" (/dids/:account_id). The super-admin creates
// DIDs and assigns them to tenants; a tenant admin routes its own. Bodies and answers are the DID
// schema (domain/dids/dids.schema.ts) in the ICTPBX client's words.
import type { FastifyInstance } from 'fastify';
import { didView } from '../../domain/dids/dids.service.ts';
import { DidAssign, DidCreate, DidFilter, DidUpdate, DidView } from '../../domain/dids/dids.schema.ts';
import type { DidRecord } from '../../domain/dids/dids.repository.ts';
import { arrayOf, errorResponses, idParams, listQuery, sendPage } from './shared.ts';
import { fromWire, toWire, wireAnswer, wireSchema } from './wire.ts';

/** ICTCore's accounts answer `active` as 1 or 0. */
export const didAnswer = (d: DidRecord) => ({ ...toWire(didView(d)), active: d.active ? 1 : 0 });
const didSchema = wireAnswer(DidView, { active: { type: 'integer', enum: [0, 1] } });

export default async function didsRoutes(app: FastifyInstance) {
  const { dids } = app.services;
  const tags = ['routing'];
  const params = idParams('account_id');

  app.get(
    '/dids',
    {
      schema: {
        tags,
        summary: 'List DIDs (a tenant admin sees its own)',
        querystring: listQuery((wireSchema(DidFilter) as { properties: Record<string, object> }).properties, ['account_id', 'phone', 'first_name', 'tenant_id', 'date_created']),
        response: { 200: arrayOf(didSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await dids.list(fromWire(request.query), request.ctx), didAnswer),
  );

  app.get<{ Params: { account_id: number } }>(
    '/dids/:account_id',
    { schema: { tags, summary: 'Read a DID', params, response: { 200: didSchema, ...errorResponses } } },
    async (request) => didAnswer(await dids.get(request.params.account_id, request.ctx)),
  );

  app.post(
    '/dids',
    {
      schema: {
        tags,
        summary: 'Create a DID; answers its account_id (409 when the number exists)',
        body: wireSchema(DidCreate),
        response: { 200: { type: 'integer' }, ...errorResponses },
      },
    },
    async (request) => (await dids.create(fromWire(request.body), request.ctx)).id,
  );

  app.put<{ Params: { account_id: number } }>(
    '/dids/:account_id',
    {
      schema: { tags, summary: 'Update a DID (number, provider and tenant: super-admin only)', params, body: wireSchema(DidUpdate), response: { 200: didSchema, ...errorResponses } },
    },
    async (request) => didAnswer(await dids.update(request.params.account_id, fromWire(request.body), request.ctx)),
  );

  app.put<{ Params: { account_id: number } }>(
    '/dids/:account_id/assign',
    {
      schema: {
        tags,
        summary: 'Assign a DID to a tenant (super-admin; a new tenant clears the destination unless one is given) and/or set its destination',
        params,
        body: wireSchema(DidAssign),
        response: { 200: didSchema, ...errorResponses },
      },
    },
    async (request) => didAnswer(await dids.assign(request.params.account_id, fromWire(request.body), request.ctx)),
  );

  app.delete<{ Params: { account_id: number } }>(
    '/dids/:account_id',
    { schema: { tags, summary: 'Delete a DID', params, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await dids.remove(request.params.account_id, request.ctx);
      return true;
    },
  );
}
