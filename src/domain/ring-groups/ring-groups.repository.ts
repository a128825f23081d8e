// Ring groups in the database, with their tenant's domain and name and their members in order.
import type { Db, Prisma } from '../../db/database.ts';
import type { Paging } from '../shared/list.ts';

export interface RingGroupMemberRecord {
  id: string;
  number: string;
  /** extension or external, decided when written. */
  kind: string;
  delay: number;
  timeout: number;
  position: number;
  prompt: boolean;
  enabled: boolean;
  description: string;
}

export interface RingGroupRecord {
  id: string;
  tenantId: number;
  name: string;
  extension: string;
  strategy: string;
  callTimeout: number;
  callerIdName: string;
  callerIdNumber: string;
  cidNamePrefix: string;
  cidNumberPrefix: string;
  timeoutType: string;
  timeoutValue: string;
  ringback: string;
  enabled: boolean;
  description: string;
  createdAt: Date;
  updatedAt: Date;
  members: RingGroupMemberRecord[];
  tenant: { domain: string; domainUuid: string; name: string };
}

export type RingGroupFields = Partial<Omit<RingGroupRecord, 'id' | 'createdAt' | 'updatedAt' | 'members' | 'tenant'>>;
export type RingGroupMemberFields = Omit<RingGroupMemberRecord, 'id'>;

export interface RingGroupFilter {
  tenantIds?: number[];
  extension?: string;
  name?: string;
  enabled?: boolean;
}

const memberSelect = { id: true, number: true, kind: true, delay: true, timeout: true, position: true, prompt: true, enabled: true, description: true } as const;

const select = {
  id: true,
  tenantId: true,
  name: true,
  extension: true,
  strategy: true,
  callTimeout: true,
  callerIdName: true,
  callerIdNumber: true,
  cidNamePrefix: true,
  cidNumberPrefix: true,
  timeoutType: true,
  timeoutValue: true,
  ringback: true,
  enabled: true,
  description: true,
  createdAt: true,
  updatedAt: true,
  members: { select: memberSelect, orderBy: [{ position: 'asc' }, { id: 'asc' }] },
  tenant: { select: { domain: true, domainUuid: true, name: true } },
} satisfies Prisma.RingGroupSelect;

function where(filter: RingGroupFilter): Prisma.RingGroupWhereInput {
  return {
    tenantId: filter.tenantIds === undefined ? undefined : { in: filter.tenantIds },
    extension: filter.extension,
    name: filter.name === undefined ? undefined : { contains: filter.name },
    enabled: filter.enabled,
  };
}

/** The members as stored: their order is their place in the list. */
const membersOf = (members: readonly RingGroupMemberFields[]) => members.map((m, position) => ({ ...m, position }));

export function ringGroupsRepository(db: Db) {
  return {
    findById: (id: string): Promise<RingGroupRecord | null> => db.ringGroup.findUnique({ where: { id }, select }),
    findByIds: (ids: readonly string[]): Promise<RingGroupRecord[]> => db.ringGroup.findMany({ where: { id: { in: [...ids] } }, select }),
    /** Which of `numbers` ring groups of the tenant hold. */
    async holding(tenantId: number, numbers: readonly string[]): Promise<{ number: string; id: string }[]> {
      const rows = await db.ringGroup.findMany({ where: { tenantId, extension: { in: [...numbers] } }, select: { id: true, extension: true } });
      return rows.map((r) => ({ number: r.extension, id: r.id }));
    },
    async numbers(tenantId: number): Promise<string[]> {
      return (await db.ringGroup.findMany({ where: { tenantId }, select: { extension: true } })).map((r) => r.extension);
    },
    /** The tenant's ring groups whose timeout destination is (type, value), or that ring extension `value`. */
    async pointingAt(tenantId: number, type: string, value: string): Promise<string[]> {
      // An extension is also named by the members that ring it.
      const members = type === 'extension' ? [{ members: { some: { kind: 'extension', number: value } } }] : [];
      const rows = await db.ringGroup.findMany({ where: { tenantId, OR: [{ timeoutType: type, timeoutValue: value }, ...members] }, select: { id: true } });
      return rows.map((r) => r.id);
    },
    async list(filter: RingGroupFilter, p: Paging) {
      const [items, total] = await Promise.all([
        db.ringGroup.findMany({ where: where(filter), select, skip: p.skip, take: p.take, orderBy: [{ [p.sortField]: p.order }, { id: 'asc' }] }),
        db.ringGroup.count({ where: where(filter) }),
      ]);
      return { items, total };
    },
    create(data: RingGroupFields & { tenantId: number; name: string; extension: string }, members: readonly RingGroupMemberFields[]): Promise<RingGroupRecord> {
      return db.ringGroup.create({ data: { ...data, members: { create: membersOf(members) } }, select });
    },
    /** Updates the group; `members`, when given, replaces its members. */
    update(id: string, data: RingGroupFields, members?: readonly RingGroupMemberFields[]): Promise<RingGroupRecord> {
      const replace = members === undefined ? {} : { members: { deleteMany: {}, create: membersOf(members) } };
      return db.ringGroup.update({ where: { id }, data: { ...data, ...replace }, select });
    },
    async delete(id: string): Promise<void> {
      await db.ringGroup.delete({ where: { id } });
    },
  };
}

export type RingGroupsRepository = ReturnType<typeof ringGroupsRepository>;
