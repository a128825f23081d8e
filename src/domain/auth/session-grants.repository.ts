// Session grants (see session-grants.ts), shared by every node through the database.
import type { Db } from '../../db/database.ts';

export function sessionGrantsRepository(db: Db) {
  return {
    /** The version the token holds at, or null when it holds no grant (or an expired one). */
    async versionOf(jti: string, now: Date): Promise<number | null> {
      const row = await db.sessionGrant.findUnique({ where: { jti }, select: { tokenVersion: true, expiresAt: true } });
      return row && row.expiresAt > now ? row.tokenVersion : null;
    },
    async grant(jti: string, userId: number, tokenVersion: number, expiresAt: Date): Promise<void> {
      await db.sessionGrant.upsert({ where: { jti }, create: { jti, userId, tokenVersion, expiresAt }, update: { tokenVersion, expiresAt } });
    },
    /** Grants outlive their tokens by nothing: the expired ones go whenever a new one is written. */
    async deleteExpired(now: Date): Promise<void> {
      await db.sessionGrant.deleteMany({ where: { expiresAt: { lte: now } } });
    },
  };
}

export type SessionGrantsRepository = ReturnType<typeof sessionGrantsRepository>;
