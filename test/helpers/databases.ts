// The databases every suite runs on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set.
// Each test app gets a database of its own (a copy of the migrated template the global set-up
// made, or an empty one where a test is about migrating), so files run in parallel. When
// TEST_DATABASE_URL is set and unreachable, tests fail: never skip.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Where the global set-up (database-templates.ts) leaves its migrated templates. */
export const SQLITE_TEMPLATE_ENV = 'SWITCHYARD_TEST_SQLITE_TEMPLATE';
export const POSTGRES_TEMPLATE_ENV = 'SWITCHYARD_TEST_POSTGRES_TEMPLATE';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export interface DatabaseKind {
  name: 'sqlite' | 'postgresql';
  /** A database with every migration applied (a copy of the run's template when there is one). */
  create(): Promise<TestDatabase>;
  /** A database with nothing in it, for tests of migrating. */
  createEmpty(): Promise<TestDatabase>;
}

function sqliteDatabase(template: string | undefined): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-db-'));
  const path = join(dir, 'test.db');
  if (template) copyFileSync(template, path);
  return { url: `file:${path}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

const sqlite: DatabaseKind = {
  name: 'sqlite',
  create: async () => sqliteDatabase(process.env[SQLITE_TEMPLATE_ENV]),
  createEmpty: async () => sqliteDatabase(undefined),
};

export async function adminQuery(baseUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

function postgres(baseUrl: string): DatabaseKind {
  async function database(template: string | undefined): Promise<TestDatabase> {
    const name = `switchyard_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(baseUrl, `CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    return { url: url.toString(), drop: () => adminQuery(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  }
  return {
    name: 'postgresql',
    create: () => database(process.env[POSTGRES_TEMPLATE_ENV]),
    createEmpty: () => database(undefined),
  };
}

export const databaseKinds: DatabaseKind[] = [sqlite, ...(process.env.TEST_DATABASE_URL ? [postgres(process.env.TEST_DATABASE_URL)] : [])];
