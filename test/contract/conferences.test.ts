// The ICTPBX client's conference screens, call by call (ictinnovations/ictpbx-community-edition-gui,
// src/app/pages/conferences/: conferences.service.ts makes the calls, conferences.ts is the model,
// conferences-form.component.ts/.html builds the body, conferences-list.component.ts/.html reads
// the list; src/app/services/pbx-destination.service.ts getConferences and
// extension-check.service.ts too). The form sends the model's defaults (pin length 4, enabled
// true), the PIN length from a number input, the greeting as typed, and PUTs back the object it
// loaded. The list reads `conference_center_enabled === true || === 'true'` and tenant_name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import type { Cast } from '../helpers/fixtures.ts';
import { answer, clientFlag as flag, guiCast, type GuiClient, guiClient } from './gui-client.ts';

/** What conferences-form.component.ts sends for a new centre: the model's defaults, then the form's fields. */
const newConference = (edits: Record<string, unknown>) => ({ conference_center_pin_length: 4, conference_center_enabled: true, ...edits });

describe.each(databaseKinds)('ICTPBX client: conferences on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let admin: GuiClient;
  let tenantAdmin: GuiClient;
  let otherAdmin: GuiClient;
  let uuid: string;

  beforeAll(async () => {
    ({ t, cast, admin, tenantAdmin, otherAdmin } = await guiCast(kind));
    answer(await tenantAdmin.post('/fpbx_extensions', { extension: '1001', password: 'Acme-pass-x1' }));
    // The hold music a room names is a music-on-hold class of its tenant.
    answer(await tenantAdmin.post('/music_on_hold', { music_on_hold_name: 'jazz' }));
  }, 120_000);
  afterAll(() => t?.close());

  it('conferences-form.component.ts: POST /conferences with the form body answers the room with its conference_center_uuid', async () => {
    const created = answer(
      await tenantAdmin.post('/conferences', newConference({ conference_center_name: 'Board Room', conference_center_extension: '3000', conference_center_greeting: 'conference/conf-welcome.wav' })),
    );
    expect(created.conference_center_uuid).toMatch(/^[0-9a-f-]{36}$/);
    uuid = created.conference_center_uuid;
    expect(created).toMatchObject({
      conference_center_name: 'Board Room',
      conference_center_extension: '3000',
      conference_center_pin_length: 4,
      conference_center_greeting: 'conference/conf-welcome.wav',
      conference_center_enabled: true,
      conference_center_description: '',
      domain_name: 'acme.test',
      conference_name: '3000-acme.test',
    });
    expect(typeof created.domain_uuid).toBe('string');
    // A greeting never typed is sent as the model's undefined (left out) or null: both are none.
    const bare = answer(await tenantAdmin.post('/conferences', newConference({ conference_center_name: 'Huddle', conference_center_extension: '3001', conference_center_greeting: null })));
    expect(bare.conference_center_greeting).toBe('');
    answer(await tenantAdmin.delete(`/conferences/${bare.conference_center_uuid}`));
  });

  it('conferences.service.ts: GET /conferences answers a bare array with every column the list shows', async () => {
    const rows = answer(await tenantAdmin.get('/conferences'));
    expect(rows).toHaveLength(1);
    const [row] = rows;
    for (const column of ['conference_center_uuid', 'conference_center_name', 'conference_center_extension', 'conference_center_pin_length', 'tenant_name']) expect(row).toHaveProperty(column);
    expect(flag(row.conference_center_enabled)).toBe(true);
    expect(row.tenant_name).toBe('Acme');
    expect(typeof row.conference_center_pin_length).toBe('number');
  });

  it('conferences.service.ts: GET /conferences?tenant_id= (the super-admin tenant picker) lists one tenant; ICTCore paging and ?totalrows work', async () => {
    expect(answer(await admin.get(`/conferences?tenant_id=${cast.tenantA}`))).toHaveLength(1);
    expect(answer(await admin.get(`/conferences?tenant_id=${cast.tenantB}`))).toEqual([]);
    expect(answer(await admin.get('/conferences?pageIndex=0&pageSize=10'))).toHaveLength(1);
    const count = await admin.get('/conferences?totalrows');
    expect(count.statusCode).toBe(200);
    expect(JSON.parse(count.body)).toBe(1);
  });

  it('pbx-destination.service.ts: getConferences reads conference_center_uuid, conference_center_extension and conference_center_name', async () => {
    const [row] = answer(await tenantAdmin.get('/conferences'));
    expect(row).toMatchObject({ conference_center_uuid: uuid, conference_center_extension: '3000', conference_center_name: 'Board Room' });
  });

  it('extension-check.service.ts: the room number is taken (check and next_available see it), and anything else on it is a 409', async () => {
    expect(answer(await tenantAdmin.get('/fpbx_extensions/check?extension=3000'))).toMatchObject({ available: false, used_by: 'Conference' });
    expect(answer(await tenantAdmin.get('/fpbx_extensions/next_available?start=3000')).next_available).toBe('3001');
    expect((await tenantAdmin.post('/conferences', newConference({ conference_center_name: 'Again', conference_center_extension: '3000' }))).statusCode).toBe(409);
    expect((await tenantAdmin.post('/conferences', newConference({ conference_center_name: 'Clash', conference_center_extension: '1001' }))).statusCode).toBe(409);
    expect((await tenantAdmin.post('/fpbx_extensions', { extension: '3000', password: 'Acme-pass-x1' })).statusCode).toBe(409);
    expect((await tenantAdmin.post('/ring_groups', { ring_group_name: 'Clash', ring_group_extension: '3000' })).statusCode).toBe(409);
    // Another tenant's number space is its own.
    expect(answer(await otherAdmin.get('/fpbx_extensions/check?extension=3000'))).toMatchObject({ available: true });
  });

  it('conferences-form.component.ts: GET /conferences/:uuid then PUT of the loaded object with edits', async () => {
    const loaded = answer(await tenantAdmin.get(`/conferences/${uuid}`));
    loaded.conference_center_name = 'Board Room 2';
    loaded.conference_center_pin_length = 6;
    loaded.conference_center_enabled = false;
    const updated = answer(await tenantAdmin.put(`/conferences/${uuid}`, loaded));
    expect(updated).toMatchObject({ conference_center_name: 'Board Room 2', conference_center_pin_length: 6, conference_center_enabled: false, conference_center_extension: '3000' });
    expect(flag(answer(await tenantAdmin.get('/conferences'))[0].conference_center_enabled)).toBe(false);
    answer(await tenantAdmin.put(`/conferences/${uuid}`, { ...updated, conference_center_enabled: '1' }));
  });

  it("Switchyard's room settings: PINs of the PIN length, a moderator PIN, a member limit, recording, wait-for-moderator, hold music", async () => {
    const updated = answer(
      await tenantAdmin.put(`/conferences/${uuid}`, {
        conference_center_pin: '123456',
        conference_center_moderator_pin: '654321',
        conference_center_pin_retries: 2,
        conference_center_max_members: 20,
        conference_center_record: true,
        conference_center_wait_mod: true,
        conference_center_profile: 'wideband',
        conference_center_hold_music: 'local_stream://jazz',
      }),
    );
    expect(updated).toMatchObject({
      conference_center_pin: '123456',
      conference_center_moderator_pin: '654321',
      conference_center_pin_retries: 2,
      conference_center_max_members: 20,
      conference_center_record: true,
      conference_center_wait_mod: true,
      conference_center_profile: 'wideband',
      // Stored as the class's name, read as what plays: the tenant's stream.
      conference_center_hold_music: 'local_stream://acme.test/jazz',
    });
    // The form PUTs back the object it loaded: the hold music as read is kept.
    const loaded = answer(await tenantAdmin.get(`/conferences/${uuid}`));
    expect(answer(await tenantAdmin.put(`/conferences/${uuid}`, { ...loaded, conference_center_name: 'Board Room 3' }))).toMatchObject({
      conference_center_name: 'Board Room 3',
      conference_center_hold_music: 'local_stream://acme.test/jazz',
    });
  });

  it('conferences-form.component.ts: refuses what the client cannot mean, naming the field, and changes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ conference_center_extension: '31a' }, 'conference_center_extension'],
      [{ conference_center_name: '${system(id)}' }, 'conference_center_name'],
      [{ conference_center_greeting: '/var/lib/freeswitch/recordings/globex.test/secret.wav' }, 'conference_center_greeting'],
      [{ conference_center_greeting: '../../etc/passwd.wav' }, 'conference_center_greeting'],
      [{ conference_center_greeting: '${system(id)}.wav' }, 'conference_center_greeting'],
      [{ conference_center_pin_length: 2 }, 'conference_center_pin_length'],
      [{ conference_center_pin: '12a4' }, 'conference_center_pin'],
      [{ conference_center_pin: '1234' }, 'conference_center_pin'],
      [{ conference_center_moderator_pin: '123456' }, 'conference_center_moderator_pin'],
      [{ conference_center_pin: '', conference_center_moderator_pin: '', conference_center_wait_mod: true }, 'conference_center_wait_mod'],
      [{ conference_center_pin: '' }, 'conference_center_moderator_pin'],
      [{ conference_center_max_members: 1 }, 'conference_center_max_members'],
      [{ conference_center_profile: 'video-mcu' }, 'conference_center_profile'],
      [{ conference_center_hold_music: '/tmp/music.wav' }, 'conference_center_hold_music'],
      [{ conference_center_hold_music: 'local_stream://${system(id)}' }, 'conference_center_hold_music'],
      [{ conference_center_hold_music: 'local_stream://blues' }, 'conference_center_hold_music'],
      [{ conference_center_colour: 'blue' }, 'conference_center_colour'],
    ];
    const before = answer(await tenantAdmin.get(`/conferences/${uuid}`));
    for (const [body, field] of cases) {
      const res = await tenantAdmin.put(`/conferences/${uuid}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(JSON.parse(res.body).error.message, JSON.stringify(body)).toContain(field);
    }
    expect(answer(await tenantAdmin.get(`/conferences/${uuid}`))).toEqual(before);
  });

  it('pbx-destination.service.ts: a ring group timeout or a DID may send calls to the room; while one does, it cannot be deleted or renumbered', async () => {
    const group = answer(await tenantAdmin.post('/ring_groups', { ring_group_name: 'Sales', ring_group_extension: '6000', ring_group_timeout_data: '3000' }));
    expect(group).toMatchObject({ ring_group_timeout_app: 'conference', ring_group_timeout_data: '3000' });
    const blocked = await tenantAdmin.delete(`/conferences/${uuid}`);
    expect(blocked.statusCode).toBe(409);
    expect(JSON.parse(blocked.body).error.message).toMatch(/ring_group/);
    expect((await tenantAdmin.put(`/conferences/${uuid}`, { conference_center_extension: '3100' })).statusCode).toBe(409);
    // A conference destination must name a room of the tenant.
    const nowhere = await tenantAdmin.post('/ring_groups', { ring_group_name: 'Lost', ring_group_extension: '6001', ring_group_timeout_app: 'conference', ring_group_timeout_data: '3999' });
    expect(nowhere.statusCode).toBe(400);
    expect(JSON.parse(nowhere.body).error.message).toContain('conference room');
    answer(await tenantAdmin.delete(`/ring_groups/${group.ring_group_uuid}`));
  });

  it('conferences-list.component.ts: another tenant sees nothing and cannot read, change or delete the room; an end user holds no conference permission', async () => {
    expect(answer(await otherAdmin.get('/conferences'))).toEqual([]);
    expect(answer(await otherAdmin.get(`/conferences/${uuid}`), 404).error).toMatchObject({ code: 404, message: 'Conference not found' });
    expect((await otherAdmin.put(`/conferences/${uuid}`, { conference_center_name: 'Mine' })).statusCode).toBe(404);
    expect((await otherAdmin.delete(`/conferences/${uuid}`)).statusCode).toBe(404);
    expect((await otherAdmin.post('/conferences', newConference({ conference_center_name: 'Theirs', conference_center_extension: '3000', tenant_id: cast.tenantA }))).statusCode).toBe(403);
    expect((await guiClient(t, cast.userA.token).get('/conferences')).statusCode).toBe(403);
    expect((await guiClient(t, cast.userA.token).post('/conferences', newConference({ conference_center_name: 'X', conference_center_extension: '3002' }))).statusCode).toBe(403);
  });

  it('conferences-list.component.ts: DELETE with a JSON content type and no body answers true, then the room and its number are gone', async () => {
    expect(answer(await tenantAdmin.delete(`/conferences/${uuid}`))).toBe(true);
    expect((await tenantAdmin.get(`/conferences/${uuid}`)).statusCode).toBe(404);
    expect(answer(await tenantAdmin.get('/fpbx_extensions/check?extension=3000'))).toMatchObject({ available: true });
  });
});
