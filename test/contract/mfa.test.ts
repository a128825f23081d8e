// The ICTPBX client's TOTP screens (ictinnovations/ictpbx-community-edition-gui,
// src/app/auth/mfa/: mfa.service.ts makes the calls, mfa-authapp.component.ts builds them):
// TOTPqrCode posts {username} and reads `secret` and `qrCodeUrl`; TOTPVerify posts {code, secret}
// and goes on when the answer is truthy.
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { PASSWORD, seedCast, type Cast } from '../helpers/fixtures.ts';
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

  it('a field the client never sends is refused, naming it', async () => {
    const res = await guiClient(t, cast.userA.token).post('/user/totpqrcode', { username: 'user-a', colour: 'red' });
    expect(answer(res, 400).error.message).toContain('colour');
  });
});
