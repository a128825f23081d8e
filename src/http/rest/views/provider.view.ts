// A provider (SIP trunk) as ICTCore shows it, and the same row as a FusionPBX gateway.
// Passwords are write-only: neither view carries them.
import type { Provider } from '../../../domain/providers/providers.service.ts';
import { flag, unixSeconds } from '../shared.ts';
import { tf } from './extension.view.ts';

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;

export const providerSchema = {
  type: 'object',
  properties: {
    provider_id: int,
    gateway_uuid: str,
    tenant_id: { type: ['integer', 'null'] },
    name: str,
    host: str,
    port: int,
    username: str,
    realm: str,
    from_domain: str,
    register: int,
    expire_seconds: int,
    retry_seconds: int,
    caller_id_in_from: int,
    transport: str,
    ping: int,
    service_flag: int,
    prefix: str,
    profile: str,
    active: int,
    description: str,
    date_created: int,
    last_updated: int,
  },
} as const;

export function providerView(p: Provider) {
  return {
    provider_id: p.id,
    gateway_uuid: p.gatewayUuid,
    tenant_id: p.tenantId,
    name: p.name,
    host: p.host,
    port: p.port,
    username: p.username,
    realm: p.realm,
    from_domain: p.fromDomain,
    register: flag(p.register),
    expire_seconds: p.expireSeconds,
    retry_seconds: p.retrySeconds,
    caller_id_in_from: flag(p.callerIdInFrom),
    transport: p.transport,
    ping: p.pingSeconds,
    service_flag: p.serviceFlag,
    prefix: p.prefix,
    profile: p.profile,
    active: flag(p.active),
    description: p.description,
    date_created: unixSeconds(p.createdAt),
    last_updated: unixSeconds(p.updatedAt),
  };
}

const bool = { type: 'string', enum: ['true', 'false'] } as const;

export const gatewaySchema = {
  type: 'object',
  properties: {
    gateway_uuid: str,
    provider_id: int,
    tenant_id: { type: ['integer', 'null'] },
    gateway: str,
    proxy: str,
    username: str,
    realm: str,
    from_domain: str,
    register: bool,
    register_transport: str,
    expire_seconds: int,
    retry_seconds: int,
    caller_id_in_from: bool,
    ping: str,
    profile: str,
    context: str,
    enabled: bool,
    description: str,
  },
} as const;

/** host[:port], with IPv6 in brackets; the port is left out when it is SIP's default. */
export function proxyOf(host: string, port: number): string {
  const h = host.includes(':') ? `[${host}]` : host;
  return port === 5060 ? h : `${h}:${port}`;
}

export function gatewayView(p: Provider) {
  return {
    gateway_uuid: p.gatewayUuid,
    provider_id: p.id,
    tenant_id: p.tenantId,
    gateway: p.name,
    proxy: proxyOf(p.host, p.port),
    username: p.username,
    realm: p.realm,
    from_domain: p.fromDomain,
    register: tf(p.register),
    register_transport: p.transport,
    expire_seconds: p.expireSeconds,
    retry_seconds: p.retrySeconds,
    caller_id_in_from: tf(p.callerIdInFrom),
    ping: p.pingSeconds ? String(p.pingSeconds) : '',
    profile: p.profile,
    context: 'public',
    enabled: tf(p.active),
    description: p.description,
  };
}
