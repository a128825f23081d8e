// The route CSV format: a header row naming the columns (in any order), then one route per
// record. Export writes every column; import needs name, a destination_id or a pattern, and
// provider_id (unless the import names the provider), and a route_id updates that route instead
// of creating one. Cells are read as text; the route schema checks them (routes.service.ts).
import { AppError, validationFailed, wireField, type ItemError } from '../../errors.ts';
import { isBlankRecord, parseCsv, restoreCell, toCsv, type CsvRecord } from '../shared/csv.ts';
import type { RouteRecord } from './routes.repository.ts';

export const ROUTE_COLUMNS = [
  'route_id',
  'tenant_id',
  'name',
  'destination_id',
  'pattern',
  'strip',
  'prepend',
  'priority',
  'provider_id',
  'service_flag',
  'toll_type',
  'cost',
  'active',
  'description',
] as const;
type Column = (typeof ROUTE_COLUMNS)[number];

export function routesToCsv(routes: readonly RouteRecord[]): string {
  return toCsv(
    ROUTE_COLUMNS,
    routes.map((r) => [r.id, r.tenantId, r.name, r.destinationId ?? '', r.pattern, r.strip, r.prepend, r.priority, r.providerId, r.serviceFlag, r.tollType, r.cost, r.active ? 1 : 0, r.description]),
  );
}

export function sampleCsv(providerId = 1): string {
  return toCsv(ROUTE_COLUMNS, [
    ['', '', 'US and Canada', '', '^\\+?1?([2-9][0-9]{9})$', 0, '1', 10, providerId, 1, 'domestic', 0.01, 1, 'NANP, 10 or 11 digits'],
    ['', '', 'International', '', '^(?:00|011|\\+)([1-9][0-9]{6,14})$', 0, '', 100, providerId, 1, 'international', 0.1, 1, 'Any "00", "011" or "+" prefix'],
  ]);
}

export interface CsvRow {
  line: number;
  routeId?: number;
  /** The row's cells by field (camelCase), typed; the route schema checks them. */
  input: Record<string, unknown>;
}

function integer(column: Column, value: string): number {
  if (!/^-?[0-9]+$/.test(value)) throw validationFailed(column, 'must be an integer');
  return Number(value);
}

function number(column: Column, value: string): number {
  const n = Number(value);
  if (value === '' || !Number.isFinite(n)) throw validationFailed(column, 'must be a number');
  return n;
}

function flag(column: Column, value: string): boolean {
  if (/^(1|true|yes)$/i.test(value)) return true;
  if (/^(0|false|no)$/i.test(value)) return false;
  throw validationFailed(column, 'must be 1 or 0');
}

function toRow(record: CsvRecord, header: Column[]): CsvRow {
  if (record.fields.length !== header.length) throw validationFailed('row', `has ${record.fields.length} fields, the header ${header.length}`);
  const input: Record<string, unknown> = {};
  let routeId: number | undefined;
  header.forEach((column, i) => {
    const value = restoreCell(record.fields[i]).trim();
    if (value === '' && column !== 'prepend' && column !== 'toll_type' && column !== 'description') return;
    switch (column) {
      case 'route_id':
        routeId = integer(column, value);
        break;
      case 'tenant_id':
        input.tenantId = integer(column, value);
        break;
      case 'name':
        input.name = value;
        break;
      case 'destination_id':
        input.destinationId = value;
        break;
      case 'pattern':
        input.pattern = value;
        break;
      case 'strip':
        input.strip = integer(column, value);
        break;
      case 'prepend':
        input.prepend = value;
        break;
      case 'priority':
        input.priority = integer(column, value);
        break;
      case 'provider_id':
        input.providerId = integer(column, value);
        break;
      case 'service_flag':
        input.serviceFlag = integer(column, value);
        break;
      case 'toll_type':
        input.tollType = value;
        break;
      case 'cost':
        input.cost = number(column, value);
        break;
      case 'active':
        input.active = flag(column, value);
        break;
      case 'description':
        input.description = restoreCell(record.fields[i]);
        break;
    }
  });
  return { line: record.line, routeId, input };
}

/** Reads a route CSV into rows and per-line problems (the header's own problems fail the whole file). */
export function readRoutesCsv(text: string): { rows: CsvRow[]; errors: ItemError[] } {
  const records = parseCsv(text).filter((r) => !isBlankRecord(r));
  const [head, ...body] = records;
  if (!head) throw validationFailed('csv', 'is empty: expected a header row and at least one route');
  const header = head.fields.map((f) => f.trim().toLowerCase());
  const unknown = header.filter((c) => !(ROUTE_COLUMNS as readonly string[]).includes(c));
  if (unknown.length) throw validationFailed('csv', `header (line ${head.line}) names unknown column(s): ${unknown.join(', ')}`);
  const duplicate = header.find((c, i) => header.indexOf(c) !== i);
  if (duplicate) throw validationFailed('csv', `header (line ${head.line}) names ${duplicate} twice`);
  if (!body.length) throw validationFailed('csv', 'holds no route: expected at least one row after the header');
  const rows: CsvRow[] = [];
  const errors: ItemError[] = [];
  for (const record of body) {
    try {
      rows.push(toRow(record, header as Column[]));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      errors.push(itemError(err, { line: record.line }));
    }
  }
  return { rows, errors };
}

/** One item's problem, its field named as the client's column (`provider_id`). */
export function itemError(err: AppError, at: { line: number } | { index: number }): ItemError {
  const field = err.field ? wireField(err.field) : undefined;
  const text = field && err.problem !== undefined ? `${field} ${err.problem}` : err.message;
  return 'line' in at ? { line: at.line, field, message: `line ${at.line}: ${text}` } : { index: at.index, field, message: `[${at.index}] ${text}` };
}
