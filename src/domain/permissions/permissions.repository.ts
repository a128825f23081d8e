// The permission catalogue in the database.
import type { Db, Prisma } from '../../db/database.ts';

export interface PermissionRecord {
  id: number;
  name: string;
  description: string;
}

const fields = { id: true, name: true, description: true } as const;

export function permissionsRepository(db: Db) {
  return {
    findById: (id: number): Promise<PermissionRecord | null> => db.permission.findUnique({ where: { id }, select: fields }),
    findByName: (name: string): Promise<PermissionRecord | null> => db.permission.findUnique({ where: { name }, select: fields }),
    findByNames: (names: string[]): Promise<PermissionRecord[]> =>
      db.permission.findMany({ where: { name: { in: names } }, select: fields }),
    async list(filter: { name?: string }, p: { skip: number; take: number; sortField: string; order: 'asc' | 'desc' }) {
      const where: Prisma.PermissionWhereInput = { name: filter.name };
      const [items, total] = await Promise.all([
        db.permission.findMany({ where, select: fields, skip: p.skip, take: p.take, orderBy: { [p.sortField]: p.order } }),
        db.permission.count({ where }),
      ]);
      return { items, total };
    },
    create: (data: { name: string; description?: string }): Promise<PermissionRecord> => db.permission.create({ data, select: fields }),
    /** Inserts the names that are missing, in one statement. */
    /** Creates the permissions that do not exist yet; answers the names it created. */
    async ensure(names: string[]): Promise<string[]> {
      const existing = new Set((await db.permission.findMany({ select: { name: true } })).map((p) => p.name));
      const missing = [...new Set(names)].filter((name) => !existing.has(name));
      if (!missing.length) return [];
      try {
        await db.permission.createMany({ data: missing.map((name) => ({ name })) });
        return missing;
      } catch (err) {
        // Another node starting at the same moment inserted them first (and grants them).
        if ((err as { code?: string }).code !== 'P2002') throw err;
        return [];
      }
    },
  };
}

export type PermissionsRepository = ReturnType<typeof permissionsRepository>;
