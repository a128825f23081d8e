import { describe, expect, it } from 'vitest';
import { csvCell, parseCsv, restoreCell, toCsv } from '../../../src/domain/shared/csv.ts';

describe('RFC 4180 CSV', () => {
  it('quotes only what needs quoting and doubles quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded')).toBe('" padded"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(0)).toBe('0');
    expect(toCsv(['a', 'b'], [[1, 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
  });

  it('reads back what it writes, whatever the content', () => {
    const rows = [
      ['^(\\d+)$', 'Says "hi", then\r\nleaves', ''],
      ['', '""', ',,,'],
    ];
    const parsed = parseCsv(toCsv(['p', 'd', 'e'], rows));
    expect(parsed.map((r) => r.fields)).toEqual([['p', 'd', 'e'], ...rows]);
  });

  it('defuses text a spreadsheet would run as a formula, leaves signed numbers, and restores it on reading', () => {
    for (const formula of ['=HYPERLINK("http://x")', '+cmd|x', '-2+3', '@SUM(A1)', '\tx']) {
      const cell = parseCsv(toCsv(['a'], [[formula]]))[1].fields[0];
      expect(cell.startsWith("'")).toBe(true);
      expect(restoreCell(cell)).toBe(formula);
    }
    expect(csvCell('+15550100')).toBe('+15550100');
    expect(csvCell(-5)).toBe('-5');
    expect(restoreCell("'plain")).toBe("'plain");
  });

  it('accepts LF, a BOM and a missing final line break, and tells where each record starts', () => {
    const parsed = parseCsv('\ufeffa,b\n"multi\nline",2\n\nlast,3');
    expect(parsed).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['multi\nline', '2'] },
      { line: 4, fields: [''] },
      { line: 5, fields: ['last', '3'] },
    ]);
  });

  it('rejects an unclosed quote, naming the line it opens on', () => {
    expect(() => parseCsv('a\n"open,1\n')).toThrow(/line 2/);
  });
});
