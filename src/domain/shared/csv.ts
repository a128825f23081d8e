// CSV as RFC 4180 has it: fields separated by commas, quoted when they hold a comma, a quote or a
// line break, quotes doubled, CRLF line ends. A text cell that a spreadsheet would run as a
// formula (starting with = + - @, tab or carriage return) is written with a leading quote so it
// stays text; a plain signed number (+15550100) runs nothing and is left as it is. Reading a
// file back (restoreCell) takes that quote off again, so what is exported imports unchanged.
import { validationFailed } from '../../errors.ts';

export type CsvValue = string | number | boolean | null | undefined;

/** One record and the line it starts on (1-based), for error messages. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

const FORMULA_START = /^[=+\-@\t\r]/;
const SIGNED_NUMBER = /^[+-]\d+(\.\d+)?$/;
const DEFUSED = /^'[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  // Numbers and booleans are ours, never formulas; only text can carry an injection.
  const text = typeof value === 'string' && FORMULA_START.test(value) && !SIGNED_NUMBER.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A cell as it was before csvCell defused it. */
export const restoreCell = (text: string) => (DEFUSED.test(text) ? text.slice(1) : text);

export const csvLine = (cells: readonly CsvValue[]) => `${cells.map(csvCell).join(',')}\r\n`;

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map(csvLine).join('');
}

/** Reads CSV text into records; accepts LF or CRLF line ends and a leading byte order mark. */
export function parseCsv(text: string): CsvRecord[] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  while (i < source.length) {
    const c = source[i];
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\r' && source[i + 1] === '\n') {
      i++;
      continue;
    } else if (c === '\n') {
      endRecord();
      line++;
      recordLine = line;
    } else field += c;
    i++;
  }
  if (quoted) throw validationFailed('csv', `line ${recordLine}: a quoted field is not closed`);
  if (field !== '' || fields.length) endRecord();
  return records;
}

/** A record with no content (an empty line, or only empty fields). */
export const isBlankRecord = (record: CsvRecord) => record.fields.every((f) => f.trim() === '');
