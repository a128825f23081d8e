// The ICTPBX client's device screens, call by call (ictinnovations/ictpbx-community-edition-gui,
// src/app/pages/devices/: device.service.ts and device-profile.service.ts make the CRUD calls;
// device-form.component.ts also loads /device_vendors, the tenant's extensions through
// pbx-destination.service.ts (/fpbx_extensions), and saves the lines itself against
// /device_lines; device.ts, device-profile.ts and device-line.ts are the models whose defaults
// the forms send; the list components read device_* and device_profile_* and compare the enabled
// flags with `=== 'true' || === true`). The form reads POST /devices's answer `as string` (the
// new device's uuid) and builds the provisioning URL from the MAC without separators.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import type { Cast } from '../helpers/fixtures.ts';
import { answer, clientFlag as flag, guiCast, type GuiClient } from './gui-client.ts';

/** new Device(): the model's defaults, then the form's edits. */
const newDevice = (edits: Record<string, unknown>) => ({
  device_address: '',
  device_label: null,
  device_vendor: null,
  device_model: null,
  device_template: null,
  device_firmware_version: null,
  device_location: null,
  device_username: null,
  device_password: null,
  device_description: null,
  device_enabled: true,
  device_profile_uuid: null,
  device_serial_number: null,
  ...edits,
});

/** addLine() then onExtensionSelect(): a line as _saveLines() posts it. */
const newLine = (device_uuid: string, ext: { uuid: string; extension: string; label: string }, index: number) => ({
  device_line_uuid: null,
  device_uuid,
  extension_uuid: ext.uuid,
  line_number: String(index + 1),
  server_address: 'pbx.example.test',
  user_id: ext.extension,
  auth_id: ext.extension,
  password: '',
  display_name: ext.label.split(' – ')[1] ?? '',
  sip_port: '5060',
  sip_transport: 'udp',
  register_expires: '3600',
  enabled: true,
});

describe.each(databaseKinds)('ICTPBX client: devices on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let admin: GuiClient;
  let tenantAdmin: GuiClient;
  let otherAdmin: GuiClient;
  let profileUuid: string;
  let deviceUuid: string;
  let extensions: { uuid: string; extension: string; label: string }[];

  beforeAll(async () => {
    ({ t, cast, admin, tenantAdmin, otherAdmin } = await guiCast(kind));
    answer(await tenantAdmin.post('/fpbx_extensions', { extension: '1001', password: 'Acme-pass-x1', effective_caller_id_name: 'Ann Smith' }));
    answer(await tenantAdmin.post('/fpbx_extensions', { extension: '1002', password: 'Acme-pass-x2' }));
  }, 120_000);
  afterAll(() => t?.close());

  it('device-profile.service.ts: POST /device_profiles with the form body answers the profile', async () => {
    const created = answer(await tenantAdmin.post('/device_profiles', { device_profile_name: 'Front desk', device_profile_description: null, device_profile_enabled: true }));
    expect(created.device_profile_uuid).toMatch(/^[0-9a-f-]{36}$/);
    profileUuid = created.device_profile_uuid;
  });

  it('device-profile-list.component.ts: GET /device_profiles answers a bare array with the columns it shows', async () => {
    const rows = answer(await tenantAdmin.get('/device_profiles'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ device_profile_uuid: profileUuid, device_profile_name: 'Front desk' });
    expect(flag(rows[0].device_profile_enabled)).toBe(true);
    expect(answer(await admin.get(`/device_profiles?tenant_id=${cast.tenantA}`))).toHaveLength(1);
    expect(answer(await admin.get(`/device_profiles?tenant_id=${cast.tenantB}`))).toEqual([]);
    expect(answer(await otherAdmin.get('/device_profiles'))).toEqual([]);
  });

  it('device-profile-form.component.ts: GET /device_profiles/:uuid then PUT of the loaded object', async () => {
    const loaded = answer(await tenantAdmin.get(`/device_profiles/${profileUuid}`));
    expect(flag(loaded.device_profile_enabled)).toBe(true);
    loaded.device_profile_description = 'Phones at reception';
    const updated = answer(await tenantAdmin.put(`/device_profiles/${profileUuid}`, loaded));
    expect(updated).toMatchObject({ device_profile_name: 'Front desk', device_profile_description: 'Phones at reception' });
  });

  it('device-form.component.ts: GET /device_vendors answers [{ name, models }] the vendor and model selects read', async () => {
    const vendors = answer(await tenantAdmin.get('/device_vendors'));
    expect(vendors.map((v: { name: string }) => v.name)).toEqual(['yealink', 'polycom', 'grandstream']);
    for (const v of vendors) {
      expect(Array.isArray(v.models)).toBe(true);
      expect(v.models.length).toBeGreaterThan(0);
    }
    expect(vendors.find((v: { name: string }) => v.name === 'yealink').models).toContain('t54w');
  });

  it('pbx-destination.service.ts: getExtensions reads extension_uuid, extension and effective_caller_id_name for the line picker', async () => {
    const rows = answer(await tenantAdmin.get('/fpbx_extensions'));
    extensions = rows.map((row: Record<string, string>) => ({
      uuid: row.extension_uuid,
      extension: row.extension,
      label: row.extension + (row.effective_caller_id_name ? ' – ' + row.effective_caller_id_name : ''),
    }));
    expect(extensions.map((e) => e.label)).toEqual(['1001 – Ann Smith', '1002']);
  });

  it('device-form.component.ts: POST /devices answers the new uuid as a bare JSON string, then _saveLines posts each line', async () => {
    const res = await tenantAdmin.post(
      '/devices',
      newDevice({ device_address: '00:15:65:AA:BB:CC', device_label: "Ann's desk", device_vendor: 'yealink', device_model: 't54w', device_template: 'yealink/t54w', device_profile_uuid: profileUuid, device_username: 'phone-ann', device_password: 'Provision-pass-1' }),
    );
    const result = answer(res);
    expect(typeof result).toBe('string');
    expect(res.headers['content-type']).toMatch(/application\/json/);
    deviceUuid = result;
    // The form's provisioning URL: the address without separators, lowercase.
    expect('00:15:65:AA:BB:CC'.replace(/[:-]/g, '').toLowerCase()).toBe('001565aabbcc');
    for (const [i, ext] of extensions.entries()) answer(await tenantAdmin.post('/device_lines', newLine(deviceUuid, ext, i)));
  });

  it('device-form.component.ts: GET /devices/:uuid and _loadLines (GET /device_lines?device_uuid=) read what the form shows', async () => {
    const device = answer(await tenantAdmin.get(`/devices/${deviceUuid}`));
    expect(device).toMatchObject({ device_uuid: deviceUuid, device_address: '001565aabbcc', device_vendor: 'yealink', device_model: 't54w', device_template: 'yealink/t54w', device_profile_uuid: profileUuid, device_username: 'phone-ann' });
    expect(flag(device.device_enabled)).toBe(true);
    expect(device.device_password).toBe('');
    const lines = answer(await tenantAdmin.get(`/device_lines?device_uuid=${deviceUuid}`));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ device_uuid: deviceUuid, extension_uuid: extensions[0].uuid, line_number: 1, user_id: '1001', auth_id: '1001', display_name: 'Ann Smith', server_address: 'pbx.example.test', sip_transport: 'udp', password: '' });
    expect(flag(lines[0].enabled)).toBe(true);
    expect(lines[1]).toMatchObject({ extension_uuid: extensions[1].uuid, line_number: 2, display_name: '' });
  });

  it('device-form.component.ts: PUT /devices/:uuid of the loaded object (its empty password keeps the stored one), then lines re-saved after a removal', async () => {
    const device = answer(await tenantAdmin.get(`/devices/${deviceUuid}`));
    device.device_location = 'Reception';
    answer(await tenantAdmin.put(`/devices/${deviceUuid}`, device));
    // removeLine(0), then _saveLines: the delete first, then each remaining line PUT renumbered.
    const rows = answer(await tenantAdmin.get(`/device_lines?device_uuid=${deviceUuid}`));
    answer(await tenantAdmin.delete(`/device_lines/${rows[0].device_line_uuid}`));
    const kept = { ...rows[1], enabled: rows[1].enabled === 'true' || rows[1].enabled === true, device_uuid: deviceUuid, line_number: '1' };
    answer(await tenantAdmin.put(`/device_lines/${kept.device_line_uuid}`, kept));
    const after = answer(await tenantAdmin.get(`/device_lines?device_uuid=${deviceUuid}`));
    expect(after.map((l: { user_id: string; line_number: number }) => [l.user_id, l.line_number])).toEqual([['1002', 1]]);
    expect(answer(await tenantAdmin.get(`/devices/${deviceUuid}`)).device_location).toBe('Reception');
  });

  it('the provisioning URL the form shows serves the phone its file with the stored password (Basic)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/provision/001565aabbcc', headers: { authorization: `Basic ${Buffer.from('phone-ann:Provision-pass-1').toString('base64')}` } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body.split('\n')[0]).toBe('#!version:1.0.0.1');
    expect(res.body).toContain('account.1.user_name = 1002');
    expect(res.body).toContain('account.1.password = Acme-pass-x2');
  });

  it('device-list.component.ts: GET /devices answers a bare array; formatMac and the enabled flag read it', async () => {
    const rows = answer(await tenantAdmin.get('/devices'));
    expect(rows).toHaveLength(1);
    const [row] = rows;
    for (const column of ['device_label', 'device_address', 'device_vendor', 'device_model', 'device_enabled', 'device_uuid']) expect(row).toHaveProperty(column);
    const formatted = row.device_address.replace(/[^a-fA-F0-9]/g, '').toLowerCase().match(/.{2}/g).join(':');
    expect(formatted).toBe('00:15:65:aa:bb:cc');
    expect(flag(row.device_enabled)).toBe(true);
    expect(answer(await admin.get(`/devices?tenant_id=${cast.tenantB}`))).toEqual([]);
    expect(answer(await otherAdmin.get('/devices'))).toEqual([]);
  });

  it('device-form.component.ts: a MAC in no usual spelling is a 400 naming device_address; a MAC in use is a 409', async () => {
    const bad = await tenantAdmin.post('/devices', newDevice({ device_address: '00:15:65:AA:BB' }));
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).error.message).toMatch(/device_address/);
    const taken = await otherAdmin.post('/devices', newDevice({ device_address: '00-15-65-aa-bb-cc' }));
    expect(taken.statusCode).toBe(409);
  });

  it('device-profile-list.component.ts and device-list.component.ts: DELETE answers true; a profile in use is a 409 until its device goes', async () => {
    expect((await tenantAdmin.delete(`/device_profiles/${profileUuid}`)).statusCode).toBe(409);
    expect(answer(await tenantAdmin.delete(`/devices/${deviceUuid}`))).toBe(true);
    expect(answer(await tenantAdmin.get(`/device_lines?device_uuid=${deviceUuid}`))).toEqual([]);
    expect(answer(await tenantAdmin.delete(`/device_profiles/${profileUuid}`))).toBe(true);
    expect(answer(await tenantAdmin.get('/device_profiles'))).toEqual([]);
  });
});
