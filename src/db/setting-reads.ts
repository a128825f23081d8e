// A system-wide setting's stored text on the hot reads: the password policy is read on every
// `GET /api/password_policy` and every password checked (so that a change on one node holds on every
// node at once), and through Prisma that one-row read cost more than the rest of the request.
import type { Db } from './client.ts';
import { hotReadsOf } from './hot-reads.ts';
import { text } from './row-values.ts';

const VALUE = 'SELECT s.value FROM settings s WHERE s.key = ?';

export function settingReads(db: Db) {
  const reads = hotReadsOf(db);
  return {
    /** The setting's stored text, or null when it was never set. */
    async value(key: string): Promise<string | null> {
      const [row] = await reads.values(VALUE, [key]);
      return row ? text(row[0]) : null;
    },
  };
}
