import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../helpers/databases.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { createUser, PASSWORD, roleId, seedCast, type Cast } from '../../helpers/fixtures.ts';

describe.each(databaseKinds)('users on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let adminId: number;
  const names = (res: { json(): unknown }) => (res.json() as { username: string }[]).map((u) => u.username).sort();

  beforeAll(async () => {
    t = await createTestApp(kind, { LOGIN_RATE_PER_MINUTE: '1000' });
    cast = await seedCast(t);
    adminId = (await t.api('GET', '/api/get_user', { token: cast.admin })).json().user_id;
  });
  afterAll(() => t?.close());

  describe('list', () => {
    it('the super-admin sees every user', async () => {
      const res = await t.api('GET', '/api/users', { token: cast.admin });
      expect(res.statusCode).toBe(200);
      expect(names(res)).toEqual(expect.arrayContaining(['admin', 'admin-a', 'admin-b', 'user-a', 'user-b']));
      expect(Number(res.headers['x-total-count'])).toBe(res.json().length);
    });

    it("a tenant admin sees only its tenant's users, even when filtering for another tenant", async () => {
      const res = await t.api('GET', '/api/users', { token: cast.adminA.token });
      expect(names(res)).toEqual(['admin-a', 'user-a']);
      const other = await t.api('GET', `/api/users?tenant_id=${cast.tenantB}`, { token: cast.adminA.token });
      expect(other.statusCode).toBe(200);
      expect(other.json()).toEqual([]);
      expect(other.headers['x-total-count']).toBe('0');
    });

    it('an end user sees only itself', async () => {
      const res = await t.api('GET', '/api/users', { token: cast.userA.token });
      expect(names(res)).toEqual(['user-a']);
      const other = await t.api('GET', `/api/users?user_id=${cast.userB.id}`, { token: cast.userA.token });
      expect(other.json()).toEqual([]);
    });

    it('pages, sorts and filters', async () => {
      const res = await t.api('GET', '/api/users?limit=2&offset=1&sort=-username', { token: cast.admin });
      expect(res.json()).toHaveLength(2);
      expect(Number(res.headers['x-total-count'])).toBeGreaterThanOrEqual(5);
      const filtered = await t.api('GET', '/api/users?username=user-b', { token: cast.admin });
      expect(names(filtered)).toEqual(['user-b']);
      expect((await t.api('GET', '/api/users?sort=password_hash', { token: cast.admin })).statusCode).toBe(400);
    });
  });

  describe('read', () => {
    it.each([
      ['super-admin', 'admin', 'userB', 200],
      ['tenant admin of A', 'adminA', 'userA', 200],
      ['tenant admin of A', 'adminA', 'userB', 404],
      ['tenant admin of B', 'adminB', 'userA', 404],
      ['end user A', 'userA', 'userA', 200],
      ['end user A', 'userA', 'adminA', 404],
    ] as const)('%s reading %s answers %s', async (_who, actor, target, status) => {
      const token = actor === 'admin' ? cast.admin : cast[actor].token;
      const res = await t.api('GET', `/api/users/${cast[target].id}`, { token });
      expect(res.statusCode).toBe(status);
      if (status === 404) {
        expect(res.json()).toMatchObject({ error: { code: 404 } });
        expect(res.body).not.toContain('example.test');
      }
    });

    it("a tenant admin cannot read the super-admin (no tenant)", async () => {
      expect((await t.api('GET', `/api/users/${adminId}`, { token: cast.adminA.token })).statusCode).toBe(404);
    });

    it('never shows the password hash', async () => {
      const res = await t.api('GET', `/api/users/${cast.userA.id}`, { token: cast.admin });
      const { passwordHash } = (await t.app.services.repos.users.findById(cast.userA.id))!;
      expect(res.body).not.toContain(passwordHash);
      // appsecret is the ICTPBX client's field, and never the secret.
      expect(Object.keys(res.json()).filter((k) => /passw|hash|secret/.test(k))).toEqual(['appsecret']);
      expect(res.json().appsecret).toBe('');
    });
  });

  describe('create', () => {
    it("a tenant admin naming another tenant's tenant_id is refused (403), and nothing is created", async () => {
      const res = await t.api('POST', '/api/users', { token: cast.adminA.token, body: { username: 'sneaky', password: PASSWORD, tenant_id: cast.tenantB } });
      expect(res.statusCode).toBe(403);
      expect((await t.api('GET', '/api/users?username=sneaky', { token: cast.admin })).json()).toEqual([]);
      const id = await createUser(t, cast.adminA.token, { username: 'sneaky' });
      expect((await t.api('GET', `/api/users/${id}`, { token: cast.admin })).json()).toMatchObject({ username: 'sneaky', tenant_id: cast.tenantA, roles: 'user' });
    });

    it('an end user cannot create users', async () => {
      const res = await t.api('POST', '/api/users', { token: cast.userA.token, body: { username: 'nope', password: PASSWORD } });
      expect(res.statusCode).toBe(403);
    });

    it('a tenant admin cannot create a user with the admin role', async () => {
      const res = await t.api('POST', '/api/users', {
        token: cast.adminA.token,
        body: { username: 'escalated', password: PASSWORD, role_id: await roleId(t, 'admin') },
      });
      expect(res.statusCode).toBe(403);
      expect((await t.api('GET', '/api/users?username=escalated', { token: cast.admin })).json()).toEqual([]);
    });

    it('validation errors answer 400 naming the field and create nothing', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ username: 'v1', password: PASSWORD, email: 'not-an-email' }, 'email'],
        [{ username: 'v2' }, 'password'],
        [{ password: PASSWORD }, 'username'],
        [{ username: 'has space', password: PASSWORD }, 'username'],
        [{ username: 'v3', password: PASSWORD, tenant_id: 'abc' }, 'tenant_id'],
      ];
      for (const [body, field] of cases) {
        const res = await t.api('POST', '/api/users', { token: cast.admin, body });
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().error.message).toContain(field);
      }
      expect((await t.api('GET', '/api/users?username=v1', { token: cast.admin })).json()).toEqual([]);
    });

    it('a taken username or email answers 409', async () => {
      const dupName = await t.api('POST', '/api/users', { token: cast.admin, body: { username: 'user-a', password: PASSWORD } });
      expect(dupName.statusCode).toBe(409);
      const dupEmail = await t.api('POST', '/api/users', {
        token: cast.admin,
        body: { username: 'fresh', password: PASSWORD, email: 'user-a@example.test' },
      });
      expect(dupEmail.statusCode).toBe(409);
    });
  });

  describe('update', () => {
    it('a tenant admin updates its users but not another tenant’s', async () => {
      const mine = await t.api('PUT', `/api/users/${cast.userA.id}`, { token: cast.adminA.token, body: { first_name: 'Alice' } });
      expect(mine.statusCode).toBe(200);
      expect(mine.json()).toMatchObject({ first_name: 'Alice' });
      const theirs = await t.api('PUT', `/api/users/${cast.userB.id}`, { token: cast.adminA.token, body: { first_name: 'Mallory' } });
      expect(theirs.statusCode).toBe(404);
      expect((await t.api('GET', `/api/users/${cast.userB.id}`, { token: cast.admin })).json().first_name).not.toBe('Mallory');
    });

    it('an end user updates itself only', async () => {
      expect((await t.api('PUT', `/api/users/${cast.userA.id}`, { token: cast.userA.token, body: { last_name: 'Self' } })).statusCode).toBe(200);
      expect((await t.api('PUT', `/api/users/${cast.adminA.id}`, { token: cast.userA.token, body: { last_name: 'X' } })).statusCode).toBe(404);
    });

    it('a tenant admin cannot move a user to another tenant or change credit', async () => {
      const move = await t.api('PUT', `/api/users/${cast.userA.id}`, { token: cast.adminA.token, body: { tenant_id: cast.tenantB } });
      expect(move.statusCode).toBe(403);
      const credit = await t.api('PUT', `/api/users/${cast.userA.id}`, { token: cast.adminA.token, body: { credit: 1000 } });
      expect(credit.statusCode).toBe(403);
    });

    it('a bad body answers 400 naming the field', async () => {
      const res = await t.api('PUT', `/api/users/${cast.userA.id}`, { token: cast.admin, body: { active: 'maybe' } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain('active');
    });

    it('a taken email answers 409', async () => {
      const res = await t.api('PUT', `/api/users/${cast.userA.id}`, { token: cast.admin, body: { email: 'user-b@example.test' } });
      expect(res.statusCode).toBe(409);
    });
  });

  describe('delete', () => {
    it('an end user cannot delete users, itself included', async () => {
      expect((await t.api('DELETE', `/api/users/${cast.userB.id}`, { token: cast.userA.token })).statusCode).toBe(403);
      expect((await t.api('DELETE', `/api/users/${cast.userA.id}`, { token: cast.userA.token })).statusCode).toBe(403);
    });

    it("a tenant admin cannot delete another tenant's user", async () => {
      expect((await t.api('DELETE', `/api/users/${cast.userB.id}`, { token: cast.adminA.token })).statusCode).toBe(404);
      expect((await t.api('GET', `/api/users/${cast.userB.id}`, { token: cast.admin })).statusCode).toBe(200);
    });

    it('a tenant admin deletes a user of its tenant', async () => {
      const id = await createUser(t, cast.adminA.token, { username: 'temp-a' });
      const res = await t.api('DELETE', `/api/users/${id}`, { token: cast.adminA.token });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toBe(true);
      expect((await t.api('GET', `/api/users/${id}`, { token: cast.admin })).statusCode).toBe(404);
    });

    it('deleting a user takes its roles, direct permissions and configs with it', async () => {
      const id = await createUser(t, cast.admin, { username: 'cascade', tenant_id: cast.tenantA });
      const tenantRole = await roleId(t, 'tenant');
      const permission = (await t.api('GET', '/api/permissions?name=tenant_read', { token: cast.admin })).json()[0].permission_id;
      expect((await t.api('PUT', `/api/users/${id}/roles/${tenantRole}`, { token: cast.admin })).statusCode).toBe(200);
      expect((await t.api('PUT', `/api/users/${id}/permissions/${permission}`, { token: cast.admin })).statusCode).toBe(200);
      expect((await t.api('PUT', `/api/users/${id}/config/dnd`, { token: cast.admin, body: { enabled: true } })).statusCode).toBe(200);

      expect((await t.api('DELETE', `/api/users/${id}`, { token: cast.admin })).statusCode).toBe(200);
      const { repos } = t.app.services;
      expect(await repos.roles.roleIdsOfUsers([id])).toEqual([]);
      expect(await repos.users.getConfig(id, 'dnd')).toBeNull();
      expect(await t.app.database.db.userPermission.count({ where: { userId: id } })).toBe(0);
    });

    it('nobody deletes itself', async () => {
      expect((await t.api('DELETE', `/api/users/${adminId}`, { token: cast.admin })).statusCode).toBe(403);
    });
  });
});
