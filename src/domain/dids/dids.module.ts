// DIDs: numbers calls come in on, each routed through the `public` context into its tenant.
import { labels } from '../shared/change-labels.ts';
import { defineModule, need } from '../module.ts';
import type { ProvidersService } from '../providers/providers.service.ts';
import { crud } from '../roles/catalogue.ts';
import { didsRepository } from './dids.repository.ts';
import { createDidsService } from './dids.service.ts';

export const didsModule = defineModule({
  name: 'dids',
  permissions: {
    names: crud('did', ['create', 'list', 'read', 'update', 'delete', 'assign']),
    // The super-admin buys and assigns DIDs; a tenant admin routes its own.
    tenant: ['did_list', 'did_read', 'did_update', 'did_assign'],
  },
  repository: didsRepository,
  service: (dids, deps) =>
    createDidsService({ dids, tenants: deps.repos.tenants, users: deps.repos.users, providers: need<ProvidersService>(deps, 'providers'), targets: deps.targets, changes: deps.changes, activity: deps.activity }),
  referrers: (dids) => ({ type: 'did', pointingAt: dids.pointingAt }),
  changeLabels: { entity: 'did', labels: () => [labels.dids] },
});
