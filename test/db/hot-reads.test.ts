// xml_curl's hot reads: straight on the driver, on statements kept per SQL text, reading what
// Prisma writes (at once, on SQLite's second connection too), and counted like every other query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { databaseKinds, type TestDatabase } from '../helpers/databases.ts';

const byName = 'SELECT name AS "name", max_concurrent_calls AS "limit" FROM tenants WHERE domain = ? OR domain = ? ORDER BY name';

describe.each(databaseKinds)('hot reads on $name', (kind) => {
  let target: TestDatabase;
  let database: Database;
  const queries: string[] = [];

  beforeAll(async () => {
    target = await kind.create();
    database = await openDatabase(target.url, { onQuery: (sql) => queries.push(sql) });
  });
  afterAll(async () => {
    await database?.close();
    await target?.drop();
  });

  it('binds parameters in order and reads what Prisma has just written', async () => {
    expect(await database.reads.all(byName, ['a.test', 'b.test'])).toEqual([]);
    await database.db.tenant.create({ data: { name: 'Alpha', domain: 'a.test', domainUuid: crypto.randomUUID(), maxConcurrentCalls: 3 } });
    await database.db.tenant.create({ data: { name: 'Beta', domain: 'b.test', domainUuid: crypto.randomUUID() } });
    const rows = await database.reads.all(byName, ['a.test', 'b.test']);
    expect(rows.map((r) => [r.name, Number(r.limit)])).toEqual([
      ['Alpha', 3],
      ['Beta', 0],
    ]);
    expect(await database.reads.all(byName, ['b.test', 'nowhere.test'])).toEqual([{ name: 'Beta', limit: rows[1].limit }]);
  });

  it('keeps statements apart by their text, and reports each read as a query', async () => {
    const before = queries.length;
    const one = await database.reads.all('SELECT ? AS "v"', ['x']);
    const two = await database.reads.all('SELECT ? AS "v", ? AS "w"', ['y', 'z']);
    const again = await database.reads.all('SELECT ? AS "v"', ['q']);
    expect([one, two, again]).toEqual([[{ v: 'x' }], [{ v: 'y', w: 'z' }], [{ v: 'q' }]]);
    expect(queries.slice(before).filter((q) => q.startsWith('SELECT ? AS'))).toHaveLength(3);
  });

  it('rejects a bad statement without breaking the next read', async () => {
    await expect(database.reads.all('SELECT nothing FROM nowhere', [])).rejects.toThrow();
    expect(await database.reads.all('SELECT ? AS "v"', ['still'])).toEqual([{ v: 'still' }]);
  });
});
