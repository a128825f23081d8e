// /cids: caller ids a tenant may present, ICTCore's accounts of type "cid" (/cids/:account_id;
// the ICTPBX client edits them through /accounts/:account_id). Bodies and answers are the caller-id
// schema (domain/caller-ids/caller-ids.schema.ts) in the ICTPBX client's words.
import type { FastifyInstance } from 'fastify';
import type { CallerIdRecord } from '../../domain/caller-ids/caller-ids.repository.ts';
import { CallerIdCreate, CallerIdFilter, CallerIdUpdate, CallerIdView } from '../../domain/caller-ids/caller-ids.schema.ts';
import { callerIdView } from '../../domain/caller-ids/caller-ids.service.ts';
import { arrayOf, errorResponses, idParams, listQuery, sendPage } from './shared.ts';
import { fromWire, toWire, wireAnswer, wireSchema } from './wire.ts';

/** ICTCore's accounts answer `active` as 1 or 0. */
export const callerIdAnswer = (c: CallerIdRecord) => ({ ...toWire(callerIdView(c)), active: c.active ? 1 : 0 });
const cidSchema = wireAnswer(CallerIdView, { active: { type: 'integer', enum: [0, 1] } });

export default async function callerIdsRoutes(app: FastifyInstance) {
  const { callerIds } = app.services;
  const tags = ['routing'];
  const params = idParams('account_id');

  app.get(
    '/cids',
    {
      schema: {
        tags,
        summary: 'List caller ids (a tenant admin sees its own)',
        querystring: listQuery((wireSchema(CallerIdFilter) as { properties: Record<string, object> }).properties, ['account_id', 'phone', 'first_name', 'date_created']),
        response: { 200: arrayOf(cidSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await callerIds.list(fromWire(request.query), request.ctx), callerIdAnswer),
  );

  app.get<{ Params: { account_id: number } }>(
    '/cids/:account_id',
    { schema: { tags, summary: 'Read a caller id', params, response: { 200: cidSchema, ...errorResponses } } },
    async (request) => callerIdAnswer(await callerIds.get(request.params.account_id, request.ctx)),
  );

  app.post(
    '/cids',
    {
      schema: { tags, summary: 'Add a caller id; answers its account_id (409 when the tenant has it)', body: wireSchema(CallerIdCreate), response: { 200: { type: 'integer' }, ...errorResponses } },
    },
    async (request) => (await callerIds.create(fromWire(request.body), request.ctx)).id,
  );

  app.put<{ Params: { account_id: number } }>(
    '/cids/:account_id',
    { schema: { tags, summary: 'Update a caller id', params, body: wireSchema(CallerIdUpdate), response: { 200: cidSchema, ...errorResponses } } },
    async (request) => callerIdAnswer(await callerIds.update(request.params.account_id, fromWire(request.body), request.ctx)),
  );

  app.delete<{ Params: { account_id: number } }>(
    '/cids/:account_id',
    { schema: { tags, summary: 'Delete a caller id', params, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await callerIds.remove(request.params.account_id, request.ctx);
      return true;
    },
  );
}
