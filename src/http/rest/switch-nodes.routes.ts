// /switch_nodes: the FreeSWITCH nodes Switchyard controls over the Event Socket (super-admin).
// Bodies and answers are the switch-node schema (domain/switch-nodes/switch-nodes.schema.ts) in the
// API's words; `enabled` is answered 1/0 as ICTCore answers its flags. The password is write-only;
// a change is applied to the live connections at once.
import type { FastifyInstance } from 'fastify';
import { SwitchNodeCreate, SwitchNodeFilter, SwitchNodeUpdate, SwitchNodeView } from '../../domain/switch-nodes/switch-nodes.schema.ts';
import { switchNodeView, type SwitchNode } from '../../domain/switch-nodes/switch-nodes.service.ts';
import { arrayOf, errorResponses, idParams, listQuery, sendPage } from './shared.ts';
import { fromWire, toWire, wireAnswer, wireSchema } from './wire.ts';

const switchNodeAnswer = (n: SwitchNode) => ({ ...toWire(switchNodeView(n)), enabled: n.enabled ? 1 : 0 });
const switchNodeSchema = wireAnswer(SwitchNodeView, { enabled: { type: 'integer', enum: [0, 1] } });

export default async function switchNodesRoutes(app: FastifyInstance) {
  const { switchNodes } = app.services;
  const tags = ['admin'];
  const params = idParams('switch_node_id');

  app.get(
    '/switch_nodes',
    {
      schema: {
        tags,
        summary: 'List FreeSWITCH nodes with their Event Socket state',
        querystring: listQuery((wireSchema(SwitchNodeFilter) as { properties: Record<string, object> }).properties, ['switch_node_id', 'name', 'host', 'date_created']),
        response: { 200: arrayOf(switchNodeSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await switchNodes.list(fromWire(request.query), request.ctx), switchNodeAnswer),
  );

  app.get<{ Params: { switch_node_id: number } }>(
    '/switch_nodes/:switch_node_id',
    { schema: { tags, summary: 'A FreeSWITCH node and its Event Socket state', params, response: { 200: switchNodeSchema, ...errorResponses } } },
    async (request) => switchNodeAnswer(await switchNodes.get(request.params.switch_node_id, request.ctx)),
  );

  app.post(
    '/switch_nodes',
    {
      schema: {
        tags,
        summary: 'Add a FreeSWITCH node; Switchyard connects to it at once. Returns the new switch_node_id.',
        body: wireSchema(SwitchNodeCreate),
        response: { 200: { type: 'integer' }, ...errorResponses },
      },
    },
    async (request) => (await switchNodes.create(fromWire(request.body), request.ctx)).id,
  );

  app.put<{ Params: { switch_node_id: number } }>(
    '/switch_nodes/:switch_node_id',
    {
      schema: {
        tags,
        summary: 'Update a FreeSWITCH node; its connection is re-established with the new settings',
        params,
        body: wireSchema(SwitchNodeUpdate),
        response: { 200: switchNodeSchema, ...errorResponses },
      },
    },
    async (request) => switchNodeAnswer(await switchNodes.update(request.params.switch_node_id, fromWire(request.body), request.ctx)),
  );

  app.delete<{ Params: { switch_node_id: number } }>(
    '/switch_nodes/:switch_node_id',
    { schema: { tags, summary: 'Remove a FreeSWITCH node and close its connection', params, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await switchNodes.remove(request.params.switch_node_id, request.ctx);
      return true;
    },
  );
}
