// /inbound_routes: the DIDs that go somewhere, in FusionPBX's names as the ICTPBX client has them
// (domain/inbound-routes/inbound-routes.schema.ts), keyed by destination_uuid (the DID's uuid).
// destination_enabled answers as 'true'/'false' (the client reads `=== 'true' || === true`).
// Create and update answer the route; delete answers true (the client reads every answer as JSON).
import type { FastifyInstance } from 'fastify';
import { InboundRouteCreate, InboundRouteFilter, InboundRouteUpdate, InboundRouteView } from '../../domain/inbound-routes/inbound-routes.schema.ts';
import { inboundRouteView, type RoutedDid } from '../../domain/inbound-routes/inbound-routes.service.ts';
import { arrayOf, errorResponses, listQuery, sendPage } from './shared.ts';
import { trueFalseAnswer } from './views/true-false.ts';
import { fromWire, wireSchema } from './wire.ts';

const { schema: routeSchema, answer } = trueFalseAnswer<ReturnType<typeof inboundRouteView>>(InboundRouteView);
const routeAnswer = (d: RoutedDid) => answer(inboundRouteView(d));

const sortable = ['destination_number', 'destination_uuid', 'destination_enabled', 'date_created'];
const filters = (wireSchema(InboundRouteFilter) as { properties: Record<string, object> }).properties;

export default async function inboundRoutesRoutes(app: FastifyInstance) {
  const { inboundRoutes } = app.services;
  const tags = ['pbx'];
  const params = { type: 'object', required: ['destination_uuid'], properties: { destination_uuid: { type: 'string', maxLength: 64 } } } as const;

  app.get(
    '/inbound_routes',
    {
      schema: {
        tags,
        summary: 'List inbound routes: the routed DIDs (a tenant admin sees its tenant’s; the super-admin every one, or one tenant’s with tenant_id)',
        querystring: listQuery(filters, sortable),
        response: { 200: arrayOf(routeSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await inboundRoutes.list(fromWire(request.query), request.ctx), routeAnswer),
  );

  app.get<{ Params: { destination_uuid: string } }>(
    '/inbound_routes/:destination_uuid',
    { schema: { tags, summary: 'Read an inbound route', params, response: { 200: routeSchema, ...errorResponses } } },
    async (request) => routeAnswer(await inboundRoutes.get(request.params.destination_uuid, request.ctx)),
  );

  app.post(
    '/inbound_routes',
    {
      schema: {
        tags,
        summary: 'Route a DID of the tenant to a destination (the super-admin may name a new number or one in stock: the DID is created or assigned)',
        body: wireSchema(InboundRouteCreate),
        response: { 200: routeSchema, ...errorResponses },
      },
    },
    async (request) => routeAnswer(await inboundRoutes.create(fromWire(request.body), request.ctx)),
  );

  app.put<{ Params: { destination_uuid: string } }>(
    '/inbound_routes/:destination_uuid',
    {
      schema: {
        tags,
        summary: 'Update an inbound route (the object as read, with the edits): its destination, caller-id name prefix, description, enabled',
        params,
        body: wireSchema(InboundRouteUpdate),
        response: { 200: routeSchema, ...errorResponses },
      },
    },
    async (request) => routeAnswer(await inboundRoutes.update(request.params.destination_uuid, fromWire(request.body), request.ctx)),
  );

  app.delete<{ Params: { destination_uuid: string } }>(
    '/inbound_routes/:destination_uuid',
    { schema: { tags, summary: 'Delete an inbound route: the DID stays the tenant’s, with no destination', params, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await inboundRoutes.remove(request.params.destination_uuid, request.ctx);
      return true;
    },
  );
}
