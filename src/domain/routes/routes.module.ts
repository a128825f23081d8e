// Outbound routes: a dial pattern to a trunk, rendered into each tenant's context.
import { labels } from '../shared/change-labels.ts';
import { defineModule, need } from '../module.ts';
import type { ProvidersService } from '../providers/providers.service.ts';
import { crud } from '../roles/catalogue.ts';
import { routesRepository } from './routes.repository.ts';
import { createRoutesService } from './routes.service.ts';

export const routesModule = defineModule({
  name: 'routes',
  permissions: { names: crud('route'), tenant: ['route'] },
  repository: routesRepository,
  service: (routes, deps) =>
    createRoutesService({ routes, tenants: deps.repos.tenants, providers: need<ProvidersService>(deps, 'providers'), changes: deps.changes, activity: deps.activity }),
  changeLabels: { entity: 'route', labels: ({ tenantId }) => [labels.routesOf(tenantId)] },
});
