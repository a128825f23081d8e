// The scoping matrix of reference §3.5 over GraphQL: super-admin, tenant admin of A (and B), end user.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { roleId, seedCast, type Cast } from '../../helpers/fixtures.ts';
import { codeOf, dataOf, firstError } from '../../helpers/graphql.ts';

describe.each(databaseKinds)('GraphQL scoping on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp(kind, { LOGIN_RATE_PER_MINUTE: '1000' });
    cast = await seedCast(t);
  });
  afterAll(() => t?.close());

  const ids = (page: { items: { id: number }[] }) => page.items.map((x) => x.id).sort((a, b) => a - b);

  describe('tenants', () => {
    it('the super-admin sees every tenant, with its users', async () => {
      const data = dataOf(await t.gql('{ tenants(sort: id, limit: 10) { total items { id name users(sort: username, limit: 10) { total items { username } } } } }', {}, cast.admin));
      expect(ids(data.tenants)).toEqual(expect.arrayContaining([cast.tenantA, cast.tenantB]));
      const globex = data.tenants.items.find((x: { id: number }) => x.id === cast.tenantB);
      expect(globex.users).toEqual({ total: 2, items: [{ username: 'admin-b' }, { username: 'user-b' }] });
    });

    it('a tenant admin of A sees tenant A only; B answers 404 and none of its data', async () => {
      const list = dataOf(await t.gql('{ tenants(limit: 5) { total items { id users(limit: 10) { items { username } } } } }', {}, cast.adminA.token));
      expect(list.tenants.total).toBe(1);
      expect(ids(list.tenants)).toEqual([cast.tenantA]);
      expect(list.tenants.items[0].users.items.map((u: { username: string }) => u.username).sort()).toEqual(['admin-a', 'user-a']);
      expect(dataOf(await t.gql('{ tenants(id: $b) { total } }'.replace('$b', String(cast.tenantB)), {}, cast.adminA.token)).tenants.total).toBe(0);

      const res = await t.gql('query ($id: Int!) { tenant(id: $id) { id name domain } }', { id: cast.tenantB }, cast.adminA.token);
      expect(codeOf(res)).toBe(404);
      expect(res.data).toEqual({ tenant: null });
      expect(JSON.stringify(res)).not.toMatch(/globex/i);
    });

    it('a tenant admin cannot create, update or delete tenants', async () => {
      const token = cast.adminA.token;
      expect(codeOf(await t.gql('mutation { createTenant(input: { name: "Mine" }) { id } }', {}, token))).toBe(403);
      expect(codeOf(await t.gql(`mutation { updateTenant(id: ${cast.tenantA}, input: { maxConcurrentCalls: 99 }) { id } }`, {}, token))).toBe(403);
      expect(codeOf(await t.gql(`mutation { deleteTenant(id: ${cast.tenantB}) }`, {}, token))).toBe(404);
      expect(dataOf(await t.gql(`{ tenant(id: ${cast.tenantB}) { id } }`, {}, cast.admin)).tenant.id).toBe(cast.tenantB);
    });

    it('an end user cannot read tenants, not even through its own user', async () => {
      expect(codeOf(await t.gql('{ tenants { total } }', {}, cast.userA.token))).toBe(403);
      const me = await t.gql('{ me { username tenant { name } } }', {}, cast.userA.token);
      expect(me.data.me).toEqual({ username: 'user-a', tenant: null });
      expect(firstError(me)).toMatchObject({ path: ['me', 'tenant'], extensions: { code: 403 } });
    });
  });

  describe('users', () => {
    it('the super-admin lists and filters every tenant’s users', async () => {
      const data = dataOf(await t.gql('query ($b: Int!) { users(tenantId: $b) { total items { username tenant { id } } } }', { b: cast.tenantB }, cast.admin));
      expect(data.users.total).toBe(2);
      expect(data.users.items.every((u: { tenant: { id: number } }) => u.tenant.id === cast.tenantB)).toBe(true);
    });

    it('a tenant admin of A lists only A’s users, also when filtering for B', async () => {
      const own = dataOf(await t.gql('{ users { total items { id tenantId } } }', {}, cast.adminA.token));
      expect(ids(own.users)).toEqual([cast.adminA.id, cast.userA.id].sort((a, b) => a - b));
      const other = dataOf(await t.gql(`{ users(tenantId: ${cast.tenantB}) { total items { id } } }`, {}, cast.adminA.token));
      expect(other.users).toEqual({ total: 0, items: [] });
    });

    it('user(id) of another tenant answers 404 and no data', async () => {
      const res = await t.gql('query ($id: Int!) { user(id: $id) { id username email } }', { id: cast.userB.id }, cast.adminA.token);
      expect(firstError(res)).toMatchObject({ path: ['user'], extensions: { code: 404, reason: 'NOT_FOUND' } });
      expect(res.data).toEqual({ user: null });
      expect(JSON.stringify(res)).not.toContain('user-b');
      const update = await t.gql(`mutation { updateUser(id: ${cast.userB.id}, input: { firstName: "Eve" }) { id } }`, {}, cast.adminA.token);
      expect(codeOf(update)).toBe(404);
      expect(codeOf(await t.gql(`mutation { deleteUser(id: ${cast.userB.id}) }`, {}, cast.adminA.token))).toBe(404);
      expect(codeOf(await t.gql(`mutation { setUserPassword(id: ${cast.userB.id}, password: "An0ther-Passw0rd!") }`, {}, cast.adminA.token))).toBe(404);
      expect(codeOf(await t.gql(`mutation { cancelSessions(userId: ${cast.userB.id}) }`, {}, cast.adminA.token))).toBe(404);
    });

    it('a tenant admin creates users in its own tenant only', async () => {
      const create = (tenantId?: number) =>
        t.gql(
          'mutation ($b: Int) { createUser(input: { username: "hired-a", password: "Str0ng-Passw0rd!", tenantId: $b }) { tenantId tenant { id } roles { name } } }',
          { b: tenantId },
          cast.adminA.token,
        );
      expect(codeOf(await create(cast.tenantB))).toBe(403);
      expect(dataOf(await create()).createUser).toEqual({ tenantId: cast.tenantA, tenant: { id: cast.tenantA }, roles: [{ name: 'user' }] });
    });

    it('an end user sees only itself', async () => {
      const list = dataOf(await t.gql('{ users { total items { id } } }', {}, cast.userA.token));
      expect(list.users).toEqual({ total: 1, items: [{ id: cast.userA.id }] });
      expect(dataOf(await t.gql(`{ user(id: ${cast.userA.id}) { username } }`, {}, cast.userA.token)).user.username).toBe('user-a');
      expect(codeOf(await t.gql(`{ user(id: ${cast.adminA.id}) { username } }`, {}, cast.userA.token))).toBe(404);
      const renamed = await t.gql(`mutation { updateUser(id: ${cast.userA.id}, input: { firstName: "Ann" }) { firstName } }`, {}, cast.userA.token);
      expect(dataOf(renamed).updateUser.firstName).toBe('Ann');
      const promote = await t.gql(`mutation { updateUser(id: ${cast.userA.id}, input: { credit: 1000 }) { credit } }`, {}, cast.userA.token);
      expect(codeOf(promote)).toBe(403);
    });

    it('grants: a tenant admin manages its users’ roles but never hands out admin', async () => {
      const tenantRole = await roleId(t, 'tenant');
      const adminRole = await roleId(t, 'admin');
      const grant = await t.gql(`mutation { grantUserRole(userId: ${cast.userA.id}, roleId: ${tenantRole}) { roles { name } isTenantAdmin } }`, {}, cast.adminA.token);
      expect(dataOf(grant).grantUserRole).toEqual({ roles: expect.arrayContaining([{ name: 'tenant' }, { name: 'user' }]), isTenantAdmin: true });
      const revoke = await t.gql(`mutation { revokeUserRole(userId: ${cast.userA.id}, roleId: ${tenantRole}) { roles { name } isTenantAdmin } }`, {}, cast.adminA.token);
      expect(dataOf(revoke).revokeUserRole).toEqual({ roles: [{ name: 'user' }], isTenantAdmin: false });
      expect(codeOf(await t.gql(`mutation { grantUserRole(userId: ${cast.userA.id}, roleId: ${adminRole}) { id } }`, {}, cast.adminA.token))).toBe(403);
      expect(codeOf(await t.gql(`mutation { grantUserRole(userId: ${cast.userB.id}, roleId: ${tenantRole}) { id } }`, {}, cast.adminA.token))).toBe(404);
      expect(codeOf(await t.gql(`mutation { grantUserRole(userId: ${cast.userA.id}, roleId: ${tenantRole}) { id } }`, {}, cast.userA.token))).toBe(403);
    });

    it('activities follow the user’s visibility', async () => {
      const own = dataOf(await t.gql(`{ activities(userId: ${cast.userA.id}, action: "login") { total items { action userId createdAt } } }`, {}, cast.adminA.token));
      expect(own.activities.total).toBeGreaterThan(0);
      expect(own.activities.items[0]).toMatchObject({ action: 'login', userId: cast.userA.id });
      expect(new Date(own.activities.items[0].createdAt).toISOString()).toBe(own.activities.items[0].createdAt);
      expect(codeOf(await t.gql(`{ activities(userId: ${cast.userB.id}) { total } }`, {}, cast.adminA.token))).toBe(404);
      expect(dataOf(await t.gql(`{ activities(userId: ${cast.userA.id}) { total } }`, {}, cast.userA.token)).activities.total).toBeGreaterThan(0);
    });
  });

  describe('roles', () => {
    it('everyone with role_read lists roles with their permissions', async () => {
      for (const token of [cast.admin, cast.adminA.token, cast.userA.token]) {
        const data = dataOf(await t.gql('{ roles(sort: id) { total items { name builtIn permissions { name description } } } }', {}, token));
        expect(data.roles.items.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['user', 'admin', 'tenant']));
        expect(data.roles.items.find((r: { name: string }) => r.name === 'admin').permissions).toEqual([{ name: 'super_admin', description: expect.any(String) }]);
      }
    });

    it('role writes by a tenant admin or an end user answer 403 and change nothing', async () => {
      const userRole = await roleId(t, 'user');
      for (const token of [cast.adminA.token, cast.userA.token]) {
        expect(codeOf(await t.gql('mutation { createRole(input: { name: "rogue" }) { id } }', {}, token))).toBe(403);
        expect(codeOf(await t.gql(`mutation { updateRole(id: ${userRole}, input: { description: "pwned" }) { id } }`, {}, token))).toBe(403);
        expect(codeOf(await t.gql(`mutation { deleteRole(id: ${userRole}) }`, {}, token))).toBe(403);
        expect(codeOf(await t.gql(`mutation { attachRolePermission(roleId: ${userRole}, permissionId: 1) { id } }`, {}, token))).toBe(403);
        expect(codeOf(await t.gql(`mutation { detachRolePermission(roleId: ${userRole}, permissionId: 1) { id } }`, {}, token))).toBe(403);
        expect(codeOf(await t.gql('mutation { createPermission(input: { name: "rogue_power" }) { id } }', {}, token))).toBe(403);
      }
      const role = dataOf(await t.gql(`{ role(id: ${userRole}) { description } roles(name: "rogue") { total } }`, {}, cast.admin));
      expect(role.role.description).not.toBe('pwned');
      expect(role.roles.total).toBe(0);
    });
  });
});
