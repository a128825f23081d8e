// The ICTPBX client's tenant screens, call by call (ictinnovations/ictpbx-community-edition-gui,
// src/app/pages/tenant/: tenant.service.ts makes the calls, tenant-form-component.ts builds the
// body from the Tenant class (tenant.ts: its defaults for limits and quotas) and the form, with
// `active` from radios ('1'/'0'), the country from a select (text), and `permissions` as the names
// it ticked; the edit form PUTs back what it read. tenant-component.html lists tenant_id, company,
// first_name, last_name, email; the user form (user-form-component.ts) splits tenant_permissions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { PASSWORD, seedCast, type Cast } from '../helpers/fixtures.ts';
import { answer, guiClient, type GuiClient } from './gui-client.ts';

/** new Tenant(): the class's defaults, then what the form binds. */
const newTenantForm = {
  daily_limit: 50,
  monthly_limit: 500,
  min_retention: 1,
  max_retention: 7,
  quota_extensions: 25,
  quota_devices: 25,
  quota_ring_groups: 10,
  quota_call_queues: 5,
  quota_conferences: 5,
  quota_ivr_menus: 10,
  quota_voicemails: 50,
  quota_music_on_hold: 20,
  first_name: 'Ada',
  last_name: 'Lovelace',
  company: 'Analytical Engines',
  phone: '4420700000',
  email: 'ada@engines.test',
  address: '12 St James Square',
  country_id: '826',
  active: '1',
  permissions: ['mfa_enabled', 'password_expiry'],
};

describe.each(databaseKinds)('ICTPBX client: tenants on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let admin: GuiClient;
  let tenantAdmin: GuiClient;
  let created: number;

  beforeAll(async () => {
    t = await createTestApp(kind, { TENANT_DOMAIN_SUFFIX: '.pbx.test' });
    cast = await seedCast(t);
    admin = guiClient(t, cast.admin);
    tenantAdmin = guiClient(t, cast.adminA.token);
  }, 120_000);
  afterAll(() => t?.close());

  it('tenant-form-component.ts addTenant: POST /tenants with the form body (no name, no domain) answers the bare tenant_id', async () => {
    created = answer(await admin.post('/tenants', newTenantForm));
    expect(typeof created).toBe('number');
  });

  it('tenant-form-component.ts ngOnInit: GET /tenants/:id answers what the form binds, permissions as names', async () => {
    const tenant = answer(await admin.get(`/tenants/${created}`));
    expect(tenant).toMatchObject({
      tenant_id: created,
      company: 'Analytical Engines',
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'ada@engines.test',
      phone: '4420700000',
      address: '12 St James Square',
      country_id: 826,
      active: '1',
      daily_limit: 50,
      monthly_limit: 500,
      quota_extensions: 25,
      quota_music_on_hold: 20,
      name: 'Analytical Engines',
      domain: 'analytical-engines.pbx.test',
    });
    // initPermissions: Object.values(permissions).includes('mfa_enabled').
    expect(Object.values(tenant.permissions)).toEqual(expect.arrayContaining(['mfa_enabled', 'password_expiry']));
    // user-form-component.ts tenantHasPerm: (tenant_permissions as string).split(',').
    expect(tenant.tenant_permissions.split(',')).toEqual(expect.arrayContaining(['mfa_enabled', 'password_expiry']));
  });

  it('tenant-form-component.ts updateTenant: PUT /tenants/:tenant_id with the object it read, a field changed', async () => {
    const read = answer(await admin.get(`/tenants/${created}`));
    const updated = answer(await admin.put(`/tenants/${created}`, { ...read, company: 'Engines Ltd', active: '0', country_id: '250', max_concurrent_calls: 4, permissions: ['mfa_enabled'] }));
    expect(updated).toMatchObject({ tenant_id: created, company: 'Engines Ltd', active: '0', country_id: 250, max_concurrent_calls: 4, permissions: ['mfa_enabled'] });
  });

  it('a field the client does not send answers 400 naming it', async () => {
    const res = await admin.post('/tenants', { ...newTenantForm, company: 'Other', colour: 'blue' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('colour');
  });

  it('tenant-component.ts getTenantlist / searchTenant: GET /tenants and /tenants?<key>=<value> answer bare arrays with the listed columns', async () => {
    const list = answer(await admin.get('/tenants'));
    expect(Array.isArray(list)).toBe(true);
    for (const row of list) expect(row).toEqual(expect.objectContaining({ tenant_id: expect.any(Number), company: expect.any(String), first_name: expect.any(String), last_name: expect.any(String), email: expect.any(String) }));
    const found = answer(await admin.get('/tenants?company=Engines Ltd'.replace(' ', '%20')));
    expect(found.map((r: { tenant_id: number }) => r.tenant_id)).toEqual([created]);
    expect(answer(await admin.get('/tenants?first_name=Ada')).map((r: { tenant_id: number }) => r.tenant_id)).toEqual([created]);
  });

  it('user.service.ts get_TenantData as a tenant admin: GET /tenants/:own reads its own, another is not found', async () => {
    expect(answer(await tenantAdmin.get(`/tenants/${cast.tenantA}`))).toMatchObject({ tenant_id: cast.tenantA, daily_limit: 50 });
    expect((await tenantAdmin.get(`/tenants/${created}`)).statusCode).toBe(404);
  });

  it("user-form-component.ts getTenant: GET /tenants/:id answers assigned_daily, assigned_monthly and assigned_<quota>, its users' totals (the form shows what remains)", async () => {
    const before = answer(await admin.get(`/tenants/${created}`));
    for (const field of ['assigned_daily', 'assigned_monthly', 'assigned_extensions', 'assigned_devices', 'assigned_ring_groups', 'assigned_call_queues', 'assigned_ivr_menus', 'assigned_voicemail', 'assigned_conference', 'assigned_music_on_hold']) {
      expect(before[field], field).toBe(0);
    }
    for (const [username, daily] of [['babbage', 100], ['lovelace', 250]] as const) {
      answer(await admin.post('/users', { username, password: PASSWORD, confirmPassword: PASSWORD, email: `${username}@engines.test`, tenant_id: String(created), active: '1', daily_limit: daily, monthly_limit: 1000, quota_extensions: 2, quota_voicemail: 1 }));
    }
    const after = answer(await admin.get(`/tenants/${created}`));
    expect(after).toMatchObject({ assigned_daily: 350, assigned_monthly: 2000, assigned_extensions: 4, assigned_voicemail: 2, assigned_ring_groups: 0 });
    // The list reads the same totals.
    expect(answer(await admin.get(`/tenants?tenant_id=${created}`))[0]).toMatchObject({ assigned_daily: 350, assigned_extensions: 4 });
  });

  it('tenant-component.ts deleteTenant: DELETE /tenants/:id with a JSON content type and no body', async () => {
    expect(answer(await admin.delete(`/tenants/${created}`))).toBe(true);
    expect((await admin.get(`/tenants/${created}`)).statusCode).toBe(404);
  });
});
