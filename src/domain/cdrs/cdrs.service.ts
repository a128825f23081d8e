// Call detail records: intake from FreeSWITCH (one row per leg, attributed to its tenant by
// domain), the scoped lists behind /fpbx_cdr, /usersCDR and their CSV export, and what the ICTPBX
// client's CDR screen asks of an ETL Switchyard does not need (cdrs.schema.ts).
import { authorize, scopeOf, type Ctx } from '../../context.ts';
import { validationFailed } from '../../errors.ts';
import { page, paging, type ListQuery, type Page, type Paging } from '../shared/list.ts';
import { dispositionOf, type CdrLeg } from './cdr-leg.ts';
import type { CdrFilter, CdrRecord, CdrsRepository } from './cdrs.repository.ts';
import type { CdrEtlRun, CdrEtlStatus, FpbxCdrRow } from './cdrs.schema.ts';

export interface CdrQuery extends ListQuery {
  /** Super-admin only: one tenant. */
  tenantId?: number;
  /** Legs of the extensions assigned to this user. */
  userId?: number;
  /** Inclusive bounds on the start time: YYYY-MM-DD, an ISO 8601 date-time, or unix seconds. */
  from?: string;
  to?: string;
  direction?: string;
  extension?: string;
  disposition?: string;
  callerIdNumber?: string;
  destinationNumber?: string;
}

export interface IntakeResult {
  uuid: string;
  stored: boolean;
  tenantId: number | null;
}

export const CDR_SORTABLE = {
  start_stamp: 'startAt',
  answer_stamp: 'answerAt',
  end_stamp: 'endAt',
  duration: 'duration',
  billsec: 'billsec',
  direction: 'direction',
  extension: 'extension',
  caller_id_number: 'callerIdNumber',
  destination_number: 'destinationNumber',
  hangup_cause: 'hangupCause',
  disposition: 'disposition',
};

/** Newest first unless the caller sorts otherwise. */
function cdrPaging(query: CdrQuery): Paging {
  const sorted = query.sort !== undefined;
  return paging({ ...query, sort: sorted ? query.sort : 'start_stamp', order: sorted ? query.order : (query.order ?? 'desc') }, CDR_SORTABLE, 'start_stamp');
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const UNIX_SECONDS = /^\d{1,12}$/;

/** A bound on the start time; `to` includes the whole day, second or instant it names. */
export function parseBound(value: string, field: string, edge: 'from' | 'to'): Date {
  let date: Date;
  let span: number;
  if (UNIX_SECONDS.test(value)) {
    date = new Date(Number(value) * 1000);
    span = 1000;
  } else if (DATE_ONLY.test(value)) {
    date = new Date(`${value}T00:00:00Z`);
    span = 86_400_000;
  } else {
    date = new Date(value);
    span = /[.,]\d+/.test(value) ? 1 : 1000;
  }
  if (Number.isNaN(date.getTime()) || !/^\d/.test(value)) {
    throw validationFailed(`${field}`, 'must be a date (YYYY-MM-DD), an ISO 8601 date-time or unix seconds');
  }
  return edge === 'from' ? date : new Date(date.getTime() + span);
}

/** 'YYYY-MM-DD HH:MM:SS' in UTC, as ICTPBX answers stamps. */
export const sqlStamp = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');

export function fpbxCdrRow(c: CdrRecord): FpbxCdrRow {
  return {
    xmlCdrUuid: c.uuid,
    domainName: c.domain,
    direction: c.direction,
    callerIdName: c.callerIdName,
    callerIdNumber: c.callerIdNumber,
    destinationNumber: c.destinationNumber,
    startStamp: sqlStamp(c.startAt),
    duration: c.duration,
    billsec: c.billsec,
    hangupCause: c.hangupCause,
    missedCall: c.direction !== 'outbound' && c.answerAt === null,
    tenantId: c.tenantId,
    extension: c.extension,
    answerStamp: c.answerAt && sqlStamp(c.answerAt),
    endStamp: c.endAt && sqlStamp(c.endAt),
    disposition: c.disposition,
  };
}

export function createCdrsService(deps: { cdrs: CdrsRepository }) {
  const { cdrs } = deps;

  /** The filter the actor may see, or null when its scope leaves nothing to see. */
  async function scopedFilter(query: CdrQuery, ctx: Ctx): Promise<CdrFilter | null> {
    authorize(ctx, 'cdr_list');
    const filter: CdrFilter = {
      tenantId: query.tenantId,
      direction: query.direction,
      extension: query.extension,
      disposition: query.disposition,
      callerIdNumber: query.callerIdNumber,
      destinationNumber: query.destinationNumber,
      from: query.from === undefined ? undefined : parseBound(query.from, 'from', 'from'),
      to: query.to === undefined ? undefined : parseBound(query.to, 'to', 'to'),
    };
    const scope = scopeOf(ctx.actor);
    if (scope.kind === 'tenant') {
      if (filter.tenantId !== undefined && filter.tenantId !== scope.tenantId) return null;
      filter.tenantId = scope.tenantId;
    } else if (scope.kind === 'self') {
      if (query.userId !== undefined && query.userId !== scope.userId) return null;
      filter.owners = await cdrs.extensionsOfUser(scope.userId);
    }
    if (query.userId !== undefined && scope.kind !== 'self') filter.owners = await cdrs.extensionsOfUser(query.userId);
    if (filter.owners && !filter.owners.length) return null;
    return filter;
  }

  return {
    /** Stores a leg FreeSWITCH reported; a leg already stored is left as it is. */
    async intake(leg: CdrLeg, ctx: Ctx): Promise<IntakeResult> {
      const { domainUuids, domains, extensions, ...fields } = leg;
      const tenant = await cdrs.findTenant(domainUuids, domains);
      const extension = tenant ? await cdrs.findExtension(tenant.id, extensions) : null;
      const stored = await cdrs.insertOnce({
        ...fields,
        tenantId: tenant?.id ?? null,
        extension: extension ?? '',
        disposition: dispositionOf(leg),
      });
      if (!tenant) ctx.log.warn({ uuid: leg.uuid, domains }, 'CDR leg matches no tenant domain; stored unattributed');
      return { uuid: leg.uuid, stored, tenantId: tenant?.id ?? null };
    },

    async list(query: CdrQuery, ctx: Ctx): Promise<Page<CdrRecord>> {
      const p = cdrPaging(query);
      const filter = await scopedFilter(query, ctx);
      if (!filter) return page([], 0, p);
      const { items, total } = await cdrs.list(filter, p);
      return page(items, total, p);
    },

    /** What the ICTPBX client's CDR screen shows of its ETL: here, what arrived live (in the actor's view). */
    async etlStatus(ctx: Ctx): Promise<CdrEtlStatus> {
      const filter = await scopedFilter({}, ctx);
      const { count, last } = filter ? await cdrs.arrivals(filter) : { count: 0, last: null };
      return { running: false, status: last ? 'ok' : 'never_run', lastRun: last && sqlStamp(last), inserted: count, error: null };
    },

    /** Nothing to run: FreeSWITCH posts each leg as it ends. Answers as a run the client then polls. */
    async etlRun(ctx: Ctx): Promise<CdrEtlRun> {
      authorize(ctx, 'cdr_list');
      return { status: 'started', message: 'CDRs arrive live from FreeSWITCH; there is nothing to import' };
    },

    /** Every matching leg (or the page asked for), streamed in order. */
    async export(query: CdrQuery, ctx: Ctx): Promise<AsyncIterable<CdrRecord[]>> {
      const paged = query.limit !== undefined || query.offset !== undefined || query.pageIndex !== undefined || query.pageSize !== undefined;
      const p = cdrPaging(query);
      if (!paged) Object.assign(p, { skip: 0, take: Number.POSITIVE_INFINITY });
      const filter = await scopedFilter(query, ctx);
      return filter ? cdrs.batches(filter, p) : (async function* () {})();
    },
  };
}

export type CdrsService = ReturnType<typeof createCdrsService>;
