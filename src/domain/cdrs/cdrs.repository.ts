// Call detail records: one row per leg uuid, plus the lookups intake needs to attribute a leg to
// its tenant and extension.
import type { Db, Prisma } from '../../db/database.ts';
import type { Paging } from '../shared/list.ts';
import type { Disposition } from './cdr-leg.ts';

export interface CdrRecord {
  id: string;
  uuid: string;
  tenantId: number | null;
  /** The owning tenant's domain, null when the leg could not be attributed. */
  domain: string | null;
  node: string;
  direction: string;
  callerIdName: string;
  callerIdNumber: string;
  destinationNumber: string;
  extension: string;
  context: string;
  startAt: Date;
  answerAt: Date | null;
  endAt: Date | null;
  duration: number;
  billsec: number;
  hangupCause: string;
  disposition: string;
  createdAt: Date;
}

export interface CdrData extends Omit<CdrRecord, 'id' | 'domain' | 'createdAt' | 'disposition'> {
  disposition: Disposition;
  raw: string;
}

/** An extension as it owns CDRs: the pair is unique. */
export interface ExtensionKey {
  tenantId: number;
  extension: string;
}

export interface CdrFilter {
  tenantId?: number;
  /** start >= from */
  from?: Date;
  /** start < to */
  to?: Date;
  direction?: string;
  extension?: string;
  disposition?: string;
  callerIdNumber?: string;
  destinationNumber?: string;
  /** Only legs of these extensions (end users, per-user lists). */
  owners?: ExtensionKey[];
}

const select = {
  id: true,
  uuid: true,
  tenantId: true,
  node: true,
  direction: true,
  callerIdName: true,
  callerIdNumber: true,
  destinationNumber: true,
  extension: true,
  context: true,
  startAt: true,
  answerAt: true,
  endAt: true,
  duration: true,
  billsec: true,
  hangupCause: true,
  disposition: true,
  createdAt: true,
  tenant: { select: { domain: true } },
} as const;

type CdrRow = Prisma.CdrGetPayload<{ select: typeof select }>;

const toRecord = ({ tenant, ...row }: CdrRow): CdrRecord => ({ ...row, domain: tenant?.domain ?? null });

function whereOf(filter: CdrFilter): Prisma.CdrWhereInput {
  const where: Prisma.CdrWhereInput = {
    tenantId: filter.tenantId,
    direction: filter.direction,
    extension: filter.extension,
    disposition: filter.disposition,
    callerIdNumber: filter.callerIdNumber,
    destinationNumber: filter.destinationNumber,
  };
  if (filter.from || filter.to) where.startAt = { gte: filter.from, lt: filter.to };
  if (filter.owners) where.OR = filter.owners.map((o) => ({ tenantId: o.tenantId, extension: o.extension }));
  return where;
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string })?.code === 'P2002';
}

export function cdrsRepository(db: Db) {
  return {
    /** The first hint that names a tenant wins: domain uuids, then domains, in the order given. */
    async findTenant(domainUuids: string[], domains: string[]): Promise<{ id: number; domain: string } | null> {
      if (!domainUuids.length && !domains.length) return null;
      const rows = await db.tenant.findMany({
        where: { OR: [{ domainUuid: { in: domainUuids } }, { domain: { in: domains } }] },
        select: { id: true, domain: true, domainUuid: true },
      });
      for (const uuid of domainUuids) {
        const hit = rows.find((r) => r.domainUuid === uuid);
        if (hit) return hit;
      }
      for (const domain of domains) {
        const hit = rows.find((r) => r.domain === domain);
        if (hit) return hit;
      }
      return null;
    },

    /** The first of `candidates` that is one of the tenant's extensions. */
    async findExtension(tenantId: number, candidates: string[]): Promise<string | null> {
      if (!candidates.length) return null;
      const rows = await db.extension.findMany({ where: { tenantId, extension: { in: candidates } }, select: { extension: true } });
      return candidates.find((c) => rows.some((r) => r.extension === c)) ?? null;
    },

    async extensionsOfUser(userId: number): Promise<ExtensionKey[]> {
      return db.extension.findMany({ where: { userId }, select: { tenantId: true, extension: true } });
    },

    /** Stores the leg unless its uuid is already there; says whether it stored. */
    async insertOnce(data: CdrData): Promise<boolean> {
      if (await db.cdr.findUnique({ where: { uuid: data.uuid }, select: { id: true } })) return false;
      try {
        await db.cdr.create({ data });
        return true;
      } catch (err) {
        if (isUniqueViolation(err)) return false;
        throw err;
      }
    },

    async list(filter: CdrFilter, p: Paging): Promise<{ items: CdrRecord[]; total: number }> {
      const where = whereOf(filter);
      const [rows, total] = await Promise.all([
        db.cdr.findMany({ where, select, skip: p.skip, take: p.take, orderBy: [{ [p.sortField]: p.order }, { uuid: p.order }] }),
        db.cdr.count({ where }),
      ]);
      return { items: rows.map(toRecord), total };
    },

    /** How many legs match, and when the newest of them arrived. */
    async arrivals(filter: CdrFilter): Promise<{ count: number; last: Date | null }> {
      const where = whereOf(filter);
      const [count, newest] = await Promise.all([db.cdr.count({ where }), db.cdr.aggregate({ where, _max: { createdAt: true } })]);
      return { count, last: newest._max.createdAt };
    },

    /** Every matching leg in order, a batch at a time, so exports stay small in memory. */
    async *batches(filter: CdrFilter, p: Paging, batchSize = 500): AsyncGenerator<CdrRecord[]> {
      const where = whereOf(filter);
      const end = p.skip + p.take;
      for (let skip = p.skip; skip < end; skip += batchSize) {
        const take = Math.min(batchSize, end - skip);
        const rows = await db.cdr.findMany({ where, select, skip, take, orderBy: [{ [p.sortField]: p.order }, { uuid: p.order }] });
        if (rows.length) yield rows.map(toRecord);
        if (rows.length < take) return;
      }
    },
  };
}

export type CdrsRepository = ReturnType<typeof cdrsRepository>;
