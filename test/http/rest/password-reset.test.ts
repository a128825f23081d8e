import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { createUser, PASSWORD } from '../../helpers/fixtures.ts';

const NEW_PASSWORD = 'Fr3sh-Passw0rd!';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The reset code as the mailed link carries it. */
function codeFrom(text: string): string {
  const match = /reset-password\?code=([^\s]+)/.exec(text);
  if (!match) throw new Error(`no reset link in: ${text}`);
  return decodeURIComponent(match[1]);
}

describe.each(databaseKinds)('password reset on $name', (kind) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(kind, { LOGIN_RATE_PER_MINUTE: '1000', PUBLIC_URL: 'https://pbx.example.test/' });
    admin = await t.adminToken();
  });
  afterAll(() => t?.close());

  const authenticate = (username: string, password: string) => t.api('POST', '/api/authenticate', { body: { username, password } });
  const forgot = (body: object) => t.api('POST', '/api/forgot_password', { body });
  const update = (body: object) => t.api('PUT', '/api/update_password', { body });

  it('forgot_password answers true alike for unknown and known accounts, and mails only the known', async () => {
    await createUser(t, admin, { username: 'forgetful', email: 'forgetful@example.test' });
    const unknown = await forgot({ email: 'nobody@example.test' });
    expect(unknown.statusCode).toBe(200);
    expect(unknown.json()).toBe(true);
    expect(t.mail).toHaveLength(0);

    const known = await forgot({ email: 'forgetful@example.test' });
    expect(known.statusCode).toBe(200);
    expect(known.body).toBe(unknown.body);
    expect(t.mail).toHaveLength(1);
    const mail = t.mail[0];
    expect(mail.to).toBe('forgetful@example.test');
    expect(mail.text).toContain('https://pbx.example.test/#/auth/reset-password?code=');
    const code = codeFrom(mail.text);
    expect(mail.text).toContain(`reset code: ${code}`);
    expect(code.length).toBeGreaterThanOrEqual(40);

    // Only the hash is stored.
    const stored = await t.app.services.repos.passwordResets.findByHash(sha256(code));
    expect(stored).toMatchObject({ usedAt: null });
    expect(await t.app.services.repos.passwordResets.findByHash(code)).toBeNull();

    expect((await forgot({ username: 'forgetful' })).json()).toBe(true);
    expect(t.mail).toHaveLength(2);
    expect((await forgot({})).statusCode).toBe(400);
  });

  it('a disabled account gets no mail', async () => {
    const id = await createUser(t, admin, { username: 'disabled', email: 'disabled@example.test' });
    await t.api('PUT', `/api/users/${id}`, { token: admin, body: { active: false } });
    const before = t.mail.length;
    expect((await forgot({ email: 'disabled@example.test' })).json()).toBe(true);
    expect(t.mail).toHaveLength(before);
  });

  it('update_password sets the password once, ends old sessions and clears the lockout', async () => {
    const id = await createUser(t, admin, { username: 'resetter', email: 'resetter@example.test' });
    const oldToken = await t.login('resetter', PASSWORD);
    for (let i = 0; i < 5; i++) await authenticate('resetter', `Wrong-${i}`);
    expect((await authenticate('resetter', PASSWORD)).statusCode).toBe(423);

    await forgot({ email: 'resetter@example.test' });
    const code = codeFrom(t.mail.at(-1)!.text);

    const weak = await update({ code, password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toContain('password policy');

    const res = await update({ token: code, password: NEW_PASSWORD });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toBe(true);

    expect((await t.api('GET', '/api/get_user', { token: oldToken })).statusCode).toBe(401);
    expect((await authenticate('resetter', PASSWORD)).statusCode).toBe(401);
    expect((await authenticate('resetter', NEW_PASSWORD)).statusCode).toBe(200);

    const reused = await update({ code, password: 'An0ther-Passw0rd!' });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.code).toBe(422);
    expect((await t.api('GET', `/api/users/activity/${id}?action=password_reset`, { token: admin })).json()).toHaveLength(1);
  });

  it('a successful reset spends the other outstanding codes of the user', async () => {
    await createUser(t, admin, { username: 'twice', email: 'twice@example.test' });
    await forgot({ email: 'twice@example.test' });
    const first = codeFrom(t.mail.at(-1)!.text);
    await forgot({ email: 'twice@example.test' });
    const second = codeFrom(t.mail.at(-1)!.text);
    expect((await update({ code: second, password: NEW_PASSWORD })).statusCode).toBe(200);
    expect((await update({ code: first, password: 'An0ther-Passw0rd!' })).statusCode).toBe(422);
  });

  it('an unknown code answers 422, an expired one 401, a missing one 400', async () => {
    expect((await update({ code: 'made-up-code', password: NEW_PASSWORD })).statusCode).toBe(422);
    const id = await createUser(t, admin, { username: 'late', email: 'late@example.test' });
    await t.app.services.repos.passwordResets.create(id, sha256('expired-code'), new Date(Date.now() - 1000));
    const expired = await update({ code: 'expired-code', password: NEW_PASSWORD });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.message).toMatch(/expired/i);
    expect((await authenticate('late', PASSWORD)).statusCode).toBe(200);
    const missing = await update({ password: NEW_PASSWORD });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('code');
  });
});

describe.each(databaseKinds)('password reset without SMTP on $name', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, {}, { realMailer: true });
  });
  afterAll(() => t?.close());

  it('writes the message to DATA_DIR/outbox, and the flow completes from it', async () => {
    await createUser(t, await t.adminToken(), { username: 'offline', email: 'offline@example.test' });
    expect((await t.api('POST', '/api/forgot_password', { body: { email: 'offline@example.test' } })).json()).toBe(true);
    const outbox = join(t.config.dataDir, 'outbox');
    const files = readdirSync(outbox).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(1);
    const eml = readFileSync(join(outbox, files[0]), 'utf8');
    expect(eml).toContain('To: offline@example.test');
    const res = await t.api('PUT', '/api/update_password', { body: { code: codeFrom(eml), password: NEW_PASSWORD } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await t.api('POST', '/api/authenticate', { body: { username: 'offline', password: NEW_PASSWORD } })).statusCode).toBe(200);
  });
});
