// Wires the PBX admin resources (issue 3): extensions, domains, providers/gateways, routes, DIDs,
// caller ids and destinations, with the dialable-number registry and destination checks that
// later PBX modules (ring groups, IVRs, queues, conferences, feature codes) plug into.
import type { Db } from '../db/database.ts';
import type { ChangeBus } from '../infra/change-bus.ts';
import type { SecretBox } from '../security/secrets.ts';
import type { ActivityLog } from './activities/activity-log.ts';
import { callerIdsRepository } from './caller-ids/caller-ids.repository.ts';
import { createCallerIdsService } from './caller-ids/caller-ids.service.ts';
import { destinationsRepository } from './destinations/destinations.repository.ts';
import { createDestinationsService } from './destinations/destinations.service.ts';
import { createDialableNumbers } from './dialable/numbers.ts';
import { createDestinationTargets } from './dialable/targets.ts';
import { didsRepository } from './dids/dids.repository.ts';
import { createDidsService } from './dids/dids.service.ts';
import { createDomainsService } from './domains/domains.service.ts';
import { extensionsRepository } from './extensions/extensions.repository.ts';
import { createExtensionsService } from './extensions/extensions.service.ts';
import { providersRepository } from './providers/providers.repository.ts';
import { createProvidersService } from './providers/providers.service.ts';
import { routesRepository } from './routes/routes.repository.ts';
import { createRoutesService } from './routes/routes.service.ts';
import type { TenantsRepository } from './tenants/tenants.repository.ts';
import type { UsersRepository } from './users/users.repository.ts';

export function createPbxRepositories(db: Db) {
  return {
    extensions: extensionsRepository(db),
    providers: providersRepository(db),
    routes: routesRepository(db),
    dids: didsRepository(db),
    callerIds: callerIdsRepository(db),
    destinations: destinationsRepository(db),
  };
}

export type PbxRepositories = ReturnType<typeof createPbxRepositories>;

export function createPbxServices(deps: {
  repos: PbxRepositories & { tenants: TenantsRepository; users: UsersRepository };
  secrets: SecretBox;
  changes: ChangeBus;
  activity: ActivityLog;
}) {
  const { repos, secrets, changes, activity } = deps;
  const { tenants } = repos;
  const dialable = createDialableNumbers();
  dialable.register({ type: 'extension', holding: repos.extensions.holding, all: repos.extensions.numbers });
  const targets = createDestinationTargets(async (tenantId, number) => (await repos.extensions.holding(tenantId, [number])).length > 0);

  const providers = createProvidersService({ providers: repos.providers, tenants, secrets, changes, activity });
  return {
    dialable,
    targets,
    extensions: createExtensionsService({ extensions: repos.extensions, tenants, users: repos.users, secrets, dialable, changes, activity }),
    domains: createDomainsService({ tenants }),
    providers,
    routes: createRoutesService({ routes: repos.routes, tenants, providers, changes, activity }),
    dids: createDidsService({ dids: repos.dids, tenants, providers, targets, changes, activity }),
    callerIds: createCallerIdsService({ callerIds: repos.callerIds, tenants, changes, activity }),
    destinations: createDestinationsService({ destinations: repos.destinations, tenants, targets, changes, activity }),
  };
}
