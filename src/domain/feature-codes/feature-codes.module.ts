// Feature codes (issue 15): the codes every tenant's dial plan answers (catalogue.ts) and those
// the modules contribute, listed read-only; the dialplan piece renders the core ones.
import { defineModule } from '../module.ts';
import { crud } from '../roles/catalogue.ts';
import { createFeatureCodesService } from './feature-codes.service.ts';

export const featureCodesModule = defineModule({
  name: 'featureCodes',
  permissions: { names: crud('feature_code', ['list']), tenant: ['feature_code'], user: ['feature_code_list'] },
  // No table: the codes are Switchyard's own and the modules'.
  repository: () => null,
  service: (_none, deps) => createFeatureCodesService({ catalogue: deps.featureCodes, tenants: deps.repos.tenants }),
});
