// One-way CSV downloads (reference §3.6), such as the activity log: RFC 4180 quoting, and text
// cells that a spreadsheet would run as a formula (starting with = + - @, tab or carriage return)
// prefixed with a quote so they stay text. A plain signed number (+15550100, an E.164 caller id)
// runs nothing and is left as it is. Files meant to be imported back use domain/shared/csv.ts
// alone, which writes values exactly.
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { csvField, type CsvValue } from '../../domain/shared/csv.ts';

export type CsvCell = CsvValue;

const FORMULA_START = /^[=+\-@\t\r]/;
const SIGNED_NUMBER = /^[+-]\d+(\.\d+)?$/;

export function csvCell(value: CsvCell): string {
  // Numbers and booleans are ours, never formulas; only text can carry an injection.
  const formula = typeof value === 'string' && FORMULA_START.test(value) && !SIGNED_NUMBER.test(value);
  return csvField(formula ? `'${value}` : value);
}

export const csvLine = (cells: CsvCell[]) => `${cells.map(csvCell).join(',')}\r\n`;

/** Streams a header and the rows of each batch as a CSV download. */
export function sendCsv<T>(reply: FastifyReply, filename: string, header: string[], batches: AsyncIterable<T[]>, row: (item: T) => CsvCell[]) {
  async function* lines() {
    yield csvLine(header);
    for await (const batch of batches) yield batch.map((item) => csvLine(row(item))).join('');
  }
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
    .send(Readable.from(lines()));
}
