// Caller ids: the accounts of type "cid" (ICTCore's model), with their tenant's name.
import type { Db, Prisma } from '../../db/database.ts';
import type { Paging } from '../shared/list.ts';

export const CID = 'cid';

export interface CallerIdRecord {
  id: number;
  tenantId: number;
  phone: string;
  username: string;
  firstName: string;
  lastName: string;
  description: string;
  userId: number | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
  tenant: { name: string } | null;
}

export type CallerIdFields = Partial<Omit<CallerIdRecord, 'id' | 'createdAt' | 'updatedAt' | 'tenant'>>;

export interface CallerIdFilter {
  tenantId?: number;
  phone?: string;
  firstName?: string;
  active?: boolean;
}

const select = {
  id: true,
  tenantId: true,
  phone: true,
  username: true,
  firstName: true,
  lastName: true,
  description: true,
  userId: true,
  active: true,
  createdAt: true,
  updatedAt: true,
  tenant: { select: { name: true } },
} satisfies Prisma.AccountSelect;

type Row = Omit<CallerIdRecord, 'tenantId'> & { tenantId: number | null };
// Caller ids always have a tenant (the tenant's deletion deletes them).
const toRecord = (row: Row): CallerIdRecord => ({ ...row, tenantId: row.tenantId as number });

function where(filter: CallerIdFilter): Prisma.AccountWhereInput {
  return {
    type: CID,
    tenantId: filter.tenantId,
    phone: filter.phone,
    firstName: filter.firstName === undefined ? undefined : { contains: filter.firstName },
    active: filter.active,
  };
}

export function callerIdsRepository(db: Db) {
  return {
    findById: async (id: number): Promise<CallerIdRecord | null> => {
      const row = await db.account.findFirst({ where: { id, type: CID }, select });
      return row && toRecord(row);
    },
    async taken(tenantId: number, phone: string, exceptId?: number): Promise<boolean> {
      const row = await db.account.findFirst({ where: { type: CID, tenantId, phone }, select: { id: true } });
      return !!row && row.id !== exceptId;
    },
    async list(filter: CallerIdFilter, p: Paging) {
      const [rows, total] = await Promise.all([
        db.account.findMany({ where: where(filter), select, skip: p.skip, take: p.take, orderBy: [{ [p.sortField]: p.order }, { id: 'asc' }] }),
        db.account.count({ where: where(filter) }),
      ]);
      return { items: rows.map(toRecord), total };
    },
    create: async (data: CallerIdFields & { tenantId: number; phone: string }): Promise<CallerIdRecord> =>
      toRecord(await db.account.create({ data: { ...data, type: CID, username: data.phone, callerIdName: data.firstName ?? '' }, select })),
    update: async (id: number, data: CallerIdFields): Promise<CallerIdRecord> =>
      toRecord(
        await db.account.update({
          where: { id },
          data: { ...data, ...(data.phone !== undefined ? { username: data.phone } : {}), ...(data.firstName !== undefined ? { callerIdName: data.firstName } : {}) },
          select,
        }),
      ),
    async delete(id: number): Promise<void> {
      await db.account.delete({ where: { id } });
    },
  };
}

export type CallerIdsRepository = ReturnType<typeof callerIdsRepository>;
