// A user's hot read answers what Prisma answers: every column, its roles, its own permissions and
// the effective set through its roles, on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { userReads } from '../../src/db/user-reads.ts';
import { databaseKinds, type TestDatabase } from '../helpers/databases.ts';

const withAccess = {
  roles: { include: { role: { include: { permissions: { include: { permission: true } } } } }, orderBy: { roleId: 'asc' } },
  permissions: { include: { permission: true }, orderBy: { permissionId: 'asc' } },
} as const;

describe.each(databaseKinds)('user hot reads on $name', (kind) => {
  let target: TestDatabase;
  let database: Database;
  const ids: number[] = [];

  /** The same user through Prisma, in the hot read's shape. */
  async function throughPrisma(id: number) {
    const row = await database.db.user.findUnique({ where: { id }, include: withAccess });
    if (!row) return null;
    const { roles, permissions, ...user } = row;
    const effective = new Set([...permissions.map((p) => p.permission.name), ...roles.flatMap((r) => r.role.permissions.map((rp) => rp.permission.name))]);
    return {
      ...user,
      roles: roles.map((r) => ({ id: r.role.id, name: r.role.name })),
      directPermissions: permissions.map((p) => ({ id: p.permission.id, name: p.permission.name, description: p.permission.description })),
      permissions: [...effective].sort(),
    };
  }

  beforeAll(async () => {
    target = await kind.create();
    database = await openDatabase(target.url);
    const db = database.db;
    const [audit, read, write] = await Promise.all(['audit', 'tenant_read', 'tenant_update'].map((name) => db.permission.create({ data: { name, description: `may ${name}` } })));
    const viewer = await db.role.create({ data: { name: 'viewer', permissions: { create: [{ permissionId: read.id }, { permissionId: audit.id }] } } });
    const editor = await db.role.create({ data: { name: 'editor', permissions: { create: [{ permissionId: write.id }, { permissionId: read.id }] } } });
    const tenant = await db.tenant.create({ data: { name: 'Acme', domain: 'acme.test', domainUuid: crypto.randomUUID() } });
    const users = [
      { username: 'plain', passwordHash: 'x' },
      { username: 'full', passwordHash: 'y', tenantId: tenant.id, email: 'full@acme.test', firstName: 'Ful', lastName: 'L', phone: '1', mobile: '2', address: 'Street 1', company: 'Acme', countryId: 44, timezoneId: 7, active: false, credit: 12.5, status: 'login', tokenVersion: 3, mfaSecret: 'sealed', mfaEnabled: true, mfaLastStep: 99, lastLoginAt: new Date(Date.UTC(2026, 5, 1, 12, 30, 45, 678)), roles: { create: [{ roleId: editor.id }, { roleId: viewer.id }] }, permissions: { create: [{ permissionId: audit.id }] } },
      { username: 'direct-only', passwordHash: 'z', tenantId: tenant.id, permissions: { create: [{ permissionId: write.id }, { permissionId: read.id }] } },
    ];
    for (const data of users) ids.push((await db.user.create({ data })).id);
  });
  afterAll(async () => {
    await database?.close();
    await target?.drop();
  });

  it('reads a user with its roles and permissions as Prisma does, and none for an unknown id', async () => {
    const reads = userReads(database.db);
    for (const id of ids) expect(await reads.findById(id)).toEqual(await throughPrisma(id));
    expect((await reads.findById(ids[1]))?.permissions).toEqual(['audit', 'tenant_read', 'tenant_update']);
    expect(await reads.findById(-1)).toBeNull();
  });
});
