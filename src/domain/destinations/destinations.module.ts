// ICTCore's destinations: dialling prefixes in a country that outbound routes name. Shared by
// every tenant: tenant admins read them to route, the super-admin keeps them.
import { labels } from '../shared/change-labels.ts';
import { defineModule } from '../module.ts';
import { crud } from '../roles/catalogue.ts';
import { destinationsRepository } from './destinations.repository.ts';
import { createDestinationsService } from './destinations.service.ts';

export const destinationsModule = defineModule({
  name: 'destinations',
  permissions: { names: crud('destination'), tenant: ['destination_list', 'destination_read'] },
  repository: destinationsRepository,
  service: (destinations, deps) => createDestinationsService({ destinations, changes: deps.changes, activity: deps.activity }),
  // Any tenant's routes may name the destination: every dialplan may change.
  changeLabels: { entity: 'destination', labels: () => [labels.dialplans] },
});
