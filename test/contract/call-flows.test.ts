// The ICTPBX client's call flow screens, call by call (ictinnovations/ictpbx-community-edition-gui,
// src/app/pages/call_flows/: call_flow.service.ts makes the calls, call_flow.ts is the model,
// call_flows-form.component.ts builds the body (call_flow_enabled as 'true'/'false',
// call_flow_status from its 'true'/'false' select) and reads the answer, call_flows-list.component
// .ts/.html list (call_flow_name, call_flow_extension, call_flow_feature_code, call_flow_status
// `=== 'true'`, call_flow_label / call_flow_alternate_label, call_flow_enabled `=== 'true' ||
// === true`, tenant_name, call_flow_uuid) and delete (reading error.message on failure).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import type { Cast } from '../helpers/fixtures.ts';
import { answer, clientFlag as flag, guiCast, type GuiClient, guiClient } from './gui-client.ts';

/** The body the form sends for a new call flow: its model's defaults, then the edits. */
const newCallFlow = (edits: Record<string, unknown>) => ({
  call_flow_name: '',
  call_flow_extension: '',
  call_flow_feature_code: '',
  call_flow_context: '',
  call_flow_status: 'true',
  call_flow_pin_number: '',
  call_flow_label: 'Open',
  call_flow_sound: '',
  call_flow_app: 'transfer',
  call_flow_data: '',
  call_flow_alternate_label: 'Closed',
  call_flow_alternate_sound: '',
  call_flow_alternate_app: 'transfer',
  call_flow_alternate_data: '',
  call_flow_enabled: 'true',
  ...edits,
});


describe.each(databaseKinds)('ICTPBX client: call flows on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let admin: GuiClient;
  let tenantAdmin: GuiClient;
  let otherAdmin: GuiClient;
  let uuid: string;

  beforeAll(async () => {
    ({ t, cast, admin, tenantAdmin, otherAdmin } = await guiCast(kind));
    for (const extension of ['1001', '1002']) answer(await tenantAdmin.post('/fpbx_extensions', { extension, password: 'Secret-pass-7' }));
  }, 120_000);
  afterAll(() => t?.close());

  it('call_flow.service.ts add: POST /call_flows with the form’s model answers the call flow', async () => {
    const created = answer(
      await tenantAdmin.post('/call_flows', newCallFlow({ call_flow_name: 'Reception', call_flow_extension: '5100', call_flow_feature_code: '*301', call_flow_data: '1001', call_flow_alternate_data: '*991002' })),
    );
    expect(created).toMatchObject({
      call_flow_name: 'Reception',
      call_flow_extension: '5100',
      call_flow_feature_code: '*301',
      call_flow_context: 'acme.test',
      call_flow_status: 'true',
      call_flow_label: 'Open',
      call_flow_alternate_label: 'Closed',
      call_flow_app: 'transfer',
      call_flow_data: '1001',
      call_flow_destination_type: 'extension',
      call_flow_alternate_data: '*991002',
      call_flow_alternate_destination_type: 'voicemail',
    });
    expect(flag(created.call_flow_enabled)).toBe(true);
    expect(created.call_flow_uuid).toMatch(/^[0-9a-f-]{36}$/);
    uuid = created.call_flow_uuid;
  });

  it('call_flows-list.component.ts: GET /call_flows answers a bare array with the fields the list reads', async () => {
    const list = answer(await tenantAdmin.get('/call_flows'));
    expect(list).toHaveLength(1);
    const [row] = list;
    expect(row).toMatchObject({ call_flow_uuid: uuid, call_flow_name: 'Reception', call_flow_extension: '5100', call_flow_feature_code: '*301', call_flow_status: 'true', call_flow_label: 'Open', tenant_name: expect.any(String) });
    expect(flag(row.call_flow_enabled)).toBe(true);
    expect(answer(await admin.get('/call_flows'))).toHaveLength(1);
    expect(answer(await admin.get(`/call_flows?tenant_id=${cast.tenantB}`))).toEqual([]);
    expect(answer(await otherAdmin.get('/call_flows'))).toEqual([]);
    expect(answer(await guiClient(t, cast.userA.token).get('/call_flows'), 403).error).toBeDefined();
  });

  it('paging as ICTPBX lists send it: pageIndex from 0, pageSize, and ?totalrows as a bare number', async () => {
    expect(answer(await tenantAdmin.get('/call_flows?pageIndex=0&pageSize=10'))).toHaveLength(1);
    const count = await tenantAdmin.get('/call_flows?totalrows');
    expect(count.statusCode).toBe(200);
    expect(JSON.parse(count.body)).toBe(1);
  });

  it('call_flow.service.ts getData: GET /call_flows/:uuid answers what the form reads; another tenant’s is not found', async () => {
    const cf = answer(await tenantAdmin.get(`/call_flows/${uuid}`));
    for (const key of Object.keys(newCallFlow({}))) expect(cf).toHaveProperty(key);
    expect(cf).toHaveProperty('domain_uuid');
    expect(answer(await otherAdmin.get(`/call_flows/${uuid}`), 404).error.reason).toBe('NOT_FOUND');
  });

  it('call_flows-form.component.ts save: PUT /call_flows/:uuid with the object it loaded sets the status and labels', async () => {
    const loaded = answer(await tenantAdmin.get(`/call_flows/${uuid}`));
    const payload = { ...loaded, call_flow_enabled: flag(loaded.call_flow_enabled) ? 'true' : 'false', call_flow_status: 'false', call_flow_alternate_label: 'Night' };
    const updated = answer(await tenantAdmin.put(`/call_flows/${loaded.call_flow_uuid}`, payload));
    expect(updated).toMatchObject({ call_flow_status: 'false', call_flow_alternate_label: 'Night', call_flow_data: '1001', call_flow_alternate_data: '*991002' });
    const back = answer(await tenantAdmin.put(`/call_flows/${uuid}`, { ...updated, call_flow_status: 'true' }));
    expect(back.call_flow_status).toBe('true');
    expect(answer(await otherAdmin.put(`/call_flows/${uuid}`, { call_flow_status: 'false' }), 404).error.reason).toBe('NOT_FOUND');
  });

  it('call_flows-form.component.ts: a refused field is a 400 naming it, and writes nothing', async () => {
    const bad = answer(await tenantAdmin.post('/call_flows', newCallFlow({ call_flow_name: 'Bad', call_flow_extension: '5101', call_flow_label: '${system(id)}' })), 400);
    expect(bad.error.reason).toBe('VALIDATION_FAILED');
    expect(bad.error.message).toContain('call_flow_label');
    const code = answer(await tenantAdmin.post('/call_flows', newCallFlow({ call_flow_name: 'Bad', call_flow_extension: '5101', call_flow_feature_code: '*3a' })), 400);
    expect(code.error.message).toContain('call_flow_feature_code');
    const nowhere = answer(await tenantAdmin.post('/call_flows', newCallFlow({ call_flow_name: 'Nowhere', call_flow_extension: '5101', call_flow_data: '4444' })), 400);
    expect(nowhere.error.message).toContain('call_flow_data');
    expect(answer(await tenantAdmin.get('/call_flows'))).toHaveLength(1);
  });

  it('the number and the toggle code are reserved: check names them, taken ones are a 409, /feature_codes lists the code', async () => {
    expect(answer(await tenantAdmin.get('/fpbx_extensions/check?extension=5100'))).toMatchObject({ available: false, used_by: 'Call Flow' });
    expect(answer(await tenantAdmin.post('/call_flows', newCallFlow({ call_flow_name: 'Twin', call_flow_extension: '1001' })), 409).error.reason).toBe('CONFLICT');
    expect(answer(await tenantAdmin.post('/call_flows', newCallFlow({ call_flow_name: 'Twin', call_flow_extension: '5102', call_flow_feature_code: '*301' })), 409).error.reason).toBe('CONFLICT');
    expect(answer(await tenantAdmin.post('/call_flows', newCallFlow({ call_flow_name: 'Core', call_flow_extension: '5102', call_flow_feature_code: '*97' })), 409).error.reason).toBe('CONFLICT');
    expect(answer(await tenantAdmin.post('/fpbx_extensions', { extension: '5100', password: 'Secret-pass-7' }), 409).error.reason).toBe('CONFLICT');
    const codes = answer(await tenantAdmin.get('/feature_codes'));
    expect(codes).toEqual(expect.arrayContaining([expect.objectContaining({ dialplan_number: '*301', dialplan_expression: '^\\*301$', feature_module: 'callFlows', feature_action: 'call_flow_toggle' })]));
    // Another tenant may use the same number and code.
    const other = answer(await otherAdmin.post('/call_flows', newCallFlow({ call_flow_name: 'B', call_flow_extension: '5100', call_flow_feature_code: '*301' })));
    expect(answer(await otherAdmin.delete(`/call_flows/${other.call_flow_uuid}`))).toBe(true);
  });

  it('call_flow.service.ts delete: 409 while a DID points at it, then DELETE with a JSON content type and no body', async () => {
    const did = answer(await admin.post('/dids', { phone: '15551230100', tenant_id: cast.tenantA, destination_type: 'call_flow', destination_value: '5100' }));
    const refused = answer(await tenantAdmin.delete(`/call_flows/${uuid}`), 409);
    expect(refused.error.message).toContain('did');
    answer(await admin.delete(`/dids/${did}`));
    expect(answer(await otherAdmin.delete(`/call_flows/${uuid}`), 404).error.reason).toBe('NOT_FOUND');
    expect(answer(await tenantAdmin.delete(`/call_flows/${uuid}`))).toBe(true);
    expect(answer(await tenantAdmin.get('/call_flows'))).toEqual([]);
  });
});
