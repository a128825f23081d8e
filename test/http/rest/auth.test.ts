import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { createUser, PASSWORD, seedCast, type Cast } from '../../helpers/fixtures.ts';
import { decodeJwt, hs256Jwt, rs256Jwt, tamperedJwt, unsignedJwt } from '../../helpers/jwt.ts';

const authenticate = (t: TestApp, body: object, remoteAddress?: string) =>
  t.app.inject({ method: 'POST', url: '/api/authenticate', payload: body, ...(remoteAddress ? { remoteAddress } : {}) });

describe.each(databaseKinds)('authentication on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp(kind, { LOGIN_RATE_PER_MINUTE: '1000', LOGIN_SLOWDOWN_MS: '50' });
    cast = await seedCast(t);
  });
  afterAll(() => t?.close());

  it('login answers the token under ICTCore names beside the user', async () => {
    const res = await authenticate(t, { username: 'user-a', password: PASSWORD });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ user_id: cast.userA.id, username: 'user-a', tenant_id: cast.tenantA, token_type: 'Bearer', expires_in: 3600, mfa_enabled: 0 });
    expect(body.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(body.access_token).toBe(body.token);
    expect(res.body).not.toMatch(/"password|scrypt\$/);
  });

  it('the token is RS256 and carries ICTCore claims, credit included on Enterprise', async () => {
    const { header, payload } = decodeJwt(cast.adminA.token);
    expect(header.alg).toBe('RS256');
    expect(payload).toMatchObject({
      user_id: cast.adminA.id,
      username: 'admin-a',
      tenant_id: cast.tenantA,
      is_admin: '0',
      is_tenant: '1',
      mfa_enabled: '0',
      credit: 0,
      iss: 'switchyard',
    });
    expect(payload.user_permission.split(',')).toContain('user_admin');
    expect(payload.exp - payload.iat).toBe(3600);
    expect(payload.nbf).toBe(payload.iat);
    expect(decodeJwt(cast.admin).payload).toMatchObject({ is_admin: '1', tenant_id: null });
  });

  it('a wrong password or an unknown user answers 401 in the envelope', async () => {
    const wrong = await authenticate(t, { username: 'user-b', password: 'Wrong-Passw0rd!' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: { code: 401, reason: 'UNAUTHORIZED', message: 'Invalid username or password' } });
    const unknown = await authenticate(t, { username: 'nobody-here', password: PASSWORD });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
  });

  it('five failures lock the account from that address: 423 even with the right password, with Retry-After, in the activity log', async () => {
    const id = await createUser(t, cast.admin, { username: 'locky' });
    for (let i = 0; i < 5; i++) expect((await authenticate(t, { username: 'locky', password: `Wrong-${i}` })).statusCode).toBe(401);
    const res = await authenticate(t, { username: 'locky', password: PASSWORD });
    expect(res.statusCode).toBe(423);
    expect(res.json().error).toMatchObject({ code: 423, reason: 'LOCKED' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    const log = (await t.api('GET', `/api/users/activity/${id}?limit=100`, { token: cast.admin })).json() as { action: string; ip_address: string }[];
    expect(log.filter((a) => a.action === 'login_failed')).toHaveLength(5);
    expect(log.find((a) => a.action === 'login_locked')).toMatchObject({ ip_address: '127.0.0.1' });
    // The lockout belongs to that username only.
    expect((await authenticate(t, { username: 'user-b', password: PASSWORD })).statusCode).toBe(200);
  });

  it('failures count per account, whatever login string named it: username, e-mail and user_id together', async () => {
    const id = await createUser(t, cast.admin, { username: 'many-names', email: 'many@example.test' });
    const from = '198.51.100.7';
    for (const login of [{ username: 'many-names' }, { email: 'many@example.test' }, { user_id: id }, { username: 'many@example.test' }, { username: 'many-names' }]) {
      expect((await authenticate(t, { ...login, password: 'Wrong-1' }, from)).statusCode).toBe(401);
    }
    for (const login of [{ username: 'many-names' }, { email: 'many@example.test' }, { user_id: id }]) {
      expect((await authenticate(t, { ...login, password: PASSWORD }, from)).statusCode).toBe(423);
    }
  });

  it("an attacker's failures lock the account out only for the attacker's address: the real user still logs in, slowed", async () => {
    const id = await createUser(t, cast.admin, { username: 'target', email: 'target@example.test' });
    const attacker = '203.0.113.66';
    for (let i = 0; i < 5; i++) expect((await authenticate(t, { username: 'target', password: `Guess-${i}` }, attacker)).statusCode).toBe(401);
    expect((await authenticate(t, { username: 'target', password: PASSWORD }, attacker)).statusCode).toBe(423);
    expect((await authenticate(t, { email: 'target@example.test', password: PASSWORD }, attacker)).statusCode).toBe(423);
    // From the user's own address: not locked, but the attempt waits (failing from elsewhere).
    const real = await authenticate(t, { username: 'target', password: PASSWORD }, '192.0.2.10');
    expect(real.statusCode).toBe(200);
    const gql = await t.app.inject({
      method: 'POST',
      url: '/graphql',
      remoteAddress: '192.0.2.11',
      payload: { query: 'mutation { login(username: "target", password: "' + PASSWORD + '") { token } }' },
    });
    expect(gql.json().data.login.token).toBeTruthy();
    const log = (await t.api('GET', `/api/users/activity/${id}?limit=100`, { token: cast.admin })).json() as { action: string; ip_address: string }[];
    expect(log.filter((a) => a.action === 'login_slowed').map((a) => a.ip_address).sort()).toEqual(['192.0.2.10', '192.0.2.11']);
    // The attacker's address stays locked after the real user's success.
    expect((await authenticate(t, { username: 'target', password: PASSWORD }, attacker)).statusCode).toBe(423);
  });

  describe('token attacks all answer 401', () => {
    const rejected = async (token: string) => {
      const res = await t.api('GET', '/api/get_user', { token });
      expect(res.statusCode, token).toBe(401);
      expect(res.json().error.code).toBe(401);
    };

    it('alg none', async () => {
      await rejected(unsignedJwt(decodeJwt(cast.userA.token).payload));
      await rejected(unsignedJwt(decodeJwt(cast.userA.token).payload).slice(0, -1));
    });

    it('HS256 signed with the public key as the secret', async () => {
      const publicKey = readFileSync(t.config.jwt.publicKeyFile, 'utf8');
      await rejected(hs256Jwt({ ...decodeJwt(cast.userA.token).payload, is_admin: '1' }, publicKey));
    });

    it('expired, though signed with the real key', async () => {
      const privateKey = readFileSync(t.config.jwt.privateKeyFile, 'utf8');
      const now = Math.floor(Date.now() / 1000);
      const payload = { ...decodeJwt(cast.userA.token).payload, iat: now - 7200, nbf: now - 7200, exp: now - 3600 };
      await rejected(rs256Jwt(payload, privateKey));
      // The same construction, unexpired, is accepted: the expiry alone is what refuses it.
      expect((await t.api('GET', '/api/get_user', { token: rs256Jwt({ ...payload, exp: now + 600 }, privateKey) })).statusCode).toBe(200);
    });

    it('tampered payload', async () => {
      await rejected(tamperedJwt(cast.userA.token, { user_id: 1, is_admin: '1' }));
      await rejected(tamperedJwt(cast.userA.token, { exp: Math.floor(Date.now() / 1000) + 86400 * 365 }));
    });

    it('garbage and a malformed header', async () => {
      await rejected('not-a-jwt');
      const res = await t.api('GET', '/api/get_user', { headers: { authorization: `Basic ${Buffer.from('admin:x').toString('base64')}` } });
      expect(res.statusCode).toBe(401);
    });
  });

  it('cancel revokes every live token of the user at once', async () => {
    const first = await t.login('user-b', PASSWORD);
    const second = await t.login('user-b', PASSWORD);
    expect((await t.api('GET', '/api/get_user', { token: first })).statusCode).toBe(200);
    const res = await t.api('POST', `/api/authenticate/cancel/${cast.userB.id}`, { token: cast.admin });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toBe(true);
    for (const token of [first, second, cast.userB.token]) expect((await t.api('GET', '/api/get_user', { token })).statusCode).toBe(401);
    cast.userB.token = await t.login('user-b', PASSWORD);
    expect((await t.api('GET', '/api/get_user', { token: cast.userB.token })).statusCode).toBe(200);
  });

  it('a user cancels its own sessions (log out everywhere)', async () => {
    const token = await t.login('user-a', PASSWORD);
    expect((await t.api('POST', `/api/authenticate/cancel/${cast.userA.id}`, { token })).statusCode).toBe(200);
    expect((await t.api('GET', '/api/get_user', { token })).statusCode).toBe(401);
    cast.userA.token = await t.login('user-a', PASSWORD);
  });

  it("tenant admin cancelling another tenant's user gets 404 and revokes nothing", async () => {
    const res = await t.api('POST', `/api/authenticate/cancel/${cast.userB.id}`, { token: cast.adminA.token });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('user-b');
    expect((await t.api('GET', '/api/get_user', { token: cast.userB.token })).statusCode).toBe(200);
    expect((await t.api('POST', `/api/authenticate/cancel/${cast.adminA.id}`, { token: cast.userA.token })).statusCode).toBe(404);
  });

  it("changing one's own password revokes the other tokens issued before, and keeps the caller's", async () => {
    const id = await createUser(t, cast.admin, { username: 'changer' });
    const token = await t.login('changer', PASSWORD);
    const other = await t.login('changer', PASSWORD);
    const res = await t.api('PUT', `/api/users/${id}`, { token, body: { password: 'N3w-Passw0rd!' } });
    expect(res.statusCode).toBe(200);
    expect((await t.api('GET', '/api/get_user', { token: other })).statusCode).toBe(401);
    expect((await t.api('GET', '/api/get_user', { token })).statusCode).toBe(200);
    // An administrator's change ends them all.
    expect((await t.api('PUT', `/api/users/${id}/password`, { token: cast.admin, body: { password: 'An0ther-Passw0rd!' } })).statusCode).toBe(200);
    expect((await t.api('GET', '/api/get_user', { token })).statusCode).toBe(401);
    expect((await authenticate(t, { username: 'changer', password: 'N3w-Passw0rd!' })).statusCode).toBe(401);
    expect((await authenticate(t, { username: 'changer', password: 'An0ther-Passw0rd!' })).statusCode).toBe(200);
    expect((await authenticate(t, { username: 'changer', password: PASSWORD })).statusCode).toBe(401);
  });

  it('token_payload returns the claims of a valid token and 401 for garbage', async () => {
    const res = await t.api('POST', '/api/token_payload', { body: { token: cast.adminA.token } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user_id: cast.adminA.id, username: 'admin-a', tenant_id: cast.tenantA, is_tenant: '1', iss: 'switchyard' });
    const bearer = await t.api('POST', '/api/token_payload', { token: cast.userA.token, body: {} });
    expect(bearer.json()).toMatchObject({ user_id: cast.userA.id });
    expect((await t.api('POST', '/api/token_payload', { body: { token: 'garbage.token.here' } })).statusCode).toBe(401);
    expect((await t.api('POST', '/api/token_payload', { body: { token: tamperedJwt(cast.userA.token, { user_id: 1 }) } })).statusCode).toBe(401);
  });

  it('get_user answers the authenticated user, and 401 without a token', async () => {
    const res = await t.api('GET', '/api/get_user', { token: cast.adminA.token });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ user_id: cast.adminA.id, username: 'admin-a', tenant_id: cast.tenantA, is_tenant: '1', status: 'login' });
    expect(res.body).not.toMatch(/"password|mfa_secret|scrypt\$/);
    expect((await t.api('GET', '/api/get_user')).statusCode).toBe(401);
  });
});

describe.each(databaseKinds)('login flood on $name', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { LOGIN_RATE_PER_MINUTE: '3' });
  });
  afterAll(() => t?.close());

  it('a flood from one address gets 429 with Retry-After, recorded; other addresses still log in', async () => {
    for (let i = 0; i < 3; i++) expect((await authenticate(t, { username: `flood-${i}`, password: 'x' }, '198.51.100.7')).statusCode).toBe(401);
    const res = await authenticate(t, { username: 'flood-3', password: 'x' }, '198.51.100.7');
    expect(res.statusCode).toBe(429);
    expect(res.json().error).toMatchObject({ code: 429, reason: 'TOO_MANY_REQUESTS' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    // Even the right password is refused from the flooding address.
    expect((await authenticate(t, { username: 'admin', password: 'Admin-Passw0rd!' }, '198.51.100.7')).statusCode).toBe(429);
    // Entries of no user, so read from the log's repository rather than a user's activity route.
    const limited = await t.app.services.repos.activities.list({ action: 'login_rate_limited' }, { skip: 0, take: 10, sortField: 'id', order: 'asc' });
    expect(limited.items.map((a) => a.ip)).toContain('198.51.100.7');
    expect((await authenticate(t, { username: 'admin', password: 'Admin-Passw0rd!' }, '203.0.113.9')).statusCode).toBe(200);
  });
});

describe.each(databaseKinds)('community edition tokens on $name', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { EDITION: 'community' });
  });
  afterAll(() => t?.close());

  it('carry no credit claim', async () => {
    const { payload } = decodeJwt(await t.adminToken());
    expect(payload).toMatchObject({ username: 'admin', is_admin: '1' });
    expect(payload).not.toHaveProperty('credit');
  });
});
