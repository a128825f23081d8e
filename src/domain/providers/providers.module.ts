// Trunks (ICTCore providers, FusionPBX gateways): one sofia gateway each, and their addresses in
// acl.conf's providers list.
import { labels } from '../shared/change-labels.ts';
import { defineModule } from '../module.ts';
import { crud } from '../roles/catalogue.ts';
import { providersRepository } from './providers.repository.ts';
import { createProvidersService } from './providers.service.ts';

export const providersModule = defineModule({
  name: 'providers',
  permissions: { names: crud('provider'), tenant: ['provider'] },
  repository: providersRepository,
  service: (providers, deps) => createProvidersService({ providers, tenants: deps.repos.tenants, secrets: deps.secrets, changes: deps.changes, activity: deps.activity }),
  changeLabels: {
    entity: 'provider',
    labels: ({ id }) => (id === undefined ? [labels.providers, labels.dialplans] : [labels.provider(id), labels.providers]),
  },
});
