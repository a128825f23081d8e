// The account_uuid migration gives every existing account (DIDs among them) a uuid of its own, so
// a DID bought before inbound routes existed has a destination_uuid too. The migrations before it
// are run as written, then accounts are added, then it runs.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { prismaPaths } from '../../src/db/migrations.ts';
import { databaseKinds, type DatabaseKind } from '../helpers/databases.ts';

const MIGRATION = 'account_uuid';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The SQL of the migrations up to this one, and this one's. */
function scripts(provider: DatabaseKind['name']) {
  const dir = prismaPaths[provider].migrations;
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const at = names.findIndex((n) => n.endsWith(`_${MIGRATION}`));
  const sql = (name: string) => readFileSync(join(dir, name, 'migration.sql'), 'utf8');
  return { before: names.slice(0, at).map(sql), it: sql(names[at]) };
}

const accounts = `INSERT INTO "accounts" ("type", "phone", "username", "updated_at") VALUES ('did', '15550000001', '15550000001', CURRENT_TIMESTAMP), ('did', '15550000002', '15550000002', CURRENT_TIMESTAMP), ('account', '', 'someone', CURRENT_TIMESTAMP)`;

/** Runs the SQL on the kind's empty database; answers the accounts' uuids after this migration. */
async function migrate(kind: DatabaseKind, url: string): Promise<string[]> {
  const { before, it: sql } = scripts(kind.name);
  if (kind.name === 'sqlite') {
    const db = new Sqlite(url.replace(/^file:/, ''));
    try {
      for (const script of before) db.exec(script);
      db.exec(accounts);
      db.exec(sql);
      return (db.prepare('SELECT "uuid" FROM "accounts" ORDER BY "id"').all() as { uuid: string }[]).map((r) => r.uuid);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const script of before) await client.query(script);
    await client.query(accounts);
    await client.query(sql);
    return (await client.query('SELECT "uuid" FROM "accounts" ORDER BY "id"')).rows.map((r: { uuid: string }) => r.uuid);
  } finally {
    await client.end();
  }
}

describe.each(databaseKinds)('the account_uuid migration on $name', (kind) => {
  it('gives each existing account a distinct version 4 uuid', async () => {
    const target = await kind.createEmpty();
    try {
      const uuids = await migrate(kind, target.url);
      expect(uuids).toHaveLength(3);
      for (const uuid of uuids) expect(uuid).toMatch(UUID);
      expect(new Set(uuids).size).toBe(3);
    } finally {
      await target.drop();
    }
  });
});
