// Digest as RFC 7616 describes it, checked against answers computed here the way phones compute
// them: MD5 and SHA-256 with qop=auth, RFC 2069's form without qop, an expired nonce answered
// with stale=true, a forged one refused. The clock is the test's.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createHttpAuth, NONCE_SECONDS } from '../../src/provisioning/http-auth.ts';

const REALM = 'Switchyard provisioning';
const device = { username: 'phone-1', password: 'Secret-pass-1' };
const h = (algorithm: string, s: string) => createHash(algorithm).update(s).digest('hex');

function nonceOf(challenges: string[], algorithm: 'MD5' | 'SHA-256'): string {
  const challenge = challenges.find((c) => c.includes(`algorithm=${algorithm},`))!;
  return /nonce="([^"]+)"/.exec(challenge)![1];
}

function answer(nonce: string, options: { algorithm?: 'MD5' | 'SHA-256'; qop?: boolean; password?: string; uri?: string; realm?: string } = {}): string {
  const { algorithm = 'MD5', qop = true, password = device.password, uri = '/provision/001565aabbcc.cfg', realm = REALM } = options;
  const fn = algorithm === 'MD5' ? 'md5' : 'sha256';
  const ha1 = h(fn, `${device.username}:${realm}:${password}`);
  const ha2 = h(fn, `GET:${uri}`);
  const response = qop ? h(fn, `${ha1}:${nonce}:00000001:0a4f113b:auth:${ha2}`) : h(fn, `${ha1}:${nonce}:${ha2}`);
  const tail = qop ? ', qop=auth, nc=00000001, cnonce="0a4f113b"' : '';
  return `Digest username="${device.username}", realm="${realm}", nonce="${nonce}", uri="${uri}", algorithm=${algorithm}, response="${response}"${tail}`;
}

describe('HTTP Digest and Basic for phones', () => {
  let clock = 1_800_000_000_000;
  const auth = createHttpAuth(REALM, () => clock);
  const url = '/provision/001565aabbcc.cfg';

  it('challenges with Digest (MD5, then SHA-256) before Basic', () => {
    const challenges = auth.challenges();
    expect(challenges).toHaveLength(3);
    expect(challenges[0]).toMatch(/^Digest realm="Switchyard provisioning", qop="auth", algorithm=MD5, nonce="[\w-]+"$/);
    expect(challenges[1]).toMatch(/algorithm=SHA-256/);
    expect(challenges[2]).toBe('Basic realm="Switchyard provisioning", charset="UTF-8"');
  });

  it('accepts the right answer in MD5 and SHA-256, with qop and in RFC 2069 form', () => {
    const challenges = auth.challenges();
    expect(auth.verify(answer(nonceOf(challenges, 'MD5')), 'GET', url, device)).toBe('ok');
    expect(auth.verify(answer(nonceOf(challenges, 'SHA-256'), { algorithm: 'SHA-256' }), 'GET', url, device)).toBe('ok');
    expect(auth.verify(answer(nonceOf(challenges, 'MD5'), { qop: false }), 'GET', url, device)).toBe('ok');
  });

  it('refuses a wrong password, another URI, another realm, a forged nonce, and no credentials', () => {
    const nonce = nonceOf(auth.challenges(), 'MD5');
    expect(auth.verify(answer(nonce, { password: 'guess' }), 'GET', url, device)).toBe('wrong');
    expect(auth.verify(answer(nonce, { uri: '/provision/001565aabbcd.cfg' }), 'GET', url, device)).toBe('wrong');
    expect(auth.verify(answer(nonce, { realm: 'other' }), 'GET', url, device)).toBe('wrong');
    const forged = Buffer.from(`${Math.floor(clock / 1000) + 60}:AAAA`).toString('base64url');
    expect(auth.verify(answer(forged), 'GET', url, device)).toBe('wrong');
    expect(auth.verify(undefined, 'GET', url, device)).toBe('none');
    expect(auth.verify('Bearer abc', 'GET', url, device)).toBe('none');
  });

  it('an answer to an expired nonce is stale: the challenge says so and the phone answers anew', () => {
    const nonce = nonceOf(auth.challenges(), 'MD5');
    clock += (NONCE_SECONDS + 1) * 1000;
    expect(auth.verify(answer(nonce), 'GET', url, device)).toBe('stale');
    expect(auth.challenges(true)[0]).toMatch(/, stale=true$/);
    expect(auth.verify(answer(nonceOf(auth.challenges(true), 'MD5')), 'GET', url, device)).toBe('ok');
  });

  it('a nonce of another process (another key) is no nonce here', () => {
    const other = createHttpAuth(REALM, () => clock);
    expect(auth.verify(answer(nonceOf(other.challenges(), 'MD5')), 'GET', url, device)).toBe('wrong');
  });

  it('Basic: the exact username and password', () => {
    const b = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`;
    expect(auth.verify(b('phone-1:Secret-pass-1'), 'GET', url, device)).toBe('ok');
    expect(auth.verify(b('phone-1:Secret-pass-2'), 'GET', url, device)).toBe('wrong');
    expect(auth.verify(b('phone-2:Secret-pass-1'), 'GET', url, device)).toBe('wrong');
    expect(auth.verify(b('phone-1Secret-pass-1'), 'GET', url, device)).toBe('wrong');
  });
});
