// Call blocks in the database, with their tenant's name and domain uuid.
import type { Db, Prisma } from '../../db/database.ts';
import type { Paging } from '../shared/list.ts';

export interface CallBlockRecord {
  id: string;
  tenantId: number;
  name: string;
  number: string;
  callerIdName: string;
  countryCode: string;
  direction: string;
  action: string;
  data: string;
  enabled: boolean;
  description: string;
  createdAt: Date;
  updatedAt: Date;
  tenant: { name: string; domainUuid: string };
}

export type CallBlockFields = Partial<Omit<CallBlockRecord, 'id' | 'createdAt' | 'updatedAt' | 'tenant'>>;

export interface CallBlockFilter {
  tenantIds?: (number | null)[];
  number?: string;
  enabled?: boolean;
}

const select = {
  id: true,
  tenantId: true,
  name: true,
  number: true,
  callerIdName: true,
  countryCode: true,
  direction: true,
  action: true,
  data: true,
  enabled: true,
  description: true,
  createdAt: true,
  updatedAt: true,
  tenant: { select: { name: true, domainUuid: true } },
} satisfies Prisma.CallBlockSelect;

function where(filter: CallBlockFilter): Prisma.CallBlockWhereInput {
  const tenantIds = filter.tenantIds?.filter((t): t is number => t !== null);
  return { tenantId: tenantIds ? { in: tenantIds } : undefined, number: filter.number, enabled: filter.enabled };
}

export function callBlocksRepository(db: Db) {
  return {
    findById: (id: string): Promise<CallBlockRecord | null> => db.callBlock.findUnique({ where: { id }, select }),
    /** The tenant's blocks sending callers to voicemail box `value` (a `voicemail` destination). */
    async pointingAt(tenantId: number, kind: string, value: string): Promise<string[]> {
      if (kind !== 'voicemail') return [];
      const rows = await db.callBlock.findMany({ where: { tenantId, action: 'voicemail', data: value }, select: { id: true } });
      return rows.map((r) => r.id);
    },
    async list(filter: CallBlockFilter, p: Paging) {
      const [items, total] = await Promise.all([
        db.callBlock.findMany({ where: where(filter), select, skip: p.skip, take: p.take, orderBy: [{ [p.sortField]: p.order }, { id: 'asc' }] }),
        db.callBlock.count({ where: where(filter) }),
      ]);
      return { items, total };
    },
    create: (data: CallBlockFields & { tenantId: number; name: string }): Promise<CallBlockRecord> => db.callBlock.create({ data, select }),
    update: (id: string, data: CallBlockFields): Promise<CallBlockRecord> => db.callBlock.update({ where: { id }, data, select }),
    async delete(id: string): Promise<void> {
      await db.callBlock.delete({ where: { id } });
    },
  };
}

export type CallBlocksRepository = ReturnType<typeof callBlocksRepository>;
