// Call records FreeSWITCH reported: /fpbx_cdr (the PBX's records, answered as ICTPBX does:
// { rows, total }), /usersCDR (per user / extension) and its CSV export, and /cdr_etl, the ETL
// status the ICTPBX client polls (Switchyard's CDRs arrive live: see domain/cdrs/cdrs.schema.ts).
// Scoped like every list: a tenant admin sees its tenant, an end user the legs of the extensions
// assigned to it.
import type { FastifyInstance } from 'fastify';
import { CdrEtlRun, CdrEtlStatus, FpbxCdrPage } from '../../domain/cdrs/cdrs.schema.ts';
import { CDR_SORTABLE, fpbxCdrRow, type CdrQuery } from '../../domain/cdrs/cdrs.service.ts';
import { DISPOSITIONS } from '../../domain/cdrs/cdr-leg.ts';
import { sendCsv } from './csv.ts';
import { arrayOf, errorResponses, listQuery, sendPage } from './shared.ts';
import { toWire, wireSchema } from './wire.ts';
import { CDR_CSV_HEADER, cdrCsvRow, cdrSchema, cdrView } from './views/cdr.view.ts';

interface CdrQuerystring {
  from?: string;
  to?: string;
  start_date?: string;
  end_date?: string;
  direction?: string;
  extension?: string;
  disposition?: string;
  caller_id_number?: string;
  destination_number?: string;
  tenant_id?: number;
  user_id?: number;
  limit?: number;
  offset?: number;
  pageIndex?: number;
  pageSize?: number;
  sort?: string;
  order?: 'asc' | 'desc';
}

const bound = (what: string) => ({
  type: 'string',
  minLength: 1,
  maxLength: 40,
  description: `${what} (inclusive) on the start time: YYYY-MM-DD, ISO 8601 date-time or unix seconds`,
});

const filters = {
  from: bound('Lower bound'),
  to: bound('Upper bound'),
  start_date: bound('Lower bound, same as from'),
  end_date: bound('Upper bound, same as to'),
  direction: { type: 'string', enum: ['inbound', 'outbound', 'local'] },
  extension: { type: 'string', maxLength: 64, description: 'The tenant extension the leg involved' },
  disposition: { type: 'string', enum: DISPOSITIONS },
  caller_id_number: { type: 'string', maxLength: 64 },
  destination_number: { type: 'string', maxLength: 128 },
  tenant_id: { type: 'integer', minimum: 1, description: 'Super-admin: one tenant only' },
} as const;

const userFilters = { ...filters, user_id: { type: 'integer', minimum: 1, description: 'Legs of the extensions assigned to this user' } } as const;
const sortable = Object.keys(CDR_SORTABLE);

function toQuery(q: CdrQuerystring): CdrQuery {
  const { from, to, start_date, end_date, tenant_id, user_id, caller_id_number, destination_number, ...rest } = q;
  return {
    ...rest,
    from: from ?? start_date,
    to: to ?? end_date,
    tenantId: tenant_id,
    userId: user_id,
    callerIdNumber: caller_id_number,
    destinationNumber: destination_number,
  };
}

export default async function cdrsRoutes(app: FastifyInstance) {
  const { cdrs } = app.services;
  const tags = ['reporting'];

  app.get<{ Querystring: CdrQuerystring }>(
    '/fpbx_cdr',
    {
      schema: {
        tags,
        summary: 'FreeSWITCH PBX call records, newest first, as { rows, total } (ICTPBX), with date range, direction, extension and disposition filters',
        querystring: listQuery(filters, sortable),
        response: { 200: wireSchema(FpbxCdrPage), ...errorResponses },
      },
    },
    async (request) => {
      const page = await cdrs.list(toQuery(request.query), request.ctx);
      return { rows: page.items.map((c) => toWire(fpbxCdrRow(c))), total: page.total };
    },
  );

  app.get(
    '/cdr_etl/status',
    {
      schema: {
        tags,
        summary: 'The ICTPBX CDR ETL status: Switchyard has no ETL (FreeSWITCH posts each leg live), so never running; when the newest CDR in view arrived, and how many',
        response: { 200: wireSchema(CdrEtlStatus), ...errorResponses },
      },
    },
    async (request) => toWire(await cdrs.etlStatus(request.ctx)),
  );

  app.post(
    '/cdr_etl/run',
    {
      schema: {
        tags,
        summary: 'The ICTPBX CDR ETL run: nothing to import (CDRs arrive live); answers started, and the status is at once not running',
        response: { 200: wireSchema(CdrEtlRun), ...errorResponses },
      },
    },
    async (request) => cdrs.etlRun(request.ctx),
  );

  app.get<{ Querystring: CdrQuerystring }>(
    '/usersCDR',
    {
      schema: {
        tags,
        summary: 'Per-user / extension call records (an end user sees its own extensions)',
        querystring: listQuery(userFilters, sortable),
        response: { 200: arrayOf(cdrSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await cdrs.list(toQuery(request.query), request.ctx), cdrView),
  );

  app.get<{ Querystring: CdrQuerystring }>(
    '/usersCDR/csv',
    {
      schema: {
        tags,
        summary: 'Per-user / extension call records as a CSV download (all matching rows unless paged)',
        querystring: listQuery(userFilters, sortable),
        produces: ['text/csv'],
        response: { 200: { type: 'string', description: `CSV with the header ${CDR_CSV_HEADER.join(',')}` }, ...errorResponses },
      },
    },
    async (request, reply) => sendCsv(reply, 'users-cdr.csv', CDR_CSV_HEADER, await cdrs.export(toQuery(request.query), request.ctx), cdrCsvRow),
  );
}
