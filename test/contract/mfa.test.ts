// The ICTPBX client's TOTP screens (ictinnovations/ictpbx-community-edition-gui,
// src/app/auth/mfa/: mfa.service.ts makes the calls, mfa-authapp.component.ts builds them):
// TOTPqrCode posts {username} and reads `secret` and `qrCodeUrl`; TOTPVerify posts {code, secret}
// and goes on when the answer is truthy, then PUTs the user it read with auth_type 'app', verify 1
// and appsecret. The client decides on its own when to show the MFA page
// (src/app/auth/auth-redirect.service.ts: an admin or tenant admin whose token says
// mfa_enabled == '1' and whose user reads verify == '0'), and keeps the token it logged in with.
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { PASSWORD, seedCast, type Cast } from '../helpers/fixtures.ts';
import { decodeJwt } from '../helpers/jwt.ts';
import { answer, guiClient, type GuiClient } from './gui-client.ts';

describe.each(databaseKinds)('ICTPBX client: MFA on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let user: GuiClient;

  beforeAll(async () => {
    t = await createTestApp(kind, { LOGIN_RATE_PER_MINUTE: '1000' });
    cast = await seedCast(t);
    const token = answer(await guiClient(t, null).post('/authenticate', { email: 'admin-a@example.test', password: PASSWORD })).token;
    user = guiClient(t, token);
  }, 120_000);
  afterAll(() => t?.close());

  it('mfa.service.ts TOTPqrCode: POST /user/totpqrcode {username} answers secret and qrCodeUrl (a PNG data URL)', async () => {
    const data = answer(await user.post('/user/totpqrcode', { username: 'admin-a' }));
    expect(data.secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(data.qrCodeUrl).toMatch(/^data:image\/png;base64,/);
  });

  it('mfa.service.ts TOTPVerify: a wrong code is refused (the component shows its error)', async () => {
    const { secret } = answer(await user.post('/user/totpqrcode', { username: 'admin-a' }));
    const code = (await generate({ secret })) === '000000' ? '111111' : '000000';
    expect((await user.post('/user/totp/verify', { code, secret })).statusCode).toBe(401);
  });

  it('mfa-authapp.component.ts verifySecret: POST /user/totp/verify {code, secret} answers a truthy value', async () => {
    const { secret } = answer(await user.post('/user/totpqrcode', { username: 'admin-a' }));
    const data = answer(await user.post('/user/totp/verify', { code: await generate({ secret }), secret }));
    expect(data).toBeTruthy();
    // Enrolled: the next login asks for the second factor, as the token's claim says.
    const next = answer(await guiClient(t, null).post('/authenticate', { email: 'admin-a@example.test', password: PASSWORD }));
    expect(next.mfa_required).toBe(true);
  });

  it('an enrolled tenant admin logs in through the client unchanged: login, auth-redirect, the MFA page, then the dashboard on the same token', async () => {
    const id = cast.adminB.id;
    const self = guiClient(t, cast.adminB.token);
    const { secret } = answer(await self.post('/user/totpqrcode', { username: 'admin-b' }));
    answer(await self.post('/user/totp/verify', { code: await generate({ secret }), secret }));

    // login.component.ts: the strategy stores `token`; header.component.ts reads its claims.
    const token = answer(await guiClient(t, null).post('/authenticate', { email: 'admin-b@example.test', password: PASSWORD, rememberMe: true })).token;
    expect(decodeJwt(token).payload).toMatchObject({ user_id: id, is_tenant: '1', mfa_enabled: '1', tenant_id: cast.tenantB });
    const gui = guiClient(t, token);

    // auth-redirect.service.ts: GET /users/:user_id, verify == '0' → auth/mfa.
    const before = answer(await gui.get(`/users/${id}`));
    expect(before.verify == '0').toBe(true);
    // The dashboard it was leaving keeps loading: app.service.ts handleError navigates to the login
    // page on 401 (and back on 403), so these must answer neither, and show nothing.
    for (const url of ['/tenants', `/users?pagesize=10&pageIndex=0`, '/fpbx_cdr', '/realtime']) {
      const res = await gui.get(url);
      expect([401, 403], url).not.toContain(res.statusCode);
      expect(answer(res, 428).error.code).toBe(428);
    }

    // mfa-authapp.component.ts ngOnInit: appsecret and auth_type 'app' → no new QR code, just the code field.
    const user = answer(await gui.get(`/users/${id}`));
    expect(user.appsecret).toBeTruthy();
    expect(user.appsecret).not.toBe(secret);
    expect(user.auth_type).toBe('app');
    // verifySecret: {code, secret: the appsecret it read}, then update_User with what it read.
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    expect(answer(await gui.post('/user/totp/verify', { code, secret: user.appsecret }))).toBeTruthy();
    expect(answer(await gui.put(`/users/${id}`, { ...user, auth_type: 'app', verify: 1, appsecret: user.appsecret }))).toMatchObject({ user_id: id, verify: 1 });

    // The dashboard, on the token the client still holds.
    expect(answer(await gui.get('/tenants')).length).toBeGreaterThan(0);
    expect(answer(await gui.get(`/users/${id}`)).verify == '0').toBe(false);
  });

  it('a field the client never sends is refused, naming it', async () => {
    const res = await guiClient(t, cast.userA.token).post('/user/totpqrcode', { username: 'user-a', colour: 'red' });
    expect(answer(res, 400).error.message).toContain('colour');
  });
});
