// The ICTPBX client's user screens, call by call (ictinnovations/ictpbx-community-edition-gui,
// src/app/pages/user/: user.service.ts makes the calls; user-form-component.ts builds the body
// from the User class (user.ts: its limits' defaults) and the form: radios as '1'/'0', selects as
// text, confirmPassword beside password, user_permission as a comma string; it reads the bare id
// POST answers, then PUTs /users/:id/roles/:role_id with the id as body. user-component.html lists
// user_id, company, first_name, last_name, email, roles, status and compares active === '1').
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { PASSWORD, roleId, seedCast, type Cast } from '../helpers/fixtures.ts';
import { answer, guiClient, type GuiClient } from './gui-client.ts';

describe.each(databaseKinds)('ICTPBX client: users on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let admin: GuiClient;
  let created: number;
  let tenantRole: number;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    admin = guiClient(t, cast.admin);
    tenantRole = await roleId(t, 'tenant');
  }, 120_000);
  afterAll(() => t?.close());

  it('user-form-component.ts addUser: POST /users with the form body answers the bare user_id', async () => {
    created = answer(
      await admin.post('/users', {
        daily_limit: 1000,
        daily_sent: 0,
        monthly_limit: 1000,
        monthly_sent: 0,
        tenant_id: String(cast.tenantA),
        username: 'grace',
        password: PASSWORD,
        confirmPassword: PASSWORD,
        phone: '+15550100',
        contact: '5550101',
        first_name: 'Grace',
        last_name: 'Hopper',
        email: 'grace@example.test',
        address: 'Arlington',
        country_id: '840',
        active: '1',
        company: 'Acme',
        user_permission: 'fpbx_extension,ring_groups',
        quota_extensions: 2,
        quota_ring_groups: 2,
      }),
    );
    expect(typeof created).toBe('number');
  });

  it('user-form-component.ts, as a tenant admin: the new user gets role 4 (end_user, preselected by the form) and no more than an end user may do', async () => {
    const tenantAdmin = guiClient(t, cast.adminA.token);
    const id = answer(await tenantAdmin.post('/users', { username: 'ada', password: PASSWORD, confirmPassword: PASSWORD, email: 'ada@example.test', first_name: 'Ada', active: '1', tenant_id: cast.tenantA }));
    expect(answer(await tenantAdmin.put(`/users/${id}/roles/4`, id))).toBe(true);
    expect(answer(await tenantAdmin.get(`/users/${id}/roles`)).map((r: { role_id: number; name: string }) => [r.role_id, r.name])).toContainEqual([4, 'end_user']);
    const login = answer(await guiClient(t, null).post('/authenticate', { email: 'ada@example.test', password: PASSWORD, rememberMe: false }));
    expect(answer(await guiClient(t, login.token).get('/tenants'), 403).error.code).toBe(403);
  });

  it('user-form-component.ts setRoles: PUT /users/:id/roles/:role_id with the user id as body, GET /users/:id/roles', async () => {
    expect(answer(await admin.put(`/users/${created}/roles/${tenantRole}`, created))).toBe(true);
    const roles = answer(await admin.get(`/users/${created}/roles`));
    expect(roles.map((r: { role_id: number }) => r.role_id)).toContain(tenantRole);
  });

  it('user-component.ts getUserlist / gettotalrows: GET /users?pagesize=10&pageIndex=1 and ?totalrows', async () => {
    const total = answer(await admin.get('/users?totalrows'));
    expect(typeof total).toBe('number');
    const list = answer(await admin.get('/users?pagesize=10&pageIndex=1'));
    const grace = list.find((u: { user_id: number }) => u.user_id === created);
    expect(grace).toMatchObject({ company: 'Acme', first_name: 'Grace', last_name: 'Hopper', email: 'grace@example.test', status: 'logout', active: '1', is_admin: '0', is_tenant: '1', username: 'grace' });
    expect(grace.roles.split(',')).toContain('tenant');
    expect(typeof grace.user_permission).toBe('string');
    expect(answer(await admin.get(`/users?tenant_id=${cast.tenantA}&first_name=Grace`)).map((u: { user_id: number }) => u.user_id)).toEqual([created]);
  });

  it('user-form-component.ts updateUser: PUT /users/:id with the object it read answers the user', async () => {
    const read = answer(await admin.get(`/users/${created}`));
    expect(read).toMatchObject({ user_id: created, tenant_id: cast.tenantA, country_id: 840, phone: '+15550100', contact: '5550101', daily_limit: 1000, quota_extensions: 2 });
    const updated = answer(await admin.put(`/users/${created}`, { ...read, last_name: 'Murray Hopper', user_permission: 'fpbx_extension' }));
    expect(updated).toMatchObject({ user_id: created, last_name: 'Murray Hopper', active: '1' });
  });

  it('user-component.ts Toggler: PUT /users/:id with a new User() and active, read back with == 0', async () => {
    const res = answer(await admin.put(`/users/${created}`, { daily_limit: 1000, daily_sent: 0, monthly_limit: 1000, monthly_sent: 0, active: '0', user_id: created }));
    expect(res.active == 0).toBe(true);
    expect(res).toMatchObject({ user_id: created, username: 'grace', active: '0' });
  });

  it('user.service.ts get_status: GET /users/:id/status answers a bare string', async () => {
    expect(answer(await admin.get(`/users/${created}/status`))).toBe('logout');
  });

  it('a field the client does not send answers 400 naming it', async () => {
    const res = await admin.put(`/users/${created}`, { nickname: 'amazing' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('nickname');
  });

  it('user-form-component.ts deleteRoles / user-component.ts deleteUser: DELETEs with a JSON content type and no body', async () => {
    expect(answer(await admin.delete(`/users/${created}/roles/${tenantRole}`))).toBe(true);
    expect(answer(await admin.delete(`/users/${created}`))).toBe(true);
    expect((await admin.get(`/users/${created}`)).statusCode).toBe(404);
  });
});
