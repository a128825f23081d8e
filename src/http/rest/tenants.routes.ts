// /tenants: organisations and their FreeSWITCH domains. Bodies and answers are the tenant schema
// (domain/tenants/tenants.schema.ts) in the ICTPBX client's words.
import type { FastifyInstance } from 'fastify';
import { TenantCreate, TenantFilter, TenantUpdate } from '../../domain/tenants/tenants.schema.ts';
import { tenantView } from '../../domain/tenants/tenants.service.ts';
import { arrayOf, errorResponses, idParams, listQuery, sendPage } from './shared.ts';
import { tenantAnswer, tenantSchema } from './views/tenant.view.ts';
import { fromWire, wireSchema } from './wire.ts';

export default async function tenantsRoutes(app: FastifyInstance) {
  const { tenants } = app.services;
  const tags = ['admin'];
  const params = idParams('tenant_id');

  app.get(
    '/tenants',
    {
      schema: {
        tags,
        summary: 'List organisations (a tenant admin sees its own)',
        querystring: listQuery((wireSchema(TenantFilter) as { properties: Record<string, object> }).properties, [
          'tenant_id',
          'name',
          'domain',
          'company',
          'first_name',
          'last_name',
          'email',
          'date_created',
        ]),
        response: { 200: arrayOf(tenantSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await tenants.list(fromWire(request.query), request.ctx), (t) => tenantAnswer(tenantView(t))),
  );

  app.get<{ Params: { tenant_id: number } }>(
    '/tenants/:tenant_id',
    { schema: { tags, summary: 'Tenant detail (its features in permissions and tenant_permissions)', params, response: { 200: tenantSchema, ...errorResponses } } },
    async (request) => tenantAnswer(tenantView(await tenants.get(request.params.tenant_id, request.ctx))),
  );

  app.post(
    '/tenants',
    {
      schema: {
        tags,
        summary: 'Create a tenant: its name defaults to the company, its FreeSWITCH domain is given or derived from the name. Returns the new tenant_id.',
        body: wireSchema(TenantCreate),
        response: { 200: { type: 'integer' }, ...errorResponses },
      },
    },
    async (request) => (await tenants.create(fromWire(request.body), request.ctx)).id,
  );

  app.put<{ Params: { tenant_id: number } }>(
    '/tenants/:tenant_id',
    {
      schema: {
        tags,
        summary: 'Update a tenant (the edit form sends back what it read)',
        params,
        body: { ...wireSchema(TenantUpdate), minProperties: 1 },
        response: { 200: tenantSchema, ...errorResponses },
      },
    },
    async (request) => tenantAnswer(tenantView(await tenants.update(request.params.tenant_id, fromWire(request.body), request.ctx))),
  );

  app.delete<{ Params: { tenant_id: number } }>(
    '/tenants/:tenant_id',
    { schema: { tags, summary: 'Delete a tenant and everything it owns', params, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await tenants.remove(request.params.tenant_id, request.ctx);
      return true;
    },
  );
}
