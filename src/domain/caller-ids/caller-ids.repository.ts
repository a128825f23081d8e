// Caller-id numbers a tenant may present (ICTPBX /cids).
import type { Db, Prisma } from '../../db/database.ts';
import type { Paging } from '../shared/list.ts';

export interface CallerIdRecord {
  id: number;
  tenantId: number;
  number: string;
  name: string;
  description: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type CallerIdFields = Partial<Omit<CallerIdRecord, 'id' | 'createdAt' | 'updatedAt'>>;

export interface CallerIdFilter {
  tenantId?: number;
  number?: string;
  active?: boolean;
}

export function callerIdsRepository(db: Db) {
  return {
    findById: (id: number): Promise<CallerIdRecord | null> => db.callerId.findUnique({ where: { id } }),
    async taken(tenantId: number, number: string, exceptId?: number): Promise<boolean> {
      const row = await db.callerId.findUnique({ where: { tenantId_number: { tenantId, number } }, select: { id: true } });
      return !!row && row.id !== exceptId;
    },
    async list(filter: CallerIdFilter, p: Paging) {
      const where: Prisma.CallerIdWhereInput = filter;
      const [items, total] = await Promise.all([
        db.callerId.findMany({ where, skip: p.skip, take: p.take, orderBy: [{ [p.sortField]: p.order }, { id: 'asc' }] }),
        db.callerId.count({ where }),
      ]);
      return { items, total };
    },
    create: (data: CallerIdFields & { tenantId: number; number: string }): Promise<CallerIdRecord> => db.callerId.create({ data }),
    update: (id: number, data: CallerIdFields): Promise<CallerIdRecord> => db.callerId.update({ where: { id }, data }),
    async delete(id: number): Promise<void> {
      await db.callerId.delete({ where: { id } });
    },
  };
}

export type CallerIdsRepository = ReturnType<typeof callerIdsRepository>;
