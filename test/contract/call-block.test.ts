// The ICTPBX client's call block screens, call by call (ictinnovations/ictpbx-community-edition-gui,
// src/app/pages/call_block/: call_block.service.ts makes the calls, call_block.ts is the model the
// form starts from, call_block-form.component.ts sends call_block_enabled as 'true'/'false' and PUTs
// back the object it loaded, call_block-list.component.ts/.html list, filter by tenant and delete).
// The client reads the flag as `=== 'true' || === true` and every answer with .json().
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import type { Cast } from '../helpers/fixtures.ts';
import { createExtension } from '../helpers/pbx-fixtures.ts';
import { answer, clientFlag as flag, guiCast, type GuiClient } from './gui-client.ts';

/** The body call_block-form.component.ts sends for a new rule: the model's defaults (JSON drops the undefined uuids), then the edits. */
const newBlock = (edits: Record<string, unknown>) => ({
  call_block_name: '',
  call_block_number: '',
  call_block_direction: 'inbound',
  call_block_action: 'reject',
  call_block_app: '',
  call_block_data: '',
  call_block_country_code: '',
  call_block_enabled: 'true',
  call_block_description: '',
  ...edits,
});


describe.each(databaseKinds)('ICTPBX client: call block on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let admin: GuiClient;
  let tenantAdmin: GuiClient;
  let otherAdmin: GuiClient;
  let uuid: string;

  beforeAll(async () => {
    ({ t, cast, admin, tenantAdmin, otherAdmin } = await guiCast(kind));
    await createExtension(t, cast.tenantA, { extension: '1000', password: 'Acme-pass-0' });
  }, 120_000);
  afterAll(() => t?.close());

  it("call_block-form.component.ts (new): POST /call_block with the model's defaults and enabled 'true'; the answer parses as JSON", async () => {
    const created = answer(await tenantAdmin.post('/call_block', newBlock({ call_block_name: 'Telemarketer', call_block_number: '1800XXXXXXX', call_block_description: 'Cold calls' })));
    expect(typeof created.call_block_uuid).toBe('string');
    uuid = created.call_block_uuid;
    expect(created).toMatchObject({ call_block_name: 'Telemarketer', call_block_number: '1800XXXXXXX', call_block_action: 'reject', call_block_direction: 'inbound' });
  });

  it('call_block-form.component.ts (new): the number hint\'s examples (1800, ^1800, +1.*) are accepted', async () => {
    for (const number of ['1800', '^1800', '+1.*']) {
      const created = answer(await tenantAdmin.post('/call_block', newBlock({ call_block_name: `Example ${number}`, call_block_number: number, call_block_action: 'hangup' })));
      answer(await tenantAdmin.delete(`/call_block/${created.call_block_uuid}`));
    }
  });

  it('call_block-form.component.ts (new): actions hold and voicemail (call_block_data: a box of the tenant)', async () => {
    const hold = answer(await tenantAdmin.post('/call_block', newBlock({ call_block_name: 'Hold them', call_block_number: '+44NXXXXXXXXX', call_block_action: 'hold' })));
    expect(hold).toMatchObject({ call_block_action: 'hold', call_block_app: 'hold', call_block_data: '' });
    const vm = answer(await tenantAdmin.post('/call_block', newBlock({ call_block_name: 'To voicemail', call_block_number: '5550100', call_block_action: 'voicemail', call_block_data: '1000' })));
    expect(vm).toMatchObject({ call_block_action: 'voicemail', call_block_data: '1000' });
    const nobox = await tenantAdmin.post('/call_block', newBlock({ call_block_name: 'Nowhere', call_block_number: '5550101', call_block_action: 'voicemail', call_block_data: '4040' }));
    expect(nobox.statusCode).toBe(400);
    expect(nobox.json().error.message).toMatch(/call_block_data/);
  });

  it('call_block-list.component.ts: GET /call_block is an array of rows with the columns call_block-list.component.html shows', async () => {
    const rows = answer(await tenantAdmin.get('/call_block'));
    expect(Array.isArray(rows)).toBe(true);
    const row = rows.find((r: { call_block_uuid: string }) => r.call_block_uuid === uuid);
    expect(row).toMatchObject({ call_block_name: 'Telemarketer', call_block_number: '1800XXXXXXX', call_block_direction: 'inbound', call_block_action: 'reject' });
    expect(flag(row.call_block_enabled)).toBe(true);
    expect(rows.map((r: { call_block_name: string }) => r.call_block_name).sort()).toEqual(['Hold them', 'Telemarketer', 'To voicemail']);
  });

  it('call_block.service.ts getList(tenantId): the super-admin filters with ?tenant_id=, or lists every tenant with none', async () => {
    expect(answer(await admin.get(`/call_block?tenant_id=${cast.tenantA}`))).toHaveLength(3);
    expect(answer(await admin.get(`/call_block?tenant_id=${cast.tenantB}`))).toEqual([]);
    expect(answer(await admin.get('/call_block'))).toHaveLength(3);
  });

  it('call_block.service.ts: paging as the client pages (pageIndex from 0, pageSize) and ?totalrows as a bare number', async () => {
    expect(answer(await tenantAdmin.get('/call_block?pageIndex=0&pageSize=2'))).toHaveLength(2);
    const total = await tenantAdmin.get('/call_block?totalrows');
    expect(answer(total)).toBe(3);
    expect(total.body).toBe('3');
  });

  it('call_block-form.component.ts (edit): GET /call_block/:uuid gives every field of the model', async () => {
    const item = answer(await tenantAdmin.get(`/call_block/${uuid}`));
    for (const field of [
      'call_block_uuid',
      'domain_uuid',
      'call_block_name',
      'call_block_number',
      'call_block_direction',
      'call_block_action',
      'call_block_app',
      'call_block_data',
      'call_block_country_code',
      'call_block_enabled',
      'call_block_description',
    ]) {
      expect(item, field).toHaveProperty(field);
    }
    expect(typeof item.domain_uuid).toBe('string');
    expect(item.call_block_enabled === 'true' || item.call_block_enabled === true).toBe(true);
  });

  it("call_block-form.component.ts (edit): PUT /call_block/:uuid with the loaded object, the edits and enabled 'false'", async () => {
    const item = answer(await tenantAdmin.get(`/call_block/${uuid}`));
    const updated = answer(await tenantAdmin.put(`/call_block/${uuid}`, { ...item, call_block_action: 'busy', call_block_country_code: '1', call_block_enabled: 'false' }));
    expect(updated).toMatchObject({ call_block_action: 'busy', call_block_country_code: '1' });
    expect(flag(updated.call_block_enabled)).toBe(false);
    expect(flag(answer(await tenantAdmin.get(`/call_block/${uuid}`)).call_block_enabled)).toBe(false);
  });

  it('call_block-form.component.ts: a refused field is a 400 envelope naming it, and nothing is written', async () => {
    for (const [body, field] of [
      [newBlock({ call_block_name: 'Bad', call_block_number: '1${system(id)}' }), 'call_block_number'],
      [newBlock({ call_block_name: 'Bad', call_block_number: '(1+)+$' }), 'call_block_number'],
      [newBlock({ call_block_name: 'Bad', call_block_number: '*' }), 'call_block_number'],
      [newBlock({ call_block_name: 'Bad', call_block_number: '1800', call_block_action: 'explode' }), 'call_block_action'],
      [newBlock({ call_block_name: 'Bad', call_block_number: '1800', call_block_direction: 'outbound' }), 'call_block_direction'],
      [newBlock({ call_block_name: 'Bad', call_block_number: '1800', call_block_country_code: '12345' }), 'call_block_country_code'],
      [newBlock({ call_block_name: '', call_block_number: '1800' }), 'call_block_name'],
    ] as const) {
      const res = await tenantAdmin.post('/call_block', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.message).toContain(field);
    }
    expect(answer(await tenantAdmin.get('/call_block?totalrows'))).toBe(3);
  });

  it("call_block-list.component.ts: another tenant's admin neither sees, reads, edits nor deletes the block (404)", async () => {
    expect(answer(await otherAdmin.get('/call_block'))).toEqual([]);
    expect((await otherAdmin.get(`/call_block/${uuid}`)).statusCode).toBe(404);
    expect((await otherAdmin.put(`/call_block/${uuid}`, { call_block_name: 'Mine' })).statusCode).toBe(404);
    expect((await otherAdmin.delete(`/call_block/${uuid}`)).statusCode).toBe(404);
  });

  it('call_block-list.component.ts confirmDelete: DELETE /call_block/:uuid with a JSON content type and no body; the answer parses as JSON', async () => {
    expect(answer(await tenantAdmin.delete(`/call_block/${uuid}`))).toBe(true);
    expect((await tenantAdmin.get(`/call_block/${uuid}`)).statusCode).toBe(404);
  });
});
