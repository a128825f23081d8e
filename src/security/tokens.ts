// JWTs: RS256 only. Access tokens carry ICTCore's claims. An MFA-pending token carries the same
// claims (the ICTPBX client reads them to send the user to its MFA page) but permits nothing but
// the second factor until the server records it as given (domain/auth/session-grants.ts). Both
// carry the user's token version, so bumping it revokes them.
import jwt from 'jsonwebtoken';
import { randomUUID } from 'node:crypto';
import { unauthorized } from '../errors.ts';
import type { KeyPair } from './keys.ts';

export interface AccessClaims {
  typ: 'access';
  user_id: number;
  username: string;
  tenant_id: number | null;
  roles: string[];
  /** ICTCore's flags are the strings "1"/"0"; clients compare them loosely. */
  is_admin: '1' | '0';
  is_tenant: '1' | '0';
  user_permission: string;
  mfa_enabled: '1' | '0';
  /** ICTCore: a tenant admin (not the super-admin) holding `retention_enabled`; the client compares it with == '1'. */
  retention_permission: '1' | '0';
  credit?: number;
  ver: number;
}

export type MfaPendingClaims = Omit<AccessClaims, 'typ'> & {
  typ: 'mfa';
  /** Unix seconds: the second factor must be given by then, or the token is good for nothing. */
  mfa_by: number;
};

export type Claims = (AccessClaims | MfaPendingClaims) & { iat: number; nbf: number; exp: number; iss: string; jti: string };

export interface TokenSigner {
  sign(claims: AccessClaims | MfaPendingClaims, expiresInSeconds: number): string;
  verify(token: string): Claims;
  decode(token: string): Claims;
}

export function createTokenSigner(keys: KeyPair, issuer: string): TokenSigner {
  return {
    sign(claims, expiresInSeconds) {
      const now = Math.floor(Date.now() / 1000);
      return jwt.sign({ ...claims, iat: now, nbf: now }, keys.privateKey, {
        algorithm: 'RS256',
        expiresIn: expiresInSeconds,
        issuer,
        jwtid: randomUUID(),
        subject: String(claims.user_id),
      });
    },
    verify(token) {
      try {
        const claims = jwt.verify(token, keys.publicKey, { algorithms: ['RS256'], issuer }) as Claims;
        if (claims.typ !== 'access' && claims.typ !== 'mfa') throw new Error('unknown token type');
        return claims;
      } catch (err) {
        const expired = (err as Error).name === 'TokenExpiredError';
        throw unauthorized(expired ? 'Token has expired' : 'Invalid token');
      }
    },
    decode(token) {
      return this.verify(token);
    },
  };
}
