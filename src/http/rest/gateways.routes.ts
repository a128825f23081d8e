// /gateways: the PBX projection of providers (the same rows, FusionPBX's v_gateways names,
// addressed by gateway_uuid). Create answers the new gateway_uuid. `context` is accepted for
// compatibility and always reads 'public': calls from trunks enter the public context.
import type { FastifyInstance } from 'fastify';
import type { ProviderInput } from '../../domain/providers/providers.service.ts';
import type { ListQuery } from '../../domain/shared/list.ts';
import { validationFailed } from '../../errors.ts';
import { arrayOf, errorResponses, listQuery, sendJsonString, sendPage } from './shared.ts';
import { gatewaySchema, gatewayView } from './views/provider.view.ts';

interface GatewayBody {
  tenant_id?: number | null;
  gateway?: string;
  proxy?: string;
  username?: string;
  password?: string;
  realm?: string;
  from_domain?: string;
  register?: boolean;
  register_transport?: string;
  expire_seconds?: number;
  retry_seconds?: number;
  caller_id_in_from?: boolean;
  ping?: string;
  profile?: string;
  context?: string;
  enabled?: boolean;
  description?: string;
}

const bool = { type: 'boolean', description: "'true'/'false'" } as const;

const bodyProperties = {
  tenant_id: { type: ['integer', 'null'], minimum: 1, description: 'Super-admin: the owning tenant, or null/omitted for a shared gateway' },
  gateway: { type: 'string', minLength: 1, maxLength: 64, description: 'Gateway name' },
  proxy: { type: 'string', minLength: 1, maxLength: 262, description: 'host, host:port or [IPv6]:port' },
  username: { type: 'string', maxLength: 64 },
  password: { type: 'string', maxLength: 128, description: 'Write-only; stored encrypted' },
  realm: { type: 'string', maxLength: 253 },
  from_domain: { type: 'string', maxLength: 253 },
  register: bool,
  register_transport: { type: 'string', enum: ['udp', 'tcp', 'tls'] },
  expire_seconds: { type: 'integer', minimum: 1, maximum: 86400 },
  retry_seconds: { type: 'integer', minimum: 1, maximum: 86400 },
  caller_id_in_from: bool,
  ping: { type: 'string', pattern: '^[0-9]{0,5}$', description: 'OPTIONS ping interval in seconds; empty for none' },
  profile: { type: 'string', maxLength: 32 },
  context: { type: 'string', maxLength: 64, description: 'Accepted for compatibility; always public' },
  enabled: bool,
  description: { type: 'string', maxLength: 1024 },
} as const;

/** Splits host[:port] ([v6]:port, or a bare IPv6 address). */
export function parseProxy(proxy: string): { host: string; port?: number } {
  const bracketed = /^\[([^\]]+)\](?::([0-9]{1,5}))?$/.exec(proxy);
  const plain = /^([^:]+)(?::([0-9]{1,5}))?$/.exec(proxy);
  const [, host, port] = bracketed ?? plain ?? [undefined, proxy, undefined];
  if (port === undefined) return { host: host! };
  if (Number(port) < 1 || Number(port) > 65535) throw validationFailed('proxy', 'has a port outside 1 to 65535');
  return { host: host!, port: Number(port) };
}

function toInput(b: GatewayBody): ProviderInput {
  const proxy = b.proxy !== undefined ? parseProxy(b.proxy.trim()) : undefined;
  const input: ProviderInput = {
    tenantId: b.tenant_id,
    name: b.gateway,
    host: proxy?.host,
    port: proxy ? (proxy.port ?? 5060) : undefined,
    username: b.username,
    password: b.password,
    realm: b.realm,
    fromDomain: b.from_domain,
    register: b.register,
    transport: b.register_transport,
    expireSeconds: b.expire_seconds,
    retrySeconds: b.retry_seconds,
    callerIdInFrom: b.caller_id_in_from,
    pingSeconds: b.ping !== undefined ? Number(b.ping || 0) : undefined,
    profile: b.profile,
    active: b.enabled,
    description: b.description,
  };
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as ProviderInput;
}

export default async function gatewaysRoutes(app: FastifyInstance) {
  const { providers } = app.services;
  const tags = ['routing'];
  const params = { type: 'object', required: ['gateway_uuid'], properties: { gateway_uuid: { type: 'string', maxLength: 64 } } } as const;

  app.get<{ Querystring: ListQuery & { tenant_id?: number; gateway?: string; enabled?: boolean } }>(
    '/gateways',
    {
      schema: {
        tags,
        summary: 'List gateways (the providers, FusionPBX names)',
        querystring: listQuery({ tenant_id: { type: 'integer' }, gateway: { type: 'string' }, enabled: { type: 'boolean' } }, ['gateway', 'gateway_uuid', 'date_created']),
        response: { 200: arrayOf(gatewaySchema), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { tenant_id, gateway, enabled, ...q } = request.query;
      return sendPage(reply, await providers.list({ ...q, tenantId: tenant_id, name: gateway, active: enabled, sort: q.sort ?? 'gateway' }, request.ctx), gatewayView);
    },
  );

  app.get<{ Params: { gateway_uuid: string } }>(
    '/gateways/:gateway_uuid',
    { schema: { tags, summary: 'Read a gateway (never its password)', params, response: { 200: gatewaySchema, ...errorResponses } } },
    async (request) => gatewayView(await providers.getByGatewayUuid(request.params.gateway_uuid, request.ctx)),
  );

  app.post<{ Body: GatewayBody & { gateway: string; proxy: string } }>(
    '/gateways',
    {
      schema: {
        tags,
        summary: 'Create a gateway (a provider); answers the new gateway_uuid',
        body: { type: 'object', required: ['gateway', 'proxy'], additionalProperties: false, properties: bodyProperties },
        response: { 200: { type: 'string' }, ...errorResponses },
      },
    },
    async (request, reply) => sendJsonString(reply, (await providers.create(toInput(request.body) as ProviderInput & { name: string; host: string }, request.ctx)).gatewayUuid),
  );

  app.put<{ Params: { gateway_uuid: string }; Body: GatewayBody }>(
    '/gateways/:gateway_uuid',
    {
      schema: {
        tags,
        summary: 'Update a gateway',
        params,
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties: bodyProperties },
        response: { 200: gatewaySchema, ...errorResponses },
      },
    },
    async (request) => gatewayView(await providers.updateByGatewayUuid(request.params.gateway_uuid, toInput(request.body), request.ctx)),
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
