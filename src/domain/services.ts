// Wires repositories into the domain services: the core's here, then each module's in the order
// src/modules.ts lists them. Adapters (REST, GraphQL, xml_curl) only ever talk to what this returns.
import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { createLocalChangeBus, type ChangeBus } from '../infra/change-bus.ts';
import { createMailer, type Mailer } from '../infra/mailer.ts';
import { createRateLimiter } from '../infra/rate-limiter.ts';
import type { KeyPair } from '../security/keys.ts';
import { createTokenSigner } from '../security/tokens.ts';
import { createSecretBox, loadOrCreateSecretKey } from '../security/secrets.ts';
import { activitiesRepository } from './activities/activities.repository.ts';
import { createActivityLog } from './activities/activity-log.ts';
import { announceAccessWrites } from './auth/access-writes.ts';
import { createAuthService } from './auth/auth.service.ts';
import { createLockout } from './auth/lockout.ts';
import { loginFailuresRepository } from './auth/login-failures.repository.ts';
import { createMfaService } from './auth/mfa.service.ts';
import { createPasswordResetService } from './auth/password-reset.service.ts';
import { passwordResetsRepository } from './auth/password-resets.repository.ts';
import { createSessionGrants } from './auth/session-grants.ts';
import { sessionGrantsRepository } from './auth/session-grants.repository.ts';
import { permissionsRepository } from './permissions/permissions.repository.ts';
import { rolesRepository } from './roles/roles.repository.ts';
import { createPasswordPolicyService } from './settings/password-policy.service.ts';
import { settingsRepository } from './settings/settings.repository.ts';
import { tenantsRepository } from './tenants/tenants.repository.ts';
import { createTenantsService } from './tenants/tenants.service.ts';
import { usersRepository } from './users/users.repository.ts';
import { createUsersService } from './users/users.service.ts';
import { createDialableNumbers } from './dialable/numbers.ts';
import { createDestinationTargets } from './dialable/targets.ts';
import { createFeatureCatalogue } from './feature-codes/catalogue.ts';
import { createHoldMusicPlayers } from './music-on-hold/players.ts';
import type { AnyModule, ModuleDeps, ServicesOf } from './module.ts';
import { accountsRepository } from './accounts/accounts.repository.ts';
import { createActivitiesService } from './activities/activities.service.ts';
import { createPermissionsService } from './permissions/permissions.service.ts';
import { createRolesService } from './roles/roles.service.ts';
import { createUserDetailsService } from './users/user-details.service.ts';
import { createUserGrantsService } from './users/user-grants.service.ts';
import { cdrsRepository } from './cdrs/cdrs.repository.ts';
import { createCdrsService } from './cdrs/cdrs.service.ts';
import { sipProfilesRepository } from './sip-profiles/sip-profiles.repository.ts';
import { createSipProfilesService } from './sip-profiles/sip-profiles.service.ts';

export interface ServiceOptions<M extends readonly AnyModule[]> {
  config: Config;
  db: Db;
  keys: KeyPair;
  mailer?: Mailer;
  /** Carries change notices to every node; in-process when not given. */
  changes?: ChangeBus;
  /** The resource modules (src/modules.ts), built in this order after the core. */
  modules: M;
}

export function createRepositories(db: Db) {
  return {
    users: usersRepository(db),
    tenants: tenantsRepository(db),
    roles: rolesRepository(db),
    permissions: permissionsRepository(db),
    activities: activitiesRepository(db),
    settings: settingsRepository(db),
    loginFailures: loginFailuresRepository(db),
    passwordResets: passwordResetsRepository(db),
    sessionGrants: sessionGrantsRepository(db),
    accounts: accountsRepository(db),
    cdrs: cdrsRepository(db),
    sipProfiles: sipProfilesRepository(db),
  };
}

/** Builds each module's repository and service, registering what it holds and answers for. */
function createModuleServices<M extends readonly AnyModule[]>(modules: M, deps: Omit<ModuleDeps, 'services'>): ServicesOf<M> {
  const services: Record<string, unknown> = {};
  for (const module of modules) {
    const repository = module.repository(deps.db);
    services[module.name] = module.service(repository, { ...deps, services });
    if (module.dialable) deps.dialable.register(module.dialable(repository));
    if (module.featureCodes) deps.featureCodes.register(module.name, module.featureCodes(repository));
    for (const [kind, check] of Object.entries(module.destinations?.(repository) ?? {})) deps.targets.register(kind as never, check);
    if (module.referrers) deps.targets.registerReferrer(module.referrers(repository));
    if (module.playsHoldMusic) deps.holdMusicPlayers.register(module.playsHoldMusic(repository));
  }
  return services as ServicesOf<M>;
}

export function createServices<M extends readonly AnyModule[]>({ config, db, keys, mailer, changes = createLocalChangeBus(), modules }: ServiceOptions<M>) {
  const repos = announceAccessWrites(createRepositories(db), changes);
  const activity = createActivityLog(repos.activities);
  const tokens = createTokenSigner(keys, config.jwt.issuer);
  const secrets = createSecretBox(loadOrCreateSecretKey(config.secretKeyFile));
  const passwordPolicy = createPasswordPolicyService({ settings: repos.settings, activity });
  const mail = mailer ?? createMailer({ smtpUrl: config.smtp.url, from: config.smtp.from, outboxDir: join(config.dataDir, 'outbox') });

  const grants = createSessionGrants({ repo: repos.sessionGrants });
  const lockout = createLockout({ config, failures: repos.loginFailures, policy: passwordPolicy });
  const auth = createAuthService({
    config,
    users: repos.users,
    tenants: repos.tenants,
    lockout,
    policy: passwordPolicy,
    tokens,
    activity,
    loginLimiter: createRateLimiter(config.login.perIpPerMinute, 60_000),
    changes,
    grants,
  });
  const mfa = createMfaService({ config, users: repos.users, lockout, auth, secrets, activity, grants });
  const passwordReset = createPasswordResetService({
    config,
    users: repos.users,
    resets: repos.passwordResets,
    lockout,
    policy: passwordPolicy,
    mailer: mail,
    activity,
    limiter: createRateLimiter(config.login.perIpPerMinute, 60_000),
  });
  const tenants = createTenantsService({ config, tenants: repos.tenants, permissions: repos.permissions, activity, changes });

  const users = createUsersService({ config, users: repos.users, roles: repos.roles, tenants: repos.tenants, policy: passwordPolicy, activity, grants });
  const roles = createRolesService({ roles: repos.roles, permissions: repos.permissions, activity });
  const permissions = createPermissionsService({ permissions: repos.permissions, activity });
  const activities = createActivitiesService({ activities: repos.activities, users });
  const userGrants = createUserGrantsService({ users: repos.users, roles: repos.roles, permissions: repos.permissions, usersService: users, activity });
  const userDetails = createUserDetailsService({ config, users: repos.users, accounts: repos.accounts, usersService: users, issue: auth.issue, activity });

  const cdrs = createCdrsService({ cdrs: repos.cdrs });
  const sipProfiles = createSipProfilesService({ repo: repos.sipProfiles, changes, activity });

  const featureCodes = createFeatureCatalogue();
  const dialable = createDialableNumbers([featureCodes.dialable]);
  const targets = createDestinationTargets();
  const holdMusicPlayers = createHoldMusicPlayers();
  const moduleServices = createModuleServices(modules, { config, db, repos, secrets, changes, activity, dialable, targets, featureCodes, holdMusicPlayers });

  return { config, repos, changes, activity, tokens, secrets, mailer: mail, passwordPolicy, auth, mfa, passwordReset, tenants, users, roles, permissions, activities, userGrants, userDetails, cdrs, sipProfiles, dialable, targets, featureCatalogue: featureCodes, accountTypeOf: repos.accounts.typeOf, ...moduleServices };
}

/** The services of the core and of `M`'s modules (src/modules.ts names the app's). */
export type ServicesWith<M extends readonly AnyModule[]> = ReturnType<typeof createServices<M>>;
