// Start applies pending migrations, and loads Prisma's schema engine only when there are some:
// a new database gets every migration in the folder, an up-to-date one none.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { pendingMigrations, prismaPaths } from '../../src/db/migrations.ts';
import { databaseKinds } from '../helpers/databases.ts';

describe.each(databaseKinds)('migrations on $name', (kind) => {
  const folder = (provider: 'sqlite' | 'postgresql') =>
    readdirSync(prismaPaths[provider].migrations, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();

  it('a new database gets every migration; opening it again applies none and finds none pending', async () => {
    const target = await kind.createEmpty();
    try {
      const first = await openDatabase(target.url);
      expect(first.applied.sort()).toEqual(folder(first.provider));
      expect(await pendingMigrations(first.provider, (sql) => first.db.$queryRawUnsafe(sql))).toEqual([]);
      await first.close();

      const again = await openDatabase(target.url);
      expect(again.applied).toEqual([]);
      expect(await again.db.tenant.count()).toBeGreaterThanOrEqual(0);
      await again.close();
    } finally {
      await target.drop();
    }
  });

  it('an unreadable migration record counts every migration as pending, for the engine to settle', async () => {
    const target = await kind.createEmpty();
    try {
      const db = await openDatabase(target.url, { migrate: false });
      expect(await pendingMigrations(db.provider, (sql) => db.db.$queryRawUnsafe(sql))).toEqual(folder(db.provider));
      await db.close();
    } finally {
      await target.drop();
    }
  });
});
