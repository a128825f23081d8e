// Security headers as a browser receives them, through app.inject. They do not depend on the
// database, so the suite runs on SQLite only.
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { createUser, PASSWORD } from '../helpers/fixtures.ts';

const sqlite = databaseKinds.find((kind) => kind.name === 'sqlite')!;

const CSP =
  "default-src 'self';base-uri 'none';connect-src 'self';font-src 'self' data:;img-src 'self' data:;form-action 'self';" +
  "frame-ancestors 'none';object-src 'none';script-src 'self';script-src-attr 'none';" +
  "style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

const HELMET_HEADERS = ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'cross-origin-opener-policy'];

const DIRECTORY_FETCH = 'section=directory&tag_name=domain&key_name=name&key_value=nowhere.test&domain=nowhere.test';

/** The code of the next TOTP period (the server allows one period of drift), unlike any spent one. */
const nextCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

describe('security headers', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(sqlite, { LOGIN_RATE_PER_MINUTE: '1000' });
    admin = await t.adminToken();
  });
  afterAll(() => t?.close());

  it('every answer a browser may read is nosniff, unframeable, without referrer, under a self-only policy', async () => {
    for (const [method, url] of [
      ['GET', '/healthz'],
      ['GET', '/api/tenants'],
      ['GET', '/api/docs'],
      ['GET', '/api/openapi.json'],
      ['GET', '/graphiql/assets/graphiql.min.js'],
      ['GET', '/nowhere'],
    ]) {
      const res = await t.api(method, url);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['content-security-policy'], url).toBe(CSP);
    }
  });

  it('an answer refused before its handler (401) carries them too', async () => {
    const res = await t.api('GET', '/api/tenants');
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-security-policy']).toBe(CSP);
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('no HSTS and no upgrade-insecure-requests unless HSTS_MAX_AGE says the server is reached over TLS', async () => {
    const plain = await t.api('GET', '/healthz');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    expect(plain.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');

    const tls = await createTestApp(sqlite, { HSTS_MAX_AGE: '31536000' });
    try {
      const res = await tls.api('GET', '/healthz');
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
      expect(res.headers['content-security-policy']).toBe(`${CSP};upgrade-insecure-requests`);
    } finally {
      await tls.close();
    }
  });

  it("FreeSWITCH's routes carry none of them: it is no browser, and /freeswitch/xml is the hot path", async () => {
    const xml = await t.app.inject({ method: 'POST', url: '/freeswitch/xml', payload: DIRECTORY_FETCH, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(xml.statusCode).toBe(200);
    expect(xml.body).toContain('<result status="not found"/>');
    const cdr = await t.app.inject({ method: 'POST', url: '/freeswitch/cdr', payload: '{}', headers: { 'content-type': 'application/json' } });
    for (const res of [xml, cdr]) {
      for (const header of HELMET_HEADERS) expect(res.headers[header], header).toBeUndefined();
    }
  });

  describe('Cache-Control: no-store on answers that carry a token, a TOTP secret or a password reset', () => {
    const noStore = (res: { headers: Record<string, unknown> }) => expect(res.headers['cache-control']).toBe('no-store');

    it('POST /api/authenticate, and its refusal', async () => {
      const ok = await t.api('POST', '/api/authenticate', { body: ADMIN });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().token).toBeTruthy();
      noStore(ok);
      noStore(await t.api('POST', '/api/authenticate', { body: { username: ADMIN.username, password: 'wrong' } }));
    });

    it('the GraphQL login mutation, and every GraphQL answer (POST and GET)', async () => {
      const login = await t.app.inject({
        method: 'POST',
        url: '/graphql',
        payload: { query: `mutation { login(username: "${ADMIN.username}", password: "${ADMIN.password}") { token } }` },
      });
      expect(login.json().data.login.token).toBeTruthy();
      noStore(login);
      const get = await t.api('GET', `/graphql?query=${encodeURIComponent('{ me { username } }')}`, { token: admin });
      expect(get.json().data.me.username).toBe(ADMIN.username);
      noStore(get);
    });

    it('impersonation: GET /api/users/:user_id/token', async () => {
      const id = await createUser(t, admin, { username: 'impersonated' });
      const res = await t.api('GET', `/api/users/${id}/token`, { token: admin });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().token).toBeTruthy();
      noStore(res);
    });

    it('MFA: the enrolment secret, and the session that POST /api/user/totp/verify completes', async () => {
      await createUser(t, admin, { username: 'second-factor' });
      const token = await t.login('second-factor', PASSWORD);
      const enrolment = await t.api('POST', '/api/user/totpqrcode', { token });
      expect(enrolment.statusCode).toBe(200);
      noStore(enrolment);
      const { secret } = enrolment.json();
      const confirmed = await t.api('POST', '/api/user/totp/verify', { token, body: { code: await generate({ secret }) } });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      noStore(confirmed);

      const pending = await t.api('POST', '/api/authenticate', { body: { username: 'second-factor', password: PASSWORD } });
      expect(pending.json().mfa_required).toBe(true);
      noStore(pending);
      const session = await t.api('POST', '/api/user/totp/verify', { token: pending.json().token, body: { code: await nextCode(secret) } });
      expect(session.statusCode, session.body).toBe(200);
      expect(session.json().token).toBeTruthy();
      noStore(session);
    });

    it('password reset: forgot_password and update_password', async () => {
      await createUser(t, admin, { username: 'forgetful', email: 'forgetful@example.test' });
      const forgot = await t.api('POST', '/api/forgot_password', { body: { email: 'forgetful@example.test' } });
      expect(forgot.statusCode).toBe(200);
      noStore(forgot);
      const code = decodeURIComponent(/reset-password\?code=([^\s]+)/.exec(t.mail.at(-1)!.text)![1]);
      const update = await t.api('PUT', '/api/update_password', { body: { code, password: 'Fr3sh-Passw0rd!' } });
      expect(update.statusCode, update.body).toBe(200);
      noStore(update);
    });

    it('other answers keep their default caching', async () => {
      const res = await t.api('GET', '/api/tenants', { token: admin });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBeUndefined();
    });
  });
});
