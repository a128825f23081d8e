// vitest's global setup: one database of each kind with every migration applied, made once per run.
// Each test app's database is then a copy of it (a file copy, or PostgreSQL's CREATE DATABASE …
// TEMPLATE) instead of a new database migrated by Prisma's schema engine: on a loaded two-core
// machine that engine's start and DDL were the largest share of every test file's set-up.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../../src/db/database.ts';
import { adminQuery, POSTGRES_TEMPLATE_ENV, SQLITE_TEMPLATE_ENV } from './databases.ts';

export default async function setup(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-template-'));
  const sqlitePath = join(dir, 'template.db');
  const sqlite = await openDatabase(`file:${sqlitePath}`);
  // A single file, with no WAL beside it, copies whole.
  await sqlite.db.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
  await sqlite.db.$queryRawUnsafe('PRAGMA journal_mode = DELETE');
  await sqlite.close();
  process.env[SQLITE_TEMPLATE_ENV] = sqlitePath;

  const baseUrl = process.env.TEST_DATABASE_URL;
  let pgTemplate: string | undefined;
  if (baseUrl) {
    pgTemplate = `switchyard_template_${randomBytes(6).toString('hex')}`;
    await adminQuery(baseUrl, `CREATE DATABASE ${pgTemplate}`);
    const url = new URL(baseUrl);
    url.pathname = `/${pgTemplate}`;
    const postgres = await openDatabase(url.toString());
    await postgres.close();
    process.env[POSTGRES_TEMPLATE_ENV] = pgTemplate;
  }

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (baseUrl && pgTemplate) await adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${pgTemplate} WITH (FORCE)`);
  };
}
