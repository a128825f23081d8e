// One-way CSV downloads (reference §3.6), such as the activity log, streamed in batches; cells
// are written (and formulas defused) by domain/shared/csv.ts.
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { csvLine, type CsvValue } from '../../domain/shared/csv.ts';

export type CsvCell = CsvValue;

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
