// The ICTPBX client's inbound route screens, call by call (ictinnovations/ictpbx-community-edition-gui,
// src/app/pages/inbound_routes/: inbound_route.service.ts makes the calls, inbound_route.ts is the
// model the form starts from, inbound_route-form.component.ts sends destination_enabled as a
// boolean and PUTs back the object it loaded, inbound_route-list.component.ts/.html list, filter by
// tenant and delete). The client reads the flag as `=== 'true' || === true` and every answer with
// .json(). A route is a DID of the tenant that goes somewhere: the same object as /dids shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import type { Cast } from '../helpers/fixtures.ts';
import { createDid, createExtension, createRingGroup } from '../helpers/pbx-fixtures.ts';
import { answer, clientFlag as flag, guiCast, type GuiClient } from './gui-client.ts';

/** The body inbound_route-form.component.ts sends for a new route: the model's defaults (JSON drops the undefined uuids), then the edits. */
const newRoute = (edits: Record<string, unknown>) => ({
  destination_number: '',
  destination_target_type: 'extension',
  destination_target: '',
  destination_context: 'public',
  destination_order: 100,
  destination_enabled: true,
  destination_description: null,
  destination_data: null,
  ...edits,
});


describe.each(databaseKinds)('ICTPBX client: inbound routes on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let admin: GuiClient;
  let tenantAdmin: GuiClient;
  let otherAdmin: GuiClient;
  let uuid: string;
  const did: Record<string, number> = {};

  beforeAll(async () => {
    ({ t, cast, admin, tenantAdmin, otherAdmin } = await guiCast(kind));
    await createExtension(t, cast.tenantA, { extension: '1000', password: 'Acme-pass-0' });
    await createExtension(t, cast.tenantA, { extension: '1001', password: 'Acme-pass-1' });
    await createExtension(t, cast.tenantB, { extension: '2000', password: 'Globex-pass-2' });
    await createRingGroup(t, cast.tenantA, { ring_group_name: 'Sales', ring_group_extension: '6000', destinations: [{ destination_number: '1001' }] });
    // The super-admin buys the numbers and assigns them; the tenant admin routes them.
    did.a1 = await createDid(t, { phone: '15551230001', tenant_id: cast.tenantA, first_name: 'Main line', description: 'Front desk' });
    did.a2 = await createDid(t, { phone: '15551230002', tenant_id: cast.tenantA });
    did.a3 = await createDid(t, { phone: '15551230003', tenant_id: cast.tenantA });
    did.b1 = await createDid(t, { phone: '15551239001', tenant_id: cast.tenantB, destination_type: 'extension', destination_value: '2000' });
  }, 120_000);
  afterAll(() => t?.close());

  it("inbound_route-form.component.ts (new): POST /inbound_routes with the model's defaults routes a DID of the tenant; the answer parses as JSON", async () => {
    const created = answer(await tenantAdmin.post('/inbound_routes', newRoute({ destination_number: '+15551230001', destination_target: '1001' })));
    expect(typeof created.destination_uuid).toBe('string');
    uuid = created.destination_uuid;
    expect(created).toMatchObject({
      destination_number: '15551230001',
      destination_target_type: 'extension',
      destination_target: '1001',
      destination_context: 'public',
      destination_order: 100,
      destination_app: 'transfer',
      destination_data: '1001 XML acme.test',
      // The form's null description does not clear the DID's own.
      destination_description: 'Front desk',
      account_id: did.a1,
    });
    expect(flag(created.destination_enabled)).toBe(true);
  });

  it('inbound_route-form.component.ts (new): the ring group and voicemail target types name a group number and a mailbox', async () => {
    const group = answer(await tenantAdmin.post('/inbound_routes', newRoute({ destination_number: '15551230002', destination_target_type: 'ring_group', destination_target: '6000' })));
    expect(group).toMatchObject({ destination_target_type: 'ring_group', destination_target: '6000', destination_data: '6000 XML acme.test' });
  });

  it('inbound_route-list.component.ts: GET /inbound_routes is an array of rows with the columns the list shows; unrouted DIDs are not routes', async () => {
    const rows = answer(await tenantAdmin.get('/inbound_routes'));
    expect(Array.isArray(rows)).toBe(true);
    expect(rows.map((r: { destination_number: string }) => r.destination_number)).toEqual(['15551230001', '15551230002']);
    const row = rows.find((r: { destination_uuid: string }) => r.destination_uuid === uuid);
    expect(row).toMatchObject({ destination_number: '15551230001', destination_data: '1001 XML acme.test', destination_order: 100 });
    expect(flag(row.destination_enabled)).toBe(true);
  });

  it('inbound_route.service.ts getList(tenantId): the super-admin filters with ?tenant_id=, or lists every tenant with none', async () => {
    expect(answer(await admin.get(`/inbound_routes?tenant_id=${cast.tenantA}`))).toHaveLength(2);
    expect(answer(await admin.get(`/inbound_routes?tenant_id=${cast.tenantB}`)).map((r: { destination_number: string }) => r.destination_number)).toEqual(['15551239001']);
    expect(answer(await admin.get('/inbound_routes'))).toHaveLength(3);
  });

  it('inbound_route.service.ts: paging (pageIndex from 0, pageSize) and ?totalrows as a bare number', async () => {
    expect(answer(await tenantAdmin.get('/inbound_routes?pageIndex=0&pageSize=1'))).toHaveLength(1);
    const total = await tenantAdmin.get('/inbound_routes?totalrows');
    expect(answer(total)).toBe(2);
    expect(total.body).toBe('2');
  });

  it('inbound_route-form.component.ts (edit): GET /inbound_routes/:uuid gives every field of the model', async () => {
    const item = answer(await tenantAdmin.get(`/inbound_routes/${uuid}`));
    for (const field of [
      'destination_uuid',
      'dialplan_uuid',
      'destination_number',
      'destination_target_type',
      'destination_target',
      'destination_context',
      'destination_order',
      'destination_enabled',
      'destination_description',
      'destination_data',
    ]) {
      expect(item, field).toHaveProperty(field);
    }
    expect(item.destination_uuid).toBe(uuid);
    expect(typeof item.destination_order).toBe('number');
  });

  it('inbound_route-form.component.ts (edit): PUT /inbound_routes/:uuid with the loaded object (enabled made a boolean) and the edits', async () => {
    const loaded = answer(await tenantAdmin.get(`/inbound_routes/${uuid}`));
    const route = { ...loaded, destination_enabled: flag(loaded.destination_enabled) };
    const updated = answer(
      await tenantAdmin.put(`/inbound_routes/${uuid}`, { ...route, destination_target_type: 'voicemail', destination_target: '1000', destination_description: 'After hours', destination_cid_name_prefix: 'Main: ' }),
    );
    expect(updated).toMatchObject({
      destination_uuid: uuid,
      destination_target_type: 'voicemail',
      destination_target: '1000',
      destination_app: 'voicemail',
      destination_data: 'default acme.test 1000',
      destination_description: 'After hours',
      destination_cid_name_prefix: 'Main: ',
    });
    const disabled = answer(await tenantAdmin.put(`/inbound_routes/${uuid}`, { ...updated, destination_enabled: false }));
    expect(flag(disabled.destination_enabled)).toBe(false);
    expect(flag(answer(await tenantAdmin.get(`/inbound_routes/${uuid}`)).destination_enabled)).toBe(false);
    answer(await tenantAdmin.put(`/inbound_routes/${uuid}`, { ...disabled, destination_enabled: true, destination_target_type: 'extension', destination_target: '1001' }));
  });

  it('inbound_route-form.component.ts: a refused field is a 400 envelope naming it, and nothing is written', async () => {
    for (const [body, field] of [
      [newRoute({ destination_number: '15551230003', destination_target: '4040' }), 'destination_target'],
      [newRoute({ destination_number: '15551230003', destination_target: '' }), 'destination_target'],
      [newRoute({ destination_number: '15551230003', destination_target_type: 'fax', destination_target: '1001' }), 'destination_target_type'],
      [newRoute({ destination_number: '15551230003', destination_target_type: 'ring_group', destination_target: '6999' }), 'destination_target'],
      [newRoute({ destination_number: '15551230003', destination_target: '1001', destination_context: 'default' }), 'destination_context'],
      [newRoute({ destination_number: '15551230003', destination_target: '1001', destination_cid_name_prefix: '${system(id)}' }), 'destination_cid_name_prefix'],
      [newRoute({ destination_number: 'abc', destination_target: '1001' }), 'destination_number'],
      // Another tenant's number and a number nobody has read the same to a tenant admin.
      [newRoute({ destination_number: '15551239001', destination_target: '1001' }), 'destination_number'],
      [newRoute({ destination_number: '15557777777', destination_target: '1001' }), 'destination_number'],
    ] as const) {
      const res = await tenantAdmin.post('/inbound_routes', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.message).toContain(field);
    }
    expect(answer(await tenantAdmin.get('/inbound_routes?totalrows'))).toBe(2);
    expect(answer(await admin.get('/dids?phone=15557777777'))).toEqual([]);
    // A DID already routed is edited, not routed twice.
    expect((await tenantAdmin.post('/inbound_routes', newRoute({ destination_number: '15551230001', destination_target: '1000' }))).statusCode).toBe(409);
  });

  it("inbound_route-list.component.ts: another tenant's admin neither sees, reads, edits nor deletes the route (404)", async () => {
    expect(answer(await otherAdmin.get('/inbound_routes')).map((r: { destination_uuid: string }) => r.destination_uuid)).not.toContain(uuid);
    expect((await otherAdmin.get(`/inbound_routes/${uuid}`)).statusCode).toBe(404);
    expect((await otherAdmin.put(`/inbound_routes/${uuid}`, { destination_target: '2000' })).statusCode).toBe(404);
    expect((await otherAdmin.delete(`/inbound_routes/${uuid}`)).statusCode).toBe(404);
    expect(answer(await tenantAdmin.get(`/inbound_routes/${uuid}`)).destination_target).toBe('1001');
  });

  it('inbound_route-list.component.ts (super-admin, any tenant): a new number with tenant_id creates the DID; without a tenant it is refused; another tenant’s DID is a conflict', async () => {
    const created = answer(await admin.post('/inbound_routes', newRoute({ tenant_id: cast.tenantB, destination_number: '15551239002', destination_target: '2000', destination_description: 'Globex new' })));
    expect(created).toMatchObject({ tenant_id: cast.tenantB, tenant_name: 'Globex', destination_data: '2000 XML globex.test' });
    const [dids] = answer(await admin.get('/dids?phone=15551239002'));
    expect(dids).toMatchObject({ uuid: created.destination_uuid, tenant_id: cast.tenantB, description: 'Globex new', destination_type: 'extension', destination_value: '2000' });
    const noTenant = await admin.post('/inbound_routes', newRoute({ destination_number: '15551239003', destination_target: '2000' }));
    expect(noTenant.statusCode).toBe(400);
    expect(noTenant.json().error.message).toContain('tenant_id');
    expect((await admin.post('/inbound_routes', newRoute({ tenant_id: cast.tenantA, destination_number: '15551239001', destination_target: '1001' }))).statusCode).toBe(409);
    // The super-admin edits any tenant's route.
    expect(answer(await admin.put(`/inbound_routes/${created.destination_uuid}`, { destination_description: 'Edited' })).destination_description).toBe('Edited');
  });

  it('one model: the DID seen through /dids and /inbound_routes is one object (edit one, read the other)', async () => {
    const [viaDids] = answer(await tenantAdmin.get('/dids?phone=15551230001'));
    expect(viaDids.uuid).toBe(uuid);
    answer(await tenantAdmin.put(`/dids/${viaDids.account_id}`, { destination_type: 'ring_group', destination_value: '6000', caller_id_prefix: 'Sales: ' }));
    expect(answer(await tenantAdmin.get(`/inbound_routes/${uuid}`))).toMatchObject({ destination_target_type: 'ring_group', destination_target: '6000', destination_cid_name_prefix: 'Sales: ' });
    const loaded = answer(await tenantAdmin.get(`/inbound_routes/${uuid}`));
    answer(await tenantAdmin.put(`/inbound_routes/${uuid}`, { ...loaded, destination_enabled: true, destination_target_type: 'extension', destination_target: '1000', destination_description: 'Reception' }));
    expect(answer(await tenantAdmin.get(`/dids/${viaDids.account_id}`))).toMatchObject({ destination_type: 'extension', destination_value: '1000', description: 'Reception', first_name: 'Main line' });
    // A tenant admin cannot renumber the DID through its route either.
    expect((await tenantAdmin.put(`/inbound_routes/${uuid}`, { ...loaded, destination_number: '15551230099' })).statusCode).toBe(403);
  });

  it('inbound_route-list.component.ts confirmDelete: DELETE /inbound_routes/:uuid with a JSON content type and no body; the DID stays the tenant’s, unrouted', async () => {
    expect(answer(await tenantAdmin.delete(`/inbound_routes/${uuid}`))).toBe(true);
    expect((await tenantAdmin.get(`/inbound_routes/${uuid}`)).statusCode).toBe(404);
    expect(answer(await tenantAdmin.get('/inbound_routes')).map((r: { destination_uuid: string }) => r.destination_uuid)).not.toContain(uuid);
    expect(answer(await tenantAdmin.get(`/dids/${did.a1}`))).toMatchObject({ uuid, tenant_id: cast.tenantA, destination_type: '', destination_value: '', caller_id_prefix: '' });
    // Routing it again keeps its uuid.
    expect(answer(await tenantAdmin.post('/inbound_routes', newRoute({ destination_number: '15551230001', destination_target: '1001' }))).destination_uuid).toBe(uuid);
  });
});
