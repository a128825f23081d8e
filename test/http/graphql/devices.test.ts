// Devices through GraphQL: the same services as REST, so the same rules (MAC spellings, 400
// naming the input field, 409 for a MAC in use, tenants never seeing each other's devices).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';
import { codeOf, dataOf, firstError } from '../../helpers/graphql.ts';

const DEVICE = 'deviceUuid tenantId deviceAddress deviceVendor deviceModel deviceUsername devicePassword deviceProfileUuid deviceProfileName deviceEnabled deviceLineCount';
const CREATE = `mutation($input: DeviceCreateInput!) { createDevice(input: $input) { ${DEVICE} } }`;
const UPDATE = `mutation($id: ID!, $input: DeviceUpdateInput!) { updateDevice(id: $id, input: $input) { ${DEVICE} } }`;

describe.each(databaseKinds)('GraphQL devices on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let ext: string;
  let id: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    const res = await t.api('POST', '/api/fpbx_extensions', { token: cast.adminA.token, body: { extension: '1001', password: 'Acme-pass-x1' } });
    expect(res.statusCode, res.body).toBe(200);
    ext = res.json().extension_uuid;
  }, 120_000);
  afterAll(() => t?.close());

  it('a tenant admin creates a profile, a device on it and a line, and reads them back', async () => {
    const profile = dataOf(await t.gql('mutation { createDeviceProfile(input: { deviceProfileName: "Office" }) { deviceProfileUuid deviceProfileEnabled deviceCount } }', {}, cast.adminA.token)).createDeviceProfile;
    expect(profile).toMatchObject({ deviceProfileEnabled: true, deviceCount: 0 });
    const device = dataOf(await t.gql(CREATE, { input: { deviceAddress: '00-04-F2-00-00-01', deviceVendor: 'polycom', deviceProfileUuid: profile.deviceProfileUuid, deviceUsername: 'pc', devicePassword: 'Polycom-pass-1' } }, cast.adminA.token)).createDevice;
    id = device.deviceUuid;
    expect(device).toMatchObject({ tenantId: cast.tenantA, deviceAddress: '0004f2000001', deviceVendor: 'polycom', deviceUsername: 'pc', devicePassword: '', deviceProfileName: 'Office', deviceEnabled: true });
    const line = dataOf(await t.gql('mutation($input: DeviceLineCreateInput!) { createDeviceLine(input: $input) { lineNumber userId extension sipTransport } }', { input: { deviceUuid: id, extensionUuid: ext, sipTransport: 'tls' } }, cast.adminA.token)).createDeviceLine;
    expect(line).toEqual({ lineNumber: 1, userId: '1001', extension: '1001', sipTransport: 'tls' });
    const lines = dataOf(await t.gql('query($d: String) { deviceLines(deviceUuid: $d) { total items { extensionUuid } } }', { d: id }, cast.adminA.token)).deviceLines;
    expect(lines).toEqual({ total: 1, items: [{ extensionUuid: ext }] });
    const list = dataOf(await t.gql('{ devices(sort: address) { total items { deviceAddress deviceLineCount } } }', {}, cast.adminA.token)).devices;
    expect(list).toEqual({ total: 1, items: [{ deviceAddress: '0004f2000001', deviceLineCount: 1 }] });
    const vendors = dataOf(await t.gql('{ deviceVendors { name maxLines files } }', {}, cast.adminA.token)).deviceVendors;
    expect(vendors.find((v: { name: string }) => v.name === 'grandstream')).toEqual({ name: 'grandstream', maxLines: 2, files: ['cfg<mac>.xml'] });
  });

  it('deviceProfileUuid: null takes the device off its profile', async () => {
    const updated = dataOf(await t.gql(UPDATE, { id, input: { deviceProfileUuid: null } }, cast.adminA.token)).updateDevice;
    expect(updated).toMatchObject({ deviceProfileUuid: null, deviceProfileName: '' });
  });

  it('refuses a MAC in no usual spelling (400 naming input.deviceAddress) and one in use (409)', async () => {
    const bad = await t.gql(CREATE, { input: { deviceAddress: '0004f20000' } }, cast.adminA.token);
    expect(codeOf(bad)).toBe(400);
    expect(firstError(bad).message).toContain('deviceAddress');
    expect(codeOf(await t.gql(CREATE, { input: { deviceAddress: '0004F2000001' } }, cast.adminB.token))).toBe(409);
  });

  it("another tenant's device is not found, and its devices are not listed", async () => {
    expect(codeOf(await t.gql('query($id: ID!) { device(id: $id) { deviceUuid } }', { id }, cast.adminB.token))).toBe(404);
    expect(codeOf(await t.gql(UPDATE, { id, input: { deviceLabel: 'x' } }, cast.adminB.token))).toBe(404);
    expect(codeOf(await t.gql('mutation($id: ID!) { deleteDevice(id: $id) }', { id }, cast.adminB.token))).toBe(404);
    expect(dataOf(await t.gql('{ devices { total } }', {}, cast.adminB.token)).devices.total).toBe(0);
    expect(dataOf(await t.gql('mutation($id: ID!) { deleteDevice(id: $id) }', { id }, cast.adminA.token)).deleteDevice).toBe(true);
  });
});
