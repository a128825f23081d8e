// Music on hold as FreeSWITCH reaches it: local_stream.conf fetched as the captured request
// (mod_local_stream at load, on `reload mod_local_stream` and on start/reload_local_stream) answers
// the stock streams and one directory per tenant class, golden-filed; a change shows at the next
// fetch. An extension's hold_music, a call queue's moh sound (callcenter.conf and its dialplan
// entry) and a conference room's hold music (its conference.conf profile) play the tenant's stream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { answerOf, createExtension, createTenant, fetchXml, updateTenant } from '../../helpers/pbx-fixtures.ts';
import { loadCapture, withParams } from '../../helpers/xml-curl-captures.ts';
import { multipartBody } from '../../helpers/multipart.ts';
import { wavFile } from '../../helpers/audio.ts';
import { find, findAll, namedValues, parseXml } from '../../helpers/xml-tree.ts';

const localStreamCapture = loadCapture('configuration-local_stream.conf.txt').body;
const userCapture = loadCapture('directory-user_call-originate.txt').body;
const callcenterCapture = loadCapture('configuration-callcenter.conf-module-load.txt').body;
const queueLoadCapture = loadCapture('configuration-callcenter.conf-queue-load.txt').body;
const dialplanCapture = loadCapture('dialplan-inbound-sip-internal-9196.txt').body;
const conferenceCapture = loadCapture('configuration-conference.conf-conference-start.txt').body;

/** The <param>s of each element named `element` (queue, profile), by its name. */
const paramsBy = (xml: string, element: string) =>
  Object.fromEntries(findAll(parseXml(xml), element).map((e) => [e.attrs.name, Object.fromEntries(findAll(e, 'param').map((p) => [p.attrs.name, p.attrs.value]))]));

/** Each <directory>: its name, path and <param>s. */
const directories = (xml: string) =>
  findAll(parseXml(xml), 'directory').map((d) => ({
    name: d.attrs.name,
    path: d.attrs.path,
    ...Object.fromEntries(d.children.filter((c) => c.name === 'param').map((p) => [p.attrs.name, p.attrs.value])),
  }));

describe.each(databaseKinds)('local_stream.conf on $name', (kind) => {
  let t: TestApp;
  let acme: number;
  let globex: number;
  const uuids: Record<string, string> = {};
  const fetchConf = () => answerOf(fetchXml(t, localStreamCapture));

  async function createClass(tenantId: number, body: Record<string, unknown>): Promise<{ music_on_hold_uuid: string; domain_uuid: string }> {
    const res = await t.api('POST', '/api/music_on_hold', { token: await t.adminToken(), body: { tenant_id: tenantId, ...body } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    acme = await createTenant(t, { name: 'Acme', domain: 'acme.test' });
    globex = await createTenant(t, { name: 'Globex', domain: 'globex.test' });
    const jazz = await createClass(acme, { music_on_hold_name: 'jazz', music_on_hold_rate: 8000, music_on_hold_shuffle: 'false' });
    uuids.acme = jazz.domain_uuid;
    await createClass(acme, { music_on_hold_name: 'jazz', music_on_hold_rate: 16000, music_on_hold_interval: 40, music_on_hold_channels: 2, music_on_hold_timer_name: 'timerfd' });
    const lounge = await createClass(acme, { music_on_hold_name: 'lounge', music_on_hold_rate: null });
    // A chime is a file of the class: uploaded first.
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(wavFile())], { type: 'audio/wav' }), 'ding dong.wav');
    const body = await multipartBody(form);
    const up = await t.app.inject({ method: 'POST', url: `/api/music_on_hold/${lounge.music_on_hold_uuid}/files`, payload: body.payload, headers: { ...body.headers, authorization: `Bearer ${await t.adminToken()}` } });
    expect(up.statusCode, up.body).toBe(200);
    const chimed = await t.api('PUT', `/api/music_on_hold/${lounge.music_on_hold_uuid}`, {
      token: await t.adminToken(),
      body: { music_on_hold_chime_list: 'ding_dong.wav', music_on_hold_chime_freq: 60, music_on_hold_chime_max: 5 },
    });
    expect(chimed.statusCode, chimed.body).toBe(200);
    uuids.globex = (await createClass(globex, { music_on_hold_name: 'jazz' })).domain_uuid;
  }, 120_000);
  afterAll(() => t?.close());

  it('answers the captured request with the stock streams and every class of every tenant, each in its own directory', async () => {
    const xml = await fetchConf();
    const golden = xml.replaceAll(t.config.media.dir, 'MEDIA_DIR').replaceAll(uuids.acme, 'ACME-DOMAIN-UUID').replaceAll(uuids.globex, 'GLOBEX-DOMAIN-UUID');
    await expect(golden).toMatchFileSnapshot('./golden/local-stream-conf.xml');
    expect(find(parseXml(xml), 'configuration')?.attrs.name).toBe('local_stream.conf');
    const media = t.config.media.dir;
    expect(directories(xml).slice(5)).toEqual([
      {
        name: 'acme.test/jazz/8000',
        path: `${media}/music/${uuids.acme}/jazz/8000`,
        rate: '8000',
        shuffle: 'false',
        channels: '1',
        interval: '20',
        'timer-name': 'soft',
      },
      {
        name: 'acme.test/jazz/16000',
        path: `${media}/music/${uuids.acme}/jazz/16000`,
        rate: '16000',
        shuffle: 'true',
        channels: '2',
        interval: '40',
        'timer-name': 'timerfd',
      },
      {
        name: 'acme.test/lounge',
        path: `${media}/music/${uuids.acme}/lounge/any`,
        rate: '48000',
        shuffle: 'true',
        channels: '1',
        interval: '20',
        'timer-name': 'soft',
        'chime-list': `${media}/music/${uuids.acme}/lounge/any/ding_dong.wav`,
        'chime-freq': '60',
        'chime-max': '5',
      },
      { name: 'globex.test/jazz/8000', path: `${media}/music/${uuids.globex}/jazz/8000`, rate: '8000', shuffle: 'true', channels: '1', interval: '20', 'timer-name': 'soft' },
    ]);
    // Every $${...} it renders is a stock global.
    expect([...xml.matchAll(/\$\$\{([^}]*)\}/g)].map((m) => m[1])).toEqual(['sounds_dir', 'sounds_dir', 'sounds_dir', 'sounds_dir', 'sounds_dir']);
  });

  it('shows a change at the next fetch: a deleted class and a disabled tenant leave it', async () => {
    const rows = (await t.api('GET', `/api/music_on_hold?tenant_id=${acme}`, { token: await t.adminToken() })).json();
    const wide = rows.find((r: { music_on_hold_rate: number }) => r.music_on_hold_rate === 16000);
    expect((await t.api('DELETE', `/api/music_on_hold/${wide.music_on_hold_uuid}`, { token: await t.adminToken() })).statusCode).toBe(200);
    await updateTenant(t, globex, { active: false });
    expect(directories(await fetchConf()).map((d) => d.name)).toEqual(['default', 'moh/8000', 'moh/16000', 'moh/32000', 'moh/48000', 'acme.test/jazz/8000', 'acme.test/lounge']);
  });

  it("an extension's hold_music plays the tenant's stream (local_stream://<domain>/<name>), a stock name the stock stream", async () => {
    await createExtension(t, acme, { extension: '1000', password: 'Acme-pass-0x', hold_music: 'jazz' });
    await createExtension(t, acme, { extension: '1001', password: 'Acme-pass-1x', hold_music: 'moh' });
    const holdMusicOf = async (id: string) => {
      const tree = parseXml(await answerOf(fetchXml(t, withParams(userCapture, { user: id, domain: 'acme.test', key_value: 'acme.test' }))));
      return namedValues(findAll(tree, 'user').find((u) => u.attrs.id === id)!, 'variables').hold_music;
    };
    expect(await holdMusicOf('1000')).toBe('local_stream://acme.test/jazz');
    expect(await holdMusicOf('1001')).toBe('local_stream://moh');
  });

  it("a call queue's moh sound and a conference room's hold music play the tenant's stream in callcenter.conf, the queue's entry and the room's profile", async () => {
    const post = async (path: string, body: Record<string, unknown>) => {
      const res = await t.api('POST', `/api/${path}`, { token: await t.adminToken(), body: { tenant_id: acme, ...body } });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    await post('call_queues', { queue_name: 'Support', queue_extension: '7100', queue_moh_sound: 'jazz' });
    await post('call_queues', { queue_name: 'Sales', queue_extension: '7200', queue_moh_sound: 'local_stream://default' });
    await post('call_queues', { queue_name: 'Plain', queue_extension: '7300' });
    const room = (await post('conferences', { conference_center_name: 'Board', conference_center_extension: '3000', conference_center_hold_music: 'local_stream://acme.test/lounge' }))
      .conference_center_uuid;
    const answers = async () => ({
      queues: paramsBy(await answerOf(fetchXml(t, callcenterCapture)), 'queue'),
      queueLoad: paramsBy(await answerOf(fetchXml(t, withParams(queueLoadCapture, { 'CC-Queue': '7100@acme.test' }))), 'queue'),
      entry: findAll(parseXml(await answerOf(fetchXml(t, withParams(dialplanCapture, { 'Caller-Context': 'acme.test', 'Hunt-Context': 'acme.test', 'Caller-Destination-Number': '7100', 'Hunt-Destination-Number': '7100' })))), 'action')
        .map((a) => a.attrs.data)
        .filter((d) => d?.startsWith('hold_music=')),
      room: paramsBy(await answerOf(fetchXml(t, withParams(conferenceCapture, { conference_name: '3000-acme.test', profile_name: room }))), 'profile')[room]!['moh-sound'],
    });
    const played = {
      queues: {
        '7100@acme.test': expect.objectContaining({ 'moh-sound': 'local_stream://acme.test/jazz' }),
        '7200@acme.test': expect.objectContaining({ 'moh-sound': 'local_stream://default' }),
        '7300@acme.test': expect.objectContaining({ 'moh-sound': '$${hold_music}' }),
      },
      queueLoad: { '7100@acme.test': expect.objectContaining({ 'moh-sound': 'local_stream://acme.test/jazz' }) },
      entry: ['hold_music=local_stream://acme.test/jazz'],
      room: 'local_stream://acme.test/lounge',
    };
    expect(await answers()).toEqual(played);
    // Another rate of the name may be renamed (the name still plays, the answers stay); the last may not.
    const other = await post('music_on_hold', { music_on_hold_name: 'jazz', music_on_hold_rate: 16000 });
    const renamed = await t.api('PUT', `/api/music_on_hold/${other.music_on_hold_uuid}`, { token: await t.adminToken(), body: { music_on_hold_name: 'bebop' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await answers()).toEqual(played);
    const [last] = (await t.api('GET', `/api/music_on_hold?tenant_id=${acme}&music_on_hold_name=jazz`, { token: await t.adminToken() })).json();
    const refused = await t.api('PUT', `/api/music_on_hold/${last.music_on_hold_uuid}`, { token: await t.adminToken(), body: { music_on_hold_name: 'swing' } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('Music on hold jazz cannot be renamed: it is the hold music of extension 1000; call queue 7100');
  });
});
