// Time conditions: numbers of a tenant's dial plan that route by the time of day, and the
// `time_condition` destination kind (its value is the time condition's number).
import { labels } from '../shared/change-labels.ts';
import { defineModule } from '../module.ts';
import { crud } from '../roles/catalogue.ts';
import { timeConditionsRepository } from './time-conditions.repository.ts';
import { createTimeConditionsService } from './time-conditions.service.ts';

export const timeConditionsModule = defineModule({
  name: 'timeConditions',
  permissions: { names: crud('time_condition'), tenant: ['time_condition'] },
  repository: timeConditionsRepository,
  service: (timeConditions, deps) =>
    createTimeConditionsService({ timeConditions, tenants: deps.repos.tenants, dialable: deps.dialable, targets: deps.targets, changes: deps.changes, activity: deps.activity }),
  dialable: (repo) => ({ type: 'time_condition', holding: repo.holding, all: repo.numbers }),
  destinations: (repo) => ({
    time_condition: async (tenantId, value) => ((await repo.holding(tenantId, [value])).length > 0 ? null : 'names no time condition of the tenant'),
  }),
  referrers: (repo) => ({ type: 'time_condition', pointingAt: repo.pointingAt }),
  changeLabels: {
    entity: 'time_condition',
    labels: ({ tenantId }) => (tenantId === null ? null : [labels.timeConditionsOf(tenantId)]),
  },
});
