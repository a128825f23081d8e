// Conference rooms as FreeSWITCH reaches them: a dialplan request shaped like the captured ones for
// the room's number answers the `conference` application joining `<extension>-<domain>` under the
// room's own profile (its uuid), and conference.conf fetched for that profile (the captured
// conference-start request, naming the room) answers the profile with the room's PINs, limit,
// recording and hold music; both golden-filed, as are the stock default profile, the stock
// controls and the empty advertise list the captured requests get. A change shows at the next
// fetch; another tenant's context does not reach the room; a DID sends calls to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { answerOf, createDid, createTenant, fetchXml } from '../../helpers/pbx-fixtures.ts';
import { loadCapture, withParams } from '../../helpers/xml-curl-captures.ts';
import { find, findAll, isNotFound, parseXml, type XmlNode } from '../../helpers/xml-tree.ts';

const dialplanCapture = loadCapture('dialplan-inbound-sip-internal-9196.txt').body;
const startCapture = loadCapture('configuration-conference.conf-conference-start.txt').body;
const controlsCapture = loadCapture('configuration-conference.conf-member-bind-controls.txt').body;
const presenceCapture = loadCapture('configuration-conference.conf-module-load-send_presence.txt').body;

const call = (t: TestApp, context: string, destination: string) =>
  answerOf(
    fetchXml(t, withParams(dialplanCapture, { 'Caller-Context': context, 'Hunt-Context': context, 'Caller-Destination-Number': destination, 'Hunt-Destination-Number': destination })),
  );

/** The conference application's fetch (the captured one), naming the room's conference and profile. */
const conferenceConf = (t: TestApp, conference: string, profile: string) => answerOf(fetchXml(t, withParams(startCapture, { conference_name: conference, profile_name: profile })));

const actionsOf = (node: XmlNode) => findAll(node, 'action').map((a) => `${a.attrs.application} ${a.attrs.data ?? ''}`.trim());
const paramsOf = (xml: string) => Object.fromEntries(findAll(parseXml(xml), 'param').map((p) => [p.attrs.name, p.attrs.value]));

async function createRoom(t: TestApp, tenantId: number, body: Record<string, unknown>): Promise<string> {
  const res = await t.api('POST', '/api/conferences', { token: await t.adminToken(), body: { tenant_id: tenantId, ...body } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().conference_center_uuid;
}

async function updateRoom(t: TestApp, uuid: string, body: Record<string, unknown>): Promise<void> {
  const res = await t.api('PUT', `/api/conferences/${uuid}`, { token: await t.adminToken(), body });
  expect(res.statusCode, res.body).toBe(200);
}

describe.each(databaseKinds)('conference rooms in the dialplan and conference.conf on $name', (kind) => {
  let t: TestApp;
  let acme: number;
  let board: string;
  let open: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    acme = await createTenant(t, { name: 'Acme', domain: 'acme.test' });
    await createTenant(t, { name: 'Globex', domain: 'globex.test' });
    const jazz = await t.api('POST', '/api/music_on_hold', { token: await t.adminToken(), body: { tenant_id: acme, music_on_hold_name: 'jazz' } });
    expect(jazz.statusCode, jazz.body).toBe(200);
    board = await createRoom(t, acme, {
      conference_center_name: 'Board <room> & "co"',
      conference_center_extension: '3000',
      conference_center_greeting: 'conference/conf-welcome.wav',
      conference_center_pin_length: 5,
      conference_center_pin: '12345',
      conference_center_moderator_pin: '54321',
      conference_center_pin_retries: 2,
      conference_center_max_members: 10,
      conference_center_record: true,
      conference_center_wait_mod: true,
      conference_center_profile: 'wideband',
      conference_center_hold_music: 'local_stream://jazz',
    });
    open = await createRoom(t, acme, { conference_center_name: 'Open', conference_center_extension: '3001' });
  }, 120_000);
  afterAll(() => t?.close());

  it("answers the room's number with the conference application joining <extension>-<domain> under the room's profile", async () => {
    const xml = await call(t, 'acme.test', '3000');
    await expect(xml.replaceAll(board, 'ROOM-UUID')).toMatchFileSnapshot('./golden/conference-dialplan.xml');
    const tree = parseXml(xml);
    expect(findAll(tree, 'extension').map((e) => e.attrs.name)).toEqual(['conference-3000']);
    expect(actionsOf(tree)).toEqual(['answer', 'set conference_enforce_security=true', 'sleep 1000', 'playback conference/conf-welcome.wav', `conference 3000-acme.test@${board}`]);
    // No PIN is in the dialplan: mod_conference reads them from the profile.
    expect(xml).not.toMatch(/12345|54321/);
    expect(actionsOf(parseXml(await call(t, 'acme.test', '3001')))).toEqual(['answer', 'set conference_enforce_security=true', `conference 3001-acme.test@${open}`]);
    // Another tenant's context does not have it.
    expect(findAll(parseXml(await call(t, 'globex.test', '3000')), 'extension')).toEqual([]);
    // /dialplans lists the rooms' entries as rendered.
    const listed = (await t.api('GET', `/api/dialplans?tenant_id=${acme}`, { token: await t.adminToken() })).json() as { dialplan_name: string; dialplan_module: string }[];
    expect(listed.filter((e) => e.dialplan_module === 'conferences').map((e) => e.dialplan_name)).toEqual(['conference-3000', 'conference-3001']);
  });

  it('answers conference.conf for the room’s profile (the captured conference-start request) with what mod_conference reads', async () => {
    const xml = await conferenceConf(t, '3000-acme.test', board);
    await expect(xml.replaceAll(board, 'ROOM-UUID')).toMatchFileSnapshot('./golden/conference-conf-room.xml');
    expect(find(parseXml(xml), 'configuration')?.attrs.name).toBe('conference.conf');
    expect(findAll(parseXml(xml), 'profile').map((p) => p.attrs.name)).toEqual([board]);
    expect(paramsOf(xml)).toMatchObject({
      domain: 'acme.test',
      rate: '16000',
      pin: '12345',
      'moderator-pin': '54321',
      'pin-retries': '2',
      'max-members': '10',
      'auto-record': '$${recordings_dir}/acme.test/conferences/3000/${strftime(%Y-%m-%d-%H-%M-%S)}.wav',
      'conference-flags': 'wait-mod',
      // The tenant's class: its stream (domain/music-on-hold/streams.ts).
      'moh-sound': 'local_stream://acme.test/jazz',
    });
    // A room without PINs, limit or recording leaves them out, and takes the stock hold music.
    const plain = paramsOf(await conferenceConf(t, '3001-acme.test', open));
    for (const name of ['pin', 'moderator-pin', 'pin-retries', 'max-members', 'auto-record', 'conference-flags']) expect(plain[name], name).toBeUndefined();
    expect(plain).toMatchObject({ domain: 'acme.test', rate: '8000', 'moh-sound': '$${hold_music}' });
  });

  it('answers the captured requests as stock FreeSWITCH would read its own file: the default profile, the default controls, no advertised room', async () => {
    await expect(await answerOf(fetchXml(t, startCapture))).toMatchFileSnapshot('./golden/conference-conf-default-profile.xml');
    await expect(await answerOf(fetchXml(t, controlsCapture))).toMatchFileSnapshot('./golden/conference-conf-default-controls.xml');
    await expect(await answerOf(fetchXml(t, presenceCapture))).toMatchFileSnapshot('./golden/conference-conf-advertise.xml');
    // Another stock profile, or a controls group Switchyard does not render, is FreeSWITCH's own file's.
    expect(isNotFound(await conferenceConf(t, '3000-127.0.0.1', 'wideband'))).toBe(true);
    expect(isNotFound(await answerOf(fetchXml(t, withParams(controlsCapture, { Controls: 'moderator' }))))).toBe(true);
  });

  it('shows a change at the next fetch: new PINs, a disabled room (its number and profile gone), a deleted room', async () => {
    await updateRoom(t, board, { conference_center_pin: '11111', conference_center_moderator_pin: '22222', conference_center_record: false });
    const params = paramsOf(await conferenceConf(t, '3000-acme.test', board));
    expect(params).toMatchObject({ pin: '11111', 'moderator-pin': '22222' });
    expect(params['auto-record']).toBeUndefined();
    await updateRoom(t, board, { conference_center_enabled: false });
    expect(findAll(parseXml(await call(t, 'acme.test', '3000')), 'extension')).toEqual([]);
    expect(isNotFound(await conferenceConf(t, '3000-acme.test', board))).toBe(true);
    await updateRoom(t, board, { conference_center_enabled: true });
    expect(paramsOf(await conferenceConf(t, '3000-acme.test', board)).pin).toBe('11111');
    const res = await t.api('DELETE', `/api/conferences/${open}`, { token: await t.adminToken() });
    expect(res.statusCode, res.body).toBe(200);
    expect(findAll(parseXml(await call(t, 'acme.test', '3001')), 'extension')).toEqual([]);
    expect(isNotFound(await conferenceConf(t, '3001-acme.test', open))).toBe(true);
  });

  it('takes calls a DID sends to the room: the public context transfers to its number in the tenant’s context', async () => {
    await createDid(t, { phone: '15550003000', tenant_id: acme, destination_type: 'conference', destination_value: '3000' });
    const inbound = await answerOf(fetchXml(t, withParams(dialplanCapture, { 'Caller-Context': 'public', 'Hunt-Context': 'public', 'Caller-Destination-Number': '15550003000', 'Hunt-Destination-Number': '15550003000' })));
    expect(actionsOf(parseXml(inbound))).toContain('transfer 3000 XML acme.test');
    const refused = await t.api('POST', '/api/dids', { token: await t.adminToken(), body: { phone: '15550003999', tenant_id: acme, destination_type: 'conference', destination_value: '3999' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('conference room');
  });
});
