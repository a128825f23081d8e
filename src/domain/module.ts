// A resource module of the PBX (extensions, DIDs, ring groups, ...) describes itself once, here:
// its service, the permissions it checks and which built-in roles hold them, the numbers it takes
// in a tenant's dial plan and the feature codes it adds, the destination kinds it answers for, and which rendered FreeSWITCH
// answers a change of it touches. src/modules.ts lists every module with its adapters (REST,
// GraphQL, the xml_curl dialplan pieces); everything that wires modules iterates that list.
// docs/adding-a-module.md says how a module is built.
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import type { Change, ChangeBus } from '../infra/change-bus.ts';
import type { SecretBox } from '../security/secrets.ts';
import type { ActivityLog } from './activities/activity-log.ts';
import type { DialableNumbers, DialableSource } from './dialable/numbers.ts';
import type { FeatureCatalogue, FeatureCodeSource } from './feature-codes/catalogue.ts';
import type { DestinationReferrer, DestinationTargets, DestinationType, TargetCheck } from './dialable/targets.ts';
import type { HoldMusicPlayer, HoldMusicPlayers } from './music-on-hold/players.ts';
import type { TenantsRepository } from './tenants/tenants.repository.ts';
import type { UsersRepository } from './users/users.repository.ts';

/** What a module's service is built from, besides its own repository. */
export interface ModuleDeps {
  config: Config;
  db: Db;
  repos: { tenants: TenantsRepository; users: UsersRepository };
  secrets: SecretBox;
  changes: ChangeBus;
  activity: ActivityLog;
  /** The tenant's dial plan number space (a module registers what it holds through `dialable`). */
  dialable: DialableNumbers;
  /** The destination checks (a module registers its kinds through `destinations`). */
  targets: DestinationTargets;
  /** The tenant's feature codes (a module contributes its own through `featureCodes`). */
  featureCodes: FeatureCatalogue;
  /** What plays each music-on-hold class (a module registers its objects' hold music through `playsHoldMusic`). */
  holdMusicPlayers: HoldMusicPlayers;
  /** The services of the modules listed before this one, by name (see need()). */
  services: Readonly<Record<string, unknown>>;
}

export interface ModulePermissions {
  /** Every permission the module checks (ICTCore style: `did` grants `did_*`). */
  names: readonly string[];
  /** What the built-in roles hold of them (the super-admin holds everything). */
  tenant?: readonly string[];
  user?: readonly string[];
}

export interface DomainModule<Name extends string = string, Repository = unknown, Service = unknown> {
  /** The key of its service (`app.services.<name>`). */
  name: Name;
  permissions?: ModulePermissions;
  /** Its repository: the only code of the module that uses Prisma. */
  repository(db: Db): Repository;
  service(repository: Repository, deps: ModuleDeps): Service;
  /** The numbers it holds in a tenant's dial plan (extensions, ring groups, ...). */
  dialable?(repository: Repository): DialableSource;
  /**
   * The feature codes it adds to a tenant's dial plan (a call flow's toggle, follow-me's): listed
   * by /feature_codes and reserved like any dialable number; its dialplan piece renders them.
   */
  featureCodes?(repository: Repository): FeatureCodeSource;
  /** The destination kinds it answers for, each with its check. */
  destinations?(repository: Repository): Partial<Record<DestinationType, TargetCheck>>;
  /** Which of its objects point at a destination (so a target pointed at is not deleted). */
  referrers?(repository: Repository): DestinationReferrer;
  /** Which of its objects play a music-on-hold class (so a class played is not deleted or renamed away). */
  playsHoldMusic?(repository: Repository): HoldMusicPlayer;
  /**
   * The labels of the rendered FreeSWITCH answers a change of its entity touches
   * (freeswitch/xml-curl/change-tags.ts), or null when it cannot say (everything goes).
   */
  changeLabels?: { entity: Change['entity']; labels(change: Change): string[] | null };
}

export const defineModule = <Name extends string, Repository, Service>(module: DomainModule<Name, Repository, Service>) => module;

/** Another module's service, listed before this one. */
export function need<T>(deps: ModuleDeps, name: string): T {
  const service = deps.services[name];
  if (service === undefined) throw new Error(`module service "${name}" is needed but not built yet: list it earlier in src/modules.ts`);
  return service as T;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any repository type, inferred per module
export type AnyModule = DomainModule<string, any, unknown>;

/** The services of a list of modules, by name. */
export type ServicesOf<M extends readonly AnyModule[]> = { [K in M[number] as K['name']]: ReturnType<K['service']> };
