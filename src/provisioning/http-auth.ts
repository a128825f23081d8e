// HTTP authentication as phones do it: Digest (RFC 7616, MD5 or SHA-256, qop "auth"; RFC 2069's
// form without qop too, which older firmware sends) and Basic (RFC 7617). Nonces are stateless: an
// expiry time signed with a key of this process, so a phone's answer within NONCE_SECONDS passes
// and a later one is told `stale=true` (it answers the new nonce without asking anyone for the
// password). A nonce from another node fails its signature and is simply challenged again.
// Every comparison of what the phone sent with what it should have sent is in constant time.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const NONCE_SECONDS = 300;

export type Verdict = 'ok' | 'none' | 'wrong' | 'stale';

const hash = (algorithm: string, text: string) => createHash(algorithm).update(text, 'utf8').digest('hex');
const same = (a: string, b: string) => {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
};

/** The parameters of a Digest Authorization header (quoted or not). */
export function digestParams(header: string): Record<string, string> | null {
  const match = /^Digest\s+(.*)$/is.exec(header.trim());
  if (!match) return null;
  const params: Record<string, string> = {};
  for (const m of match[1].matchAll(/([A-Za-z][\w-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]*))/g)) params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
  return params;
}

const ALGORITHMS: Record<string, string> = { md5: 'md5', 'sha-256': 'sha256' };

export function createHttpAuth(realm: string, now: () => number = Date.now) {
  const key = randomBytes(32);
  const sign = (expires: string) => createHmac('sha256', key).update(expires).digest('base64url');
  const nonce = () => {
    const expires = String(Math.floor(now() / 1000) + NONCE_SECONDS);
    return Buffer.from(`${expires}:${sign(expires)}`).toString('base64url');
  };
  function nonceState(given: string): 'valid' | 'stale' | 'forged' {
    const [expires, signature] = Buffer.from(given, 'base64url').toString('utf8').split(':');
    if (!expires || !signature || !/^\d{1,12}$/.test(expires) || !same(signature, sign(expires))) return 'forged';
    return Number(expires) * 1000 >= now() ? 'valid' : 'stale';
  }

  function digest(params: Record<string, string>, method: string, url: string, expected: { username: string; password: string }): Verdict {
    const algorithm = ALGORITHMS[(params.algorithm ?? 'MD5').toLowerCase()];
    const { username, realm: theirRealm, nonce: theirNonce, uri, response, qop, nc, cnonce } = params;
    if (!algorithm || !username || !theirNonce || !uri || !response || theirRealm !== realm) return 'wrong';
    if (qop !== undefined && (qop !== 'auth' || !nc || !cnonce)) return 'wrong';
    const state = nonceState(theirNonce);
    if (state === 'forged') return 'wrong';
    const ha1 = hash(algorithm, `${expected.username}:${realm}:${expected.password}`);
    const ha2 = hash(algorithm, `${method}:${uri}`);
    const wanted = qop ? hash(algorithm, `${ha1}:${theirNonce}:${nc}:${cnonce}:auth:${ha2}`) : hash(algorithm, `${ha1}:${theirNonce}:${ha2}`);
    // Every check runs before the verdict, so its time says nothing about which one failed.
    const right = [same(username, expected.username), same(uri, url), same(response.toLowerCase(), wanted)].every(Boolean);
    if (!right) return 'wrong';
    return state === 'valid' ? 'ok' : 'stale';
  }

  function basic(header: string, expected: { username: string; password: string }): Verdict {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
    if (!match) return 'wrong';
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return 'wrong';
    return same(`${decoded.slice(0, colon)}\u0000${decoded.slice(colon + 1)}`, `${expected.username}\u0000${expected.password}`) ? 'ok' : 'wrong';
  }

  return {
    /** The phone's credentials checked against the device's. */
    verify(header: string | undefined, method: string, url: string, expected: { username: string; password: string }): Verdict {
      if (!header) return 'none';
      const params = digestParams(header);
      if (params) return digest(params, method, url, expected);
      return /^Basic\s/i.test(header) ? basic(header, expected) : 'none';
    },
    /** The WWW-Authenticate headers of a 401: Digest first (phones take the first they know), then Basic. */
    challenges(stale = false): string[] {
      const fresh = nonce();
      return [
        `Digest realm="${realm}", qop="auth", algorithm=MD5, nonce="${fresh}"${stale ? ', stale=true' : ''}`,
        `Digest realm="${realm}", qop="auth", algorithm=SHA-256, nonce="${fresh}"${stale ? ', stale=true' : ''}`,
        `Basic realm="${realm}", charset="UTF-8"`,
      ];
    },
  };
}
