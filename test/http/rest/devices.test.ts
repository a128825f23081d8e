// Devices, profiles and lines through REST: MAC addresses in the usual spellings stored
// normalised and unique across tenants, the vendor catalogue, credentials, and tenants never
// reaching each other's devices, profiles, lines or extensions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';

describe.each(databaseKinds)('devices over REST on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let extA: string;
  let extB: string;
  let deviceA: string;

  const call = (method: string, url: string, token: string, body?: unknown) => t.api(method, `/api${url}`, { token, body });
  const problem = async (res: Promise<{ statusCode: number; body: string }>, status: number) => {
    const r = await res;
    expect(r.statusCode, r.body).toBe(status);
    return JSON.parse(r.body).error.message as string;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    extA = (await call('POST', '/fpbx_extensions', cast.adminA.token, { extension: '1001', password: 'Acme-pass-x1' })).json().extension_uuid;
    extB = (await call('POST', '/fpbx_extensions', cast.adminB.token, { extension: '1001', password: 'Globex-pass-1' })).json().extension_uuid;
  }, 120_000);
  afterAll(() => t?.close());

  it('accepts a MAC address in each usual spelling and stores 12 lowercase hex digits', async () => {
    const spellings = { '00:15:65:AA:BB:01': '001565aabb01', '00-15-65-aa-bb-02': '001565aabb02', '001565AABB03': '001565aabb03', '0015.65aa.bb04': '001565aabb04', ' 00:15:65:aa:bb:05 ': '001565aabb05' };
    for (const [given, stored] of Object.entries(spellings)) {
      const res = await call('POST', '/devices', cast.adminA.token, { device_address: given });
      expect(res.statusCode, res.body).toBe(200);
      expect((await call('GET', `/devices/${res.json()}`, cast.adminA.token)).json().device_address).toBe(stored);
    }
    deviceA = (await call('GET', '/devices?device_address=00:15:65:AA:BB:01', cast.adminA.token)).json()[0].device_uuid;
  });

  it('refuses what is no MAC address (400 naming device_address) and a MAC in use in any spelling, in any tenant (409)', async () => {
    for (const bad of ['00:15:65:AA:BB', '00:15:65:AA:BB:0G', '00:15-65:aa:bb:06', '001565aabb0601', '', 'phone']) {
      expect(await problem(call('POST', '/devices', cast.adminA.token, { device_address: bad }), 400)).toMatch(/device_address/);
    }
    await problem(call('POST', '/devices', cast.adminA.token, { device_address: '00:15:65:aa:bb:01' }), 409);
    await problem(call('POST', '/devices', cast.adminB.token, { device_address: '001565AABB01' }), 409);
    const second = (await call('GET', '/devices?device_address=001565aabb02', cast.adminA.token)).json()[0].device_uuid;
    await problem(call('PUT', `/devices/${second}`, cast.adminA.token, { device_address: '00-15-65-AA-BB-01' }), 409);
    expect((await call('PUT', `/devices/${deviceA}`, cast.adminA.token, { device_address: '00-15-65-AA-BB-01' })).statusCode).toBe(200);
  });

  it('takes vendors and models from the catalogue, any case; refuses others and values that could break a phone file', async () => {
    const set = await call('PUT', `/devices/${deviceA}`, cast.adminA.token, { device_vendor: 'Yealink', device_model: 'T54W' });
    expect(set.json()).toMatchObject({ device_vendor: 'yealink', device_model: 't54w' });
    expect(await problem(call('PUT', `/devices/${deviceA}`, cast.adminA.token, { device_vendor: 'cisco' }), 400)).toMatch(/device_vendor/);
    expect(await problem(call('PUT', `/devices/${deviceA}`, cast.adminA.token, { device_model: 'gxp2170' }), 400)).toMatch(/device_model/);
    expect(await problem(call('PUT', `/devices/${deviceA}`, cast.adminA.token, { device_label: 'Desk\nkey = value' }), 400)).toMatch(/device_label/);
    expect(await problem(call('PUT', `/devices/${deviceA}`, cast.adminA.token, { device_allowed_addresses: '10.0.0.0/33' }), 400)).toMatch(/device_allowed_addresses/);
    expect(await problem(call('PUT', `/devices/${deviceA}`, cast.adminA.token, { device_bogus: 1 }), 400)).toMatch(/device_bogus/);
    expect((await call('PUT', `/devices/${deviceA}`, cast.adminA.token, { device_allowed_addresses: ' 10.0.0.0/8 ,2001:db8::/32' })).json().device_allowed_addresses).toBe('10.0.0.0/8,2001:db8::/32');
  });

  it('credentials: a username needs a password of 8 or more; the password is never answered and an empty one keeps it', async () => {
    expect(await problem(call('PUT', `/devices/${deviceA}`, cast.adminA.token, { device_username: 'phone-a' }), 400)).toMatch(/device_password/);
    expect(await problem(call('PUT', `/devices/${deviceA}`, cast.adminA.token, { device_username: 'phone-a', device_password: 'short' }), 400)).toMatch(/device_password/);
    expect(await problem(call('PUT', `/devices/${deviceA}`, cast.adminA.token, { device_password: 'Phone-pass-a1' }), 400)).toMatch(/device_username/);
    const set = (await call('PUT', `/devices/${deviceA}`, cast.adminA.token, { device_username: 'phone-a', device_password: 'Phone-pass-a1' })).json();
    expect(set).toMatchObject({ device_username: 'phone-a', device_password: '' });
    expect((await call('PUT', `/devices/${deviceA}`, cast.adminA.token, { device_password: '', device_label: 'A' })).statusCode).toBe(200);
    expect((await call('PUT', `/devices/${deviceA}`, cast.adminA.token, { device_username: 'phone-a2' })).statusCode).toBe(200);
  });

  it('lines: an extension of the device\'s tenant only (400 otherwise), a device the caller reaches only, a number the vendor renders', async () => {
    const line = await call('POST', '/device_lines', cast.adminA.token, { device_uuid: deviceA, extension_uuid: extA });
    expect(line.statusCode, line.body).toBe(200);
    expect(line.json()).toMatchObject({ line_number: 1, user_id: '1001', sip_port: 5060, sip_transport: 'udp', register_expires: 3600, enabled: true, password: '' });
    expect(await problem(call('POST', '/device_lines', cast.adminA.token, { device_uuid: deviceA, extension_uuid: extB }), 400)).toMatch(/extension_uuid/);
    expect(await problem(call('POST', '/device_lines', cast.adminB.token, { device_uuid: deviceA, extension_uuid: extB }), 400)).toMatch(/device_uuid/);
    expect(await problem(call('POST', '/device_lines', cast.adminA.token, { device_uuid: deviceA, extension_uuid: null }), 400)).toMatch(/extension_uuid/);
    expect(await problem(call('POST', '/device_lines', cast.adminA.token, { device_uuid: deviceA, extension_uuid: extA, sip_transport: 'sctp' }), 400)).toMatch(/sip_transport/);
    expect(await problem(call('POST', '/device_lines', cast.adminA.token, { device_uuid: deviceA, extension_uuid: extA, line_number: '17' }), 400)).toMatch(/line_number/);
    expect(await problem(call('PUT', `/device_lines/${line.json().device_line_uuid}`, cast.adminA.token, { extension_uuid: extB }), 400)).toMatch(/extension_uuid/);
    for (const n of ['2', '3']) expect((await call('POST', '/device_lines', cast.adminA.token, { device_uuid: deviceA, extension_uuid: extA, line_number: n })).statusCode).toBe(200);
    // Grandstream's template renders two lines: the device's third refuses the vendor.
    expect(await problem(call('PUT', `/devices/${deviceA}`, cast.adminA.token, { device_vendor: 'grandstream', device_model: null }), 400)).toMatch(/device_vendor/);
  });

  it("another tenant's device, profile and line are not found; its profile is no profile of the device's tenant", async () => {
    const profileA = (await call('POST', '/device_profiles', cast.adminA.token, { device_profile_name: 'A' })).json().device_profile_uuid;
    const lineA = (await call('GET', `/device_lines?device_uuid=${deviceA}`, cast.adminA.token)).json()[0].device_line_uuid;
    for (const url of [`/devices/${deviceA}`, `/device_profiles/${profileA}`, `/device_lines/${lineA}`]) {
      await problem(call('GET', url, cast.adminB.token), 404);
      await problem(call('PUT', url, cast.adminB.token, {}), 404);
      await problem(call('DELETE', url, cast.adminB.token), 404);
    }
    expect((await call('GET', `/device_lines?device_uuid=${deviceA}`, cast.adminB.token)).json()).toEqual([]);
    const deviceB = (await call('POST', '/devices', cast.adminB.token, { device_address: '00:0b:82:00:00:b1' })).json();
    expect(await problem(call('PUT', `/devices/${deviceB}`, cast.adminB.token, { device_profile_uuid: profileA }), 400)).toMatch(/device_profile_uuid/);
    expect((await call('GET', `/devices/${deviceA}`, cast.admin)).statusCode).toBe(200);
  });

  it('an end user may not manage devices; the super-admin names the tenant', async () => {
    await problem(call('GET', '/devices', cast.userA.token), 403);
    await problem(call('GET', '/device_vendors', cast.userA.token), 403);
    expect(await problem(call('POST', '/devices', cast.admin, { device_address: '000b820000c1' }), 400)).toMatch(/tenant_id/);
    const made = await call('POST', '/devices', cast.admin, { device_address: '000b820000c1', tenant_id: cast.tenantB });
    expect(made.statusCode, made.body).toBe(200);
    expect((await call('GET', `/devices/${made.json()}`, cast.adminB.token)).json().tenant_id).toBe(cast.tenantB);
  });

  it('deleting an extension deletes the lines that use it', async () => {
    const ext = (await call('POST', '/fpbx_extensions', cast.adminA.token, { extension: '1009', password: 'Acme-pass-x9' })).json().extension_uuid;
    const device = (await call('POST', '/devices', cast.adminA.token, { device_address: '001565aabb99' })).json();
    const line = (await call('POST', '/device_lines', cast.adminA.token, { device_uuid: device, extension_uuid: ext })).json();
    expect((await call('DELETE', `/fpbx_extensions/${ext}`, cast.adminA.token)).statusCode).toBe(200);
    await problem(call('GET', `/device_lines/${line.device_line_uuid}`, cast.adminA.token), 404);
    expect((await call('GET', `/devices/${device}`, cast.adminA.token)).json().device_line_count).toBe(0);
  });
});
