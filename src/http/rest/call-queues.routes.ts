// /call_queues: call queues with FusionPBX's names as the ICTPBX client has them
// (domain/call-queues/call-queues.schema.ts), their agents in `agents`. Flags answer as JS
// booleans: the client's list reads `=== true || === 'true'` and its form binds nb-checkboxes to
// them. Create and update answer the queue (its call_center_queue_uuid); delete answers true.
// Switchyard's addition: PUT /call_queues/:uuid/agents/:agent_uuid/status sets an agent's status.
import type { FastifyInstance } from 'fastify';
import { AgentStatusInput, CallQueueCreate, CallQueueFilter, CallQueueUpdate, CallQueueView } from '../../domain/call-queues/call-queues.schema.ts';
import { callQueueView } from '../../domain/call-queues/call-queues.service.ts';
import type { CallQueueRecord } from '../../domain/call-queues/call-queues.repository.ts';
import { arrayOf, errorResponses, listQuery, sendPage } from './shared.ts';
import { fromWire, toWire, wireSchema } from './wire.ts';

const queueSchema = wireSchema(CallQueueView);
const answer = (q: CallQueueRecord) => toWire(callQueueView(q));
const sortable = ['queue_name', 'queue_extension', 'queue_strategy', 'call_center_queue_uuid', 'date_created', 'queue_enabled'];
const filters = (wireSchema(CallQueueFilter) as { properties: Record<string, object> }).properties;

export default async function callQueuesRoutes(app: FastifyInstance) {
  const { callQueues } = app.services;
  const tags = ['pbx'];
  const uuid = { type: 'string', maxLength: 64 } as const;
  const params = { type: 'object', required: ['call_center_queue_uuid'], properties: { call_center_queue_uuid: uuid } } as const;
  const agentParams = { type: 'object', required: ['call_center_queue_uuid', 'call_center_agent_uuid'], properties: { call_center_queue_uuid: uuid, call_center_agent_uuid: uuid } } as const;

  app.get(
    '/call_queues',
    {
      schema: {
        tags,
        summary: 'List call queues (the super-admin sees all, or one tenant’s with tenant_id; a tenant admin its own)',
        querystring: listQuery(filters, sortable),
        response: { 200: arrayOf(queueSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await callQueues.list(fromWire(request.query), request.ctx), answer),
  );

  app.get<{ Params: { call_center_queue_uuid: string } }>(
    '/call_queues/:call_center_queue_uuid',
    { schema: { tags, summary: 'Read a call queue, with its agents', params, response: { 200: queueSchema, ...errorResponses } } },
    async (request) => answer(await callQueues.get(request.params.call_center_queue_uuid, request.ctx)),
  );

  app.post(
    '/call_queues',
    {
      schema: {
        tags,
        summary: 'Create a call queue; answers it (with its call_center_queue_uuid), 409 when its number is in use in the tenant',
        body: wireSchema(CallQueueCreate),
        response: { 200: queueSchema, ...errorResponses },
      },
    },
    async (request) => answer(await callQueues.create(fromWire(request.body), request.ctx)),
  );

  app.put<{ Params: { call_center_queue_uuid: string } }>(
    '/call_queues/:call_center_queue_uuid',
    {
      schema: {
        tags,
        summary: 'Update a call queue (the object as read, with the edits; agents, when sent, replace its agents)',
        params,
        body: wireSchema(CallQueueUpdate),
        response: { 200: queueSchema, ...errorResponses },
      },
    },
    async (request) => answer(await callQueues.update(request.params.call_center_queue_uuid, fromWire(request.body), request.ctx)),
  );

  app.put<{ Params: { call_center_queue_uuid: string; call_center_agent_uuid: string } }>(
    '/call_queues/:call_center_queue_uuid/agents/:call_center_agent_uuid/status',
    {
      schema: {
        tags,
        summary: 'Set an agent’s status (Available, Available (On Demand), On Break, Logged Out); mod_callcenter is told at once. Answers the queue',
        params: agentParams,
        body: wireSchema(AgentStatusInput),
        response: { 200: queueSchema, ...errorResponses },
      },
    },
    async (request) =>
      answer(await callQueues.setAgentStatus(request.params.call_center_queue_uuid, request.params.call_center_agent_uuid, fromWire(request.body), request.ctx)),
  );

  app.delete<{ Params: { call_center_queue_uuid: string } }>(
    '/call_queues/:call_center_queue_uuid',
    { schema: { tags, summary: 'Delete a call queue (409 while a DID or another destination points at it)', params, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await callQueues.remove(request.params.call_center_queue_uuid, request.ctx);
      return true;
    },
  );
}
