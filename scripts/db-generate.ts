// Derives the PostgreSQL twin of prisma/schema.prisma and generates both Prisma clients.
// `prisma generate` never runs the native schema engine, but insists that one exists:
// PRISMA_SCHEMA_ENGINE_BINARY points it at any existing file.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { prismaPaths } from '../src/db/migrations.ts';

export function postgresTwin(sqliteSchema: string): string {
  const twin = sqliteSchema
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output\s*=\s*"\.\.\/src\/generated\/sqlite"/, 'output        = "../../src/generated/postgres"');
  if (twin === sqliteSchema || !twin.includes('generated/postgres')) throw new Error('prisma/schema.prisma no longer has the expected generator/datasource lines');
  return `// GENERATED from prisma/schema.prisma by scripts/db-generate.ts. Do not edit by hand.\n${twin}`;
}

function main() {
  const source = readFileSync(prismaPaths.sqlite.schema, 'utf8');
  mkdirSync(dirname(prismaPaths.postgresql.schema), { recursive: true });
  writeFileSync(prismaPaths.postgresql.schema, postgresTwin(source));
  const prismaCli = resolve(import.meta.dirname, '../node_modules/prisma/build/index.js');
  for (const provider of ['sqlite', 'postgresql'] as const) {
    execFileSync(process.execPath, [prismaCli, 'generate', '--schema', prismaPaths[provider].schema], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
    });
  }
  console.log('prisma: generated the sqlite and postgresql clients');
}

if (import.meta.url === `file://${process.argv[1]}`) main();
