// /routes: outbound routes as ICTCore has them (to a destination, through a provider, for a
// service), with Switchyard's pattern routes, bulk create and CSV import/export. Bodies and
// answers are the route schema (domain/routes/routes.schema.ts) in the ICTPBX client's words. A
// CSV import takes a raw text/csv body or JSON {"csv": "..."}; every row is validated and nothing
// is imported when any row is invalid, unless ?partial=true.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RouteRecord } from '../../domain/routes/routes.repository.ts';
import { RouteCreate, RouteFilter, RouteUpdate, RouteView } from '../../domain/routes/routes.schema.ts';
import { routeView } from '../../domain/routes/routes.service.ts';
import { arrayOf, errorResponses, idParams, listQuery, sendJsonString, sendPage } from './shared.ts';
import { fromWire, toWire, wireAnswer, wireSchema } from './wire.ts';

/** ICTCore answers `active` as 1 or 0. */
export const routeAnswer = (r: RouteRecord) => ({ ...toWire(routeView(r)), active: r.active ? 1 : 0 });
const routeSchema = wireAnswer(RouteView, { active: { type: 'integer', enum: [0, 1] } });

const filters = (wireSchema(RouteFilter) as { properties: Record<string, object> }).properties;
const exportFilters = { type: 'object', additionalProperties: false, properties: filters } as const;

const csvBody = {
  anyOf: [
    { type: 'string', minLength: 1, description: 'text/csv' },
    { type: 'object', required: ['csv'], properties: { csv: { type: 'string', minLength: 1 } } },
  ],
} as const;

const importResult = {
  type: 'object',
  properties: {
    created: { type: 'array', items: { type: 'integer' }, description: 'route_ids created' },
    updated: { type: 'array', items: { type: 'integer' }, description: 'route_ids updated (rows with a route_id)' },
    unchanged: { type: 'array', items: { type: 'integer' }, description: 'route_ids whose row equals the stored route (left alone)' },
    errors: {
      type: 'array',
      description: 'Rows left out (only with partial=true)',
      items: { type: 'object', properties: { line: { type: 'integer' }, field: { type: 'string' }, message: { type: 'string' } } },
    },
  },
} as const;

const partialQuery = { type: 'object', additionalProperties: false, properties: { partial: { type: 'boolean' } } } as const;
const csvResponse = { 200: { type: 'string', description: 'text/csv (RFC 4180)' }, ...errorResponses };

function sendCsv(reply: FastifyReply, name: string, csv: string) {
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(csv);
}

export default async function routesRoutes(app: FastifyInstance) {
  const { routes } = app.services;
  const tags = ['routing'];
  const params = idParams('route_id');
  const csvText = (body: string | { csv: string }) => (typeof body === 'string' ? body : body.csv);

  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.get(
    '/routes',
    {
      schema: {
        tags,
        summary: 'List outbound routes with their destination, prefix, provider and service (a tenant sees its own and the shared ones); ?route_id= reads one',
        querystring: listQuery(filters, ['route_id', 'name', 'destination_id', 'pattern', 'priority', 'cost', 'provider_id', 'date_created']),
        response: { 200: arrayOf(routeSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await routes.list(fromWire(request.query), request.ctx), routeAnswer),
  );

  app.get(
    '/routes/csv',
    { schema: { tags, summary: 'Export the outbound routes in reach as CSV', querystring: exportFilters, response: csvResponse } },
    async (request, reply) => sendCsv(reply, 'routes.csv', await routes.exportCsv(fromWire(request.query), request.ctx)),
  );

  app.get(
    '/routes/sample/csv',
    { schema: { tags, summary: 'A sample route CSV with every column', response: csvResponse } },
    async (_request, reply) => sendCsv(reply, 'routes-sample.csv', routes.sampleCsv()),
  );

  app.get<{ Params: { service_flag: number; provider_id: number } }>(
    '/routes/:service_flag/:provider_id/csv',
    { schema: { tags, summary: 'Export the routes of one service (bitwise) and provider as CSV', params: idParams('service_flag', 'provider_id'), response: csvResponse } },
    async (request, reply) => {
      const { service_flag, provider_id } = request.params;
      return sendCsv(reply, `routes-${service_flag}-${provider_id}.csv`, await routes.exportCsv({ serviceFlag: service_flag, providerId: provider_id }, request.ctx));
    },
  );

  app.post<{ Querystring: { partial?: boolean }; Body: string | { csv: string } }>(
    '/routes/csv',
    {
      schema: {
        tags,
        summary: 'Import routes from CSV (text/csv body or {"csv": "..."}); rows with a route_id update that route. All or nothing unless ?partial=true',
        querystring: partialQuery,
        body: csvBody,
        response: { 200: importResult, ...errorResponses },
      },
    },
    async (request) => routes.importCsv(csvText(request.body), { partial: request.query.partial }, request.ctx),
  );

  app.post<{ Params: { service_flag: number; provider_id: number }; Querystring: { partial?: boolean }; Body: string | { csv: string } }>(
    '/routes/:service_flag/:provider_id/csv',
    {
      schema: {
        tags,
        summary: 'Import routes for one service and provider: blank service_flag and provider_id cells take these values, other values are errors',
        params: idParams('service_flag', 'provider_id'),
        querystring: partialQuery,
        body: csvBody,
        response: { 200: importResult, ...errorResponses },
      },
    },
    async (request) => {
      const { service_flag, provider_id } = request.params;
      return routes.importCsv(csvText(request.body), { partial: request.query.partial, serviceFlag: service_flag, providerId: provider_id }, request.ctx);
    },
  );

  app.post<{ Body: unknown[] }>(
    '/routes/bulk',
    {
      schema: {
        tags,
        summary: 'Create several routes at once (the ICTPBX route form: one per destination picked), all or none; answers "<n> Routes added." (problems are reported per index)',
        // Each item is checked whole by the service, so every problem of every item is reported.
        body: { type: 'array', minItems: 1, maxItems: 10000, items: { type: 'object' } },
        response: { 200: { type: 'string' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await routes.bulkCreate(request.body.map((item) => fromWire(item)), request.ctx);
      return sendJsonString(reply, `${created.length} Routes added.`);
    },
  );

  app.get<{ Params: { route_id: number } }>(
    '/routes/:route_id',
    { schema: { tags, summary: 'Read an outbound route', params, response: { 200: routeSchema, ...errorResponses } } },
    async (request) => routeAnswer(await routes.get(request.params.route_id, request.ctx)),
  );

  app.post(
    '/routes',
    {
      schema: {
        tags,
        summary: 'Create an outbound route (to a destination_id, or with a pattern); answers the new route_id',
        body: wireSchema(RouteCreate),
        response: { 200: { type: 'integer' }, ...errorResponses },
      },
    },
    async (request) => (await routes.create(fromWire(request.body), request.ctx)).id,
  );

  app.put<{ Params: { route_id: number } }>(
    '/routes/:route_id',
    {
      schema: {
        tags,
        summary: 'Update an outbound route (naming a destination clears the pattern, and a pattern the destination)',
        params,
        body: wireSchema(RouteUpdate),
        response: { 200: routeSchema, ...errorResponses },
      },
    },
    async (request) => routeAnswer(await routes.update(request.params.route_id, fromWire(request.body), request.ctx)),
  );

  app.delete<{ Params: { route_id: number } }>(
    '/routes/:route_id',
    { schema: { tags, summary: 'Delete an outbound route', params, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await routes.remove(request.params.route_id, request.ctx);
      return true;
    },
  );
}
