// Named routing targets (a kind and a value) of a tenant.
import type { Db, Prisma } from '../../db/database.ts';
import type { Paging } from '../shared/list.ts';

export interface DestinationRecord {
  id: number;
  tenantId: number;
  name: string;
  type: string;
  value: string;
  description: string;
  createdAt: Date;
  updatedAt: Date;
}

export type DestinationFields = Partial<Omit<DestinationRecord, 'id' | 'createdAt' | 'updatedAt'>>;

export interface DestinationFilter {
  tenantId?: number;
  name?: string;
  type?: string;
}

export function destinationsRepository(db: Db) {
  return {
    findById: (id: number): Promise<DestinationRecord | null> => db.destination.findUnique({ where: { id } }),
    async list(filter: DestinationFilter, p: Paging) {
      const where: Prisma.DestinationWhereInput = filter;
      const [items, total] = await Promise.all([
        db.destination.findMany({ where, skip: p.skip, take: p.take, orderBy: [{ [p.sortField]: p.order }, { id: 'asc' }] }),
        db.destination.count({ where }),
      ]);
      return { items, total };
    },
    create: (data: DestinationFields & { tenantId: number; name: string; type: string; value: string }): Promise<DestinationRecord> =>
      db.destination.create({ data }),
    update: (id: number, data: DestinationFields): Promise<DestinationRecord> => db.destination.update({ where: { id }, data }),
    async delete(id: number): Promise<void> {
      await db.destination.delete({ where: { id } });
    },
  };
}

export type DestinationsRepository = ReturnType<typeof destinationsRepository>;
