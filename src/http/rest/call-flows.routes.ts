// /call_flows: call flows keyed by call_flow_uuid, in the ICTPBX client's words
// (domain/call-flows/call-flows.schema.ts). call_flow_enabled and call_flow_status answer as
// 'true'/'false' (FusionPBX's text; the client reads `=== 'true'`). Create answers the call flow
// itself, call_flow_uuid included.
import type { FastifyInstance } from 'fastify';
import { CallFlowCreate, CallFlowFilter, CallFlowUpdate, CallFlowView } from '../../domain/call-flows/call-flows.schema.ts';
import { callFlowView } from '../../domain/call-flows/call-flows.service.ts';
import type { CallFlowRecord } from '../../domain/call-flows/call-flows.repository.ts';
import { arrayOf, errorResponses, listQuery, sendPage } from './shared.ts';
import { trueFalseAnswer } from './views/true-false.ts';
import { fromWire, wireSchema } from './wire.ts';

const { schema: callFlowSchema, answer } = trueFalseAnswer<ReturnType<typeof callFlowView>>(CallFlowView);
const callFlowAnswer = (cf: CallFlowRecord) => answer(callFlowView(cf));

const sortable = ['call_flow_uuid', 'call_flow_name', 'call_flow_extension', 'call_flow_enabled', 'date_created'];
const filters = (wireSchema(CallFlowFilter) as { properties: Record<string, object> }).properties;

export default async function callFlowsRoutes(app: FastifyInstance) {
  const { callFlows } = app.services;
  const tags = ['pbx'];
  const params = { type: 'object', required: ['call_flow_uuid'], properties: { call_flow_uuid: { type: 'string', maxLength: 64 } } } as const;

  app.get(
    '/call_flows',
    {
      schema: {
        tags,
        summary: 'List call flows (the super-admin sees all, or one tenant’s with tenant_id; a tenant admin its own)',
        querystring: listQuery(filters, sortable),
        response: { 200: arrayOf(callFlowSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await callFlows.list(fromWire(request.query), request.ctx), callFlowAnswer),
  );

  app.get<{ Params: { call_flow_uuid: string } }>(
    '/call_flows/:call_flow_uuid',
    { schema: { tags, summary: 'Read a call flow', params, response: { 200: callFlowSchema, ...errorResponses } } },
    async (request) => callFlowAnswer(await callFlows.get(request.params.call_flow_uuid, request.ctx)),
  );

  app.post(
    '/call_flows',
    {
      schema: {
        tags,
        summary: 'Create a call flow; answers it (with its call_flow_uuid), 409 when its number or toggle code is in use',
        body: wireSchema(CallFlowCreate),
        response: { 200: callFlowSchema, ...errorResponses },
      },
    },
    async (request) => callFlowAnswer(await callFlows.create(fromWire(request.body), request.ctx)),
  );

  app.put<{ Params: { call_flow_uuid: string } }>(
    '/call_flows/:call_flow_uuid',
    {
      schema: {
        tags,
        summary: 'Update a call flow (the object as read, with the edits; call_flow_status sets the state); 409 when renumbering one something points at',
        params,
        body: wireSchema(CallFlowUpdate),
        response: { 200: callFlowSchema, ...errorResponses },
      },
    },
    async (request) => callFlowAnswer(await callFlows.update(request.params.call_flow_uuid, fromWire(request.body), request.ctx)),
  );

  app.delete<{ Params: { call_flow_uuid: string } }>(
    '/call_flows/:call_flow_uuid',
    { schema: { tags, summary: 'Delete a call flow (409 while a DID or another destination points at it)', params, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await callFlows.remove(request.params.call_flow_uuid, request.ctx);
      return true;
    },
  );
}
