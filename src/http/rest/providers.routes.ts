// /providers: SIP trunks (ICTCore names; ?service_flag= filters bitwise, 2 lists fax-capable).
// Shared trunks (no tenant_id) are the super-admin's; tenants see them and may route through them.
import type { FastifyInstance } from 'fastify';
import type { ProviderInput } from '../../domain/providers/providers.service.ts';
import { arrayOf, errorResponses, idParams, listQuery, sendPage } from './shared.ts';
import { providerSchema, providerView } from './views/provider.view.ts';

interface ProviderBody {
  tenant_id?: number | null;
  name?: string;
  host?: string;
  port?: number;
  username?: string;
  password?: string;
  realm?: string;
  from_domain?: string;
  register?: boolean;
  expire_seconds?: number;
  retry_seconds?: number;
  caller_id_in_from?: boolean;
  transport?: string;
  ping?: number;
  service_flag?: number;
  prefix?: string;
  profile?: string;
  active?: boolean;
  description?: string;
}

const bodyProperties = {
  tenant_id: { type: ['integer', 'null'], minimum: 1, description: 'Super-admin: the owning tenant, or null/omitted for a shared trunk' },
  name: { type: 'string', minLength: 1, maxLength: 64 },
  host: { type: 'string', minLength: 1, maxLength: 253, description: 'Host name or IP address of the trunk' },
  port: { type: 'integer', minimum: 1, maximum: 65535 },
  username: { type: 'string', maxLength: 64 },
  password: { type: 'string', maxLength: 128, description: 'Write-only; stored encrypted' },
  realm: { type: 'string', maxLength: 253 },
  from_domain: { type: 'string', maxLength: 253 },
  register: { type: 'boolean' },
  expire_seconds: { type: 'integer', minimum: 1, maximum: 86400 },
  retry_seconds: { type: 'integer', minimum: 1, maximum: 86400 },
  caller_id_in_from: { type: 'boolean' },
  transport: { type: 'string', enum: ['udp', 'tcp', 'tls'] },
  ping: { type: 'integer', minimum: 0, maximum: 86400, description: 'OPTIONS ping interval in seconds, 0 for none' },
  service_flag: { type: 'integer', minimum: 1, maximum: 255, description: 'Bit set: 1 voice, 2 fax' },
  prefix: { type: 'string', maxLength: 16 },
  profile: { type: 'string', maxLength: 32, description: 'Sofia profile (default external)' },
  active: { type: 'boolean' },
  description: { type: 'string', maxLength: 1024 },
} as const;

function toInput(b: ProviderBody): ProviderInput {
  const input: ProviderInput = {
    tenantId: b.tenant_id,
    name: b.name,
    host: b.host,
    port: b.port,
    username: b.username,
    password: b.password,
    realm: b.realm,
    fromDomain: b.from_domain,
    register: b.register,
    expireSeconds: b.expire_seconds,
    retrySeconds: b.retry_seconds,
    callerIdInFrom: b.caller_id_in_from,
    transport: b.transport,
    pingSeconds: b.ping,
    serviceFlag: b.service_flag,
    prefix: b.prefix,
    profile: b.profile,
    active: b.active,
    description: b.description,
  };
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as ProviderInput;
}

interface ProviderQuery {
  tenant_id?: number;
  service_flag?: number;
  name?: string;
  host?: string;
  active?: boolean;
}

export default async function providersRoutes(app: FastifyInstance) {
  const { providers } = app.services;
  const tags = ['routing'];
  const params = idParams('provider_id');

  app.get<{ Querystring: ProviderQuery }>(
    '/providers',
    {
      schema: {
        tags,
        summary: 'List SIP trunks (a tenant sees its own and the shared ones); ?service_flag=2 lists fax-capable ones',
        querystring: listQuery(
          {
            tenant_id: { type: 'integer' },
            service_flag: { type: 'integer', minimum: 1, maximum: 255, description: 'Providers holding all these service bits' },
            name: { type: 'string' },
            host: { type: 'string' },
            active: { type: 'boolean' },
          },
          ['provider_id', 'name', 'host', 'date_created'],
        ),
        response: { 200: arrayOf(providerSchema), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { tenant_id, service_flag, ...q } = request.query;
      return sendPage(reply, await providers.list({ ...q, tenantId: tenant_id, serviceFlag: service_flag }, request.ctx), providerView);
    },
  );

  app.get<{ Params: { provider_id: number } }>(
    '/providers/:provider_id',
    { schema: { tags, summary: 'Read a SIP trunk (never its password)', params, response: { 200: providerSchema, ...errorResponses } } },
    async (request) => providerView(await providers.get(request.params.provider_id, request.ctx)),
  );

  app.post<{ Body: ProviderBody & { name: string; host: string } }>(
    '/providers',
    {
      schema: {
        tags,
        summary: 'Create a SIP trunk; answers the new provider_id',
        body: { type: 'object', required: ['name', 'host'], additionalProperties: false, properties: bodyProperties },
        response: { 200: { type: 'integer' }, ...errorResponses },
      },
    },
    async (request) => (await providers.create(toInput(request.body) as ProviderInput & { name: string; host: string }, request.ctx)).id,
  );

  app.put<{ Params: { provider_id: number }; Body: ProviderBody }>(
    '/providers/:provider_id',
    {
      schema: {
        tags,
        summary: 'Update a SIP trunk',
        params,
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties: bodyProperties },
        response: { 200: providerSchema, ...errorResponses },
      },
    },
    async (request) => providerView(await providers.update(request.params.provider_id, toInput(request.body), request.ctx)),
  );

  app.delete<{ Params: { provider_id: number } }>(
    '/providers/:provider_id',
    { schema: { tags, summary: 'Delete a SIP trunk (409 while outbound routes use it)', params, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await providers.remove(request.params.provider_id, request.ctx);
      return true;
    },
  );
}
