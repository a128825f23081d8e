import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../helpers/databases.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { createUser, PASSWORD, roleId, seedCast, type Cast } from '../../helpers/fixtures.ts';

describe.each(databaseKinds)('user sub-resources on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await createTestApp(kind, { LOGIN_RATE_PER_MINUTE: '1000' });
    cast = await seedCast(t);
  });
  afterAll(() => t?.close());

  describe('password', () => {
    it("a tenant admin sets its user's password: the new one works, old sessions end", async () => {
      const user = await createUser(t, cast.adminA.token, { username: 'pw-a' });
      const oldToken = await t.login('pw-a', PASSWORD);
      const res = await t.api('PUT', `/api/users/${user}/password`, { token: cast.adminA.token, body: { password: 'An0ther-Passw0rd!' } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ user_id: user, username: 'pw-a' });
      expect((await t.api('GET', '/api/get_user', { token: oldToken })).statusCode).toBe(401);
      await t.login('pw-a', 'An0ther-Passw0rd!');
    });

    it("a tenant admin cannot set another tenant's user's password", async () => {
      const res = await t.api('PUT', `/api/users/${cast.userB.id}/password`, { token: cast.adminA.token, body: { password: 'An0ther-Passw0rd!' } });
      expect(res.statusCode).toBe(404);
      await t.login('user-b', PASSWORD);
    });

    it('a missing or empty password answers 400 naming the field', async () => {
      for (const body of [{}, { password: '' }, { password: 5 }]) {
        const res = await t.api('PUT', `/api/users/${cast.userA.id}/password`, { token: cast.admin, body });
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().error.message).toContain('password');
      }
    });
  });

  describe('credit', () => {
    it('the super-admin adds to the balance and gets the user back', async () => {
      const user = await createUser(t, cast.admin, { username: 'credit-a', tenant_id: cast.tenantA });
      const first = await t.api('PUT', `/api/users/${user}/credit`, { token: cast.admin, body: { credit: 7.5 } });
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ user_id: user, credit: 7.5 });
      const second = await t.api('PUT', `/api/users/${user}/credit`, { token: cast.admin, body: { credit: -2.5 } });
      expect(second.json().credit).toBe(5);
    });

    it('a tenant admin or end user gets 403', async () => {
      expect((await t.api('PUT', `/api/users/${cast.userA.id}/credit`, { token: cast.adminA.token, body: { credit: 100 } })).statusCode).toBe(403);
      expect((await t.api('PUT', `/api/users/${cast.userA.id}/credit`, { token: cast.userA.token, body: { credit: 100 } })).statusCode).toBe(403);
      expect((await t.api('GET', `/api/users/${cast.userA.id}`, { token: cast.admin })).json().credit).toBe(0);
    });

    it('a bad body answers 400 naming credit', async () => {
      for (const body of [{}, { credit: 'lots' }]) {
        const res = await t.api('PUT', `/api/users/${cast.userA.id}/credit`, { token: cast.admin, body });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.message).toContain('credit');
      }
    });
  });

  describe('config', () => {
    it('an end user stores and reads back a JSON value', async () => {
      const value = { enabled: true, destination: '+15551234', rings: 4 };
      const put = await t.api('PUT', `/api/users/${cast.userA.id}/config/call:forward_all`, { token: cast.userA.token, body: value });
      expect(put.statusCode).toBe(200);
      expect(put.json()).toBe(true);
      const get = await t.api('GET', `/api/users/${cast.userA.id}/config/call:forward_all`, { token: cast.userA.token });
      expect(get.statusCode).toBe(200);
      expect(get.json()).toEqual(value);
    });

    it('a text body is kept as a string and a new value replaces the old', async () => {
      const url = `/api/users/${cast.userA.id}/config/dnd`;
      await t.api('PUT', url, { token: cast.userA.token, body: 'on', headers: { 'content-type': 'text/plain' } });
      expect((await t.api('GET', url, { token: cast.userA.token })).json()).toBe('on');
      const json = await t.api('PUT', url, { token: cast.userA.token, body: 'false', headers: { 'content-type': 'application/json' } });
      expect(json.statusCode).toBe(200);
      expect((await t.api('GET', url, { token: cast.userA.token })).json()).toBe(false);
    });

    it('values are per user and scoped like the user', async () => {
      expect((await t.api('GET', `/api/users/${cast.userA.id}/config/dnd`, { token: cast.adminA.token })).statusCode).toBe(200);
      expect((await t.api('GET', `/api/users/${cast.userA.id}/config/dnd`, { token: cast.adminB.token })).statusCode).toBe(404);
      expect((await t.api('PUT', `/api/users/${cast.userA.id}/config/dnd`, { token: cast.userB.token, body: true })).statusCode).toBe(404);
      expect((await t.api('GET', `/api/users/${cast.userB.id}/config/dnd`, { token: cast.userB.token })).statusCode).toBe(404);
    });

    it('a name never set answers 404; a bad name 400 naming config_name', async () => {
      const missing = await t.api('GET', `/api/users/${cast.userA.id}/config/never_set`, { token: cast.userA.token });
      expect(missing.statusCode).toBe(404);
      const bad = await t.api('PUT', `/api/users/${cast.userA.id}/config/Bad%20Name`, { token: cast.userA.token, body: 1 });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toContain('config_name');
    });

    it('an empty body answers 400 and an oversized one 400 naming the body', async () => {
      const url = `/api/users/${cast.userA.id}/config/empty`;
      expect((await t.api('PUT', url, { token: cast.userA.token })).statusCode).toBe(400);
      const big = await t.api('PUT', url, { token: cast.userA.token, body: { blob: 'x'.repeat(70_000) } });
      expect(big.statusCode).toBe(400);
      expect(big.json().error.message).toContain('body');
      expect((await t.api('GET', url, { token: cast.userA.token })).statusCode).toBe(404);
    });
  });

  describe('accounts', () => {
    beforeAll(async () => {
      const { db } = t.app.database;
      // Fax accounts have no REST writes yet (the fax capability adds them); seed them directly.
      for (const [user, tenant, username] of [
        [cast.userA.id, cast.tenantA, 'fax-a1'],
        [cast.userA.id, cast.tenantA, 'fax-a2'],
        [cast.userB.id, cast.tenantB, 'fax-b1'],
      ] as const) {
        await db.account.create({ data: { userId: user, tenantId: tenant, username, phone: '1000' } });
      }
    });

    it("lists the user's own accounts with list conventions", async () => {
      const res = await t.api('GET', `/api/users/${cast.userA.id}/accounts?sort=-username`, { token: cast.userA.token });
      expect(res.statusCode).toBe(200);
      expect(res.json().map((a: { username: string }) => a.username)).toEqual(['fax-a2', 'fax-a1']);
      expect(res.json()[0]).toMatchObject({ user_id: cast.userA.id, tenant_id: cast.tenantA, active: 1, account_id: expect.any(Number) });
      expect(res.headers['x-total-count']).toBe('2');
      const paged = await t.api('GET', `/api/users/${cast.userA.id}/accounts?limit=1`, { token: cast.adminA.token });
      expect(paged.json()).toHaveLength(1);
      expect(paged.headers['x-total-count']).toBe('2');
      const filtered = await t.api('GET', `/api/users/${cast.userA.id}/accounts?username=fax-a1`, { token: cast.admin });
      expect(filtered.json()).toHaveLength(1);
    });

    it("another tenant's admin or user gets 404", async () => {
      expect((await t.api('GET', `/api/users/${cast.userA.id}/accounts`, { token: cast.adminB.token })).statusCode).toBe(404);
      expect((await t.api('GET', `/api/users/${cast.userA.id}/accounts`, { token: cast.userB.token })).statusCode).toBe(404);
    });
  });

  describe('status', () => {
    it('answers the bare string "login" or "logout"', async () => {
      const res = await t.api('GET', `/api/users/${cast.userB.id}/status`, { token: cast.userB.token });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.body).toBe('"login"');
      const fresh = await createUser(t, cast.admin, { username: 'never-logged-in', tenant_id: cast.tenantB });
      expect((await t.api('GET', `/api/users/${fresh}/status`, { token: cast.adminB.token })).json()).toBe('logout');
      expect((await t.api('GET', `/api/users/${cast.userB.id}/status`, { token: cast.adminA.token })).statusCode).toBe(404);
    });
  });

  describe('impersonation token', () => {
    it('the super-admin gets a working session as any user', async () => {
      const res = await t.api('GET', `/api/users/${cast.userB.id}/token`, { token: cast.admin });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ user_id: cast.userB.id, username: 'user-b', token_type: 'Bearer', expires_in: expect.any(Number) });
      expect(res.json().access_token).toBe(res.json().token);
      const me = await t.api('GET', '/api/get_user', { token: res.json().token });
      expect(me.json().username).toBe('user-b');
    });

    it('a tenant admin impersonates its users and records it', async () => {
      const res = await t.api('GET', `/api/users/${cast.userA.id}/token`, { token: cast.adminA.token });
      expect(res.statusCode).toBe(200);
      expect((await t.api('GET', '/api/get_user', { token: res.json().token })).json().username).toBe('user-a');
      const log = await t.api('GET', `/api/users/activities/${cast.adminA.id}?action=impersonate`, { token: cast.adminA.token });
      expect(log.json()).toEqual([expect.objectContaining({ action: 'impersonate', user_id: cast.adminA.id, tenant_id: cast.tenantA })]);
      expect(log.json()[0].activities).toContain('user-a');
    });

    it("a tenant admin cannot impersonate another tenant's user, nor a super-admin in its tenant", async () => {
      expect((await t.api('GET', `/api/users/${cast.userB.id}/token`, { token: cast.adminA.token })).statusCode).toBe(404);
      const root = await createUser(t, cast.admin, { username: 'root-in-a', tenant_id: cast.tenantA, role_id: await roleId(t, 'admin') });
      const res = await t.api('GET', `/api/users/${root}/token`, { token: cast.adminA.token });
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain('token_type');
    });

    it('an end user cannot impersonate, not even itself', async () => {
      expect((await t.api('GET', `/api/users/${cast.userA.id}/token`, { token: cast.userA.token })).statusCode).toBe(403);
    });
  });
});

describe.each(databaseKinds)('user credit on the Community edition on $name', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { EDITION: 'community' });
  });
  afterAll(() => t?.close());

  it('is gated', async () => {
    const admin = await t.adminToken();
    const id = await createUser(t, admin, { username: 'ce-user' });
    const res = await t.api('PUT', `/api/users/${id}/credit`, { token: admin, body: { credit: 5 } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('Enterprise');
  });
});
