// Caller ids a tenant may present (ICTCore's cid accounts); the first is the outbound default.
import { labels } from '../shared/change-labels.ts';
import { defineModule } from '../module.ts';
import { crud } from '../roles/catalogue.ts';
import { callerIdsRepository } from './caller-ids.repository.ts';
import { createCallerIdsService } from './caller-ids.service.ts';

export const callerIdsModule = defineModule({
  name: 'callerIds',
  permissions: { names: crud('cid'), tenant: ['cid'] },
  repository: callerIdsRepository,
  service: (callerIds, deps) => createCallerIdsService({ callerIds, tenants: deps.repos.tenants, users: deps.repos.users, changes: deps.changes, activity: deps.activity }),
  changeLabels: { entity: 'caller_id', labels: ({ tenantId }) => (tenantId === null ? null : [labels.callerIdsOf(tenantId)]) },
});
