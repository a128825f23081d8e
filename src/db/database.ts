// Opens the configured database through a Prisma driver adapter (no native query engine) and
// brings its schema up to date. Only repositories use the client this returns.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient } from '../generated/sqlite/client.ts';
import { PrismaClient as PostgresClient } from '../generated/postgres/client.ts';
import type { Db } from './client.ts';
import { attachHotReads, postgresHotReads, prismaHotReads, sqliteHotReads, type HotReads } from './hot-reads.ts';
import { applyMigrations, pendingMigrations, type Provider } from './migrations.ts';
import { privateFile } from '../infra/private-files.ts';

// Repositories take the client's types from here.
export type { Db } from './client.ts';
export { Prisma } from '../generated/sqlite/client.ts';

export interface Database {
  db: Db;
  /** xml_curl's reads, on prepared statements of their own. */
  reads: HotReads;
  provider: Provider;
  /** Migrations applied while opening. */
  applied: string[];
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** Apply pending migrations before opening (default true). */
  migrate?: boolean;
  /** Called with each SQL statement the client sends; tests count them. */
  onQuery?: (sql: string) => void;
}

function sqlitePath(url: string): string {
  const path = url.replace(/^file:(\/\/)?/, '').split('?')[0];
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    privateFile(path);
  }
  return path;
}

function adapterFor(provider: Provider, url: string) {
  if (provider === 'sqlite') return new PrismaBetterSqlite3({ url: sqlitePath(url), timeout: 5000 });
  return new PrismaPg({ connectionString: url, max: 10 });
}

function hotReadsFor(provider: Provider, url: string, db: Db, onQuery?: (sql: string) => void): HotReads {
  if (provider === 'postgresql') return postgresHotReads(url, onQuery);
  const path = sqlitePath(url);
  // A second connection to an in-memory database would open an empty one of its own.
  return path === ':memory:' ? prismaHotReads(db) : sqliteHotReads(path, onQuery);
}

export function providerOf(url: string): Provider {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgresql' : 'sqlite';
}

export async function openDatabase(url: string, options: DatabaseOptions = {}): Promise<Database> {
  const provider = providerOf(url);
  const Client = (provider === 'sqlite' ? SqliteClient : PostgresClient) as unknown as typeof SqliteClient;
  const log = options.onQuery ? [{ emit: 'event' as const, level: 'query' as const }] : [];
  const db = new Client({ adapter: adapterFor(provider, url), log }) as Db;
  // The schema engine is loaded only when there is something to apply: once loaded, its
  // WebAssembly stays in memory (about 40 MB) for the life of the process.
  const migrate = options.migrate !== false && (await pendingMigrations(provider, (sql) => db.$queryRawUnsafe(sql))).length > 0;
  const applied = migrate ? await applyMigrations(provider, adapterFor(provider, url)) : [];
  if (options.onQuery) {
    const onQuery = options.onQuery;
    (db as unknown as { $on(e: 'query', cb: (e: { query: string }) => void): void }).$on('query', (e) => onQuery(e.query));
  }
  if (provider === 'sqlite') {
    // WAL lets readers (the xml_curl hot path) proceed while an admin write commits.
    await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await db.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  }
  const reads = hotReadsFor(provider, url, db, options.onQuery);
  attachHotReads(db, reads);
  return {
    db,
    reads,
    provider,
    applied,
    async ping() {
      await db.$queryRawUnsafe('SELECT 1');
    },
    async close() {
      await reads.close();
      await db.$disconnect();
    },
  };
}
