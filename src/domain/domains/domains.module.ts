// The FreeSWITCH domain of each tenant (read-only here: a tenant's domain is set on the tenant).
import { defineModule } from '../module.ts';
import { crud } from '../roles/catalogue.ts';
import { createDomainsService } from './domains.service.ts';

export const domainsModule = defineModule({
  name: 'domains',
  permissions: { names: crud('fpbx_domain', ['list', 'read']), tenant: ['fpbx_domain'] },
  // Tenants hold the domains; the module keeps no table of its own.
  repository: () => null,
  service: (_none, deps) => createDomainsService({ tenants: deps.repos.tenants }),
});
