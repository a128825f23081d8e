// /call_block: call blocks, FusionPBX's names as the ICTPBX client has them
// (domain/call-blocks/call-blocks.schema.ts), keyed by call_block_uuid. call_block_enabled answers
// as 'true'/'false' (FusionPBX's text; the client reads `=== 'true' || === true`). Create and update
// answer the block; delete answers true (the client reads every answer as JSON).
import type { FastifyInstance } from 'fastify';
import type { CallBlockRecord } from '../../domain/call-blocks/call-blocks.repository.ts';
import { CallBlockCreate, CallBlockFilter, CallBlockUpdate, CallBlockView } from '../../domain/call-blocks/call-blocks.schema.ts';
import { callBlockView } from '../../domain/call-blocks/call-blocks.service.ts';
import { arrayOf, errorResponses, listQuery, sendPage } from './shared.ts';
import { trueFalseAnswer } from './views/true-false.ts';
import { fromWire, wireSchema } from './wire.ts';

const { schema: callBlockSchema, answer } = trueFalseAnswer<ReturnType<typeof callBlockView>>(CallBlockView);
const callBlockAnswer = (b: CallBlockRecord) => answer(callBlockView(b));

const sortable = ['call_block_uuid', 'call_block_name', 'call_block_number', 'call_block_action', 'call_block_enabled', 'date_created'];
const filters = (wireSchema(CallBlockFilter) as { properties: Record<string, object> }).properties;

export default async function callBlocksRoutes(app: FastifyInstance) {
  const { callBlocks } = app.services;
  const tags = ['pbx'];
  const params = { type: 'object', required: ['call_block_uuid'], properties: { call_block_uuid: { type: 'string', maxLength: 64 } } } as const;

  app.get(
    '/call_block',
    {
      schema: {
        tags,
        summary: 'List call blocks (a tenant admin sees its tenant’s; the super-admin every one, or one tenant’s with tenant_id)',
        querystring: listQuery(filters, sortable),
        response: { 200: arrayOf(callBlockSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await callBlocks.list(fromWire(request.query), request.ctx), callBlockAnswer),
  );

  app.get<{ Params: { call_block_uuid: string } }>(
    '/call_block/:call_block_uuid',
    { schema: { tags, summary: 'Read a call block', params, response: { 200: callBlockSchema, ...errorResponses } } },
    async (request) => callBlockAnswer(await callBlocks.get(request.params.call_block_uuid, request.ctx)),
  );

  app.post(
    '/call_block',
    {
      schema: {
        tags,
        summary: 'Create a call block: a caller number and/or caller-id name pattern and an action, applied to the tenant’s inbound calls first',
        body: wireSchema(CallBlockCreate),
        response: { 200: callBlockSchema, ...errorResponses },
      },
    },
    async (request) => callBlockAnswer(await callBlocks.create(fromWire(request.body), request.ctx)),
  );

  app.put<{ Params: { call_block_uuid: string } }>(
    '/call_block/:call_block_uuid',
    {
      schema: { tags, summary: 'Update a call block (the object as read, with the edits)', params, body: wireSchema(CallBlockUpdate), response: { 200: callBlockSchema, ...errorResponses } },
    },
    async (request) => callBlockAnswer(await callBlocks.update(request.params.call_block_uuid, fromWire(request.body), request.ctx)),
  );

  app.delete<{ Params: { call_block_uuid: string } }>(
    '/call_block/:call_block_uuid',
    { schema: { tags, summary: 'Delete a call block', params, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await callBlocks.remove(request.params.call_block_uuid, request.ctx);
      return true;
    },
  );
}
