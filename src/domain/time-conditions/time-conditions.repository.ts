// Time conditions in the database, with their tenant's domain, domain uuid and name. Holidays are
// stored as a JSON list of days and ranges.
import type { Db, Prisma } from '../../db/database.ts';
import type { Paging } from '../shared/list.ts';

const include = { tenant: { select: { domain: true, domainUuid: true, name: true } } } as const;
type Row = Prisma.TimeConditionGetPayload<{ include: typeof include }>;

export interface TimeConditionRecord {
  id: string;
  tenantId: number;
  name: string;
  extension: string;
  description: string;
  enabled: boolean;
  timezone: string;
  wdayStart: string;
  wdayStop: string;
  timeStart: string;
  timeStop: string;
  dateStart: string;
  dateStop: string;
  holidays: string[];
  openDestinationType: string;
  openDestinationValue: string;
  closedDestinationType: string;
  closedDestinationValue: string;
  createdAt: Date;
  updatedAt: Date;
  domain: string;
  domainUuid: string;
  tenantName: string;
}

export type TimeConditionFields = Partial<Omit<TimeConditionRecord, 'id' | 'createdAt' | 'updatedAt' | 'domain' | 'domainUuid' | 'tenantName'>>;

export interface TimeConditionFilter {
  tenantIds?: number[];
  extension?: string;
  name?: string;
  enabled?: boolean;
}

function toRecord({ tenant, holidays, ...row }: Row): TimeConditionRecord {
  return { ...row, holidays: JSON.parse(holidays) as string[], domain: tenant.domain, domainUuid: tenant.domainUuid, tenantName: tenant.name };
}

function toData({ holidays, ...fields }: TimeConditionFields) {
  return holidays === undefined ? fields : { ...fields, holidays: JSON.stringify(holidays) };
}

function where(filter: TimeConditionFilter): Prisma.TimeConditionWhereInput {
  return {
    tenantId: filter.tenantIds ? { in: filter.tenantIds } : undefined,
    extension: filter.extension,
    name: filter.name === undefined ? undefined : { contains: filter.name },
    enabled: filter.enabled,
  };
}

export function timeConditionsRepository(db: Db) {
  return {
    async findById(id: string): Promise<TimeConditionRecord | null> {
      const row = await db.timeCondition.findUnique({ where: { id }, include });
      return row && toRecord(row);
    },
    /** Which of `numbers` time conditions of the tenant hold. */
    async holding(tenantId: number, numbers: readonly string[]): Promise<{ number: string; id: string }[]> {
      const rows = await db.timeCondition.findMany({ where: { tenantId, extension: { in: [...numbers] } }, select: { id: true, extension: true } });
      return rows.map((r) => ({ number: r.extension, id: r.id }));
    },
    async numbers(tenantId: number): Promise<string[]> {
      return (await db.timeCondition.findMany({ where: { tenantId }, select: { extension: true } })).map((r) => r.extension);
    },
    /** The time conditions of the tenant whose open or closed destination is `kind` `value`. */
    async pointingAt(tenantId: number, kind: string, value: string): Promise<string[]> {
      const rows = await db.timeCondition.findMany({
        where: {
          tenantId,
          OR: [
            { openDestinationType: kind, openDestinationValue: value },
            { closedDestinationType: kind, closedDestinationValue: value },
          ],
        },
        select: { id: true },
      });
      return rows.map((r) => r.id);
    },
    async list(filter: TimeConditionFilter, p: Paging) {
      const [rows, total] = await Promise.all([
        db.timeCondition.findMany({ where: where(filter), include, skip: p.skip, take: p.take, orderBy: [{ [p.sortField]: p.order }, { id: 'asc' }] }),
        db.timeCondition.count({ where: where(filter) }),
      ]);
      return { items: rows.map(toRecord), total };
    },
    async create(data: TimeConditionFields & { tenantId: number; name: string; extension: string }): Promise<TimeConditionRecord> {
      return toRecord(await db.timeCondition.create({ data: toData(data) as Prisma.TimeConditionUncheckedCreateInput, include }));
    },
    async update(id: string, data: TimeConditionFields): Promise<TimeConditionRecord> {
      return toRecord(await db.timeCondition.update({ where: { id }, data: toData(data), include }));
    },
    async delete(id: string): Promise<void> {
      await db.timeCondition.delete({ where: { id } });
    },
  };
}

export type TimeConditionsRepository = ReturnType<typeof timeConditionsRepository>;
