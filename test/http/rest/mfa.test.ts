import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { createUser, PASSWORD } from '../../helpers/fixtures.ts';
import { decodeJwt } from '../../helpers/jwt.ts';

/** The code of the next TOTP period: the one a phone shows 30 s from now (the server allows one period of drift). */
const nextCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

describe.each(databaseKinds)('TOTP MFA on $name', (kind) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(kind, { LOGIN_RATE_PER_MINUTE: '1000' });
    admin = await t.adminToken();
  });
  afterAll(() => t?.close());

  const authenticate = (username: string) => t.api('POST', '/api/authenticate', { body: { username, password: PASSWORD } });
  const verify = (token: string | undefined, code: string) => t.api('POST', '/api/user/totp/verify', { token, body: { code } });

  /** A user who has enrolled and confirmed; its confirmation code's period is spent. */
  async function enrolled(username: string) {
    const id = await createUser(t, admin, { username });
    const token = await t.login(username, PASSWORD);
    const { secret } = (await t.api('POST', '/api/user/totpqrcode', { token })).json();
    const res = await verify(token, await generate({ secret }));
    expect(res.statusCode, res.body).toBe(200);
    return { id, secret };
  }

  it('enrolment answers the secret, the otpauth URI and a PNG QR code, and stores the secret sealed', async () => {
    const id = await createUser(t, admin, { username: 'enroller' });
    const token = await t.login('enroller', PASSWORD);
    const res = await t.api('POST', '/api/user/totpqrcode', { token });
    expect(res.statusCode).toBe(200);
    const { secret, otpauth_url, qrCodeUrl } = res.json();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    const uri = new URL(otpauth_url);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(decodeURIComponent(uri.pathname)).toContain('enroller');
    expect(qrCodeUrl).toMatch(/^data:image\/png;base64,/);
    const png = Buffer.from(qrCodeUrl.slice('data:image/png;base64,'.length), 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');

    const stored = await t.app.services.repos.users.findById(id);
    expect(stored).toMatchObject({ mfaEnabled: false });
    expect(stored!.mfaSecret).toBeTruthy();
    expect(stored!.mfaSecret).not.toContain(secret);
    // Not confirmed yet: login still answers a full session.
    expect((await authenticate('enroller')).json().mfa_required).toBe(false);
  });

  it('a wrong code does not confirm the enrolment', async () => {
    const token = await t.login('enroller', PASSWORD);
    const { secret } = (await t.api('POST', '/api/user/totpqrcode', { token })).json();
    const right = await generate({ secret });
    const wrong = right === '000000' ? '111111' : '000000';
    const res = await verify(token, wrong);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe(401);
    expect((await t.api('GET', '/api/get_user', { token })).json().mfa_enabled).toBe(0);
    expect((await verify(token, 'abc')).statusCode).toBe(400);
  });

  it('a confirmed enrolment turns login into an MFA-pending token that opens nothing but its own user and the verification', async () => {
    const { id, secret } = await enrolled('mfa-user');
    const confirmation = await generate({ secret });

    const login = await authenticate('mfa-user');
    expect(login.statusCode).toBe(200);
    const body = login.json();
    expect(body).toMatchObject({ mfa_required: true, token_type: 'Bearer', scope: 'mfa' });
    expect(body).not.toHaveProperty('user_id');
    const pending = body.token as string;
    // The session's claims (the ICTPBX client reads them to send the user to its MFA page).
    expect(decodeJwt(pending).payload).toMatchObject({ typ: 'mfa', user_id: id, mfa_enabled: '1', is_admin: '0', is_tenant: '0' });

    for (const [method, url] of [
      ['GET', '/api/get_user'],
      ['GET', '/api/tenants'],
      ['GET', `/api/users/${id - 1}`],
      ['PUT', `/api/users/${id}`],
      ['POST', '/api/user/totpqrcode'],
      ['POST', `/api/authenticate/cancel/${id}`],
      ['GET', '/api/user/get_user'],
    ]) {
      const res = await t.api(method, url, { token: pending, body: method === 'PUT' ? { first_name: 'Mallory' } : undefined });
      expect(res.statusCode, `${method} ${url}`).toBe(428);
      expect(res.json().error).toMatchObject({ code: 428, reason: 'MFA_REQUIRED' });
    }
    const gql = await t.api('POST', '/graphql', { token: pending, body: { query: '{ __typename }' } });
    expect(gql.statusCode).toBe(428);
    // Its own user, with verify 0: the one read it may make.
    expect((await t.api('GET', `/api/users/${id}`, { token: pending })).json()).toMatchObject({ user_id: id, mfa_enabled: 1, verify: 0, auth_type: 'app' });

    // The confirmation code was accepted once already.
    expect((await verify(pending, confirmation)).statusCode).toBe(401);

    const code = await nextCode(secret);
    const done = await verify(pending, code);
    expect(done.statusCode, done.body).toBe(200);
    const session = done.json();
    expect(session).toMatchObject({ user_id: id, username: 'mfa-user', token_type: 'Bearer', mfa_enabled: 1, mfa_required: false });
    expect(session.access_token).toBe(session.token);
    expect(decodeJwt(session.token).payload).toMatchObject({ typ: 'access', mfa_enabled: '1' });
    expect((await t.api('GET', '/api/get_user', { token: session.token })).json()).toMatchObject({ user_id: id, mfa_enabled: 1, verify: 1 });
    // The pending token now holds as a session too, and is ended like one.
    expect((await t.api('GET', `/api/users/${id}`, { token: pending })).json()).toMatchObject({ user_id: id, verify: 1 });
    expect((await t.api('GET', '/api/get_user', { token: pending })).statusCode).toBe(200);

    // The same code cannot open a second session.
    const again = (await authenticate('mfa-user')).json().token;
    expect((await verify(again, code)).statusCode).toBe(401);
    expect((await t.api('GET', '/api/get_user', { token: again })).statusCode).toBe(428);
    const log = (await t.api('GET', `/api/users/activity/${id}?action=login`, { token: admin })).json();
    expect(log.map((a: { activities: string }) => a.activities)).toContain('Logged In (MFA)');

    expect((await t.api('POST', `/api/authenticate/cancel/${id}`, { token: pending })).statusCode).toBe(200);
    for (const token of [pending, session.token, again]) expect((await t.api('GET', `/api/users/${id}`, { token })).statusCode).toBe(401);
  });

  it('a pending token whose second factor is not given in time is good for nothing', async () => {
    const { id, secret } = await enrolled('mfa-late');
    const pending = (await authenticate('mfa-late')).json().token as string;
    const { mfa_by } = decodeJwt(pending).payload as { mfa_by: number };
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime((mfa_by + 1) * 1000);
      const res = await t.api('GET', `/api/users/${id}`, { token: pending });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.message).toContain('not given in time');
      expect((await verify(pending, await generate({ secret }))).statusCode).toBe(401);
    } finally {
      vi.useRealTimers();
    }
  });

  it('enrolling again once MFA is enabled answers 409', async () => {
    const { secret } = await enrolled('mfa-twice');
    const pending = (await authenticate('mfa-twice')).json().token;
    const full = (await verify(pending, await nextCode(secret))).json().token;
    const res = await t.api('POST', '/api/user/totpqrcode', { token: full });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe(409);
  });

  it('verification needs a token, and without an enrolment there is nothing to confirm', async () => {
    expect((await verify(undefined, '123456')).statusCode).toBe(401);
    await createUser(t, admin, { username: 'never-enrolled' });
    const token = await t.login('never-enrolled', PASSWORD);
    expect((await verify(token, '123456')).statusCode).toBe(409);
  });

  it('wrong codes count towards the lockout, so six digits cannot be guessed', async () => {
    const { id, secret } = await enrolled('guessed');
    const pending = (await authenticate('guessed')).json().token;
    const right = await nextCode(secret);
    for (let i = 0; i < 5; i++) {
      const wrong = String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0');
      expect((await verify(pending, wrong)).statusCode).toBe(401);
    }
    const res = await verify(pending, right);
    expect(res.statusCode).toBe(423);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect((await authenticate('guessed')).statusCode).toBe(423);
    expect((await t.api('GET', `/api/users/activity/${id}?action=mfa_failed`, { token: admin })).json()).toHaveLength(5);
  });
});
