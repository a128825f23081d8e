import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestApp, type TestApp } from './helpers/app.ts';
import { databaseKinds } from './helpers/databases.ts';

const FIRST_PASSWORD = 'L0gged-First-Passw0rd!';
const SECOND_PASSWORD = 'L0gged-Second-Passw0rd!';
const GUESSED_PASSWORD = 'L0gged-Wrong-Guess!';

describe.each(databaseKinds)('logs on $name', (kind) => {
  let t: TestApp;
  const lines: string[] = [];
  beforeAll(async () => {
    t = await createTestApp(kind, { LOG_LEVEL: 'trace', LOGIN_RATE_PER_MINUTE: '1000' }, { logStream: { write: (line) => void lines.push(line) } });
  });
  afterAll(() => t?.close());

  it('hold no password, token, TOTP secret or code after login, MFA and reset', async () => {
    const admin = await t.adminToken();
    const created = await t.api('POST', '/api/users', { token: admin, body: { username: 'logged', email: 'logged@example.test', password: FIRST_PASSWORD } });
    expect(created.statusCode).toBe(200);
    const full = await t.login('logged', FIRST_PASSWORD);
    expect((await t.api('POST', '/api/authenticate', { body: { username: 'logged', password: GUESSED_PASSWORD } })).statusCode).toBe(401);

    const { secret } = (await t.api('POST', '/api/user/totpqrcode', { token: full })).json();
    const enrolCode = await generate({ secret });
    expect((await t.api('POST', '/api/user/totp/verify', { token: full, body: { code: enrolCode } })).statusCode).toBe(200);
    const pending = (await t.api('POST', '/api/authenticate', { body: { username: 'logged', password: FIRST_PASSWORD } })).json().token;
    const loginCode = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    expect((await t.api('POST', '/api/user/totp/verify', { token: pending, body: { code: enrolCode } })).statusCode).toBe(401);
    const session = await t.api('POST', '/api/user/totp/verify', { token: pending, body: { code: loginCode } });
    expect(session.statusCode).toBe(200);
    const afterMfa = session.json().token;
    expect((await t.api('POST', '/api/token_payload', { body: { token: afterMfa } })).statusCode).toBe(200);
    expect((await t.api('GET', '/api/get_user', { token: afterMfa })).statusCode).toBe(200);

    expect((await t.api('POST', '/api/forgot_password', { body: { email: 'logged@example.test' } })).statusCode).toBe(200);
    const resetCode = decodeURIComponent(/code=(\S+)/.exec(t.mail.at(-1)!.text)![1]);
    expect((await t.api('PUT', '/api/update_password', { body: { code: resetCode, password: 'weak' } })).statusCode).toBe(400);
    expect((await t.api('PUT', '/api/update_password', { body: { code: resetCode, password: SECOND_PASSWORD } })).statusCode).toBe(200);
    expect((await t.api('GET', '/api/get_user', { token: afterMfa })).statusCode).toBe(401);

    const text = lines.join('');
    // The capture works: every request above was logged.
    expect(text).toContain('/api/user/totp/verify');
    expect(text).toContain('/api/update_password');
    for (const value of [ADMIN.password, FIRST_PASSWORD, SECOND_PASSWORD, GUESSED_PASSWORD, admin, full, pending, afterMfa, secret, resetCode]) {
      expect(text).not.toContain(value);
    }
    expect(text).not.toContain('eyJhbGci');
    // Six digits can occur by chance inside timestamps; a logged code would be a JSON string.
    for (const code of [enrolCode, loginCode]) expect(text).not.toContain(`"${code}"`);
  });

  it('the redaction paths censor credentials in logged objects', () => {
    lines.length = 0;
    t.app.log.info(
      {
        req: { headers: { authorization: 'Bearer SECRET-A' } },
        body: { password: 'SECRET-B', code: 'SECRET-C', token: 'SECRET-D' },
        user: { passwordHash: 'SECRET-E', mfaSecret: 'SECRET-F', mfa_secret: 'SECRET-G' },
        enrolment: { secret: 'SECRET-H', otpauth_url: 'otpauth://totp/x?secret=SECRET-I', qrCodeUrl: 'data:image/png;base64,SECRET-J' },
        password: 'SECRET-K',
        token: 'SECRET-L',
      },
      'credentials everywhere',
    );
    const text = lines.join('');
    expect(text).toContain('credentials everywhere');
    expect(text).toContain('[redacted]');
    expect(text).not.toContain('SECRET-');
  });
});
