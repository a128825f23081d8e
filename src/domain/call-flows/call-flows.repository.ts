// Call flows in the database, with their tenant's domain, domain uuid and name.
import type { Db, Prisma } from '../../db/database.ts';
import type { Paging } from '../shared/list.ts';

const include = { tenant: { select: { domain: true, domainUuid: true, name: true } } } as const;
type Row = Prisma.CallFlowGetPayload<{ include: typeof include }>;

export interface CallFlowRecord {
  id: string;
  tenantId: number;
  name: string;
  extension: string;
  featureCode: string;
  status: boolean;
  pinNumber: string;
  label: string;
  alternateLabel: string;
  sound: string;
  alternateSound: string;
  app: string;
  alternateApp: string;
  destinationType: string;
  destinationValue: string;
  alternateDestinationType: string;
  alternateDestinationValue: string;
  description: string;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
  domain: string;
  domainUuid: string;
  tenantName: string;
}

export type CallFlowFields = Partial<Omit<CallFlowRecord, 'id' | 'createdAt' | 'updatedAt' | 'domain' | 'domainUuid' | 'tenantName'>>;

export interface CallFlowFilter {
  tenantIds?: number[];
  extension?: string;
  name?: string;
  enabled?: boolean;
}

function toRecord({ tenant, ...row }: Row): CallFlowRecord {
  return { ...row, domain: tenant.domain, domainUuid: tenant.domainUuid, tenantName: tenant.name };
}

function where(filter: CallFlowFilter): Prisma.CallFlowWhereInput {
  return {
    tenantId: filter.tenantIds ? { in: filter.tenantIds } : undefined,
    extension: filter.extension,
    name: filter.name === undefined ? undefined : { contains: filter.name },
    enabled: filter.enabled,
  };
}

export function callFlowsRepository(db: Db) {
  return {
    async findById(id: string): Promise<CallFlowRecord | null> {
      const row = await db.callFlow.findUnique({ where: { id }, include });
      return row && toRecord(row);
    },
    /** Which of `numbers` call flows of the tenant hold (their numbers). */
    async holding(tenantId: number, numbers: readonly string[]): Promise<{ number: string; id: string }[]> {
      const rows = await db.callFlow.findMany({ where: { tenantId, extension: { in: [...numbers] } }, select: { id: true, extension: true } });
      return rows.map((r) => ({ number: r.extension, id: r.id }));
    },
    async numbers(tenantId: number): Promise<string[]> {
      return (await db.callFlow.findMany({ where: { tenantId }, select: { extension: true } })).map((r) => r.extension);
    },
    /** The tenant's toggle codes (every call flow's, enabled or not: a code stays reserved). */
    async toggles(tenantId: number): Promise<{ id: string; name: string; extension: string; featureCode: string; enabled: boolean }[]> {
      return db.callFlow.findMany({
        where: { tenantId },
        select: { id: true, name: true, extension: true, featureCode: true, enabled: true },
        orderBy: { featureCode: 'asc' },
      });
    },
    /** The call flows of the tenant whose normal or alternate destination is `kind` `value`. */
    async pointingAt(tenantId: number, kind: string, value: string): Promise<string[]> {
      const rows = await db.callFlow.findMany({
        where: {
          tenantId,
          OR: [
            { destinationType: kind, destinationValue: value },
            { alternateDestinationType: kind, alternateDestinationValue: value },
          ],
        },
        select: { id: true },
      });
      return rows.map((r) => r.id);
    },
    async list(filter: CallFlowFilter, p: Paging) {
      const [rows, total] = await Promise.all([
        db.callFlow.findMany({ where: where(filter), include, skip: p.skip, take: p.take, orderBy: [{ [p.sortField]: p.order }, { id: 'asc' }] }),
        db.callFlow.count({ where: where(filter) }),
      ]);
      return { items: rows.map(toRecord), total };
    },
    async create(data: CallFlowFields & { tenantId: number; name: string; extension: string; featureCode: string }): Promise<CallFlowRecord> {
      return toRecord(await db.callFlow.create({ data: data as Prisma.CallFlowUncheckedCreateInput, include }));
    },
    async update(id: string, data: CallFlowFields): Promise<CallFlowRecord> {
      return toRecord(await db.callFlow.update({ where: { id }, data, include }));
    },
    /** The call flow whose toggle code is `featureCode` in the tenant of `domain`. */
    async byFeatureCode(domain: string, featureCode: string): Promise<CallFlowRecord | null> {
      const row = await db.callFlow.findFirst({ where: { featureCode, tenant: { domain } }, include });
      return row && toRecord(row);
    },
    /** Flips the status in one statement; null when the call flow is gone. */
    async toggle(id: string): Promise<CallFlowRecord | null> {
      const row = await db.callFlow.findUnique({ where: { id }, select: { status: true } });
      if (!row) return null;
      const updated = await db.callFlow.updateMany({ where: { id, status: row.status }, data: { status: !row.status } });
      if (updated.count === 0) return this.toggle(id);
      return this.findById(id);
    },
    async delete(id: string): Promise<void> {
      await db.callFlow.delete({ where: { id } });
    },
  };
}

export type CallFlowsRepository = ReturnType<typeof callFlowsRepository>;
