// /switch_nodes: the FreeSWITCH nodes Switchyard controls over the Event Socket (super-admin).
// The password is write-only; a change is applied to the live connections at once.
import type { FastifyInstance } from 'fastify';
import type { SwitchNodeInput } from '../../domain/switch-nodes/switch-nodes.service.ts';
import { arrayOf, errorResponses, idParams, listQuery, sendPage } from './shared.ts';
import { switchNodeSchema, switchNodeView } from './views/switch-node.view.ts';

interface SwitchNodeBody {
  name?: string;
  host?: string;
  port?: number;
  password?: string;
  enabled?: boolean;
}

const bodyProperties = {
  name: { type: 'string', minLength: 1, maxLength: 64, description: 'Unique; names the node in events and CDRs' },
  host: { type: 'string', minLength: 1, maxLength: 253, description: 'Host name or IP address of the Event Socket' },
  port: { type: 'integer', minimum: 1, maximum: 65535, description: 'Event Socket port (default 8021)' },
  password: { type: 'string', minLength: 1, maxLength: 128, description: 'Event Socket password; write-only, stored encrypted' },
  enabled: { type: 'boolean' },
} as const;

const toInput = (b: SwitchNodeBody): SwitchNodeInput =>
  Object.fromEntries(Object.entries({ name: b.name, host: b.host, port: b.port, password: b.password, enabled: b.enabled }).filter(([, v]) => v !== undefined));

export default async function switchNodesRoutes(app: FastifyInstance) {
  const { switchNodes } = app.services;
  const tags = ['admin'];
  const params = idParams('switch_node_id');

  app.get<{ Querystring: { name?: string; host?: string; enabled?: boolean } }>(
    '/switch_nodes',
    {
      schema: {
        tags,
        summary: 'List FreeSWITCH nodes with their Event Socket state',
        querystring: listQuery({ name: { type: 'string' }, host: { type: 'string' }, enabled: { type: 'boolean' } }, ['switch_node_id', 'name', 'host', 'date_created']),
        response: { 200: arrayOf(switchNodeSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await switchNodes.list(request.query, request.ctx), switchNodeView),
  );

  app.get<{ Params: { switch_node_id: number } }>(
    '/switch_nodes/:switch_node_id',
    { schema: { tags, summary: 'A FreeSWITCH node and its Event Socket state', params, response: { 200: switchNodeSchema, ...errorResponses } } },
    async (request) => switchNodeView(await switchNodes.get(request.params.switch_node_id, request.ctx)),
  );

  app.post<{ Body: SwitchNodeBody & { name: string; host: string; password: string } }>(
    '/switch_nodes',
    {
      schema: {
        tags,
        summary: 'Add a FreeSWITCH node; Switchyard connects to it at once. Returns the new switch_node_id.',
        body: { type: 'object', required: ['name', 'host', 'password'], additionalProperties: false, properties: bodyProperties },
        response: { 200: { type: 'integer' }, ...errorResponses },
      },
    },
    async (request) => (await switchNodes.create(toInput(request.body) as SwitchNodeInput & { name: string; host: string; password: string }, request.ctx)).id,
  );

  app.put<{ Params: { switch_node_id: number }; Body: SwitchNodeBody }>(
    '/switch_nodes/:switch_node_id',
    {
      schema: {
        tags,
        summary: 'Update a FreeSWITCH node; its connection is re-established with the new settings',
        params,
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties: bodyProperties },
        response: { 200: switchNodeSchema, ...errorResponses },
      },
    },
    async (request) => switchNodeView(await switchNodes.update(request.params.switch_node_id, toInput(request.body), request.ctx)),
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
