import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../helpers/databases.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { createUser, roleId, seedCast, type Cast } from '../../helpers/fixtures.ts';

describe.each(databaseKinds)("a user's roles and permissions on $name", (kind) => {
  let t: TestApp;
  let cast: Cast;
  let perm: (name: string) => Promise<number>;

  beforeAll(async () => {
    t = await createTestApp(kind, { LOGIN_RATE_PER_MINUTE: '1000' });
    cast = await seedCast(t);
    perm = async (name) => (await t.app.services.repos.permissions.findByName(name))!.id;
  });
  afterAll(() => t?.close());

  const permissionsOf = async (userId: number, token = cast.admin) =>
    (await t.api('GET', `/api/users/${userId}/permissions`, { token })).json() as { name: string; source: string; roles: string[] }[];

  it('an end user reads its effective permissions with where each comes from', async () => {
    const res = await t.api('GET', `/api/users/${cast.userA.id}/permissions`, { token: cast.userA.token });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toContainEqual(expect.objectContaining({ name: 'user_read', source: 'role', roles: ['user'], permission_id: expect.any(Number) }));
    expect(Number(res.headers['x-total-count'])).toBe(res.json().length);
  });

  it("reading another tenant's user's grants answers 404", async () => {
    expect((await t.api('GET', `/api/users/${cast.userB.id}/permissions`, { token: cast.adminA.token })).statusCode).toBe(404);
    expect((await t.api('GET', `/api/users/${cast.userB.id}/roles`, { token: cast.adminA.token })).statusCode).toBe(404);
    expect((await t.api('GET', `/api/users/${cast.userB.id}/permissions`, { token: cast.userA.token })).statusCode).toBe(404);
    expect((await t.api('GET', `/api/users/${cast.userA.id}/roles`, { token: cast.adminA.token })).statusCode).toBe(200);
  });

  it("a user's roles come with their permissions", async () => {
    const res = await t.api('GET', `/api/users/${cast.adminA.id}/roles`, { token: cast.adminA.token });
    expect(res.json()).toEqual([expect.objectContaining({ name: 'tenant', built_in: 1 })]);
    expect(res.json()[0].permissions).toContainEqual(expect.objectContaining({ name: 'user_admin' }));
  });

  it('a direct grant takes effect at once and its revocation too', async () => {
    const tenantRead = await perm('tenant_read');
    const grant = await t.api('PUT', `/api/users/${cast.userA.id}/permissions/${tenantRead}`, { token: cast.admin });
    expect(grant.statusCode).toBe(200);
    expect(grant.json()).toBe(true);
    expect(await permissionsOf(cast.userA.id)).toContainEqual(expect.objectContaining({ name: 'tenant_read', source: 'direct', roles: [] }));
    expect((await t.api('GET', `/api/tenants/${cast.tenantA}`, { token: cast.userA.token })).statusCode).toBe(200);

    expect((await t.api('DELETE', `/api/users/${cast.userA.id}/permissions/${tenantRead}`, { token: cast.admin })).json()).toBe(true);
    expect((await permissionsOf(cast.userA.id)).map((p) => p.name)).not.toContain('tenant_read');
    expect((await t.api('GET', `/api/tenants/${cast.tenantA}`, { token: cast.userA.token })).statusCode).toBe(403);
  });

  it('a tenant admin grants what it holds to its users, and nothing more', async () => {
    const ok = await t.api('PUT', `/api/users/${cast.userA.id}/permissions/${await perm('activity_list')}`, { token: cast.adminA.token });
    expect(ok.statusCode).toBe(200);
    for (const name of ['tenant_create', 'super_admin', 'role_create']) {
      const res = await t.api('PUT', `/api/users/${cast.userA.id}/permissions/${await perm(name)}`, { token: cast.adminA.token });
      expect(res.statusCode, name).toBe(403);
    }
    expect((await permissionsOf(cast.userA.id)).map((p) => p.name)).not.toEqual(expect.arrayContaining(['tenant_create']));
  });

  it('a tenant admin cannot grant the admin role, nor a custom role carrying more than it holds', async () => {
    const admin = await t.api('PUT', `/api/users/${cast.userA.id}/roles/${await roleId(t, 'admin')}`, { token: cast.adminA.token });
    expect(admin.statusCode).toBe(403);
    const custom = await t.api('POST', '/api/roles', { token: cast.admin, body: { name: 'creator' } });
    await t.api('PUT', `/api/roles/${custom.json()}/permissions/${await perm('tenant_create')}`, { token: cast.admin });
    expect((await t.api('PUT', `/api/users/${cast.userA.id}/roles/${custom.json()}`, { token: cast.adminA.token })).statusCode).toBe(403);
    const roles = (await t.api('GET', `/api/users/${cast.userA.id}/roles`, { token: cast.admin })).json();
    expect(roles.map((r: { name: string }) => r.name)).toEqual(['user']);
  });

  it('a tenant admin adds and removes the tenant role on its users', async () => {
    const tenantRole = await roleId(t, 'tenant');
    expect((await t.api('PUT', `/api/users/${cast.userA.id}/roles/${tenantRole}`, { token: cast.adminA.token })).json()).toBe(true);
    const roles = (await t.api('GET', `/api/users/${cast.userA.id}/roles`, { token: cast.userA.token })).json();
    expect(roles.map((r: { name: string }) => r.name)).toEqual(['user', 'tenant']);
    expect((await t.api('DELETE', `/api/users/${cast.userA.id}/roles/${tenantRole}`, { token: cast.adminA.token })).json()).toBe(true);
    expect((await t.api('GET', `/api/users/${cast.userA.id}/roles`, { token: cast.admin })).json()).toHaveLength(1);
  });

  it("a tenant admin cannot touch another tenant's users' grants", async () => {
    const tenantRole = await roleId(t, 'tenant');
    expect((await t.api('PUT', `/api/users/${cast.userB.id}/roles/${tenantRole}`, { token: cast.adminA.token })).statusCode).toBe(404);
    expect((await t.api('PUT', `/api/users/${cast.userB.id}/permissions/${await perm('user_read')}`, { token: cast.adminA.token })).statusCode).toBe(404);
  });

  it("an end user cannot change grants, its own included; nobody changes its own", async () => {
    const userRole = await roleId(t, 'user');
    expect((await t.api('PUT', `/api/users/${cast.userA.id}/roles/${userRole}`, { token: cast.userA.token })).statusCode).toBe(403);
    expect((await t.api('PUT', `/api/users/${cast.userA.id}/permissions/${await perm('user_read')}`, { token: cast.userA.token })).statusCode).toBe(403);
    expect((await t.api('DELETE', `/api/users/${cast.adminA.id}/roles/${await roleId(t, 'tenant')}`, { token: cast.adminA.token })).statusCode).toBe(403);
  });

  it("a tenant admin cannot change a super-admin's grants, even one in its tenant", async () => {
    const root = await createUser(t, cast.admin, { username: 'root-a', tenant_id: cast.tenantA, role_id: await roleId(t, 'admin') });
    expect((await t.api('DELETE', `/api/users/${root}/roles/${await roleId(t, 'admin')}`, { token: cast.adminA.token })).statusCode).toBe(403);
    expect((await t.api('PUT', `/api/users/${root}/roles/${await roleId(t, 'user')}`, { token: cast.adminA.token })).statusCode).toBe(403);
    expect((await t.api('GET', `/api/users/${root}`, { token: cast.admin })).json().is_admin).toBe('1');
  });

  it('unknown ids answer 404, malformed ones 400 naming the parameter', async () => {
    expect((await t.api('PUT', `/api/users/${cast.userA.id}/permissions/999999`, { token: cast.admin })).statusCode).toBe(404);
    expect((await t.api('PUT', `/api/users/${cast.userA.id}/roles/999999`, { token: cast.admin })).statusCode).toBe(404);
    expect((await t.api('PUT', `/api/users/999999/roles/1`, { token: cast.admin })).statusCode).toBe(404);
    const bad = await t.api('PUT', `/api/users/${cast.userA.id}/roles/abc`, { token: cast.admin });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('role_id');
  });
});
