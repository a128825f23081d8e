// IVR menus: numbers of a tenant's dial plan that play a greeting and route by the keys pressed.
// They hold numbers in the tenant's dial plan, are what `ivr` destinations name (by their number),
// and their options and exits point at other destinations.
import { labels } from '../shared/change-labels.ts';
import { defineModule } from '../module.ts';
import { crud } from '../roles/catalogue.ts';
import { ivrMenusRepository } from './ivr-menus.repository.ts';
import { createIvrMenusService } from './ivr-menus.service.ts';

export const ivrMenusModule = defineModule({
  name: 'ivrMenus',
  permissions: { names: crud('ivr_menu'), tenant: ['ivr_menu'] },
  repository: ivrMenusRepository,
  service: (ivrMenus, deps) =>
    createIvrMenusService({ ivrMenus, tenants: deps.repos.tenants, dialable: deps.dialable, targets: deps.targets, changes: deps.changes, activity: deps.activity }),
  dialable: (ivrMenus) => ({ type: 'ivr', holding: ivrMenus.holding, all: ivrMenus.numbers }),
  destinations: (ivrMenus) => ({
    ivr: async (tenantId, value) => ((await ivrMenus.holding(tenantId, [value])).length > 0 ? null : 'names no IVR menu of the tenant (by its number)'),
  }),
  referrers: (ivrMenus) => ({ type: 'ivr', pointingAt: ivrMenus.pointingAt }),
  // A menu's change touches its tenant's context and its ivr.conf answer; `ivrMenus` drops the
  // cached misses (an ivr.conf fetch for a menu that did not exist yet).
  changeLabels: { entity: 'ivr_menu', labels: ({ tenantId }) => (tenantId === null ? null : [labels.ivrMenusOf(tenantId), labels.ivrMenus]) },
});
