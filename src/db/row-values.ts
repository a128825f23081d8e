// Column values as the two drivers hand them back from hot reads, turned into what Prisma would
// have returned: SQLite gives booleans as 0/1 and timestamps as ISO text, PostgreSQL gives
// booleans as true/false and counts (bigint) as strings.

export const bool = (v: unknown): boolean => v === true || v === 1 || v === 1n || v === '1' || v === 't' || v === 'true';
export const num = (v: unknown): number => Number(v ?? 0);
export const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/** A stored timestamp: ISO text with an offset (Prisma on SQLite), `YYYY-MM-DD HH:MM:SS` in UTC (SQL defaults), or a Date. */
export function date(v: unknown): Date {
  if (v instanceof Date) return v;
  if (typeof v === 'number' || typeof v === 'bigint') return new Date(Number(v));
  const iso = String(v).replace(' ', 'T');
  return new Date(/(Z|[+-]\d\d:?\d\d)$/i.test(iso) ? iso : `${iso}Z`);
}
