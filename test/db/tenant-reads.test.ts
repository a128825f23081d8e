// The tenants' hot reads answer what Prisma answers for the same read: every filter, sort, order
// and page the API offers, permissions and timestamps included, on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { tenantReads, type TenantPaging, type TenantRead, type TenantReadFilter } from '../../src/db/tenant-reads.ts';
import { databaseKinds, type TestDatabase } from '../helpers/databases.ts';

const withPermissions = { permissions: { include: { permission: true }, orderBy: { permissionId: 'asc' } } } as const;

describe.each(databaseKinds)('tenant hot reads on $name', (kind) => {
  let target: TestDatabase;
  let database: Database;
  let reads: ReturnType<typeof tenantReads>;
  const ids: number[] = [];

  /** A tenant's users' totals through Prisma. */
  async function assignedOf(tenantId: number) {
    const { _sum: sum } = await database.db.user.aggregate({
      where: { tenantId },
      _sum: { dailyLimit: true, monthlyLimit: true, quotaExtensions: true, quotaDevices: true, quotaRingGroups: true, quotaCallQueues: true, quotaIvrMenus: true, quotaVoicemail: true, quotaConference: true, quotaMusicOnHold: true },
    });
    return {
      daily: sum.dailyLimit ?? 0,
      monthly: sum.monthlyLimit ?? 0,
      extensions: sum.quotaExtensions ?? 0,
      devices: sum.quotaDevices ?? 0,
      ringGroups: sum.quotaRingGroups ?? 0,
      callQueues: sum.quotaCallQueues ?? 0,
      ivrMenus: sum.quotaIvrMenus ?? 0,
      voicemail: sum.quotaVoicemail ?? 0,
      conference: sum.quotaConference ?? 0,
      musicOnHold: sum.quotaMusicOnHold ?? 0,
    };
  }

  /** The same read through Prisma, in the hot reads' shape. */
  async function throughPrisma(filter: TenantReadFilter, p: TenantPaging): Promise<{ items: TenantRead[]; total: number }> {
    const rows = await database.db.tenant.findMany({
      where: filter,
      include: withPermissions,
      skip: p.skip,
      take: p.take,
      orderBy: [{ [p.sortField]: p.order }, { id: p.order }],
    });
    const items = await Promise.all(
      rows.map(async ({ permissions, ...t }) => ({ ...t, permissions: permissions.map((tp) => ({ id: tp.permission.id, name: tp.permission.name })), assigned: await assignedOf(t.id) })),
    );
    return { items, total: await database.db.tenant.count({ where: filter }) };
  }

  beforeAll(async () => {
    target = await kind.create();
    database = await openDatabase(target.url);
    reads = tenantReads(database.db);
    const permissions = [];
    for (const name of ['mfa_enabled', 'tenant_read', 'cdr_list']) permissions.push(await database.db.permission.create({ data: { name } }));
    // Names and domains out of id order, some tenants disabled, zero to three permissions each,
    // and creation times apart (Prisma and the hot reads may break ties differently).
    for (let i = 0; i < 12; i++) {
      const tenant = await database.db.tenant.create({
        data: {
          name: `Tenant ${String.fromCharCode(75 - i)}`,
          domain: `t${(i * 7) % 12}.test`,
          domainUuid: crypto.randomUUID(),
          description: i % 2 ? 'odd' : '',
          active: i % 3 !== 0,
          credit: i * 1.5,
          maxConcurrentCalls: i,
          creditAlertThreshold: i / 4,
          createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, (i * 5) % 12, 123)),
          permissions: { create: permissions.slice(0, i % 4).map((p) => ({ permissionId: p.id })) },
        },
      });
      ids.push(tenant.id);
      // Zero to two users each, with limits and quotas of their own.
      for (let u = 0; u < i % 3; u++) {
        await database.db.user.create({
          data: { tenantId: tenant.id, username: `u${i}-${u}`, passwordHash: 'x', email: `u${i}-${u}@t.test`, dailyLimit: 10 * i + u, monthlyLimit: 100 + u, quotaExtensions: u + 1, quotaRingGroups: i, quotaVoicemail: 2, quotaMusicOnHold: u },
        });
      }
    }
  });
  afterAll(async () => {
    await database?.close();
    await target?.drop();
  });

  it('reads one tenant with its permissions and its users\' totals, and none for an unknown id', async () => {
    for (const id of ids) {
      const expected = await database.db.tenant.findUniqueOrThrow({ where: { id }, include: withPermissions });
      const { permissions, ...tenant } = expected;
      expect(await reads.findById(id)).toEqual({ ...tenant, permissions: permissions.map((tp) => ({ id: tp.permission.id, name: tp.permission.name })), assigned: await assignedOf(id) });
    }
    expect(await reads.findById(-1)).toBeNull();
  });

  it('reads a batch of tenants by id, whatever their number and order', async () => {
    const wanted = [ids[5], ids[0], -1, ids[11], ids[5], ids[3], ids[7]];
    const found = await reads.findByIds(wanted);
    expect(found.map((t) => t.id)).toEqual([ids[0], ids[3], ids[5], ids[7], ids[11]]);
    for (const tenant of found) expect(tenant).toEqual(await reads.findById(tenant.id));
    expect(await reads.findByIds([])).toEqual([]);
  });

  it('pages as Prisma does, for every filter, sort and order', async () => {
    const filters: TenantReadFilter[] = [{}, { active: true }, { active: false }, { name: 'Tenant G' }, { domain: 't7.test', active: true }, { id: ids[4] }, { id: ids[4], active: false }];
    for (const filter of filters) {
      for (const sortField of ['id', 'name', 'domain', 'createdAt']) {
        for (const order of ['asc', 'desc'] as const) {
          for (const [skip, take] of [
            [0, 5],
            [5, 5],
            [0, 50],
            [40, 5],
          ]) {
            const p = { skip, take, sortField, order };
            expect(await reads.list(filter, p), JSON.stringify({ filter, p })).toEqual(await throughPrisma(filter, p));
          }
        }
      }
    }
  });
});
