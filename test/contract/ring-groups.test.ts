// The ICTPBX client's ring group screens, call by call (ictinnovations/ictpbx-community-edition-gui,
// src/app/pages/ring_groups/: ring_groups.service.ts makes the calls, ring_groups.ts is the model,
// ring_groups-form-component.ts/.html builds the body, ring_groups-component.ts/.html reads the
// list; src/app/services/pbx-destination.service.ts and extension-check.service.ts too). The form
// sends JS booleans, numbers from its number inputs, the timeout destination as the dial string it
// picked (*99<mailbox> for voicemail), and PUTs back the object it loaded. The list reads
// `ring_group_enabled === true || === 'true'`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import type { Cast } from '../helpers/fixtures.ts';
import { answer, clientFlag as flag, guiCast, type GuiClient, guiClient } from './gui-client.ts';

/** What ring_groups-form-component.ts sends for a new group: its constructor's defaults, then the edits. */
const newRingGroup = (edits: Record<string, unknown>) => ({
  ring_group_strategy: 'simultaneous',
  ring_group_call_timeout: 30,
  ring_group_enabled: true,
  destinations: [],
  ...edits,
});

/** addDestination(): a member as the form adds it. */
const member = (destination_number: string, order: number, edits: Record<string, unknown> = {}) => ({
  destination_number,
  destination_delay: 0,
  destination_timeout: 30,
  destination_order: order,
  destination_enabled: true,
  ...edits,
});


describe.each(databaseKinds)('ICTPBX client: ring groups on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let admin: GuiClient;
  let tenantAdmin: GuiClient;
  let otherAdmin: GuiClient;
  let uuid: string;

  beforeAll(async () => {
    ({ t, cast, admin, tenantAdmin, otherAdmin } = await guiCast(kind));
    for (const extension of ['1001', '1002']) answer(await tenantAdmin.post('/fpbx_extensions', { extension, password: 'Acme-pass-x1' }));
  }, 120_000);
  afterAll(() => t?.close());

  it('ring_groups-form-component.ts: POST /ring_groups with the form body answers the group with its ring_group_uuid', async () => {
    const body = newRingGroup({
      ring_group_name: 'Sales',
      ring_group_extension: '6000',
      ring_group_caller_id_name: 'Sales line',
      ring_group_timeout_data: '*991001',
      ring_group_description: 'The sales team',
      destinations: [member('1002', 2), member('1001', 1, { destination_delay: 5 }), member('+15551234567', 3, { destination_timeout: 20 })],
    });
    const created = answer(await tenantAdmin.post('/ring_groups', body));
    expect(created.ring_group_uuid).toMatch(/^[0-9a-f-]{36}$/);
    uuid = created.ring_group_uuid;
    expect(created).toMatchObject({
      ring_group_name: 'Sales',
      ring_group_extension: '6000',
      ring_group_strategy: 'simultaneous',
      ring_group_call_timeout: 30,
      ring_group_enabled: true,
      ring_group_timeout_app: 'voicemail',
      ring_group_timeout_data: '*991001',
      ring_group_context: 'acme.test',
      destination_count: 3,
    });
    expect(created.destinations.map((d: { destination_number: string }) => d.destination_number)).toEqual(['1001', '1002', '+15551234567']);
    expect(created.destinations[0]).toMatchObject({ destination_delay: 5, destination_timeout: 30, destination_order: 1, destination_enabled: true, destination_type: 'extension' });
    expect(created.destinations[2]).toMatchObject({ destination_type: 'external', destination_timeout: 20 });
  });

  it('ring_groups.service.ts: GET /ring_groups answers a bare array with every column the list shows', async () => {
    const rows = answer(await tenantAdmin.get('/ring_groups'));
    expect(rows).toHaveLength(1);
    const [row] = rows;
    for (const column of ['ring_group_uuid', 'ring_group_name', 'ring_group_extension', 'ring_group_strategy', 'ring_group_call_timeout', 'tenant_name']) expect(row).toHaveProperty(column);
    expect(flag(row.ring_group_enabled)).toBe(true);
    expect(row.tenant_name).toBe('Acme');
    expect(typeof row.ring_group_call_timeout).toBe('number');
  });

  it('ring_groups.service.ts: GET /ring_groups?tenant_id= (the super-admin tenant picker) lists one tenant; ICTCore paging and ?totalrows work', async () => {
    expect(answer(await admin.get(`/ring_groups?tenant_id=${cast.tenantA}`))).toHaveLength(1);
    expect(answer(await admin.get(`/ring_groups?tenant_id=${cast.tenantB}`))).toEqual([]);
    expect(answer(await admin.get('/ring_groups?pageIndex=0&pageSize=10'))).toHaveLength(1);
    const count = await admin.get('/ring_groups?totalrows');
    expect(count.statusCode).toBe(200);
    expect(JSON.parse(count.body)).toBe(1);
  });

  it('pbx-destination.service.ts: getRingGroups reads ring_group_uuid, ring_group_extension and ring_group_name', async () => {
    const [row] = answer(await tenantAdmin.get('/ring_groups'));
    expect(row).toMatchObject({ ring_group_uuid: uuid, ring_group_extension: '6000', ring_group_name: 'Sales' });
  });

  it('extension-check.service.ts: the group number is taken (check and next_available see it), and a second group on it is a 409', async () => {
    expect(answer(await tenantAdmin.get('/fpbx_extensions/check?extension=6000'))).toMatchObject({ available: false, used_by: 'Ring Group' });
    expect(answer(await tenantAdmin.get('/fpbx_extensions/next_available?start=6000')).next_available).toBe('6001');
    const again = await tenantAdmin.post('/ring_groups', newRingGroup({ ring_group_name: 'Again', ring_group_extension: '6000' }));
    expect(again.statusCode).toBe(409);
    const onExtension = await tenantAdmin.post('/ring_groups', newRingGroup({ ring_group_name: 'Clash', ring_group_extension: '1001' }));
    expect(onExtension.statusCode).toBe(409);
    expect((await tenantAdmin.post('/fpbx_extensions', { extension: '6000', password: 'Acme-pass-x1' })).statusCode).toBe(409);
  });

  it('ring_groups-form-component.ts: GET /ring_groups/:uuid then PUT of the loaded object with edits', async () => {
    const loaded = answer(await tenantAdmin.get(`/ring_groups/${uuid}`));
    expect(loaded.destinations).toHaveLength(3);
    loaded.ring_group_strategy = 'sequence';
    loaded.ring_group_enabled = false;
    loaded.destinations.pop();
    const updated = answer(await tenantAdmin.put(`/ring_groups/${uuid}`, loaded));
    expect(updated).toMatchObject({ ring_group_strategy: 'sequence', ring_group_enabled: false, destination_count: 2, ring_group_timeout_data: '*991001' });
    expect(flag(answer(await tenantAdmin.get('/ring_groups'))[0].ring_group_enabled)).toBe(false);
  });

  it('ring_groups-form-component.ts: flags as the strings \'1\'/\'0\' and a timeout destination picked as a ring group', async () => {
    const second = answer(
      await tenantAdmin.post('/ring_groups', newRingGroup({ ring_group_name: 'Support', ring_group_extension: '6001', ring_group_enabled: '1', ring_group_timeout_data: '6000', destinations: [member('1001', 1, { destination_enabled: '0' })] })),
    );
    expect(second).toMatchObject({ ring_group_enabled: true, ring_group_timeout_app: 'ring_group', ring_group_timeout_data: '6000' });
    expect(second.destinations[0].destination_enabled).toBe(false);
    // 6000 is now another group's timeout destination: it cannot go.
    const blocked = await tenantAdmin.delete(`/ring_groups/${uuid}`);
    expect(blocked.statusCode).toBe(409);
    expect(JSON.parse(blocked.body).error.message).toMatch(/ring_group/);
    answer(await tenantAdmin.delete(`/ring_groups/${second.ring_group_uuid}`));
  });

  it('ring_groups-form-component.ts: refuses what the client cannot mean, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ring_group_name: 'X', ring_group_extension: '6100', ring_group_strategy: 'enterprise-2' }, 'ring_group_strategy'],
      [{ ring_group_name: 'X', ring_group_extension: '6100', ring_group_caller_id_name: '${system(id)}' }, 'ring_group_caller_id_name'],
      // The echo test's feature code is no destination.
      [{ ring_group_name: 'X', ring_group_extension: '6100', ring_group_timeout_data: '9196' }, 'ring_group_timeout_data'],
      [{ ring_group_name: 'X', ring_group_extension: '6100', ring_group_timeout_app: 'ring_group', ring_group_timeout_data: '6999' }, 'ring_group_timeout_data'],
      [{ ring_group_name: 'X', ring_group_extension: '6100', destinations: [member('6100', 1)] }, 'destinations'],
      [{ ring_group_name: 'X', ring_group_extension: '6100', destinations: [member('10a1', 1)] }, 'destination_number'],
      [{ ring_group_name: 'X', ring_group_extension: '6100', ring_group_ringback: 'zz-ring' }, 'ring_group_ringback'],
      [{ ring_group_name: 'X', ring_group_extension: '6100', ring_group_greeting: 'hello.wav' }, 'ring_group_greeting'],
    ];
    for (const [body, field] of cases) {
      const res = await tenantAdmin.post('/ring_groups', newRingGroup(body));
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(JSON.parse(res.body).error.message).toContain(field);
    }
    expect(answer(await tenantAdmin.get('/ring_groups'))).toHaveLength(1);
  });

  it('ring_groups-component.ts: another tenant sees nothing and cannot read, change or delete the group', async () => {
    expect(answer(await otherAdmin.get('/ring_groups'))).toEqual([]);
    expect((await otherAdmin.get(`/ring_groups/${uuid}`)).statusCode).toBe(404);
    expect((await otherAdmin.put(`/ring_groups/${uuid}`, { ring_group_name: 'Mine' })).statusCode).toBe(404);
    expect((await otherAdmin.delete(`/ring_groups/${uuid}`)).statusCode).toBe(404);
    // An end user of the tenant holds no ring group permission.
    expect((await guiClient(t, cast.userA.token).get('/ring_groups')).statusCode).toBe(403);
  });

  it('ring_groups-component.ts: DELETE with a JSON content type and no body answers true, then the group is gone', async () => {
    const res = await tenantAdmin.delete(`/ring_groups/${uuid}`);
    expect(answer(res)).toBe(true);
    expect((await tenantAdmin.get(`/ring_groups/${uuid}`)).statusCode).toBe(404);
    expect(answer(await tenantAdmin.get('/fpbx_extensions/check?extension=6000'))).toMatchObject({ available: true });
  });
});
