// The ICTPBX client's music-on-hold screens, call by call (ictinnovations/ictpbx-community-edition-gui,
// src/app/pages/music_on_hold/: music_on_hold.service.ts makes the calls, music_on_hold.ts is the
// model the form starts from (rate 8000, shuffle 'true', channels 1, interval 20, timer 'soft',
// chime freq and max 0), music_on_hold-form.component.ts POSTs it or PUTs back the object it loaded,
// music_on_hold-list.component.ts/.html list (name, path, shuffle, tenant_name), filter by tenant
// and delete, reading a refusal's body.error.message). Every answer is read with .json().
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import type { Cast } from '../helpers/fixtures.ts';
import { createExtension } from '../helpers/pbx-fixtures.ts';
import { answer, guiCast, type GuiClient } from './gui-client.ts';

/** The body the form sends for a new class: the model's defaults (JSON drops the undefined ones), then the edits. */
const newClass = (edits: Record<string, unknown>) => ({
  music_on_hold_rate: 8000,
  music_on_hold_shuffle: 'true',
  music_on_hold_channels: 1,
  music_on_hold_interval: 20,
  music_on_hold_timer_name: 'soft',
  music_on_hold_chime_freq: 0,
  music_on_hold_chime_max: 0,
  ...edits,
});

describe.each(databaseKinds)('ICTPBX client: music on hold on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let admin: GuiClient;
  let tenantAdmin: GuiClient;
  let otherAdmin: GuiClient;
  let uuid: string;

  beforeAll(async () => {
    ({ t, cast, admin, tenantAdmin, otherAdmin } = await guiCast(kind));
  }, 120_000);
  afterAll(() => t?.close());

  it("music_on_hold-form.component.ts (new): POST /music_on_hold with the model's defaults; the answer parses as JSON", async () => {
    const created = answer(await tenantAdmin.post('/music_on_hold', newClass({ music_on_hold_name: 'jazz' })));
    expect(typeof created.music_on_hold_uuid).toBe('string');
    uuid = created.music_on_hold_uuid;
    expect(created).toMatchObject({
      music_on_hold_name: 'jazz',
      music_on_hold_rate: 8000,
      music_on_hold_shuffle: 'true',
      music_on_hold_channels: 1,
      music_on_hold_interval: 20,
      music_on_hold_timer_name: 'soft',
      music_on_hold_chime_list: '',
      music_on_hold_chime_freq: 0,
      music_on_hold_chime_max: 0,
      music_on_hold_stream: 'acme.test/jazz/8000',
      tenant_name: 'Acme',
    });
    expect(created.music_on_hold_path).toBe(`${t.config.media.dir}/music/${created.domain_uuid}/jazz/8000`);
  });

  it('music_on_hold-form.component.ts (new): the same name at another rate is another class; at the same rate a conflict', async () => {
    const wide = answer(await tenantAdmin.post('/music_on_hold', newClass({ music_on_hold_name: 'jazz', music_on_hold_rate: 16000, music_on_hold_shuffle: 'false' })));
    expect(wide).toMatchObject({ music_on_hold_rate: 16000, music_on_hold_shuffle: 'false', music_on_hold_stream: 'acme.test/jazz/16000' });
    const again = await tenantAdmin.post('/music_on_hold', newClass({ music_on_hold_name: 'jazz' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/jazz/);
  });

  it("music_on_hold-form.component.ts (new): a path typed in the form's Path input is refused with the reason (files are uploaded, never named by path)", async () => {
    const res = await tenantAdmin.post('/music_on_hold', newClass({ music_on_hold_name: 'rock', music_on_hold_path: '/usr/share/freeswitch/sounds/music/default' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/music_on_hold_path/);
    // A name the form's only check (non-empty) lets through but FreeSWITCH could not take.
    const bad = await tenantAdmin.post('/music_on_hold', newClass({ music_on_hold_name: 'my music/../x' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/music_on_hold_name/);
  });

  it('music_on_hold-list.component.ts: GET /music_on_hold is an array of rows with the columns the list shows', async () => {
    const rows = answer(await tenantAdmin.get('/music_on_hold'));
    expect(Array.isArray(rows)).toBe(true);
    expect(rows.map((r: { music_on_hold_name: string; music_on_hold_rate: number }) => `${r.music_on_hold_name}/${r.music_on_hold_rate}`)).toEqual(['jazz/8000', 'jazz/16000']);
    const row = rows.find((r: { music_on_hold_uuid: string }) => r.music_on_hold_uuid === uuid);
    expect(row).toMatchObject({ music_on_hold_name: 'jazz', music_on_hold_shuffle: 'true', tenant_name: 'Acme' });
    expect(typeof row.music_on_hold_path).toBe('string');
  });

  it('music_on_hold.service.ts getList(tenantId): the super-admin filters with ?tenant_id=, or lists every tenant with none', async () => {
    expect(answer(await admin.get(`/music_on_hold?tenant_id=${cast.tenantA}`))).toHaveLength(2);
    expect(answer(await admin.get(`/music_on_hold?tenant_id=${cast.tenantB}`))).toEqual([]);
    expect(answer(await admin.get('/music_on_hold'))).toHaveLength(2);
    expect(answer(await otherAdmin.get('/music_on_hold'))).toEqual([]);
  });

  it('music_on_hold-form.component.ts (edit): GET /music_on_hold/:uuid, then PUT back the object read with the edits', async () => {
    const loaded = answer(await tenantAdmin.get(`/music_on_hold/${uuid}`));
    expect(loaded.music_on_hold_uuid).toBe(uuid);
    const updated = answer(await tenantAdmin.put(`/music_on_hold/${uuid}`, { ...loaded, music_on_hold_shuffle: 'false', music_on_hold_interval: 40, music_on_hold_timer_name: 'soft' }));
    expect(updated).toMatchObject({ music_on_hold_uuid: uuid, music_on_hold_shuffle: 'false', music_on_hold_interval: 40, music_on_hold_path: loaded.music_on_hold_path });
    // Renamed: its directory (and path) follow.
    const renamed = answer(await tenantAdmin.put(`/music_on_hold/${uuid}`, { ...updated, music_on_hold_name: 'blues' }));
    expect(renamed).toMatchObject({ music_on_hold_name: 'blues', music_on_hold_stream: 'acme.test/blues/8000' });
    expect(renamed.music_on_hold_path).toBe(`${t.config.media.dir}/music/${loaded.domain_uuid}/blues/8000`);
  });

  it("another tenant's admin gets 404 for the class, whatever the call", async () => {
    expect((await otherAdmin.get(`/music_on_hold/${uuid}`)).statusCode).toBe(404);
    expect((await otherAdmin.put(`/music_on_hold/${uuid}`, { music_on_hold_shuffle: 'true' })).statusCode).toBe(404);
    expect((await otherAdmin.delete(`/music_on_hold/${uuid}`)).statusCode).toBe(404);
    expect(answer(await tenantAdmin.get(`/music_on_hold/${uuid}`)).music_on_hold_shuffle).toBe('false');
  });

  it("music_on_hold-list.component.ts confirmDelete: a refusal's body.error.message is shown; a DELETE answers JSON true", async () => {
    await createExtension(t, cast.tenantA, { extension: '1001', password: 'Acme-pass-1x', hold_music: 'blues' });
    const refused = await tenantAdmin.delete(`/music_on_hold/${uuid}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('Music on hold blues cannot be deleted: it is the hold music of extension 1001');
    const ext = answer(await tenantAdmin.get('/fpbx_extensions'))[0];
    answer(await tenantAdmin.put(`/fpbx_extensions/${ext.extension_uuid}`, { hold_music: '' }));
    expect(answer(await tenantAdmin.delete(`/music_on_hold/${uuid}`))).toBe(true);
    expect((await tenantAdmin.get(`/music_on_hold/${uuid}`)).statusCode).toBe(404);
  });
});
