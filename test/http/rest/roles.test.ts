import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../helpers/databases.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { createUser, roleId, seedCast, type Cast } from '../../helpers/fixtures.ts';

describe.each(databaseKinds)('roles on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let perm: (name: string) => Promise<number>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    perm = async (name) => (await t.app.services.repos.permissions.findByName(name))!.id;
  });
  afterAll(() => t?.close());

  const create = (body: unknown, token = cast.admin) => t.api('POST', '/api/roles', { token, body });

  it.each(['admin', 'adminA', 'userA'] as const)('%s lists and reads the global roles', async (who) => {
    const token = who === 'admin' ? cast.admin : cast[who].token;
    const res = await t.api('GET', '/api/roles', { token });
    expect(res.statusCode).toBe(200);
    const names = res.json().map((r: { name: string }) => r.name);
    expect(names).toEqual(expect.arrayContaining(['user', 'admin', 'tenant']));
    expect(Number(res.headers['x-total-count'])).toBeGreaterThanOrEqual(3);
    const admin = res.json().find((r: { name: string }) => r.name === 'admin');
    expect(admin).toMatchObject({ built_in: 1, permissions: [expect.objectContaining({ name: 'super_admin' })] });
    const one = await t.api('GET', `/api/roles/${admin.role_id}`, { token });
    expect(one.json()).toMatchObject({ role_id: admin.role_id, name: 'admin', description: expect.any(String) });
  });

  it('lists filter by name and sort', async () => {
    const res = await t.api('GET', '/api/roles?name=tenant', { token: cast.admin });
    expect(res.json().map((r: { name: string }) => r.name)).toEqual(['tenant']);
    const sorted = await t.api('GET', '/api/roles?sort=name&limit=1', { token: cast.admin });
    expect(sorted.json()[0].name).toBe('admin');
    expect((await t.api('GET', '/api/roles?sort=nope', { token: cast.admin })).statusCode).toBe(400);
  });

  it('an unknown role answers 404', async () => {
    expect((await t.api('GET', '/api/roles/999999', { token: cast.admin })).statusCode).toBe(404);
  });

  it('the super-admin creates, renames and deletes a role', async () => {
    const res = await create({ name: 'Support desk', description: 'First line' });
    expect(res.statusCode).toBe(200);
    const id = res.json();
    expect(typeof id).toBe('number');
    const updated = await t.api('PUT', `/api/roles/${id}`, { token: cast.admin, body: { name: 'support', description: 'Second line' } });
    expect(updated.json()).toMatchObject({ role_id: id, name: 'support', description: 'Second line', built_in: 0, permissions: [] });
    const gone = await t.api('DELETE', `/api/roles/${id}`, { token: cast.admin });
    expect(gone.json()).toBe(true);
    expect((await t.api('GET', `/api/roles/${id}`, { token: cast.admin })).statusCode).toBe(404);
  });

  it('a taken name answers 409, on create and on rename', async () => {
    expect((await create({ name: 'tenant' })).statusCode).toBe(409);
    const id = (await create({ name: 'unique-one' })).json();
    const res = await t.api('PUT', `/api/roles/${id}`, { token: cast.admin, body: { name: 'user' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe(409);
  });

  it('validation errors answer 400 naming the field', async () => {
    for (const [body, field] of [
      [{}, 'name'],
      [{ name: '' }, 'name'],
      [{ name: 'bad"name' }, 'name'],
      [{ name: 'ok', description: 'x'.repeat(1025) }, 'description'],
    ] as const) {
      const res = await create(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.message).toContain(field);
    }
    const put = await t.api('PUT', `/api/roles/${await roleId(t, 'user')}`, { token: cast.admin, body: { name: 'x'.repeat(65) } });
    expect(put.statusCode).toBe(400);
    expect(put.json().error.message).toContain('name');
  });

  it('built-in roles cannot be renamed or deleted, but their description can change', async () => {
    const userRole = await roleId(t, 'user');
    const rename = await t.api('PUT', `/api/roles/${userRole}`, { token: cast.admin, body: { name: 'customer' } });
    expect(rename.statusCode).toBe(409);
    expect(rename.json().error.message).toContain('built in');
    const del = await t.api('DELETE', `/api/roles/${await roleId(t, 'admin')}`, { token: cast.admin });
    expect(del.statusCode).toBe(409);
    expect(del.json().error.message).toContain('built in');
    const describe = await t.api('PUT', `/api/roles/${userRole}`, { token: cast.admin, body: { description: 'Customers' } });
    expect(describe.json()).toMatchObject({ name: 'user', description: 'Customers' });
  });

  it.each(['adminA', 'adminB', 'userA'] as const)('%s cannot write roles: 403', async (who) => {
    const token = cast[who].token;
    const userRole = await roleId(t, 'user');
    expect((await create({ name: `by-${who}` }, token)).statusCode).toBe(403);
    expect((await t.api('PUT', `/api/roles/${userRole}`, { token, body: { description: 'hacked' } })).statusCode).toBe(403);
    expect((await t.api('DELETE', `/api/roles/${await roleId(t, 'tenant')}`, { token })).statusCode).toBe(403);
    expect((await t.api('PUT', `/api/roles/${userRole}/permissions/${await perm('super_admin')}`, { token })).statusCode).toBe(403);
    expect((await t.api('DELETE', `/api/roles/${userRole}/permissions/${await perm('user_read')}`, { token })).statusCode).toBe(403);
    const roles = (await t.api('GET', '/api/roles?name=user', { token: cast.admin })).json();
    expect(roles[0].permissions.map((p: { name: string }) => p.name)).not.toContain('super_admin');
  });

  it('attaching a permission to a role gives it to the role holders at once; detaching takes it back', async () => {
    const id = (await create({ name: 'tenant-readers' })).json();
    const tenantRead = await perm('tenant_read');
    const user = await createUser(t, cast.admin, { username: 'reader', tenant_id: cast.tenantA, role_ids: [id] });
    const token = await t.login('reader', 'Str0ng-Passw0rd!');
    expect((await t.api('GET', `/api/tenants/${cast.tenantA}`, { token })).statusCode).toBe(403);

    const attach = await t.api('PUT', `/api/roles/${id}/permissions/${tenantRead}`, { token: cast.admin });
    expect(attach.json()).toBe(true);
    expect((await t.api('GET', `/api/roles/${id}`, { token: cast.admin })).json().permissions).toEqual([{ permission_id: tenantRead, name: 'tenant_read' }]);
    expect((await t.api('GET', `/api/tenants/${cast.tenantA}`, { token })).statusCode).toBe(200);

    expect((await t.api('DELETE', `/api/roles/${id}/permissions/${tenantRead}`, { token: cast.admin })).json()).toBe(true);
    expect((await t.api('GET', `/api/tenants/${cast.tenantA}`, { token })).statusCode).toBe(403);
    expect(user).toBeGreaterThan(0);
  });

  it('attaching an unknown permission or to an unknown role answers 404', async () => {
    const id = (await create({ name: 'lonely' })).json();
    expect((await t.api('PUT', `/api/roles/${id}/permissions/999999`, { token: cast.admin })).statusCode).toBe(404);
    expect((await t.api('PUT', `/api/roles/999999/permissions/${await perm('user_read')}`, { token: cast.admin })).statusCode).toBe(404);
  });

  it('super_admin cannot be detached from the built-in admin role', async () => {
    const res = await t.api('DELETE', `/api/roles/${await roleId(t, 'admin')}/permissions/${await perm('super_admin')}`, { token: cast.admin });
    expect(res.statusCode).toBe(409);
    expect((await t.api('GET', '/api/users', { token: cast.admin })).statusCode).toBe(200);
  });

  it('deleting a custom role takes it away from its holders', async () => {
    const id = (await create({ name: 'temporary' })).json();
    const user = await createUser(t, cast.admin, { username: 'temp-holder', tenant_id: cast.tenantA, role_ids: [id, await roleId(t, 'user')] });
    expect((await t.api('DELETE', `/api/roles/${id}`, { token: cast.admin })).statusCode).toBe(200);
    const roles = (await t.api('GET', `/api/users/${user}/roles`, { token: cast.admin })).json();
    expect(roles.map((r: { name: string }) => r.name)).toEqual(['user']);
  });
});
