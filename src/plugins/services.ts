// Builds the domain services once per app and seeds what every start needs.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { bootstrap } from '../domain/bootstrap.ts';
import type { AnyModule } from '../domain/module.ts';
import { createServices } from '../domain/services.ts';
import { createSwitchingServices } from '../freeswitch/control/switching.ts';
import type { Mailer } from '../infra/mailer.ts';
import { createPgChangeBus } from '../infra/pg-change-bus.ts';
import { loadOrCreateKeyPair } from '../security/keys.ts';

export interface ServicesOptions {
  config: Config;
  /** The resource modules (src/modules.ts, which also types app.services). */
  modules: readonly AnyModule[];
  mailer?: Mailer;
  announce?: (m: string) => void;
}

async function services(app: FastifyInstance, options: ServicesOptions) {
  const { config } = options;
  const keys = loadOrCreateKeyPair(config.jwt.privateKeyFile, config.jwt.publicKeyFile);
  // Several nodes on one PostgreSQL database hear each other's changes through LISTEN/NOTIFY.
  const changes = config.databaseProvider === 'postgresql' ? await createPgChangeBus({ url: config.databaseUrl, log: app.log }) : undefined;
  if (changes) app.addHook('onClose', () => changes.close());
  const built = createServices({ config, db: app.database.db, keys, mailer: options.mailer, changes, modules: options.modules });
  // Switchyard's control of FreeSWITCH (live calls, switch nodes) sits above the domain, on the Event Socket.
  const switching = createSwitchingServices({ config, db: app.database.db, tenants: built.repos.tenants, secrets: built.secrets, changes: built.changes, activity: built.activity, mailer: built.mailer });
  await bootstrap({
    config,
    users: built.repos.users,
    roles: built.repos.roles,
    permissions: built.repos.permissions,
    announce: options.announce ?? ((m) => process.stdout.write(m)),
    modules: options.modules,
  });
  app.decorate('config', config);
  app.decorate('services', { ...built, ...switching } as FastifyInstance['services']);
}

export default fp(services, { name: 'services', dependencies: ['database'] });
