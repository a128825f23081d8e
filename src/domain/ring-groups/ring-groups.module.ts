// Ring groups: a number of the tenant's dial plan that rings several extensions or external
// numbers by a strategy. They hold numbers in the tenant's dial plan, are what `ring_group`
// destinations name (by their number), and their timeout destinations point at other things.
import { labels } from '../shared/change-labels.ts';
import { defineModule } from '../module.ts';
import { crud } from '../roles/catalogue.ts';
import { ringGroupsRepository } from './ring-groups.repository.ts';
import { createRingGroupsService } from './ring-groups.service.ts';

export const ringGroupsModule = defineModule({
  name: 'ringGroups',
  permissions: { names: crud('ring_group'), tenant: ['ring_group'] },
  repository: ringGroupsRepository,
  service: (ringGroups, deps) =>
    createRingGroupsService({ ringGroups, tenants: deps.repos.tenants, dialable: deps.dialable, targets: deps.targets, changes: deps.changes, activity: deps.activity }),
  dialable: (ringGroups) => ({ type: 'ring_group', holding: ringGroups.holding, all: ringGroups.numbers }),
  destinations: (ringGroups) => ({
    ring_group: async (tenantId, value) => ((await ringGroups.holding(tenantId, [value])).length > 0 ? null : 'names no ring group of the tenant (by its number)'),
  }),
  referrers: (ringGroups) => ({ type: 'ring_group', pointingAt: ringGroups.pointingAt }),
  changeLabels: { entity: 'ring_group', labels: ({ tenantId }) => (tenantId === null ? null : [labels.ringGroupsOf(tenantId)]) },
});
