// Outbound routes, each with its destination's name and prefix and its provider's name (ICTCore's
// route list joins them). Batches (bulk create, CSV import) are written in one transaction.
import type { Db, Prisma } from '../../db/database.ts';
import type { Paging } from '../shared/list.ts';
import { tenantWhere } from '../shared/tenant-where.ts';

export interface RouteRecord {
  id: number;
  tenantId: number | null;
  providerId: number;
  name: string;
  destinationId: string | null;
  pattern: string;
  strip: number;
  prepend: string;
  priority: number;
  serviceFlag: number;
  tollType: string;
  cost: number;
  active: boolean;
  description: string;
  createdAt: Date;
  updatedAt: Date;
  destination: { name: string; prefix: string } | null;
  provider: { name: string };
}

export type RouteFields = Partial<Omit<RouteRecord, 'id' | 'createdAt' | 'updatedAt' | 'destination' | 'provider'>>;
export type NewRoute = RouteFields & { name: string; providerId: number };

export interface RouteFilter {
  ids?: number[];
  tenantIds?: (number | null)[];
  providerId?: number;
  serviceFlags?: number[];
  name?: string;
  destinationId?: string;
  tollType?: string;
  active?: boolean;
}

const select = {
  id: true,
  tenantId: true,
  providerId: true,
  name: true,
  destinationId: true,
  pattern: true,
  strip: true,
  prepend: true,
  priority: true,
  serviceFlag: true,
  tollType: true,
  cost: true,
  active: true,
  description: true,
  createdAt: true,
  updatedAt: true,
  destination: { select: { name: true, prefix: true } },
  provider: { select: { name: true } },
} satisfies Prisma.RouteSelect;

function where(filter: RouteFilter): Prisma.RouteWhereInput {
  return {
    ...tenantWhere(filter.tenantIds),
    ...(filter.ids === undefined ? {} : { id: { in: filter.ids } }),
    providerId: filter.providerId,
    serviceFlag: filter.serviceFlags ? { in: filter.serviceFlags } : undefined,
    ...(filter.name === undefined ? {} : { name: { contains: filter.name } }),
    destinationId: filter.destinationId,
    tollType: filter.tollType,
    active: filter.active,
  };
}

export function routesRepository(db: Db) {
  return {
    findById: (id: number): Promise<RouteRecord | null> => db.route.findUnique({ where: { id }, select }),
    findByIds: (ids: readonly number[]): Promise<RouteRecord[]> => db.route.findMany({ where: { id: { in: [...ids] } }, select }),
    async list(filter: RouteFilter, p: Paging) {
      const [items, total] = await Promise.all([
        db.route.findMany({ where: where(filter), select, skip: p.skip, take: p.take, orderBy: [{ [p.sortField]: p.order }, { id: 'asc' }] }),
        db.route.count({ where: where(filter) }),
      ]);
      return { items, total };
    },
    /** Every route matching the filter, in priority order (exports). */
    all: (filter: RouteFilter): Promise<RouteRecord[]> => db.route.findMany({ where: where(filter), select, orderBy: [{ priority: 'asc' }, { id: 'asc' }] }),
    destinationExists: async (id: string): Promise<boolean> => (await db.destination.count({ where: { id } })) > 0,
    create: (data: NewRoute): Promise<RouteRecord> => db.route.create({ data, select }),
    update: (id: number, data: RouteFields): Promise<RouteRecord> => db.route.update({ where: { id }, data, select }),
    /** Creates and updates all of them or none. */
    async saveAll(creates: NewRoute[], updates: { id: number; data: RouteFields }[]): Promise<{ created: RouteRecord[]; updated: RouteRecord[] }> {
      const written = await db.$transaction([
        ...creates.map((data) => db.route.create({ data, select })),
        ...updates.map(({ id, data }) => db.route.update({ where: { id }, data, select })),
      ]);
      return { created: written.slice(0, creates.length), updated: written.slice(creates.length) };
    },
    async delete(id: number): Promise<void> {
      await db.route.delete({ where: { id } });
    },
  };
}

export type RoutesRepository = ReturnType<typeof routesRepository>;
