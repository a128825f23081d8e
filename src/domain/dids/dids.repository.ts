// DID numbers and where their inbound calls go.
import type { Db, Prisma } from '../../db/database.ts';
import type { Paging } from '../shared/list.ts';
import { tenantWhere } from '../shared/tenant-where.ts';

export interface DidRecord {
  id: number;
  number: string;
  tenantId: number | null;
  providerId: number | null;
  accountId: number | null;
  destinationType: string;
  destinationValue: string;
  callerIdPrefix: string;
  active: boolean;
  description: string;
  createdAt: Date;
  updatedAt: Date;
}

export type DidFields = Partial<Omit<DidRecord, 'id' | 'accountId' | 'createdAt' | 'updatedAt'>>;

export interface DidFilter {
  tenantIds?: (number | null)[];
  number?: string;
  providerId?: number;
  destinationType?: string;
  active?: boolean;
}

function where(filter: DidFilter): Prisma.DidWhereInput {
  return {
    ...tenantWhere(filter.tenantIds),
    number: filter.number,
    providerId: filter.providerId,
    destinationType: filter.destinationType,
    active: filter.active,
  };
}

export function didsRepository(db: Db) {
  return {
    findById: (id: number): Promise<DidRecord | null> => db.did.findUnique({ where: { id } }),
    findByIds: (ids: readonly number[]): Promise<DidRecord[]> => db.did.findMany({ where: { id: { in: [...ids] } } }),
    findByNumber: (number: string): Promise<DidRecord | null> => db.did.findUnique({ where: { number } }),
    async list(filter: DidFilter, p: Paging) {
      const [items, total] = await Promise.all([
        db.did.findMany({ where: where(filter), skip: p.skip, take: p.take, orderBy: [{ [p.sortField]: p.order }, { id: 'asc' }] }),
        db.did.count({ where: where(filter) }),
      ]);
      return { items, total };
    },
    create: (data: DidFields & { number: string }): Promise<DidRecord> => db.did.create({ data }),
    update: (id: number, data: DidFields): Promise<DidRecord> => db.did.update({ where: { id }, data }),
    async delete(id: number): Promise<void> {
      await db.did.delete({ where: { id } });
    },
  };
}

export type DidsRepository = ReturnType<typeof didsRepository>;
