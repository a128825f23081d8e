// /routes: outbound routes, with bulk create and CSV import/export. A CSV import takes a raw
// text/csv body or JSON {"csv": "..."}; every row is validated and nothing is imported when any
// row is invalid, unless ?partial=true.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RouteInput } from '../../domain/routes/routes.service.ts';
import { arrayOf, errorResponses, idParams, listQuery, sendPage } from './shared.ts';
import { routeSchema, routeView } from './views/route.view.ts';

interface RouteBody {
  tenant_id?: number | null;
  name?: string;
  pattern?: string;
  strip?: number;
  prepend?: string;
  priority?: number;
  provider_id?: number;
  service_flag?: number;
  toll_type?: string;
  cost?: number;
  active?: boolean;
  description?: string;
}

const bodyProperties = {
  tenant_id: { type: ['integer', 'null'], minimum: 1, description: 'Super-admin: the owning tenant, or null/omitted for a shared route' },
  name: { type: 'string', minLength: 1, maxLength: 64 },
  pattern: { type: 'string', minLength: 1, maxLength: 256, description: 'Regular expression (PCRE/JavaScript) the dialled number must match' },
  strip: { type: 'integer', minimum: 0, maximum: 32, description: 'Leading digits to remove' },
  prepend: { type: 'string', maxLength: 16, description: 'Digits to add in front after stripping' },
  priority: { type: 'integer', minimum: 0, maximum: 10000, description: 'Lower first; equal patterns fail over in priority order' },
  provider_id: { type: 'integer', minimum: 1 },
  service_flag: { type: 'integer', minimum: 1, maximum: 255 },
  toll_type: { type: 'string', enum: ['', 'local', 'domestic', 'international'] },
  cost: { type: 'number', minimum: 0 },
  active: { type: 'boolean' },
  description: { type: 'string', maxLength: 1024 },
} as const;

function toInput(b: RouteBody): RouteInput {
  const input: RouteInput = {
    tenantId: b.tenant_id,
    name: b.name,
    pattern: b.pattern,
    strip: b.strip,
    prepend: b.prepend,
    priority: b.priority,
    providerId: b.provider_id,
    serviceFlag: b.service_flag,
    tollType: b.toll_type,
    cost: b.cost,
    active: b.active,
    description: b.description,
  };
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as RouteInput;
}

interface RouteQuery {
  tenant_id?: number;
  provider_id?: number;
  service_flag?: number;
  name?: string;
  toll_type?: string;
  active?: boolean;
}

const filters = {
  tenant_id: { type: 'integer' },
  provider_id: { type: 'integer' },
  service_flag: { type: 'integer', minimum: 1, maximum: 255, description: 'Routes holding all these service bits' },
  name: { type: 'string' },
  toll_type: { type: 'string' },
  active: { type: 'boolean' },
};

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

  app.get<{ Querystring: RouteQuery }>(
    '/routes',
    {
      schema: {
        tags,
        summary: 'List outbound routes (a tenant sees its own and the shared ones)',
        querystring: listQuery(filters, ['route_id', 'name', 'pattern', 'priority', 'cost', 'provider_id', 'date_created']),
        response: { 200: arrayOf(routeSchema), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { tenant_id, provider_id, service_flag, toll_type, ...q } = request.query;
      const result = await routes.list({ ...q, tenantId: tenant_id, providerId: provider_id, serviceFlag: service_flag, tollType: toll_type }, request.ctx);
      return sendPage(reply, result, routeView);
    },
  );

  app.get<{ Querystring: Pick<RouteQuery, 'tenant_id' | 'provider_id' | 'service_flag' | 'active'> }>(
    '/routes/csv',
    {
      schema: {
        tags,
        summary: 'Export the outbound routes in reach as CSV',
        querystring: { type: 'object', additionalProperties: false, properties: { tenant_id: filters.tenant_id, provider_id: filters.provider_id, service_flag: filters.service_flag, active: filters.active } },
        response: csvResponse,
      },
    },
    async (request, reply) => {
      const q = request.query;
      return sendCsv(reply, 'routes.csv', await routes.exportCsv({ tenantId: q.tenant_id, providerId: q.provider_id, serviceFlag: q.service_flag, active: q.active }, request.ctx));
    },
  );

  app.get(
    '/routes/sample/csv',
    { schema: { tags, summary: 'A sample route CSV with every column', response: csvResponse } },
    async (_request, reply) => sendCsv(reply, 'routes-sample.csv', routes.sampleCsv()),
  );

  app.get<{ Params: { service_flag: number; provider_id: number } }>(
    '/routes/:service_flag/:provider_id/csv',
    {
      schema: {
        tags,
        summary: 'Export the routes of one service (bitwise) and provider as CSV',
        params: idParams('service_flag', 'provider_id'),
        response: csvResponse,
      },
    },
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
        querystring: { type: 'object', additionalProperties: false, properties: { partial: { type: 'boolean' } } },
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
        querystring: { type: 'object', additionalProperties: false, properties: { partial: { type: 'boolean' } } },
        body: csvBody,
        response: { 200: importResult, ...errorResponses },
      },
    },
    async (request) => {
      const { service_flag, provider_id } = request.params;
      return routes.importCsv(csvText(request.body), { partial: request.query.partial, serviceFlag: service_flag, providerId: provider_id }, request.ctx);
    },
  );

  app.post<{ Body: RouteBody[] }>(
    '/routes/bulk',
    {
      schema: {
        tags,
        summary: 'Create several routes at once, all or none; answers their route_ids (problems are reported per index)',
        body: {
          type: 'array',
          minItems: 1,
          maxItems: 10000,
          // name, pattern and provider_id are required, but checked per item by the service so every missing one is reported.
          items: { type: 'object', additionalProperties: false, properties: bodyProperties },
        },
        response: { 200: { type: 'array', items: { type: 'integer' } }, ...errorResponses },
      },
    },
    async (request) => (await routes.bulkCreate(request.body.map(toInput), request.ctx)).map((r) => r.id),
  );

  app.get<{ Params: { route_id: number } }>(
    '/routes/:route_id',
    { schema: { tags, summary: 'Read an outbound route', params, response: { 200: routeSchema, ...errorResponses } } },
    async (request) => routeView(await routes.get(request.params.route_id, request.ctx)),
  );

  app.post<{ Body: RouteBody & { name: string; pattern: string; provider_id: number } }>(
    '/routes',
    {
      schema: {
        tags,
        summary: 'Create an outbound route; answers the new route_id',
        body: { type: 'object', required: ['name', 'pattern', 'provider_id'], additionalProperties: false, properties: bodyProperties },
        response: { 200: { type: 'integer' }, ...errorResponses },
      },
    },
    async (request) => (await routes.create(toInput(request.body), request.ctx)).id,
  );

  app.put<{ Params: { route_id: number }; Body: RouteBody }>(
    '/routes/:route_id',
    {
      schema: {
        tags,
        summary: 'Update an outbound route',
        params,
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties: bodyProperties },
        response: { 200: routeSchema, ...errorResponses },
      },
    },
    async (request) => routeView(await routes.update(request.params.route_id, toInput(request.body), request.ctx)),
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
