// Dialplans (issue 15): each tenant's rendered context, entry by entry in the order FreeSWITCH
// runs them, read-only. Nothing is stored: the view reads what xml_curl renders.
import { defineModule } from '../module.ts';
import { crud } from '../roles/catalogue.ts';
import { createDialplansService } from './dialplans.service.ts';

export const dialplansModule = defineModule({
  name: 'dialplans',
  permissions: { names: crud('dialplan', ['list']), tenant: ['dialplan'] },
  repository: () => null,
  service: (_none, deps) => createDialplansService({ tenants: deps.repos.tenants }),
});
