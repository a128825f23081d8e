// Tenants (organisations) and their FreeSWITCH domains.
import type { Db, Prisma } from '../../db/database.ts';
import { tenantReads } from '../../db/tenant-reads.ts';

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
  createdAt: Date;
  updatedAt: Date;
  permissions: { id: number; name: string }[];
}

const include = { permissions: { include: { permission: true } } } as const;
type TenantRow = Prisma.TenantGetPayload<{ include: typeof include }>;

function toRecord({ permissions, ...tenant }: TenantRow): TenantRecord {
  return { ...tenant, permissions: permissions.map((tp) => ({ id: tp.permission.id, name: tp.permission.name })) };
}

export type TenantFields = Partial<
  Pick<TenantRecord, 'name' | 'domain' | 'description' | 'email' | 'phone' | 'active' | 'credit' | 'maxConcurrentCalls' | 'creditAlertThreshold'>
>;

export interface TenantFilter {
  id?: number;
  name?: string;
  domain?: string;
  active?: boolean;
}

export function tenantsRepository(db: Db) {
  // The reads every tenant page and GraphQL's Tenant make, one prepared statement each.
  const reads = tenantReads(db);
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
      const row = await db.tenant.create({
        data: { ...data, permissions: { create: permissionIds.map((permissionId) => ({ permissionId })) } },
        include,
      });
      return toRecord(row);
    },
    async update(id: number, data: TenantFields, permissionIds?: number[]): Promise<TenantRecord> {
      const row = await db.tenant.update({
        where: { id },
        data: {
          ...data,
          ...(permissionIds ? { permissions: { deleteMany: {}, create: permissionIds.map((permissionId) => ({ permissionId })) } } : {}),
        },
        include,
      });
      return toRecord(row);
    },
    /** Deletes the tenant and what it owns; its DIDs go back to stock (their tenant becomes null). */
    async delete(id: number): Promise<void> {
      await db.$transaction([db.account.deleteMany({ where: { tenantId: id, NOT: { type: 'did' } } }), db.tenant.delete({ where: { id } })]);
    },
  };
}

export type TenantsRepository = ReturnType<typeof tenantsRepository>;
