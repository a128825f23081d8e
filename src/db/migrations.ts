// Prisma's standard migrations folders, one per database, and applying them at start.
import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MigrationList } from '@prisma/schema-engine-wasm';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { openSchemaEngine, noFilters } from './schema-engine.ts';

export type Provider = 'sqlite' | 'postgresql';

const root = resolve(import.meta.dirname, '../..');

export const prismaPaths: Record<Provider, { schema: string; migrations: string }> = {
  sqlite: { schema: join(root, 'prisma/schema.prisma'), migrations: join(root, 'prisma/migrations') },
  postgresql: { schema: join(root, 'prisma/postgres/schema.prisma'), migrations: join(root, 'prisma/postgres/migrations') },
};

/** The migrations in a folder, by name (one directory each), oldest first. */
async function migrationNames(baseDir: string): Promise<string[]> {
  const entries = existsSync(baseDir) ? await readdir(baseDir, { withFileTypes: true }) : [];
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

export async function readMigrationList(baseDir: string): Promise<MigrationList> {
  const lockPath = join(baseDir, 'migration_lock.toml');
  const directories = await migrationNames(baseDir);
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      directories.map(async (path) => ({
        path,
        migrationFile: {
          path: 'migration.sql',
          content: { tag: 'ok' as const, value: await readFile(join(baseDir, path, 'migration.sql'), 'utf8') },
        },
      })),
    ),
  };
}

/**
 * The migrations in the folder that the database has not recorded as applied: all of them on a
 * new database, and all of them again when the record cannot be read (the engine then decides).
 */
export async function pendingMigrations(provider: Provider, query: (sql: string) => Promise<unknown>): Promise<string[]> {
  const names = await migrationNames(prismaPaths[provider].migrations);
  try {
    const rows = (await query('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL')) as { migration_name: string }[];
    const applied = new Set(rows.map((r) => r.migration_name));
    return names.filter((name) => !applied.has(name));
  } catch {
    return names;
  }
}

/**
 * Hands the engine its connections and closes them afterwards: the engine never does, and on
 * SQLite it takes `locking_mode=EXCLUSIVE`, which would lock every other connection out.
 */
function closingFactory(factory: SqlMigrationAwareDriverAdapterFactory) {
  const opened: SqlDriverAdapter[] = [];
  const track = async (connect: () => Promise<SqlDriverAdapter>) => {
    const adapter = await connect();
    opened.push(adapter);
    return adapter;
  };
  const wrapped: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => track(() => factory.connect()),
    connectToShadowDb: () => track(() => factory.connectToShadowDb()),
  };
  return { wrapped, closeAll: () => Promise.all(opened.map((a) => a.dispose())) };
}

/** Applies every pending migration; returns the names applied now. */
export async function applyMigrations(
  provider: Provider,
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  log?: (message: string) => void,
): Promise<string[]> {
  const paths = prismaPaths[provider];
  const { wrapped, closeAll } = closingFactory(adapterFactory);
  const engine = await openSchemaEngine(paths.schema, await readFile(paths.schema, 'utf8'), wrapped, log);
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList: await readMigrationList(paths.migrations),
      filters: noFilters,
    });
    return appliedMigrationNames;
  } finally {
    engine.free();
    await closeAll();
  }
}
