// Single-use password reset tokens; only their SHA-256 is stored.
import type { Db } from '../../db/database.ts';

export function passwordResetsRepository(db: Db) {
  return {
    create: (userId: number, tokenHash: string, expiresAt: Date) =>
      db.passwordReset.create({ data: { userId, tokenHash, expiresAt } }).then(() => undefined),
    findByHash: (tokenHash: string) => db.passwordReset.findUnique({ where: { tokenHash } }),
    /** Marks the token used; false when another request used it first. */
    async consume(id: number): Promise<boolean> {
      const { count } = await db.passwordReset.updateMany({ where: { id, usedAt: null }, data: { usedAt: new Date() } });
      return count === 1;
    },
    /** Spends every outstanding token of the user (after a successful reset). */
    discardForUser: (userId: number) =>
      db.passwordReset.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } }).then(() => undefined),
  };
}

export type PasswordResetsRepository = ReturnType<typeof passwordResetsRepository>;
