// The ICTPBX client's authentication and own-account calls, call by call
// (ictinnovations/ictpbx-community-edition-gui): the login form is Nebular's password strategy
// (src/app/@core/core.module.ts: POST /authenticate with {email, password, rememberMe}, the JWT read
// from `token`), whose payload src/app/@theme/components/header/header.component.ts copies into
// localStorage (username, is_admin, is_tenant, user_id, tenant_id, mfa_enabled,
// retention_permission, user_permission, credit) and the screens compare with == '1'. Logging out
// (src/app/auth/logout/logout.component.ts, src/app/pages/user/user.service.ts logout) posts
// /authenticate/cancel/:id with no token; the change-password screen PUTs /password/users; the
// sign-in service reads /token_payload, /forgot_password and /update_password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { PASSWORD, seedCast, type Cast } from '../helpers/fixtures.ts';
import { decodeJwt } from '../helpers/jwt.ts';
import { answer, guiClient, type GuiClient } from './gui-client.ts';

describe.each(databaseKinds)('ICTPBX client: authentication on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let anonymous: GuiClient;

  beforeAll(async () => {
    t = await createTestApp(kind, { LOGIN_RATE_PER_MINUTE: '1000' });
    cast = await seedCast(t);
    anonymous = guiClient(t, null);
  }, 120_000);
  afterAll(() => t?.close());

  it('core.module.ts + login.component.ts: the first super-admin logs in with {email, password, rememberMe}; the token is read from `token`', async () => {
    const session = answer(await anonymous.post('/authenticate', { email: 'admin@switchyard.local', password: ADMIN.password, rememberMe: true }));
    expect(typeof session.token).toBe('string');
    const { payload } = decodeJwt(session.token);
    // header.component.ts: what it copies into localStorage, compared as strings with == '1'.
    expect(payload).toMatchObject({ username: ADMIN.username, is_admin: '1', is_tenant: '0', tenant_id: null, mfa_enabled: '0', retention_permission: '0' });
    expect(typeof payload.user_id).toBe('number');
    expect(typeof payload.user_permission).toBe('string');
    expect(payload.user_permission.split(',')).toContain('super_admin');
    // NbAuthJWTToken: valid while exp is ahead; createdAt from iat.
    expect(payload.exp).toBeGreaterThan(Date.now() / 1000);
    expect(typeof payload.iat).toBe('number');
    // The token works the way every service sends it.
    expect(answer(await guiClient(t, session.token).get('/get_user')).user_id).toBe(payload.user_id);
  });

  it('core.module.ts: the form without the remember-me box, for a tenant admin; header.component.ts reads is_tenant and tenant_id', async () => {
    const session = answer(await anonymous.post('/authenticate', { email: 'admin-a@example.test', password: PASSWORD }));
    const { payload } = decodeJwt(session.token);
    expect(payload).toMatchObject({ user_id: cast.adminA.id, username: 'admin-a', is_admin: '0', is_tenant: '1', tenant_id: cast.tenantA, retention_permission: '0' });
  });

  it('login.component.ts: a wrong password answers 401 (its error branch); a field the form never sends is refused, naming it', async () => {
    expect((await anonymous.post('/authenticate', { email: 'user-a@example.test', password: 'wrong', rememberMe: false })).statusCode).toBe(401);
    const res = await anonymous.post('/authenticate', { email: 'user-a@example.test', password: PASSWORD, colour: 'red' });
    expect(answer(res, 400).error.message).toContain('colour');
  });

  it('logout.component.ts: POST /authenticate/cancel/:id with {} and no token answers true and revokes nothing', async () => {
    const token = answer(await anonymous.post('/authenticate', { email: 'user-b@example.test', password: PASSWORD })).token;
    expect(answer(await anonymous.post(`/authenticate/cancel/${cast.userB.id}`, {}))).toBe(true);
    expect((await guiClient(t, token).get('/get_user')).statusCode).toBe(200);
  });

  it('user.service.ts logout(): the user id as a bare JSON body, no token', async () => {
    expect(answer(await anonymous.post(`/authenticate/cancel/${cast.userB.id}`, cast.userB.id))).toBe(true);
    expect(answer(await anonymous.post(`/authenticate/cancel/${cast.userB.id}`, String(cast.userB.id)))).toBe(true);
  });

  it('with a token, cancel logs the user out everywhere (Switchyard: its tokens stop working)', async () => {
    const token = answer(await anonymous.post('/authenticate', { email: 'user-b@example.test', password: PASSWORD })).token;
    const gui = guiClient(t, token);
    expect(answer(await gui.post(`/authenticate/cancel/${cast.userB.id}`, {}))).toBe(true);
    expect((await gui.get('/get_user')).statusCode).toBe(401);
  });

  it('signin.service.ts get_payload: POST /token_payload {token} without a token header answers the claims', async () => {
    const token = answer(await anonymous.post('/authenticate', { email: 'user-a@example.test', password: PASSWORD })).token;
    const claims = answer(await anonymous.post('/token_payload', { token }));
    expect(claims).toMatchObject({ user_id: cast.userA.id, username: 'user-a', is_admin: '0', is_tenant: '0', tenant_id: cast.tenantA });
    expect(typeof claims.iat).toBe('number');
  });

  it('user.service.ts get_list: GET /user/get_user answers a list of users, optionally of one tenant', async () => {
    const admin = guiClient(t, cast.admin);
    const all = answer(await admin.get('/user/get_user'));
    expect(Array.isArray(all)).toBe(true);
    expect(all.map((u: { username: string }) => u.username)).toEqual(expect.arrayContaining(['admin', 'admin-a', 'user-b']));
    const acme = answer(await admin.get(`/user/get_user?tenant_id=${cast.tenantA}`));
    expect(acme.map((u: { tenant_id: number }) => u.tenant_id)).toEqual(acme.map(() => cast.tenantA));
    for (const u of acme) expect(u).toMatchObject({ user_id: expect.any(Number), username: expect.any(String), is_admin: expect.any(String), is_tenant: expect.any(String) });
    // A tenant admin sees its own tenant's only.
    const own = answer(await guiClient(t, cast.adminA.token).get('/user/get_user'));
    expect(own.every((u: { tenant_id: number }) => u.tenant_id === cast.tenantA)).toBe(true);
  });

  it("changepassword-component.ts: PUT /password/users with its user object (class defaults, user_id, password, confirmPassword) changes the caller's password and keeps its session", async () => {
    const token = answer(await anonymous.post('/authenticate', { email: 'user-a@example.test', password: PASSWORD })).token;
    const gui = guiClient(t, token);
    const body = { daily_limit: 1000, daily_sent: 0, monthly_limit: 1000, monthly_sent: 0, user_id: cast.userA.id, password: 'N3w-Passw0rd!', confirmPassword: 'N3w-Passw0rd!' };
    const mismatch = await gui.put('/password/users', { ...body, confirmPassword: 'other' });
    expect(answer(mismatch, 400).error.message).toContain('confirm');
    const elsewhere = answer(await anonymous.post('/authenticate', { email: 'user-a@example.test', password: PASSWORD })).token;
    expect(answer(await gui.put('/password/users', body))).toMatchObject({ user_id: cast.userA.id, username: 'user-a' });
    // The screen then goes to the dashboard with the same token; the other session has ended.
    expect(answer(await gui.get(`/users/${cast.userA.id}`))).toMatchObject({ user_id: cast.userA.id });
    expect((await guiClient(t, elsewhere).get(`/users/${cast.userA.id}`)).statusCode).toBe(401);
    expect((await anonymous.post('/authenticate', { email: 'user-a@example.test', password: 'N3w-Passw0rd!' })).statusCode).toBe(200);
    expect((await anonymous.post('/authenticate', { email: 'user-a@example.test', password: PASSWORD })).statusCode).toBe(401);
  });

  it('signin.service.ts requestPassword and resetPassword: POST /forgot_password {email}, then PUT /update_password {password, code}', async () => {
    expect(answer(await anonymous.post('/forgot_password', { email: 'user-b@example.test' }))).toBe(true);
    const mail = t.mail.at(-1)!;
    const code = decodeURIComponent(/reset-password\?code=(\S+)/.exec(mail.text)![1]);
    expect(answer(await anonymous.put('/update_password', { password: 'R3set-Passw0rd!', code }))).toBe(true);
    expect((await anonymous.post('/authenticate', { email: 'user-b@example.test', password: 'R3set-Passw0rd!' })).statusCode).toBe(200);
  });
});
