// /tenants: organisations and their FreeSWITCH domains.
import type { FastifyInstance } from 'fastify';
import type { TenantInput } from '../../domain/tenants/tenants.service.ts';
import { arrayOf, errorResponses, idParams, listQuery, sendPage } from './shared.ts';
import { tenantSchema, tenantView } from './views/tenant.view.ts';
import { tenantBodyProperties } from '../../domain/tenants/tenants.schema.ts';

interface TenantBody {
  name?: string;
  domain?: string;
  description?: string;
  email?: string;
  phone?: string;
  active?: boolean;
  credit?: number;
  max_concurrent_calls?: number;
  credit_alert_threshold?: number;
  permissions?: string[];
}

function toInput(body: TenantBody): TenantInput {
  const input: TenantInput = {
    name: body.name,
    domain: body.domain,
    description: body.description,
    email: body.email,
    phone: body.phone,
    active: body.active,
    credit: body.credit,
    maxConcurrentCalls: body.max_concurrent_calls,
    creditAlertThreshold: body.credit_alert_threshold,
    permissions: body.permissions,
  };
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as TenantInput;
}

export default async function tenantsRoutes(app: FastifyInstance) {
  const { tenants } = app.services;
  const tags = ['admin'];
  const params = idParams('tenant_id');

  app.get<{ Querystring: { name?: string; domain?: string; active?: boolean; tenant_id?: number } }>(
    '/tenants',
    {
      schema: {
        tags,
        summary: 'List organisations (a tenant admin sees its own)',
        querystring: listQuery(
          { name: { type: 'string' }, domain: { type: 'string' }, active: { type: 'boolean' }, tenant_id: { type: 'integer' } },
          ['tenant_id', 'name', 'domain', 'date_created'],
        ),
        response: { 200: arrayOf(tenantSchema), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { tenant_id, ...query } = request.query;
      return sendPage(reply, await tenants.list({ ...query, id: tenant_id }, request.ctx), tenantView);
    },
  );

  app.get<{ Params: { tenant_id: number } }>(
    '/tenants/:tenant_id',
    { schema: { tags, summary: 'Tenant detail (includes tenant_permissions)', params, response: { 200: tenantSchema, ...errorResponses } } },
    async (request) => tenantView(await tenants.get(request.params.tenant_id, request.ctx)),
  );

  app.post<{ Body: TenantBody & { name: string } }>(
    '/tenants',
    {
      schema: {
        tags,
        summary: 'Create a tenant; its FreeSWITCH domain is given or derived from the name. Returns the new tenant_id.',
        body: { type: 'object', required: ['name'], additionalProperties: false, properties: tenantBodyProperties },
        response: { 200: { type: 'integer' }, ...errorResponses },
      },
    },
    async (request) => (await tenants.create(toInput(request.body) as TenantInput & { name: string }, request.ctx)).id,
  );

  app.put<{ Params: { tenant_id: number }; Body: TenantBody }>(
    '/tenants/:tenant_id',
    {
      schema: {
        tags,
        summary: 'Update a tenant, including max_concurrent_calls and credit_alert_threshold',
        params,
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties: tenantBodyProperties },
        response: { 200: tenantSchema, ...errorResponses },
      },
    },
    async (request) => tenantView(await tenants.update(request.params.tenant_id, toInput(request.body), request.ctx)),
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
