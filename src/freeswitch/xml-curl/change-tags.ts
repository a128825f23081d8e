// Which cached answers a change touches, as the labels those answers carry. `null` means the
// change cannot be placed precisely (or says "resync"): everything goes. A module's own entity is
// placed by its descriptor (domain/module.ts: changeLabels); the core's entities here.
import { labels as tags } from '../../domain/shared/change-labels.ts';
import type { Change } from '../../infra/change-bus.ts';

export { tags };

/** The labels a change touches, or null for all of them. */
export type ChangeLabels = (change: Change) => string[] | null;

function coreLabels(change: Change): string[] | null {
  const { tenantId } = change;
  switch (change.entity) {
    case 'tenant':
      return tenantId === null ? null : [tags.tenant(tenantId), tags.tenants];
    case 'sip_profile':
      return [tags.sipProfiles];
    case 'trunk_addresses':
      return [tags.trunkAddresses];
    case 'switch_node':
    case 'user':
    case 'role':
      // Nothing rendered shows them.
      return [];
    default:
      return null;
  }
}

/** The labels of a change, from the modules' descriptors and the core's own. */
export function changeLabelsOf(modules: readonly { changeLabels?: { entity: Change['entity']; labels: ChangeLabels } }[]): ChangeLabels {
  const byEntity = new Map(modules.flatMap((m) => (m.changeLabels ? [[m.changeLabels.entity, m.changeLabels.labels] as const] : [])));
  return (change) => (byEntity.get(change.entity) ?? coreLabels)(change);
}

/** Drops what `change` touches from a cache of labelled answers (the app's, or the listener thread's). */
export function applyChange(touched: string[] | null, cache: { invalidate(tags: readonly string[]): void; clear(): void }): void {
  if (touched === null) cache.clear();
  else if (touched.length) cache.invalidate(touched);
}
