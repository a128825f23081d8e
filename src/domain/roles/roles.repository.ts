// Roles and the permissions attached to them.
import type { Db, Prisma } from '../../db/database.ts';

export interface RoleRecord {
  id: number;
  name: string;
  description: string;
  builtIn: boolean;
  createdAt: Date;
  updatedAt: Date;
  permissions: { id: number; name: string; description: string }[];
}

const include = { permissions: { include: { permission: true } } } as const;
type RoleRow = Prisma.RoleGetPayload<{ include: typeof include }>;

function toRecord({ permissions, ...role }: RoleRow): RoleRecord {
  return { ...role, permissions: permissions.map((rp) => ({ id: rp.permission.id, name: rp.permission.name, description: rp.permission.description })) };
}

export function rolesRepository(db: Db) {
  return {
    async findById(id: number): Promise<RoleRecord | null> {
      const row = await db.role.findUnique({ where: { id }, include });
      return row && toRecord(row);
    },
    async findByIds(ids: readonly number[]): Promise<RoleRecord[]> {
      return (await db.role.findMany({ where: { id: { in: [...ids] } }, include })).map(toRecord);
    },
    async findByName(name: string): Promise<RoleRecord | null> {
      const row = await db.role.findUnique({ where: { name }, include });
      return row && toRecord(row);
    },
    /** Role ids of each user, for batching. */
    async roleIdsOfUsers(userIds: readonly number[]): Promise<{ userId: number; roleId: number }[]> {
      return db.userRole.findMany({ where: { userId: { in: [...userIds] } }, select: { userId: true, roleId: true } });
    },
    async list(filter: { name?: string }, p: { skip: number; take: number; sortField: string; order: 'asc' | 'desc' }) {
      const where: Prisma.RoleWhereInput = { name: filter.name };
      const [rows, total] = await Promise.all([
        db.role.findMany({ where, include, skip: p.skip, take: p.take, orderBy: { [p.sortField]: p.order } }),
        db.role.count({ where }),
      ]);
      return { items: rows.map(toRecord), total };
    },
    async create(data: { name: string; description?: string; builtIn?: boolean }): Promise<RoleRecord> {
      return toRecord(await db.role.create({ data, include }));
    },
    async update(id: number, data: { name?: string; description?: string }): Promise<RoleRecord> {
      return toRecord(await db.role.update({ where: { id }, data, include }));
    },
    async delete(id: number): Promise<void> {
      await db.role.delete({ where: { id } });
    },
    async attachPermission(roleId: number, permissionId: number) {
      await db.rolePermission.upsert({
        where: { roleId_permissionId: { roleId, permissionId } },
        create: { roleId, permissionId },
        update: {},
      });
    },
    /** Seeds a role's permissions in one statement. */
    async attachPermissions(roleId: number, permissionIds: number[]) {
      if (permissionIds.length) await db.rolePermission.createMany({ data: permissionIds.map((permissionId) => ({ roleId, permissionId })) });
    },
    async detachPermission(roleId: number, permissionId: number) {
      await db.rolePermission.deleteMany({ where: { roleId, permissionId } });
    },
  };
}

export type RolesRepository = ReturnType<typeof rolesRepository>;
