// The ICTPBX client's follow-me screens, call by call (ictinnovations/ictpbx-community-edition-gui,
// src/app/pages/follow_me/: follow_me.service.ts makes the calls, follow_me.ts is the model,
// follow_me-form.component.ts/.html builds the body, follow_me-list.component.ts/.html reads the
// list). The form sends the flags as 'true'/'false' (save() turns its checkboxes into those
// strings), numbers from number inputs, a destination's prompt as the select's 'false'/'true', a
// row added but never picked as '', and PUTs back the object it loaded. The list and form read
// `follow_me_enabled === 'true' || === true`; the list shows `extension_number || extension_uuid`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import type { Cast } from '../helpers/fixtures.ts';
import { answer, clientFlag as flag, guiCast, type GuiClient, guiClient } from './gui-client.ts';

/** What follow_me-form.component.ts save() sends for a new follow-me: new FollowMe(), the edits, the flags as text. */
const newFollowMe = (edits: Record<string, unknown>) => ({
  extension_uuid: '',
  extension_number: '',
  cid_name_prefix: '',
  cid_number_prefix: '',
  dial_string: '',
  destinations: [],
  ...edits,
  follow_me_enabled: edits.follow_me_enabled ?? 'false',
  follow_me_ignore_busy: edits.follow_me_ignore_busy ?? 'false',
});

/** addDestination(): new FollowMeDestination() with the form's order, then the picked number. */
const destination = (follow_me_destination: string, index: number, edits: Record<string, unknown> = {}) => ({
  follow_me_destination,
  follow_me_delay: 0,
  follow_me_timeout: 30,
  follow_me_prompt: 'false',
  follow_me_order: (index + 1) * 10,
  ...edits,
});


describe.each(databaseKinds)('ICTPBX client: follow-me on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let admin: GuiClient;
  let tenantAdmin: GuiClient;
  let otherAdmin: GuiClient;
  const ext: Record<string, string> = {};
  let otherExtension: string;
  let uuid: string;

  beforeAll(async () => {
    ({ t, cast, admin, tenantAdmin, otherAdmin } = await guiCast(kind));
    for (const extension of ['1001', '1002', '1003']) ext[extension] = answer(await tenantAdmin.post('/fpbx_extensions', { extension, password: 'Acme-pass-x1' })).extension_uuid;
    otherExtension = answer(await otherAdmin.post('/fpbx_extensions', { extension: '1001', password: 'Globex-pass-1' })).extension_uuid;
  }, 120_000);
  afterAll(() => t?.close());

  it('follow_me-form.component.ts (new): POST /follow_me with the form body answers the follow-me with its follow_me_uuid', async () => {
    const body = newFollowMe({
      extension_uuid: ext['1001'],
      cid_name_prefix: 'FM:',
      follow_me_enabled: 'true',
      destinations: [
        destination('+15551234567', 1, { follow_me_delay: 10, follow_me_timeout: 20, follow_me_prompt: 'true' }),
        destination('1002', 0, { follow_me_timeout: 25 }),
        // A row added and left empty.
        destination('', 2),
      ],
    });
    const created = answer(await tenantAdmin.post('/follow_me', body));
    expect(created.follow_me_uuid).toMatch(/^[0-9a-f-]{36}$/);
    uuid = created.follow_me_uuid;
    expect(created).toMatchObject({ extension_uuid: ext['1001'], extension_number: '1001', cid_name_prefix: 'FM:', cid_number_prefix: '', dial_string: '', tenant_id: cast.tenantA });
    expect(flag(created.follow_me_enabled)).toBe(true);
    expect(flag(created.follow_me_ignore_busy)).toBe(false);
    expect(created.destinations).toHaveLength(2);
    expect(created.destinations[0]).toMatchObject({ follow_me_destination: '1002', follow_me_delay: 0, follow_me_timeout: 25, follow_me_prompt: 'false', follow_me_order: 10 });
    expect(created.destinations[1]).toMatchObject({ follow_me_destination: '+15551234567', follow_me_delay: 10, follow_me_timeout: 20, follow_me_prompt: 'true', follow_me_order: 20 });
    expect(typeof created.destinations[0].follow_me_destination_uuid).toBe('string');
    // The extension's own follow_me_enabled is the same state (its feature code will toggle it).
    expect(flag(answer(await tenantAdmin.get(`/fpbx_extensions/${ext['1001']}`)).follow_me_enabled)).toBe(true);
  });

  it('follow_me-list.component.html: GET /follow_me answers a bare array with every column the list shows', async () => {
    const rows = answer(await tenantAdmin.get('/follow_me'));
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({ follow_me_uuid: uuid, extension_number: '1001', extension_uuid: ext['1001'], cid_name_prefix: 'FM:' });
    expect(flag(row.follow_me_enabled)).toBe(true);
    expect(flag(row.follow_me_ignore_busy)).toBe(false);
  });

  it('follow_me.service.ts: getList(tenantId) (the super-admin tenant picker) lists one tenant; ICTCore paging and ?totalrows work', async () => {
    expect(answer(await admin.get(`/follow_me?tenant_id=${cast.tenantA}`))).toHaveLength(1);
    expect(answer(await admin.get(`/follow_me?tenant_id=${cast.tenantB}`))).toEqual([]);
    expect(answer(await admin.get('/follow_me?pageIndex=0&pageSize=10'))).toHaveLength(1);
    const count = await admin.get('/follow_me?totalrows');
    expect(count.statusCode).toBe(200);
    expect(JSON.parse(count.body)).toBe(1);
  });

  it('follow_me-form.component.ts: a second follow-me for the same extension is a 409', async () => {
    const again = await tenantAdmin.post('/follow_me', newFollowMe({ extension_uuid: ext['1001'], destinations: [destination('1003', 0)] }));
    expect(again.statusCode).toBe(409);
    expect(answer(await tenantAdmin.get('/follow_me'))).toHaveLength(1);
  });

  it('follow_me-form.component.ts (edit): GET /follow_me/:uuid then PUT of the loaded object with edits, flags as text again', async () => {
    const loaded = answer(await tenantAdmin.get(`/follow_me/${uuid}`));
    expect(loaded.destinations).toHaveLength(2);
    // ngOnInit reads the flags into booleans; save() sends them back as 'true'/'false'.
    const payload = {
      ...loaded,
      follow_me_enabled: 'false',
      follow_me_ignore_busy: 'true',
      destinations: [...loaded.destinations, destination('1003', 2, { follow_me_delay: 5 })],
    };
    const updated = answer(await tenantAdmin.put(`/follow_me/${uuid}`, payload));
    expect(flag(updated.follow_me_enabled)).toBe(false);
    expect(flag(updated.follow_me_ignore_busy)).toBe(true);
    expect(updated.destinations.map((d: { follow_me_destination: string }) => d.follow_me_destination)).toEqual(['1002', '+15551234567', '1003']);
    expect(flag(answer(await tenantAdmin.get(`/fpbx_extensions/${ext['1001']}`)).follow_me_enabled)).toBe(false);
    const again = answer(await tenantAdmin.put(`/follow_me/${uuid}`, { ...updated, follow_me_enabled: 'true' }));
    expect(flag(again.follow_me_enabled)).toBe(true);
    expect(again.destinations).toHaveLength(3);
  });

  it('follow_me-form.component.ts: refuses what the client cannot mean, naming the field, and writes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ extension_uuid: ext['1002'], destinations: [destination('10a2', 0)] }, 'follow_me_destination'],
      [{ extension_uuid: ext['1002'], destinations: [destination('1003', 0, { follow_me_timeout: 0 })] }, 'follow_me_timeout'],
      [{ extension_uuid: ext['1002'], destinations: [destination('1003', 0, { follow_me_delay: 'soon' })] }, 'follow_me_delay'],
      [{ extension_uuid: ext['1002'], cid_name_prefix: '${system(id)}' }, 'cid_name_prefix'],
      [{ extension_uuid: ext['1002'], cid_number_prefix: '12ab' }, 'cid_number_prefix'],
      [{ extension_uuid: ext['1002'], dial_string: '{x=1}sofia/gateway/x/1' }, 'dial_string'],
      [{ extension_uuid: ext['1002'], follow_me_greeting: 'hello.wav' }, 'follow_me_greeting'],
      [{ extension_uuid: '' }, 'extension_uuid'],
      // Another tenant's extension names nothing here.
      [{ extension_uuid: otherExtension }, 'extension_uuid'],
    ];
    for (const [body, field] of cases) {
      const res = await tenantAdmin.post('/follow_me', newFollowMe(body));
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(JSON.parse(res.body).error.message).toContain(field);
    }
    expect(answer(await tenantAdmin.get('/follow_me'))).toHaveLength(1);
    expect(flag(answer(await tenantAdmin.get(`/fpbx_extensions/${ext['1002']}`)).follow_me_enabled)).toBe(false);
  });

  it('follow_me-list.component.ts: another tenant sees nothing and cannot read, change or delete the follow-me', async () => {
    expect(answer(await otherAdmin.get('/follow_me'))).toEqual([]);
    expect((await otherAdmin.get(`/follow_me/${uuid}`)).statusCode).toBe(404);
    expect((await otherAdmin.put(`/follow_me/${uuid}`, { follow_me_enabled: 'false' })).statusCode).toBe(404);
    expect((await otherAdmin.delete(`/follow_me/${uuid}`)).statusCode).toBe(404);
    // An end user of the tenant holds no follow-me permission.
    expect((await guiClient(t, cast.userA.token).get('/follow_me')).statusCode).toBe(403);
    expect(flag(answer(await tenantAdmin.get(`/follow_me/${uuid}`)).follow_me_enabled)).toBe(true);
  });

  it('follow_me-list.component.ts: DELETE with a JSON content type and no body answers true, then the follow-me is gone', async () => {
    expect(answer(await tenantAdmin.delete(`/follow_me/${uuid}`))).toBe(true);
    expect((await tenantAdmin.get(`/follow_me/${uuid}`)).statusCode).toBe(404);
    expect(flag(answer(await tenantAdmin.get(`/fpbx_extensions/${ext['1001']}`)).follow_me_enabled)).toBe(false);
  });

  it('fpbx_extension-list.component.ts: deleting an extension deletes its follow-me', async () => {
    const created = answer(await tenantAdmin.post('/follow_me', newFollowMe({ extension_uuid: ext['1003'], follow_me_enabled: 'true', destinations: [destination('1002', 0)] })));
    answer(await tenantAdmin.delete(`/fpbx_extensions/${ext['1003']}`));
    expect((await tenantAdmin.get(`/follow_me/${created.follow_me_uuid}`)).statusCode).toBe(404);
    expect(answer(await tenantAdmin.get('/follow_me'))).toEqual([]);
  });
});
