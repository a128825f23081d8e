// Writes a new migration for both databases, in Prisma's folder format: the SQL that takes the
// schema as of the last migration (kept beside the migrations as schema.snapshot.prisma) to
// prisma/schema.prisma. A datamodel-to-datamodel diff needs no shadow database and no network.
// Usage: npm run db:generate && npm run db:migration -- <name>
import { readFileSync, writeFileSync, mkdirSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { openSchemaEngine, noFilters } from '../src/db/schema-engine.ts';
import { prismaPaths, type Provider } from '../src/db/migrations.ts';

const name = (process.argv[2] || '').replace(/[^a-z0-9_]/gi, '_');
if (!name) {
  console.error('usage: npm run db:migration -- <name>');
  process.exit(2);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);

// The engine opens a connection even for a datamodel diff, which then reads and writes nothing.
// PostgreSQL's: MIGRATION_DATABASE_URL (default: the local `test` database).
const pgUrl = process.env.MIGRATION_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const adapters = {
  sqlite: () => new PrismaBetterSqlite3({ url: join(mkdtempSync(join(tmpdir(), 'switchyard-migration-')), 'unused.db') }),
  postgresql: () => new PrismaPg({ connectionString: pgUrl }),
};

for (const provider of ['sqlite', 'postgresql'] as Provider[]) {
  const { schema, migrations } = prismaPaths[provider];
  const schemaText = readFileSync(schema, 'utf8');
  const snapshot = join(migrations, 'schema.snapshot.prisma');
  const engine = await openSchemaEngine(schema, schemaText, adapters[provider]());
  const { stdout } = await engine.diff({
    from: existsSync(snapshot) ? { tag: 'schemaDatamodel', files: [{ path: snapshot, content: readFileSync(snapshot, 'utf8') }] } : { tag: 'empty' },
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
  writeFileSync(snapshot, schemaText);
  const lock = join(migrations, 'migration_lock.toml');
  if (!existsSync(lock)) writeFileSync(lock, `# Written by Prisma's folder convention; do not edit.\nprovider = "${provider}"\n`);
  console.log(`${provider}: wrote ${dir}/migration.sql`);
}
