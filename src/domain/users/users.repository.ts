// Users in the database. Returns plain objects with role and permission names resolved.
import type { Db } from '../../db/database.ts';
import type { Prisma } from '../../db/database.ts';
import { userReads } from '../../db/user-reads.ts';

const withAccess = {
  roles: { include: { role: { include: { permissions: { include: { permission: true } } } } } },
  permissions: { include: { permission: true } },
} as const;

type UserRow = Prisma.UserGetPayload<{ include: typeof withAccess }>;

export interface UserRecord {
  id: number;
  tenantId: number | null;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
  mobile: string;
  address: string;
  company: string;
  countryId: number | null;
  timezoneId: number | null;
  passwordHash: string;
  active: boolean;
  credit: number;
  status: string;
  tokenVersion: number;
  mfaSecret: string | null;
  mfaEnabled: boolean;
  mfaLastStep: number;
  passwordChangedAt: Date;
  createdAt: Date;
  updatedAt: Date;
  lastLoginAt: Date | null;
  dailyLimit: number;
  monthlyLimit: number;
  quotaExtensions: number;
  quotaDevices: number;
  quotaRingGroups: number;
  quotaCallQueues: number;
  quotaIvrMenus: number;
  quotaVoicemail: number;
  quotaConference: number;
  quotaMusicOnHold: number;
  allowedTimeslot: string;
  allowedDays: string;
  roles: { id: number; name: string }[];
  /** Direct grants only. */
  directPermissions: { id: number; name: string; description: string }[];
  /** Direct grants plus every role's. */
  permissions: string[];
}

function toRecord(row: UserRow): UserRecord {
  const { roles, permissions, ...user } = row;
  const effective = new Set<string>();
  for (const p of permissions) effective.add(p.permission.name);
  for (const r of roles) for (const rp of r.role.permissions) effective.add(rp.permission.name);
  return {
    ...user,
    roles: roles.map((r) => ({ id: r.role.id, name: r.role.name })),
    directPermissions: permissions.map((p) => ({ id: p.permission.id, name: p.permission.name, description: p.permission.description })),
    permissions: [...effective].sort(),
  };
}

export type UserFields = Partial<
  Pick<
    UserRecord,
    | 'tenantId'
    | 'email'
    | 'firstName'
    | 'lastName'
    | 'phone'
    | 'mobile'
    | 'address'
    | 'company'
    | 'countryId'
    | 'timezoneId'
    | 'active'
    | 'credit'
    | 'status'
    | 'dailyLimit'
    | 'monthlyLimit'
    | 'quotaExtensions'
    | 'quotaDevices'
    | 'quotaRingGroups'
    | 'quotaCallQueues'
    | 'quotaIvrMenus'
    | 'quotaVoicemail'
    | 'quotaConference'
    | 'quotaMusicOnHold'
    | 'allowedTimeslot'
    | 'allowedDays'
  >
>;

export interface UserFilter {
  tenantId?: number;
  id?: number;
  username?: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  active?: boolean;
  createdAfter?: Date;
  createdBefore?: Date;
}

function where(filter: UserFilter): Prisma.UserWhereInput {
  return {
    tenantId: filter.tenantId,
    id: filter.id,
    username: filter.username,
    email: filter.email,
    firstName: filter.firstName,
    lastName: filter.lastName,
    phone: filter.phone,
    active: filter.active,
    createdAt: filter.createdAfter || filter.createdBefore ? { gte: filter.createdAfter, lte: filter.createdBefore } : undefined,
  };
}

export function usersRepository(db: Db) {
  // The read behind every "who is this user, may I see it": two prepared statements.
  const reads = userReads(db);
  return {
    findById: (id: number): Promise<UserRecord | null> => reads.findById(id),
    async findByIds(ids: readonly number[]): Promise<UserRecord[]> {
      const rows = await db.user.findMany({ where: { id: { in: [...ids] } }, include: withAccess });
      return rows.map(toRecord);
    },
    async findByLogin(login: string): Promise<UserRecord | null> {
      const row = await db.user.findFirst({
        where: { OR: [{ username: login }, { email: login, NOT: { email: '' } }] },
        include: withAccess,
        orderBy: { id: 'asc' },
      });
      return row && toRecord(row);
    },
    async findByEmail(email: string): Promise<UserRecord | null> {
      const row = await db.user.findFirst({ where: { email }, include: withAccess });
      return row && toRecord(row);
    },
    async usernameTaken(username: string, exceptId?: number): Promise<boolean> {
      const row = await db.user.findUnique({ where: { username }, select: { id: true } });
      return !!row && row.id !== exceptId;
    },
    async emailTaken(email: string, exceptId?: number): Promise<boolean> {
      const row = await db.user.findFirst({ where: { email, NOT: { id: exceptId } }, select: { id: true } });
      return !!row;
    },
    async list(filter: UserFilter, p: { skip: number; take: number; sortField: string; order: 'asc' | 'desc' }) {
      const [rows, total] = await Promise.all([
        db.user.findMany({ where: where(filter), include: withAccess, skip: p.skip, take: p.take, orderBy: { [p.sortField]: p.order } }),
        db.user.count({ where: where(filter) }),
      ]);
      return { items: rows.map(toRecord), total };
    },
    /**
     * One page per tenant, all in one query (GraphQL's Tenant.users): the page is cut for each
     * tenant separately and the total counts that tenant's matches.
     */
    async listByTenants(tenantIds: readonly number[], filter: Omit<UserFilter, 'tenantId'>, p: { skip: number; take: number; sortField: string; order: 'asc' | 'desc' }) {
      const w = where(filter);
      const rows = await db.tenant.findMany({
        where: { id: { in: [...tenantIds] } },
        select: {
          id: true,
          users: { where: w, include: withAccess, skip: p.skip, take: p.take, orderBy: { [p.sortField]: p.order } },
          _count: { select: { users: { where: w } } },
        },
      });
      return new Map(rows.map((r) => [r.id, { items: r.users.map(toRecord), total: r._count.users }]));
    },
    async create(data: UserFields & { username: string; passwordHash: string }, roleIds: number[]): Promise<UserRecord> {
      const row = await db.user.create({
        data: { ...data, roles: { create: roleIds.map((roleId) => ({ roleId })) } },
        include: withAccess,
      });
      return toRecord(row);
    },
    async update(id: number, data: UserFields & Partial<Pick<UserRecord, 'passwordHash' | 'tokenVersion' | 'mfaSecret' | 'mfaEnabled' | 'mfaLastStep' | 'lastLoginAt'>> & { passwordChangedAt?: Date }) {
      const row = await db.user.update({ where: { id }, data, include: withAccess });
      return toRecord(row);
    },
    /** Adds to the balance in one statement, so concurrent adjustments add up. */
    async addCredit(id: number, amount: number): Promise<UserRecord> {
      const row = await db.user.update({ where: { id }, data: { credit: { increment: amount } }, include: withAccess });
      return toRecord(row);
    },
    async revokeTokens(id: number): Promise<void> {
      await db.user.update({ where: { id }, data: { tokenVersion: { increment: 1 }, status: 'logout' } });
    },
    /** Accepts a TOTP step only if it is newer than the last accepted one (atomic across nodes). */
    async claimTotpStep(id: number, step: number): Promise<boolean> {
      const { count } = await db.user.updateMany({ where: { id, mfaLastStep: { lt: step } }, data: { mfaLastStep: step } });
      return count === 1;
    },
    async delete(id: number): Promise<void> {
      await db.user.delete({ where: { id } });
    },
    async addRole(userId: number, roleId: number) {
      await db.userRole.upsert({ where: { userId_roleId: { userId, roleId } }, create: { userId, roleId }, update: {} });
    },
    async removeRole(userId: number, roleId: number) {
      await db.userRole.deleteMany({ where: { userId, roleId } });
    },
    async addPermission(userId: number, permissionId: number) {
      await db.userPermission.upsert({
        where: { userId_permissionId: { userId, permissionId } },
        create: { userId, permissionId },
        update: {},
      });
    },
    async removePermission(userId: number, permissionId: number) {
      await db.userPermission.deleteMany({ where: { userId, permissionId } });
    },
    async getConfig(userId: number, name: string): Promise<string | null> {
      const row = await db.userConfig.findUnique({ where: { userId_name: { userId, name } } });
      return row?.value ?? null;
    },
    async setConfig(userId: number, name: string, value: string) {
      await db.userConfig.upsert({ where: { userId_name: { userId, name } }, create: { userId, name, value }, update: { value } });
    },
    async count(): Promise<number> {
      return db.user.count();
    },
  };
}

export type UsersRepository = ReturnType<typeof usersRepository>;
