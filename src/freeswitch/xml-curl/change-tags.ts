// Which cached answers a change touches, as the labels those answers carry. `null` means the
// change cannot be placed precisely (or says "resync"): everything goes.
import type { Change } from '../../infra/change-bus.ts';

export const tags = {
  tenant: (tenantId: number) => `tenant:${tenantId}`,
  /** Any tenant came, went or changed: lists of domains and misses for unknown domains. */
  tenants: 'tenants',
  extension: (id: string) => `extension:${id}`,
  /** The set of a tenant's extensions (aggregates, and misses for unknown users). */
  extensionsOf: (tenantId: number) => `extensions:${tenantId}`,
  /** Every tenant's extensions (the whole directory). */
  extensions: 'extensions',
  provider: (id: number | string) => `provider:${id}`,
  providers: 'providers',
  routesOf: (tenantId: number | null) => (tenantId === null ? 'routes:global' : `routes:${tenantId}`),
  dids: 'dids',
  callerIdsOf: (tenantId: number) => `caller_ids:${tenantId}`,
  sipProfiles: 'sip_profiles',
  /** What the trunks' host names resolve to. */
  trunkAddresses: 'trunk_addresses',
  /** Every rendered dialplan context (for a provider change that names no provider). */
  dialplans: 'dialplans',
};

export function tagsOf(change: Change): string[] | null {
  const { tenantId, id } = change;
  switch (change.entity) {
    case 'tenant':
      return tenantId === null ? null : [tags.tenant(tenantId), tags.tenants];
    case 'extension':
      if (tenantId === null) return null;
      return id === undefined ? [tags.tenant(tenantId), tags.extensions] : [tags.extension(String(id)), tags.extensionsOf(tenantId), tags.extensions];
    case 'provider':
      return id === undefined ? [tags.providers, tags.dialplans] : [tags.provider(id), tags.providers];
    case 'route':
      return [tags.routesOf(tenantId)];
    case 'did':
      return [tags.dids];
    case 'caller_id':
      return tenantId === null ? null : [tags.callerIdsOf(tenantId)];
    case 'sip_profile':
      return [tags.sipProfiles];
    case 'trunk_addresses':
      return [tags.trunkAddresses];
    case 'destination':
    case 'switch_node':
      // Nothing rendered here shows them yet.
      return [];
    default:
      return null;
  }
}

/** Drops what `change` touches from a cache of labelled answers (the app's, or the listener thread's). */
export function applyChange(change: Change, cache: { invalidate(tags: readonly string[]): void; clear(): void }): void {
  const touched = tagsOf(change);
  if (touched === null) cache.clear();
  else if (touched.length) cache.invalidate(touched);
}
