// DIDs: the accounts of type "did" (ICTCore's model), with their tenant's name and domain.
import type { Db, Prisma } from '../../db/database.ts';
import type { Paging } from '../shared/list.ts';
import { tenantWhere } from '../shared/tenant-where.ts';

export const DID = 'did';

export interface DidRecord {
  id: number;
  /** Its stable key: an inbound route's destination_uuid. */
  uuid: string;
  phone: string;
  username: string;
  firstName: string;
  lastName: string;
  description: string;
  tenantId: number | null;
  userId: number | null;
  providerId: number | null;
  destinationType: string;
  destinationValue: string;
  callerIdPrefix: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
  tenant: { name: string; domain: string; domainUuid: string } | null;
}

export type DidFields = Partial<Omit<DidRecord, 'id' | 'uuid' | 'createdAt' | 'updatedAt' | 'tenant'>>;

export interface DidFilter {
  tenantIds?: (number | null)[];
  phone?: string;
  firstName?: string;
  providerId?: number;
  destinationType?: string;
  /** Only the tenants' DIDs that go somewhere (an inbound route each). */
  routed?: boolean;
  active?: boolean;
}

const select = {
  id: true,
  uuid: true,
  phone: true,
  username: true,
  firstName: true,
  lastName: true,
  description: true,
  tenantId: true,
  userId: true,
  providerId: true,
  destinationType: true,
  destinationValue: true,
  callerIdPrefix: true,
  active: true,
  createdAt: true,
  updatedAt: true,
  tenant: { select: { name: true, domain: true, domainUuid: true } },
} satisfies Prisma.AccountSelect;

function where(filter: DidFilter): Prisma.AccountWhereInput {
  return {
    type: DID,
    ...tenantWhere(filter.tenantIds),
    // A route belongs to a tenant: a deleted tenant's DIDs are in stock, whatever they pointed at.
    ...(filter.routed ? { NOT: { tenantId: null } } : {}),
    phone: filter.phone,
    firstName: filter.firstName === undefined ? undefined : { contains: filter.firstName },
    providerId: filter.providerId,
    destinationType: filter.destinationType ?? (filter.routed ? { not: '' } : undefined),
    active: filter.active,
  };
}

export function didsRepository(db: Db) {
  return {
    findById: (id: number): Promise<DidRecord | null> => db.account.findFirst({ where: { id, type: DID }, select }),
    findByIds: (ids: readonly number[]): Promise<DidRecord[]> => db.account.findMany({ where: { id: { in: [...ids] }, type: DID }, select }),
    findByUuid: (uuid: string): Promise<DidRecord | null> => db.account.findFirst({ where: { uuid, type: DID }, select }),
    findByPhone: (phone: string): Promise<DidRecord | null> => db.account.findFirst({ where: { phone, type: DID }, select }),
    /** The DIDs of the tenant whose calls go to `kind` `value`. */
    async pointingAt(tenantId: number, kind: string, value: string): Promise<number[]> {
      const rows = await db.account.findMany({ where: { type: DID, tenantId, destinationType: kind, destinationValue: value }, select: { id: true } });
      return rows.map((r) => r.id);
    },
    async list(filter: DidFilter, p: Paging) {
      const [items, total] = await Promise.all([
        db.account.findMany({ where: where(filter), select, skip: p.skip, take: p.take, orderBy: [{ [p.sortField]: p.order }, { id: 'asc' }] }),
        db.account.count({ where: where(filter) }),
      ]);
      return { items, total };
    },
    create: (data: DidFields & { phone: string }): Promise<DidRecord> => db.account.create({ data: { ...data, type: DID, username: data.phone }, select }),
    update: (id: number, data: DidFields): Promise<DidRecord> =>
      db.account.update({ where: { id }, data: data.phone === undefined ? data : { ...data, username: data.phone }, select }),
    async delete(id: number): Promise<void> {
      await db.account.delete({ where: { id } });
    },
  };
}

export type DidsRepository = ReturnType<typeof didsRepository>;
