// Opens the database (applying pending migrations) and closes it when the app closes.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Database, type DatabaseOptions } from '../db/database.ts';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
  }
}

async function database(app: FastifyInstance, options: { url: string } & DatabaseOptions) {
  const db = await openDatabase(options.url, options);
  if (db.applied.length) app.log.info({ migrations: db.applied }, 'applied database migrations');
  app.decorate('database', db);
  app.addHook('onClose', () => db.close());
}

export default fp(database, { name: 'database' });
