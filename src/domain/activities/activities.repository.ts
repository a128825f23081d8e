// The activity log: who did what, from where.
import type { Db, Prisma } from '../../db/database.ts';

export interface ActivityRecord {
  id: number;
  tenantId: number | null;
  userId: number | null;
  username: string;
  action: string;
  detail: string;
  ip: string;
  createdAt: Date;
}

export interface ActivityFilter {
  userId?: number;
  tenantId?: number;
  action?: string;
  after?: Date;
  before?: Date;
}

function where(f: ActivityFilter): Prisma.ActivityWhereInput {
  return {
    userId: f.userId,
    tenantId: f.tenantId,
    action: f.action,
    createdAt: f.after || f.before ? { gte: f.after, lte: f.before } : undefined,
  };
}

export function activitiesRepository(db: Db) {
  return {
    record: (entry: Omit<ActivityRecord, 'id' | 'createdAt'>) => db.activity.create({ data: entry }).then(() => undefined),
    async list(filter: ActivityFilter, p: { skip: number; take: number; sortField: string; order: 'asc' | 'desc' }) {
      const [items, total] = await Promise.all([
        db.activity.findMany({ where: where(filter), skip: p.skip, take: p.take, orderBy: [{ [p.sortField]: p.order }, { id: p.order }] }),
        db.activity.count({ where: where(filter) }),
      ]);
      return { items, total };
    },
    /** The next `take` entries with an id above `afterId`, in id order (keyset paging for exports). */
    after(filter: ActivityFilter, afterId: number, take: number): Promise<ActivityRecord[]> {
      return db.activity.findMany({ where: { ...where(filter), id: { gt: afterId } }, orderBy: { id: 'asc' }, take });
    },
  };
}

export type ActivitiesRepository = ReturnType<typeof activitiesRepository>;
