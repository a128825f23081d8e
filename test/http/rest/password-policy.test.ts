import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { PASSWORD, seedCast, type Cast } from '../../helpers/fixtures.ts';

const POLICY = { min_length: 12, min_uppercase: 1, min_lowercase: 1, min_numbers: 2, special_character: 1, failed_attempts: 3 };

describe.each(databaseKinds)('password policy on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp(kind, { LOGIN_RATE_PER_MINUTE: '1000' });
    cast = await seedCast(t);
  });
  afterAll(() => t?.close());

  // Anonymous reads are allowed since the ICTPBX client reads the policy before login (issue 14).
  it('anyone reads it under ICTCore names, without a token too', async () => {
    const res = await t.api('GET', '/api/password_policy', { token: cast.userA.token });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      password_policy_id: 1,
      min_length: 8,
      min_uppercase: 0,
      min_lowercase: 0,
      min_numbers: 0,
      special_character: 0,
      failed_attempts: 0,
      passwd_exp_limit: 0,
      passwd_email_notify: 0,
      passwd_history: 0,
      sessiontime: 30,
    });
    expect((await t.api('GET', '/api/password_policy')).json()).toEqual(res.json());
  });

  it('only the super-admin sets it', async () => {
    for (const token of [cast.adminA.token, cast.userA.token]) {
      expect((await t.api('POST', '/api/password_policy', { token, body: { min_length: 4 } })).statusCode).toBe(403);
    }
    expect((await t.api('GET', '/api/password_policy', { token: cast.admin })).json().min_length).toBe(8);
  });

  it('refuses values that are not small non-negative integers, naming the field, and changes nothing', async () => {
    for (const [field, value] of [
      ['min_length', -1],
      ['min_length', 1000],
      ['min_numbers', 1.5],
      ['special_character', 'many'],
      ['failed_attempts', 1000],
    ] as const) {
      const res = await t.api('POST', '/api/password_policy', { token: cast.admin, body: { [field]: value } });
      expect(res.statusCode, `${field}=${value}`).toBe(400);
      expect(res.json().error.message).toContain(field);
    }
    expect((await t.api('GET', '/api/password_policy', { token: cast.admin })).json().min_length).toBe(8);
  });

  it('the super-admin sets any subset and gets the whole policy back', async () => {
    const res = await t.api('POST', '/api/password_policy', { token: cast.admin, body: POLICY });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ password_policy_id: 1, ...POLICY });
    const partial = await t.api('POST', '/api/password_policy', { token: cast.admin, body: { min_length: 10 } });
    expect(partial.json()).toEqual({ ...res.json(), min_length: 10 });
    expect((await t.api('GET', '/api/password_policy', { token: cast.userB.token })).json().min_length).toBe(10);
    await t.api('POST', '/api/password_policy', { token: cast.admin, body: POLICY });
  });

  it('a weak password is refused on user create, update and reset', async () => {
    const weak = 'Weakpass1!'; // one digit, ten characters: short of the policy
    const create = await t.api('POST', '/api/users', { token: cast.admin, body: { username: 'weakling', password: weak } });
    expect(create.statusCode).toBe(400);
    expect(create.json().error.message).toContain('password policy');
    expect((await t.api('GET', '/api/users?username=weakling', { token: cast.admin })).json()).toEqual([]);

    const update = await t.api('PUT', `/api/users/${cast.userA.id}`, { token: cast.userA.token, body: { password: weak } });
    expect(update.statusCode).toBe(400);
    expect((await t.api('GET', '/api/get_user', { token: cast.userA.token })).statusCode).toBe(200);

    await t.api('POST', '/api/forgot_password', { body: { email: 'user-b@example.test' } });
    const code = decodeURIComponent(/code=(\S+)/.exec(t.mail.at(-1)!.text)![1]);
    expect((await t.api('PUT', '/api/update_password', { body: { code, password: weak } })).statusCode).toBe(400);
    // The refused attempt leaves the code usable.
    const stored = await t.app.services.repos.passwordResets.findByHash(createHash('sha256').update(code).digest('hex'));
    expect(stored?.usedAt).toBeNull();
    expect((await t.api('PUT', '/api/update_password', { body: { code, password: 'Str0ng-Passw0rd!1' } })).statusCode).toBe(200);
  });

  it('failed_attempts sets the lockout threshold', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await t.api('POST', '/api/authenticate', { body: { username: 'user-a', password: `Wrong-${i}` } })).statusCode).toBe(401);
    }
    expect((await t.api('POST', '/api/authenticate', { body: { username: 'user-a', password: PASSWORD } })).statusCode).toBe(423);
  });
});
