// The ICTPBX client's role calls (ictinnovations/ictpbx-community-edition-gui): the user form
// (src/app/pages/user/user-form-component.ts, through user.service.ts get_RoleList) lists GET /roles
// and reads role_id (compared with Number() and ==) and name; it has no screen that writes roles or
// their permissions. Those are ICTCore's (core/Api/User/RoleApi.php): POST/PUT/DELETE /roles and
// PUT/DELETE /roles/:role_id/permissions/:permission_id, the link in the URL and no body read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { seedCast, type Cast } from '../helpers/fixtures.ts';
import { answer, guiClient, type GuiClient } from './gui-client.ts';

interface RoleRow {
  role_id: number;
  name: string;
  description: string;
  permissions: { permission_id: number; name: string }[];
}

describe.each(databaseKinds)('ICTPBX client: roles on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let admin: GuiClient;
  let tenantAdmin: GuiClient;
  let permissionId: (name: string) => Promise<number>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    admin = guiClient(t, cast.admin);
    tenantAdmin = guiClient(t, cast.adminA.token);
    permissionId = async (name) => (await t.app.services.repos.permissions.findByName(name))!.id;
  }, 120_000);
  afterAll(() => t?.close());

  it.each(['admin', 'tenant admin'] as const)('user-form-component.ts getAllRoles: GET /roles as the %s answers role_id (a number) and name, in ICTCore id order', async (who) => {
    const roles = answer(await (who === 'admin' ? admin : tenantAdmin).get('/roles')) as RoleRow[];
    for (const r of roles) {
      expect(typeof r.role_id).toBe('number');
      expect(typeof r.name).toBe('string');
    }
    // The form hides Number(role_id) === 2 (the admin role), ties 1 (user) and 3 (tenant) together,
    // and preselects 4 (ICTPBX's end_user) when a tenant admin creates a user.
    const byId = new Map(roles.map((r) => [Number(r.role_id), r.name]));
    expect([byId.get(1), byId.get(2), byId.get(3), byId.get(4)]).toEqual(['user', 'admin', 'tenant', 'end_user']);
  });

  it('user-form-component.ts getUserRoles: GET /users/:id/roles answers role_id the form matches against GET /roles with ==', async () => {
    const roles = answer(await admin.get('/roles')) as RoleRow[];
    const mine = answer(await admin.get(`/users/${cast.adminA.id}/roles`)) as { role_id: number }[];
    expect(mine.length).toBeGreaterThan(0);
    for (const r of mine) expect(roles.some((role) => role.role_id == r.role_id)).toBe(true);
  });

  it('RoleApi.php: POST /roles answers the new role_id; GET, PUT with the loaded role and an edit, DELETE with no body', async () => {
    const id = answer(await admin.post('/roles', { name: 'Support desk', description: 'First line' }));
    expect(typeof id).toBe('number');
    const loaded = answer(await admin.get(`/roles/${id}`)) as RoleRow;
    expect(loaded).toMatchObject({ role_id: id, name: 'Support desk', description: 'First line', permissions: [] });
    const saved = answer(await admin.put(`/roles/${id}`, { ...loaded, description: 'Second line' }));
    expect(saved).toMatchObject({ role_id: id, name: 'Support desk', description: 'Second line' });
    // A field no role has is refused, naming it.
    expect(answer(await admin.put(`/roles/${id}`, { ...loaded, colour: 'red' }), 400).error.message).toContain('colour');
    expect(answer(await admin.delete(`/roles/${id}`))).toBe(true);
    expect((await admin.get(`/roles/${id}`)).statusCode).toBe(404);
  });

  it('RoleApi.php allow/disallow: PUT and DELETE /roles/:role_id/permissions/:permission_id with no body or a bare id answer true', async () => {
    const id = answer(await admin.post('/roles', { name: 'cdr readers' }));
    const cdrList = await permissionId('cdr_list');
    const cdrRead = await permissionId('cdr_read');
    expect(answer(await admin.put(`/roles/${id}/permissions/${cdrList}`, undefined))).toBe(true);
    expect(answer(await admin.put(`/roles/${id}/permissions/${cdrRead}`, cdrRead))).toBe(true);
    let role = answer(await admin.get(`/roles/${id}`)) as RoleRow;
    expect(role.permissions.map((p) => p.name).sort()).toEqual(['cdr_list', 'cdr_read']);
    expect(role.permissions.every((p) => typeof p.permission_id === 'number')).toBe(true);
    expect(answer(await admin.delete(`/roles/${id}/permissions/${cdrList}`))).toBe(true);
    role = answer(await admin.get(`/roles/${id}`)) as RoleRow;
    expect(role.permissions.map((p) => p.name)).toEqual(['cdr_read']);
  });

  it('GET /roles counts with ?totalrows (a bare number) and pages from pageIndex=0 with pageSize', async () => {
    const total = answer(await admin.get('/roles?totalrows'));
    expect(typeof total).toBe('number');
    expect(total).toBeGreaterThanOrEqual(3);
    expect(answer(await admin.get('/roles?pageSize=2&pageIndex=0'))).toHaveLength(2);
  });

  it('a tenant admin reads roles but cannot write them', async () => {
    expect((await tenantAdmin.post('/roles', { name: 'sneaky' })).statusCode).toBe(403);
  });
});
