// Outbound routes. Batches (bulk create, CSV import) are written in one transaction.
import type { Db, Prisma } from '../../db/database.ts';
import type { Paging } from '../shared/list.ts';
import { tenantWhere } from '../shared/tenant-where.ts';

export interface RouteRecord {
  id: number;
  tenantId: number | null;
  providerId: number;
  name: string;
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
}

export type RouteFields = Partial<Omit<RouteRecord, 'id' | 'createdAt' | 'updatedAt'>>;
export type NewRoute = RouteFields & { name: string; pattern: string; providerId: number };

export interface RouteFilter {
  tenantIds?: (number | null)[];
  providerId?: number;
  serviceFlags?: number[];
  name?: string;
  tollType?: string;
  active?: boolean;
}

function where(filter: RouteFilter): Prisma.RouteWhereInput {
  return {
    ...tenantWhere(filter.tenantIds),
    providerId: filter.providerId,
    serviceFlag: filter.serviceFlags ? { in: filter.serviceFlags } : undefined,
    name: filter.name,
    tollType: filter.tollType,
    active: filter.active,
  };
}

export function routesRepository(db: Db) {
  return {
    findById: (id: number): Promise<RouteRecord | null> => db.route.findUnique({ where: { id } }),
    findByIds: (ids: readonly number[]): Promise<RouteRecord[]> => db.route.findMany({ where: { id: { in: [...ids] } } }),
    async list(filter: RouteFilter, p: Paging) {
      const [items, total] = await Promise.all([
        db.route.findMany({ where: where(filter), skip: p.skip, take: p.take, orderBy: [{ [p.sortField]: p.order }, { id: 'asc' }] }),
        db.route.count({ where: where(filter) }),
      ]);
      return { items, total };
    },
    /** Every route matching the filter, in priority order (exports). */
    all: (filter: RouteFilter): Promise<RouteRecord[]> => db.route.findMany({ where: where(filter), orderBy: [{ priority: 'asc' }, { id: 'asc' }] }),
    create: (data: NewRoute): Promise<RouteRecord> => db.route.create({ data }),
    update: (id: number, data: RouteFields): Promise<RouteRecord> => db.route.update({ where: { id }, data }),
    /** Creates and updates all of them or none. */
    async saveAll(creates: NewRoute[], updates: { id: number; data: RouteFields }[]): Promise<{ created: RouteRecord[]; updated: RouteRecord[] }> {
      const written = await db.$transaction([
        ...creates.map((data) => db.route.create({ data })),
        ...updates.map(({ id, data }) => db.route.update({ where: { id }, data })),
      ]);
      return { created: written.slice(0, creates.length), updated: written.slice(creates.length) };
    },
    async delete(id: number): Promise<void> {
      await db.route.delete({ where: { id } });
    },
  };
}

export type RoutesRepository = ReturnType<typeof routesRepository>;
