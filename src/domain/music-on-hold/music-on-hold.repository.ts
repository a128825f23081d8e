// Music-on-hold classes in the database, with their tenant's name, domain and domain uuid. A rate
// of 0 is a class without one (any rate).
import type { Db, Prisma } from '../../db/database.ts';
import type { Paging } from '../shared/list.ts';

export interface MusicOnHoldRecord {
  id: string;
  tenantId: number;
  name: string;
  rate: number;
  shuffle: boolean;
  channels: number;
  interval: number;
  timerName: string;
  chimeList: string;
  chimeFreq: number;
  chimeMax: number;
  createdAt: Date;
  updatedAt: Date;
  tenant: { name: string; domain: string; domainUuid: string };
}

export type MusicOnHoldFields = Partial<Omit<MusicOnHoldRecord, 'id' | 'createdAt' | 'updatedAt' | 'tenant'>>;

export interface MusicOnHoldFilter {
  tenantIds?: number[];
  name?: string;
}

const select = {
  id: true,
  tenantId: true,
  name: true,
  rate: true,
  shuffle: true,
  channels: true,
  interval: true,
  timerName: true,
  chimeList: true,
  chimeFreq: true,
  chimeMax: true,
  createdAt: true,
  updatedAt: true,
  tenant: { select: { name: true, domain: true, domainUuid: true } },
} satisfies Prisma.MusicOnHoldSelect;

function where(filter: MusicOnHoldFilter): Prisma.MusicOnHoldWhereInput {
  return { tenantId: filter.tenantIds === undefined ? undefined : { in: filter.tenantIds }, name: filter.name === undefined ? undefined : { contains: filter.name } };
}

export function musicOnHoldRepository(db: Db) {
  return {
    findById: (id: string): Promise<MusicOnHoldRecord | null> => db.musicOnHold.findUnique({ where: { id }, select }),
    /** The class of the tenant with that name and rate (0: any rate). */
    findByName: (tenantId: number, name: string, rate: number): Promise<MusicOnHoldRecord | null> =>
      db.musicOnHold.findUnique({ where: { tenantId_name_rate: { tenantId, name, rate } }, select }),
    /** How many classes (rates) of that name the tenant has. */
    countNamed: (tenantId: number, name: string): Promise<number> => db.musicOnHold.count({ where: { tenantId, name } }),
    async list(filter: MusicOnHoldFilter, p: Paging) {
      const [items, total] = await Promise.all([
        db.musicOnHold.findMany({ where: where(filter), select, skip: p.skip, take: p.take, orderBy: [{ [p.sortField]: p.order }, { rate: 'asc' }, { id: 'asc' }] }),
        db.musicOnHold.count({ where: where(filter) }),
      ]);
      return { items, total };
    },
    create: (data: MusicOnHoldFields & { tenantId: number; name: string }): Promise<MusicOnHoldRecord> => db.musicOnHold.create({ data, select }),
    update: (id: string, data: MusicOnHoldFields): Promise<MusicOnHoldRecord> => db.musicOnHold.update({ where: { id }, data, select }),
    async delete(id: string): Promise<void> {
      await db.musicOnHold.delete({ where: { id } });
    },
  };
}

export type MusicOnHoldRepository = ReturnType<typeof musicOnHoldRepository>;
