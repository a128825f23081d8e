// DIDs, caller-id numbers and routing destinations as ICTCore shows them. A DID's id is its
// account_id in the reference's paths (/dids/:account_id).
import type { CallerId } from '../../../domain/caller-ids/caller-ids.service.ts';
import type { Destination } from '../../../domain/destinations/destinations.service.ts';
import type { Did } from '../../../domain/dids/dids.service.ts';
import { flag, unixSeconds } from '../shared.ts';

const int = { type: 'integer' } as const;
const str = { type: 'string' } as const;
const nullableInt = { type: ['integer', 'null'] } as const;

export const didSchema = {
  type: 'object',
  properties: {
    account_id: int,
    did_id: int,
    number: str,
    tenant_id: nullableInt,
    provider_id: nullableInt,
    destination_type: str,
    destination_value: str,
    caller_id_prefix: str,
    active: int,
    description: str,
    date_created: int,
    last_updated: int,
  },
} as const;

export function didView(d: Did) {
  return {
    account_id: d.id,
    did_id: d.id,
    number: d.number,
    tenant_id: d.tenantId,
    provider_id: d.providerId,
    destination_type: d.destinationType,
    destination_value: d.destinationValue,
    caller_id_prefix: d.callerIdPrefix,
    active: flag(d.active),
    description: d.description,
    date_created: unixSeconds(d.createdAt),
    last_updated: unixSeconds(d.updatedAt),
  };
}

export const cidSchema = {
  type: 'object',
  properties: { cid_id: int, tenant_id: int, number: str, name: str, description: str, active: int, date_created: int, last_updated: int },
} as const;

export function cidView(c: CallerId) {
  return {
    cid_id: c.id,
    tenant_id: c.tenantId,
    number: c.number,
    name: c.name,
    description: c.description,
    active: flag(c.active),
    date_created: unixSeconds(c.createdAt),
    last_updated: unixSeconds(c.updatedAt),
  };
}

export const destinationSchema = {
  type: 'object',
  properties: { destination_id: int, tenant_id: int, name: str, type: str, value: str, description: str, date_created: int, last_updated: int },
} as const;

export function destinationView(d: Destination) {
  return {
    destination_id: d.id,
    tenant_id: d.tenantId,
    name: d.name,
    type: d.type,
    value: d.value,
    description: d.description,
    date_created: unixSeconds(d.createdAt),
    last_updated: unixSeconds(d.updatedAt),
  };
}
