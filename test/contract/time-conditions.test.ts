// The ICTPBX client's time condition screens, call by call (ictinnovations/ictpbx-community-edition-gui,
// src/app/pages/time_conditions/: time_condition.service.ts makes the calls, time_condition.ts is the
// model, time_conditions-form.component.ts builds the body and reads the answer,
// time_conditions-list.component.ts/.html list and delete). The form sends its model with
// tc_enabled as 'true'/'false', destinations as the number that reaches them (`*99<box>` for a
// mailbox, src/app/services/pbx-destination.service.ts), and PUTs back the object it loaded; the
// list reads tc_name, tc_extension, tc_description, tc_enabled (`=== 'true' || === true`) and
// dialplan_uuid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import type { Cast } from '../helpers/fixtures.ts';
import { answer, clientFlag as flag, guiCast, type GuiClient } from './gui-client.ts';

/** The body the form sends for a new time condition: its model's defaults, then the edits. */
const newTimeCondition = (edits: Record<string, unknown>) => ({
  tc_name: '',
  tc_extension: '',
  tc_context: '',
  tc_description: '',
  tc_enabled: 'true',
  tc_time_start: '08:00',
  tc_time_stop: '17:00',
  tc_wday_start: 'mon',
  tc_wday_stop: 'fri',
  tc_open_destination: '',
  tc_closed_destination: '',
  ...edits,
});


describe.each(databaseKinds)('ICTPBX client: time conditions on $name', (kind) => {
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

  it('extension-check.service.ts: the form asks next_available for a new time condition’s number', async () => {
    expect(answer(await tenantAdmin.get('/fpbx_extensions/next_available?start=5000'))).toEqual({ next_available: '5000' });
  });

  it('time_condition.service.ts add: POST /time_conditions with the form’s model answers the time condition', async () => {
    const created = answer(
      await tenantAdmin.post('/time_conditions', newTimeCondition({ tc_name: 'Business hours', tc_extension: '5000', tc_open_destination: '1001', tc_closed_destination: '*991002' })),
    );
    expect(created).toMatchObject({
      tc_name: 'Business hours',
      tc_extension: '5000',
      tc_context: 'acme.test',
      tc_time_start: '08:00',
      tc_time_stop: '17:00',
      tc_wday_start: 'mon',
      tc_wday_stop: 'fri',
      tc_open_destination: '1001',
      tc_open_destination_type: 'extension',
      tc_closed_destination: '*991002',
      tc_closed_destination_type: 'voicemail',
      tc_timezone: 'UTC',
    });
    expect(flag(created.tc_enabled)).toBe(true);
    expect(created.dialplan_uuid).toMatch(/^[0-9a-f-]{36}$/);
    uuid = created.dialplan_uuid;
  });

  it('time_condition.service.ts getList: GET /time_conditions answers a bare array with the fields the list reads', async () => {
    const list = answer(await tenantAdmin.get('/time_conditions'));
    expect(Array.isArray(list)).toBe(true);
    expect(list).toHaveLength(1);
    const [row] = list;
    expect(row).toMatchObject({ dialplan_uuid: uuid, tc_name: 'Business hours', tc_extension: '5000', tc_description: '' });
    expect(flag(row.tc_enabled)).toBe(true);
  });

  it('time_conditions-list.component.ts: the super-admin lists all, or one tenant with ?tenant_id=', async () => {
    expect(answer(await admin.get('/time_conditions'))).toHaveLength(1);
    expect(answer(await admin.get(`/time_conditions?tenant_id=${cast.tenantA}`))).toHaveLength(1);
    expect(answer(await admin.get(`/time_conditions?tenant_id=${cast.tenantB}`))).toEqual([]);
    expect(answer(await otherAdmin.get('/time_conditions'))).toEqual([]);
  });

  it('paging as ICTPBX lists send it: pageIndex from 0, pageSize, and ?totalrows as a bare number', async () => {
    expect(answer(await tenantAdmin.get('/time_conditions?pageIndex=0&pageSize=10'))).toHaveLength(1);
    const count = await tenantAdmin.get('/time_conditions?totalrows');
    expect(count.statusCode).toBe(200);
    expect(JSON.parse(count.body)).toBe(1);
  });

  it('time_condition.service.ts getData: GET /time_conditions/:uuid answers what the form reads', async () => {
    const tc = answer(await tenantAdmin.get(`/time_conditions/${uuid}`));
    expect(Object.keys(tc)).toEqual(
      expect.arrayContaining([
        'dialplan_uuid',
        'domain_uuid',
        'tc_name',
        'tc_extension',
        'tc_context',
        'tc_description',
        'tc_enabled',
        'tc_time_start',
        'tc_time_stop',
        'tc_wday_start',
        'tc_wday_stop',
        'tc_open_destination',
        'tc_closed_destination',
      ]),
    );
    expect(typeof tc.domain_uuid).toBe('string');
    expect(answer(await otherAdmin.get(`/time_conditions/${uuid}`), 404).error.reason).toBe('NOT_FOUND');
  });

  it('time_conditions-form.component.ts save: PUT /time_conditions/:uuid with the object it loaded and tc_enabled as text', async () => {
    const loaded = answer(await tenantAdmin.get(`/time_conditions/${uuid}`));
    const payload = { ...loaded, tc_enabled: flag(loaded.tc_enabled) ? 'true' : 'false', tc_time_stop: '18:30', tc_description: 'Office' };
    const updated = answer(await tenantAdmin.put(`/time_conditions/${loaded.dialplan_uuid}`, payload));
    expect(updated).toMatchObject({ tc_time_stop: '18:30', tc_description: 'Office', tc_open_destination: '1001', tc_closed_destination: '*991002' });
    const disabled = answer(await tenantAdmin.put(`/time_conditions/${uuid}`, { ...updated, tc_enabled: 'false' }));
    expect(flag(disabled.tc_enabled)).toBe(false);
    const again = answer(await tenantAdmin.put(`/time_conditions/${uuid}`, { ...disabled, tc_enabled: '1' }));
    expect(flag(again.tc_enabled)).toBe(true);
    expect(flag(answer(await tenantAdmin.put(`/time_conditions/${uuid}`, { tc_enabled: '0' })).tc_enabled)).toBe(false);
  });

  it('time_conditions-form.component.ts: a refused field is a 400 naming it, and writes nothing', async () => {
    const bad = answer(await tenantAdmin.post('/time_conditions', newTimeCondition({ tc_name: 'Bad', tc_extension: '5001', tc_time_start: '8am' })), 400);
    expect(bad.error.reason).toBe('VALIDATION_FAILED');
    expect(bad.error.message).toContain('tc_time_start');
    const missing = answer(await tenantAdmin.post('/time_conditions', newTimeCondition({ tc_name: 'Nowhere', tc_extension: '5001', tc_open_destination: '4444' })), 400);
    expect(missing.error.message).toContain('tc_open_destination');
    expect(answer(await tenantAdmin.get('/time_conditions'))).toHaveLength(1);
  });

  it('the number is dialable: extension-check.service.ts check names it, and a taken number is a 409', async () => {
    expect(answer(await tenantAdmin.get('/fpbx_extensions/check?extension=5000'))).toMatchObject({ available: false, used_by: 'Time Condition' });
    expect(answer(await tenantAdmin.post('/time_conditions', newTimeCondition({ tc_name: 'Twin', tc_extension: '1001' })), 409).error.reason).toBe('CONFLICT');
    expect(answer(await tenantAdmin.post('/fpbx_extensions', { extension: '5000', password: 'Secret-pass-7' }), 409).error.reason).toBe('CONFLICT');
  });

  it('time_condition.service.ts delete: DELETE with a JSON content type and no body answers JSON the client parses', async () => {
    expect(answer(await otherAdmin.delete(`/time_conditions/${uuid}`), 404).error.reason).toBe('NOT_FOUND');
    expect(answer(await tenantAdmin.delete(`/time_conditions/${uuid}`))).toBe(true);
    expect(answer(await tenantAdmin.get('/time_conditions'))).toEqual([]);
    expect(answer(await tenantAdmin.get(`/time_conditions/${uuid}`), 404).error.reason).toBe('NOT_FOUND');
  });
});
