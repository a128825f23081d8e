// Writes a new migration for both databases: the SQL that takes the existing migrations to
// prisma/schema.prisma, in Prisma's folder format. Usage: npm run db:migration -- <name>
// PostgreSQL needs a server for its shadow database: MIGRATION_DATABASE_URL (default: local `test`).
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { openSchemaEngine, noFilters } from '../src/db/schema-engine.ts';
import { prismaPaths, readMigrationList, type Provider } from '../src/db/migrations.ts';

const name = (process.argv[2] || '').replace(/[^a-z0-9_]/gi, '_');
if (!name) {
  console.error('usage: npm run db:migration -- <name>');
  process.exit(2);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const pgUrl = process.env.MIGRATION_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

const factories: Record<Provider, () => SqlMigrationAwareDriverAdapterFactory> = {
  sqlite: () => new PrismaBetterSqlite3({ url: ':memory:' }, { shadowDatabaseUrl: ':memory:' }),
  postgresql: () => new PrismaPg({ connectionString: pgUrl }),
};

for (const provider of ['sqlite', 'postgresql'] as const) {
  const { schema, migrations } = prismaPaths[provider];
  const schemaText = readFileSync(schema, 'utf8');
  const engine = await openSchemaEngine(schema, schemaText, factories[provider]());
  const existing = await readMigrationList(migrations);
  const { stdout } = await engine.diff({
    from: existing.migrationDirectories.length ? { tag: 'migrations', ...existing } : { tag: 'empty' },
    to: { tag: 'schemaDatamodel', files: [{ path: schema, content: schemaText }] },
    script: true,
    exitCode: null,
    filters: noFilters,
  });
  engine.free();
  const sql = (stdout ?? '').trim();
  if (!sql || /^-- This is an empty migration/.test(sql)) {
    console.log(`${provider}: schema matches the migrations, nothing written`);
    continue;
  }
  const dir = join(migrations, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'migration.sql'), `${sql}\n`);
  const lock = join(migrations, 'migration_lock.toml');
  if (!existsSync(lock)) writeFileSync(lock, `# Written by Prisma's folder convention; do not edit.\nprovider = "${provider}"\n`);
  console.log(`${provider}: wrote ${dir}/migration.sql`);
}
