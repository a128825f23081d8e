// The ICTPBX client's password policy calls (ictinnovations/ictpbx-community-edition-gui):
// src/app/app.service.ts get_Password_Policy reads it with no headers at all (the reset-password
// screen, before login) for min_length, special_character, min_numbers, min_uppercase and
// min_lowercase; src/app/pages/password_policy/ (password_policy.service.ts,
// password_policy-component.ts) loads it and posts the loaded object back with the edits; the
// header (header.component.ts InitializeSession) reads sessiontime.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { seedCast, type Cast } from '../helpers/fixtures.ts';
import { answer, guiClient, type GuiClient } from './gui-client.ts';

const FIELDS = ['min_length', 'min_uppercase', 'min_lowercase', 'min_numbers', 'special_character', 'passwd_exp_limit', 'passwd_email_notify', 'failed_attempts', 'passwd_history', 'sessiontime'];

describe.each(databaseKinds)('ICTPBX client: password policy on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let admin: GuiClient;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    admin = guiClient(t, cast.admin);
  }, 120_000);
  afterAll(() => t?.close());

  it('app.service.ts get_Password_Policy (reset-password.component.ts): GET /password_policy with no headers, before login', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/password_policy' });
    const policy = answer(res);
    for (const field of ['min_length', 'special_character', 'min_numbers', 'min_uppercase', 'min_lowercase']) expect(typeof policy[field], field).toBe('number');
    expect(policy.min_length).toBeGreaterThan(0);
  });

  it('password_policy-component.ts: GET, then POST the loaded object with the edits; every field of the form reads back', async () => {
    const loaded = answer(await admin.get('/password_policy'));
    for (const field of FIELDS) expect(typeof loaded[field], field).toBe('number');
    expect(loaded.password_policy_id).toBe(1);
    const edited = { ...loaded, min_length: 10, min_uppercase: 1, min_lowercase: 1, min_numbers: 1, special_character: 1, passwd_exp_limit: 90, passwd_email_notify: 7, failed_attempts: 5, passwd_history: 3, sessiontime: 15 };
    answer(await admin.post('/password_policy', edited));
    expect(answer(await admin.get('/password_policy'))).toEqual(edited);
    // A field the form has not is refused, naming it.
    expect(answer(await admin.post('/password_policy', { ...edited, colour: 'red' }), 400).error.message).toContain('colour');
  });

  it('header.component.ts InitializeSession and changepassword-component.ts: any user reads sessiontime and the rules with its token', async () => {
    const policy = answer(await guiClient(t, cast.userA.token).get('/password_policy'));
    expect(policy).toMatchObject({ sessiontime: 15, min_length: 10 });
  });

  it('password_policy-component.ts: only the super-admin saves it', async () => {
    const loaded = answer(await admin.get('/password_policy'));
    expect((await guiClient(t, cast.adminA.token).post('/password_policy', { ...loaded, min_length: 4 })).statusCode).toBe(403);
  });
});
