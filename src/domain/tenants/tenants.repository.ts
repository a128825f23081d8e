// Tenants (organisations) and their FreeSWITCH domains.
import type { Db, Prisma } from '../../db/database.ts';

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
  return {
    async findById(id: number): Promise<TenantRecord | null> {
      const row = await db.tenant.findUnique({ where: { id }, include });
      return row && toRecord(row);
    },
    async findByIds(ids: readonly number[]): Promise<TenantRecord[]> {
      return (await db.tenant.findMany({ where: { id: { in: [...ids] } }, include })).map(toRecord);
    },
    async isActive(id: number): Promise<boolean> {
      const row = await db.tenant.findUnique({ where: { id }, select: { active: true } });
      return !!row?.active;
    },
    async domainTaken(domain: string, exceptId?: number): Promise<boolean> {
      const row = await db.tenant.findUnique({ where: { domain }, select: { id: true } });
      return !!row && row.id !== exceptId;
    },
    count: () => db.tenant.count(),
    async list(filter: TenantFilter, p: { skip: number; take: number; sortField: string; order: 'asc' | 'desc' }) {
      const where: Prisma.TenantWhereInput = filter;
      const [rows, total] = await Promise.all([
        db.tenant.findMany({ where, include, skip: p.skip, take: p.take, orderBy: { [p.sortField]: p.order } }),
        db.tenant.count({ where }),
      ]);
      return { items: rows.map(toRecord), total };
    },
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
    async delete(id: number): Promise<void> {
      await db.tenant.delete({ where: { id } });
    },
  };
}

export type TenantsRepository = ReturnType<typeof tenantsRepository>;
