// Regions and countries (ICTCore's reference data, seeded by the migration): what the route
// form's destination picker, and the tenant and user forms' country, read.
import { defineModule } from '../module.ts';
import { crud } from '../roles/catalogue.ts';
import { countriesRepository } from './countries.repository.ts';
import { createCountriesService } from './countries.service.ts';

const READ = ['region_list', 'region_read', 'country_list', 'country_read'];

export const countriesModule = defineModule({
  name: 'countries',
  permissions: { names: [...crud('region', ['list', 'read']), ...crud('country', ['list', 'read'])], tenant: READ, user: READ },
  repository: countriesRepository,
  service: (countries) => createCountriesService({ countries }),
});
