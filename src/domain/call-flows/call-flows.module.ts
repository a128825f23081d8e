// Call flows: numbers of a tenant's dial plan toggled between two destinations (day/night), the
// `call_flow` destination kind (its value is the call flow's number), and each call flow's toggle
// feature code (listed at /feature_codes, reserved, rendered by the call flows' dialplan piece).
import { labels } from '../shared/change-labels.ts';
import { defineModule } from '../module.ts';
import { crud } from '../roles/catalogue.ts';
import { callFlowsRepository } from './call-flows.repository.ts';
import { createCallFlowsService } from './call-flows.service.ts';

/** The anchored destination_number expression of a toggle code (validated: `*` and digits only). */
export const toggleExpression = (code: string) => `^${code.replace('*', '\\*')}$`;

export const callFlowsModule = defineModule({
  name: 'callFlows',
  permissions: { names: crud('call_flow'), tenant: ['call_flow'] },
  repository: callFlowsRepository,
  service: (callFlows, deps) =>
    createCallFlowsService({ callFlows, tenants: deps.repos.tenants, dialable: deps.dialable, targets: deps.targets, changes: deps.changes, activity: deps.activity }),
  dialable: (repo) => ({ type: 'call_flow', holding: repo.holding, all: repo.numbers }),
  featureCodes: (repo) => ({
    codes: async (tenantId) =>
      (await repo.toggles(tenantId)).map((cf) => ({
        number: cf.featureCode,
        expression: toggleExpression(cf.featureCode),
        name: `Call flow ${cf.extension} toggle`,
        description: `Switch call flow ${cf.extension} between its normal and alternate destination`,
        action: 'call_flow_toggle',
        enabled: cf.enabled,
      })),
  }),
  destinations: (repo) => ({
    call_flow: async (tenantId, value) => ((await repo.holding(tenantId, [value])).length > 0 ? null : 'names no call flow of the tenant'),
  }),
  referrers: (repo) => ({ type: 'call_flow', pointingAt: repo.pointingAt }),
  changeLabels: {
    entity: 'call_flow',
    labels: ({ tenantId }) => (tenantId === null ? null : [labels.callFlowsOf(tenantId)]),
  },
});
