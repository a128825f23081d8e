// ICTCore's destinations: dialling prefixes, with their country's name and whether routes use them.
import type { Db, Prisma } from '../../db/database.ts';
import type { Paging } from '../shared/list.ts';

export interface DestinationRecord {
  id: string;
  name: string;
  prefix: string;
  countryId: number | null;
  createdAt: Date;
  updatedAt: Date;
  country: { name: string } | null;
}

export type DestinationFields = Partial<Pick<DestinationRecord, 'name' | 'prefix' | 'countryId'>>;

export interface DestinationFilter {
  countryId?: number;
  name?: string;
  prefix?: string;
  /** Destinations whose id is one of these (the prefixes of a dialled number). */
  ids?: string[];
}

const select = { id: true, name: true, prefix: true, countryId: true, createdAt: true, updatedAt: true, country: { select: { name: true } } } satisfies Prisma.DestinationSelect;

function where(filter: DestinationFilter): Prisma.DestinationWhereInput {
  return {
    countryId: filter.countryId,
    prefix: filter.prefix,
    ...(filter.name === undefined ? {} : { name: { contains: filter.name } }),
    ...(filter.ids === undefined ? {} : { id: { in: filter.ids } }),
  };
}

export function destinationsRepository(db: Db) {
  return {
    findById: (id: string): Promise<DestinationRecord | null> => db.destination.findUnique({ where: { id }, select }),
    findByIds: (ids: readonly string[]): Promise<DestinationRecord[]> => db.destination.findMany({ where: { id: { in: [...ids] } }, select }),
    async list(filter: DestinationFilter, p: Paging) {
      const [items, total] = await Promise.all([
        db.destination.findMany({ where: where(filter), select, skip: p.skip, take: p.take, orderBy: [{ [p.sortField]: p.order }, { id: 'asc' }] }),
        db.destination.count({ where: where(filter) }),
      ]);
      return { items, total };
    },
    countryExists: async (id: number): Promise<boolean> => (await db.country.count({ where: { id } })) > 0,
    /** The names of up to `limit` routes that use the destination. */
    routesUsing: async (id: string, limit = 5): Promise<string[]> =>
      (await db.route.findMany({ where: { destinationId: id }, select: { name: true }, orderBy: { id: 'asc' }, take: limit })).map((r) => r.name),
    create: (data: DestinationFields & { id: string; name: string; prefix: string }): Promise<DestinationRecord> => db.destination.create({ data, select }),
    update: (id: string, data: DestinationFields): Promise<DestinationRecord> => db.destination.update({ where: { id }, data, select }),
    async delete(id: string): Promise<void> {
      await db.destination.delete({ where: { id } });
    },
  };
}

export type DestinationsRepository = ReturnType<typeof destinationsRepository>;
