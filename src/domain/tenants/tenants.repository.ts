// Tenants (organisations) and their FreeSWITCH domains.
import type { Db } from '../../db/database.ts';
import { tenantReads, type Assigned, type TenantReadFilter } from '../../db/tenant-reads.ts';

export interface TenantRecord {
  id: number;
  name: string;
  domain: string;
  domainUuid: string;
  description: string;
  email: string;
  phone: string;
  active: boolean;
  credit: number;
  maxConcurrentCalls: number;
  creditAlertThreshold: number;
  company: string;
  firstName: string;
  lastName: string;
  address: string;
  countryId: number | null;
  timezoneId: number | null;
  title: string;
  logoName: string;
  footer: string;
  dailyLimit: number;
  monthlyLimit: number;
  minRetention: number;
  maxRetention: number;
  retentionPeriod: number;
  quotaExtensions: number;
  quotaDevices: number;
  quotaRingGroups: number;
  quotaCallQueues: number;
  quotaConferences: number;
  quotaIvrMenus: number;
  quotaVoicemails: number;
  quotaMusicOnHold: number;
  createdAt: Date;
  updatedAt: Date;
  permissions: { id: number; name: string }[];
  /** What its users have been given in all, out of its limits and quotas. */
  assigned: Assigned;
}

export type TenantFields = Partial<Omit<TenantRecord, 'id' | 'domainUuid' | 'createdAt' | 'updatedAt' | 'permissions' | 'assigned'>>;

export type TenantFilter = TenantReadFilter;

export function tenantsRepository(db: Db) {
  // The reads every tenant page and GraphQL's Tenant make, one prepared statement each.
  const reads = tenantReads(db);
  /** A tenant just written, read back as every read reads it. */
  async function written(id: number): Promise<TenantRecord> {
    const tenant = await reads.findById(id);
    if (!tenant) throw new Error(`tenant ${id} vanished after its write`);
    return tenant;
  }
  return {
    findById: (id: number): Promise<TenantRecord | null> => reads.findById(id),
    findByIds: (ids: readonly number[]): Promise<TenantRecord[]> => reads.findByIds(ids),
    async isActive(id: number): Promise<boolean> {
      const row = await db.tenant.findUnique({ where: { id }, select: { active: true } });
      return !!row?.active;
    },
    async findByDomain(domain: string): Promise<{ id: number } | null> {
      return db.tenant.findUnique({ where: { domain }, select: { id: true } });
    },
    async domainTaken(domain: string, exceptId?: number): Promise<boolean> {
      const row = await db.tenant.findUnique({ where: { domain }, select: { id: true } });
      return !!row && row.id !== exceptId;
    },
    count: () => db.tenant.count(),
    list: (filter: TenantFilter, p: { skip: number; take: number; sortField: string; order: 'asc' | 'desc' }): Promise<{ items: TenantRecord[]; total: number }> =>
      reads.list(filter, p),
    async create(data: TenantFields & { name: string; domain: string; domainUuid: string }, permissionIds: number[]): Promise<TenantRecord> {
      const { id } = await db.tenant.create({
        data: { ...data, permissions: { create: permissionIds.map((permissionId) => ({ permissionId })) } },
        select: { id: true },
      });
      return written(id);
    },
    async update(id: number, data: TenantFields, permissionIds?: number[]): Promise<TenantRecord> {
      const row = await db.tenant.update({
        where: { id },
        data: {
          ...data,
          ...(permissionIds ? { permissions: { deleteMany: {}, create: permissionIds.map((permissionId) => ({ permissionId })) } } : {}),
        },
        select: { id: true },
      });
      return written(row.id);
    },
    /** Deletes the tenant and what it owns; its DIDs go back to stock (their tenant becomes null). */
    async delete(id: number): Promise<void> {
      await db.$transaction([db.account.deleteMany({ where: { tenantId: id, NOT: { type: 'did' } } }), db.tenant.delete({ where: { id } })]);
    },
  };
}

export type TenantsRepository = ReturnType<typeof tenantsRepository>;
