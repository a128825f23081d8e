// Wires repositories into the domain services. Adapters (REST, GraphQL, xml_curl) only ever
// talk to what this returns.
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
import { createAuthService } from './auth/auth.service.ts';
import { loginFailuresRepository } from './auth/login-failures.repository.ts';
import { passwordResetsRepository } from './auth/password-resets.repository.ts';
import { permissionsRepository } from './permissions/permissions.repository.ts';
import { rolesRepository } from './roles/roles.repository.ts';
import { createPasswordPolicyService } from './settings/password-policy.service.ts';
import { settingsRepository } from './settings/settings.repository.ts';
import { tenantsRepository } from './tenants/tenants.repository.ts';
import { createTenantsService } from './tenants/tenants.service.ts';
import { usersRepository } from './users/users.repository.ts';
import { createUsersService } from './users/users.service.ts';

export interface ServiceOptions {
  config: Config;
  db: Db;
  keys: KeyPair;
  mailer?: Mailer;
  /** Carries change notices to every node; in-process when not given. */
  changes?: ChangeBus;
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
  };
}

export function createServices({ config, db, keys, mailer, changes = createLocalChangeBus() }: ServiceOptions) {
  const repos = createRepositories(db);
  const activity = createActivityLog(repos.activities);
  const tokens = createTokenSigner(keys, config.jwt.issuer);
  const secrets = createSecretBox(loadOrCreateSecretKey(config.secretKeyFile));
  const passwordPolicy = createPasswordPolicyService({ settings: repos.settings, activity });
  const mail = mailer ?? createMailer({ smtpUrl: config.smtp.url, from: config.smtp.from, outboxDir: join(config.dataDir, 'outbox') });

  const auth = createAuthService({
    config,
    users: repos.users,
    tenants: repos.tenants,
    failures: repos.loginFailures,
    tokens,
    activity,
    policy: passwordPolicy,
    loginLimiter: createRateLimiter(config.login.perIpPerMinute, 60_000),
  });
  const tenants = createTenantsService({ config, tenants: repos.tenants, permissions: repos.permissions, activity, changes });

  const users = createUsersService({ config, users: repos.users, roles: repos.roles, tenants: repos.tenants, policy: passwordPolicy, activity });

  return { config, repos, changes, activity, tokens, secrets, mailer: mail, passwordPolicy, auth, tenants, users };
}

export type Services = ReturnType<typeof createServices>;
