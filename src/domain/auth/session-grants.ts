// A token that holds as a full session at the user's current token version although its claims
// say otherwise, by its jti: an MFA-pending token once its second factor is given (the ICTPBX
// client keeps using the token it logged in with and never reads the one the verification answers),
// and the caller's own token across its password change (which ends every other session). Kept in
// the database so every node agrees; a positive answer is kept in memory too, since it can only
// stop holding by a version bump, which resolving a token sees through the bearer cache.
import type { TokenRef } from '../../context.ts';
import type { SessionGrantsRepository } from './session-grants.repository.ts';

export function createSessionGrants({ repo, maxEntries = 10_000, now = Date.now }: { repo: SessionGrantsRepository; maxEntries?: number; now?: () => number }) {
  const known = new Map<string, number>();

  function remember(jti: string, version: number): void {
    known.delete(jti);
    known.set(jti, version);
    if (known.size > maxEntries) known.delete(known.keys().next().value!);
  }

  return {
    /** Whether the token holds at this version. */
    async holds(token: TokenRef, version: number): Promise<boolean> {
      if (token.exp * 1000 <= now()) return false;
      if (known.get(token.id) === version) return true;
      const granted = await repo.versionOf(token.id, new Date(now()));
      if (granted !== version) return false;
      remember(token.id, version);
      return true;
    },

    /** Lets the token hold at this version until it expires. */
    async grant(token: TokenRef, userId: number, version: number): Promise<void> {
      await repo.deleteExpired(new Date(now()));
      await repo.grant(token.id, userId, version, new Date(token.exp * 1000));
      remember(token.id, version);
    },
  };
}

export type SessionGrants = ReturnType<typeof createSessionGrants>;
