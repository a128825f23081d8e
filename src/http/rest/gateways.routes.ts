// /gateways: the PBX projection of providers (the same rows, FusionPBX's v_gateways names as the
// ICTPBX client's gateway screens have them, addressed by gateway_uuid;
// domain/providers/providers.schema.ts). Booleans answer as FusionPBX's 'true'/'false'. Create
// answers the new gateway_uuid (a bare JSON string, as ICTPBX's server does).
import type { FastifyInstance } from 'fastify';
import { GatewayCreate, GatewayFilter, GatewayUpdate, GatewayView } from '../../domain/providers/providers.schema.ts';
import { gatewayView, type Provider } from '../../domain/providers/providers.service.ts';
import { arrayOf, errorResponses, listQuery, sendJsonString, sendPage } from './shared.ts';
import { trueFalseAnswer } from './views/true-false.ts';
import { fromWire, wireSchema } from './wire.ts';

const { schema: gatewaySchema, answer } = trueFalseAnswer<ReturnType<typeof gatewayView>>(GatewayView);
const gatewayAnswer = (p: Provider) => answer(gatewayView(p));

export default async function gatewaysRoutes(app: FastifyInstance) {
  const { providers } = app.services;
  const tags = ['routing'];
  const params = { type: 'object', required: ['gateway_uuid'], properties: { gateway_uuid: { type: 'string', maxLength: 64 } } } as const;

  app.get(
    '/gateways',
    {
      schema: {
        tags,
        summary: 'List gateways (the providers, FusionPBX names)',
        querystring: listQuery((wireSchema(GatewayFilter) as { properties: Record<string, object> }).properties, ['gateway', 'gateway_uuid', 'date_created']),
        response: { 200: arrayOf(gatewaySchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await providers.listGateways(fromWire(request.query), request.ctx), gatewayAnswer),
  );

  app.get<{ Params: { gateway_uuid: string } }>(
    '/gateways/:gateway_uuid',
    { schema: { tags, summary: 'Read a gateway (never its password)', params, response: { 200: gatewaySchema, ...errorResponses } } },
    async (request) => gatewayAnswer(await providers.getByGatewayUuid(request.params.gateway_uuid, request.ctx)),
  );

  app.post(
    '/gateways',
    {
      schema: {
        tags,
        summary: 'Create a gateway (a provider); answers the new gateway_uuid. Without a proxy, the realm is the host',
        body: wireSchema(GatewayCreate),
        response: { 200: { type: 'string' }, ...errorResponses },
      },
    },
    async (request, reply) => sendJsonString(reply, (await providers.createGateway(fromWire(request.body), request.ctx)).gatewayUuid),
  );

  app.put<{ Params: { gateway_uuid: string } }>(
    '/gateways/:gateway_uuid',
    {
      schema: { tags, summary: 'Update a gateway (the object as read, with the edits)', params, body: wireSchema(GatewayUpdate), response: { 200: gatewaySchema, ...errorResponses } },
    },
    async (request) => gatewayAnswer(await providers.updateGateway(request.params.gateway_uuid, fromWire(request.body), request.ctx)),
  );

  app.delete<{ Params: { gateway_uuid: string } }>(
    '/gateways/:gateway_uuid',
    { schema: { tags, summary: 'Delete a gateway (409 while outbound routes use it)', params, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await providers.removeByGatewayUuid(request.params.gateway_uuid, request.ctx);
      return true;
    },
  );
}
