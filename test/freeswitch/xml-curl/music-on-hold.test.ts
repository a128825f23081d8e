// Music on hold as FreeSWITCH reaches it: local_stream.conf fetched as the captured request
// (mod_local_stream at load, on `reload mod_local_stream` and on start/reload_local_stream) answers
// the stock streams and one directory per tenant class, golden-filed; a change shows at the next
// fetch. An extension's hold_music plays the tenant's stream.
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
});
