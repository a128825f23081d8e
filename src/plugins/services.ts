// Builds the domain services once per app and seeds what every start needs.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { bootstrap } from '../domain/bootstrap.ts';
import { createServices, type Services } from '../domain/services.ts';
import type { Mailer } from '../infra/mailer.ts';
import { createPgChangeBus } from '../infra/pg-change-bus.ts';
import { loadOrCreateKeyPair } from '../security/keys.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    services: Services;
  }
}

async function services(app: FastifyInstance, options: { config: Config; mailer?: Mailer; announce?: (m: string) => void }) {
  const { config } = options;
  const keys = loadOrCreateKeyPair(config.jwt.privateKeyFile, config.jwt.publicKeyFile);
  // Several nodes on one PostgreSQL database hear each other's changes through LISTEN/NOTIFY.
  const changes = config.databaseProvider === 'postgresql' ? await createPgChangeBus({ url: config.databaseUrl, log: app.log }) : undefined;
  if (changes) app.addHook('onClose', () => changes.close());
  const built = createServices({ config, db: app.database.db, keys, mailer: options.mailer, changes });
  await bootstrap({
    config,
    users: built.repos.users,
    roles: built.repos.roles,
    permissions: built.repos.permissions,
    announce: options.announce ?? ((m) => process.stdout.write(m)),
  });
  app.decorate('config', config);
  app.decorate('services', built);
}

export default fp(services, { name: 'services', dependencies: ['database'] });
