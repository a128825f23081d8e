// Tokens whose signature has been checked, so that a client sending the same token on every
// request pays for the RS256 verification (and jsonwebtoken's parsing of the PEM key, about as
// much again) once. What a signature proves never changes; expiry is checked on every use, and
// revocation is not this module's concern (resolve() compares the token version each time).
// Tokens are kept only in memory and never logged.
import { unauthorized } from '../../errors.ts';
import type { Claims, TokenSigner } from '../../security/tokens.ts';

export interface VerifiedTokensOptions {
  /** Beyond this many tokens the oldest verified goes first. */
  maxEntries?: number;
  now?: () => number;
}

export function createVerifiedTokens(tokens: Pick<TokenSigner, 'verify'>, { maxEntries = 10_000, now = Date.now }: VerifiedTokensOptions = {}) {
  const verified = new Map<string, Claims>();
  return {
    /** The token's claims; throws 401 as TokenSigner.verify does for anything invalid or expired. */
    verify(token: string): Claims {
      const known = verified.get(token);
      if (!known) {
        const claims = tokens.verify(token);
        verified.set(token, claims);
        if (verified.size > maxEntries) verified.delete(verified.keys().next().value as string);
        return claims;
      }
      // jsonwebtoken's rule: expired from the second `exp` names.
      if (Math.floor(now() / 1000) >= known.exp) {
        verified.delete(token);
        throw unauthorized('Token has expired');
      }
      return known;
    },
  };
}

export type VerifiedTokens = ReturnType<typeof createVerifiedTokens>;
