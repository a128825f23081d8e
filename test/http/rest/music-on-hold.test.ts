// /api/music_on_hold beyond the client's calls: what is refused (and that nothing changes), the
// audio files of a class (real WAV and MP3 built in the test, files that lie about their type,
// one too large), tenant scoping of every route, and hold_music on extensions, call queues and
// conference rooms naming a class (which cannot then be deleted or renamed away).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { fakeAudio, mp3File, wavFile } from '../../helpers/audio.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';
import { multipartBody } from '../../helpers/multipart.ts';

/** POST a file as a browser's FormData carries it: field `file`, a name and a type of the sender's choosing. */
async function upload(t: TestApp, token: string, uuid: string, bytes: Buffer, fileName: string, type = 'audio/wav', field = 'file') {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)], { type }), fileName);
  const body = await multipartBody(form);
  return t.app.inject({ method: 'POST', url: `/api/music_on_hold/${uuid}/files`, payload: body.payload, headers: { ...body.headers, authorization: `Bearer ${token}` } });
}

describe.each(databaseKinds)('/api/music_on_hold on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let jazz: { music_on_hold_uuid: string; music_on_hold_path: string };
  let anyRate: { music_on_hold_uuid: string; music_on_hold_path: string };

  const create = (token: string, body: Record<string, unknown>) => t.api('POST', '/api/music_on_hold', { token, body });
  const files = async (token: string, uuid: string) => (await t.api('GET', `/api/music_on_hold/${uuid}/files`, { token })).json();

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    jazz = (await create(cast.adminA.token, { music_on_hold_name: 'jazz' })).json();
    anyRate = (await create(cast.adminA.token, { music_on_hold_name: 'lounge', music_on_hold_rate: null })).json();
  }, 120_000);
  afterAll(() => t?.close());

  it('a class starts with its own empty directory under MEDIA_DIR (mod_local_stream ends a stream whose directory is missing)', async () => {
    expect(jazz.music_on_hold_path.startsWith(join(t.config.media.dir, 'music'))).toBe(true);
    expect(readdirSync(jazz.music_on_hold_path)).toEqual([]);
    const read = (await t.api('GET', `/api/music_on_hold/${anyRate.music_on_hold_uuid}`, { token: cast.adminA.token })).json();
    expect(read).toMatchObject({ music_on_hold_rate: null, music_on_hold_stream: 'acme.test/lounge' });
    expect(read.music_on_hold_path.endsWith('/lounge/any')).toBe(true);
  });

  it.each([
    ['a rate mod_local_stream does not take', { music_on_hold_rate: 44100 }, 'music_on_hold_rate'],
    ['a name with a slash', { music_on_hold_name: 'a/b' }, 'music_on_hold_name'],
    ['a name starting with a digit (it would read as a rate)', { music_on_hold_name: '8000' }, 'music_on_hold_name'],
    ['FreeSWITCH syntax in the name', { music_on_hold_name: 'x${system(id)}' }, 'music_on_hold_name'],
    ['a stock stream name', { music_on_hold_name: 'moh' }, 'music_on_hold_name'],
    ['an interval that is not a multiple of 10', { music_on_hold_name: 'odd', music_on_hold_interval: 25 }, 'music_on_hold_interval'],
    ['three channels', { music_on_hold_name: 'odd', music_on_hold_channels: 3 }, 'music_on_hold_channels'],
    ['an unknown timer', { music_on_hold_name: 'odd', music_on_hold_timer_name: 'fast' }, 'music_on_hold_timer_name'],
    ['a chime that is no file of the class', { music_on_hold_name: 'odd', music_on_hold_chime_list: 'ding.wav' }, 'music_on_hold_chime_list'],
    ['a chime given as a path', { music_on_hold_name: 'odd', music_on_hold_chime_list: '/etc/passwd' }, 'music_on_hold_chime_list'],
    ['a field the class does not have', { music_on_hold_name: 'odd', music_on_hold_owner: 'me' }, 'music_on_hold_owner'],
  ])('refuses %s with a 400 naming the field, and creates nothing', async (_, body, field) => {
    const res = await create(cast.adminA.token, { music_on_hold_name: 'ok', ...body });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.message).toContain(field);
    expect((await t.api('GET', '/api/music_on_hold', { token: cast.adminA.token })).json()).toHaveLength(2);
  });

  it('uploads a PCM WAV at 8000 Hz, one at 16000 Hz and an MP3, read from their bytes, and lists them', async () => {
    const narrow = await upload(t, cast.adminA.token, jazz.music_on_hold_uuid, wavFile({ sampleRate: 8000, seconds: 0.2 }), 'Take Five (live).wav');
    expect(narrow.statusCode, narrow.body).toBe(200);
    expect(narrow.json()).toEqual({
      music_on_hold_file_name: 'Take_Five_live.wav',
      music_on_hold_file_format: 'wav',
      music_on_hold_file_size: 44 + 3200,
      music_on_hold_file_sample_rate: 8000,
      music_on_hold_file_channels: 1,
      music_on_hold_file_resampled: false,
    });
    const wide = await upload(t, cast.adminA.token, jazz.music_on_hold_uuid, wavFile({ sampleRate: 16000, seconds: 0.1, channels: 2 }), '../../etc/so what.WAV');
    expect(wide.statusCode, wide.body).toBe(200);
    expect(wide.json()).toMatchObject({ music_on_hold_file_name: 'so_what.wav', music_on_hold_file_sample_rate: 16000, music_on_hold_file_channels: 2, music_on_hold_file_resampled: true });
    // Named .wav by the browser, an MP3 by its bytes: stored as what it is.
    const mp3 = await upload(t, cast.adminA.token, jazz.music_on_hold_uuid, mp3File({ id3: true }), 'blue.wav', 'audio/wav');
    expect(mp3.statusCode, mp3.body).toBe(200);
    expect(mp3.json()).toMatchObject({ music_on_hold_file_name: 'blue.mp3', music_on_hold_file_format: 'mp3', music_on_hold_file_sample_rate: 44100, music_on_hold_file_resampled: true });
    expect(await files(cast.adminA.token, jazz.music_on_hold_uuid)).toEqual([
      { music_on_hold_file_name: 'Take_Five_live.wav', music_on_hold_file_format: 'wav' },
      { music_on_hold_file_name: 'blue.mp3', music_on_hold_file_format: 'mp3' },
      { music_on_hold_file_name: 'so_what.wav', music_on_hold_file_format: 'wav' },
    ]);
    expect(readFileSync(join(jazz.music_on_hold_path, 'Take_Five_live.wav')).equals(wavFile({ sampleRate: 8000, seconds: 0.2 }))).toBe(true);
    // Nothing was written outside the class's directory.
    expect(existsSync(join(t.config.media.dir, 'etc'))).toBe(false);
  });

  it.each([
    ['text named .wav', fakeAudio.text, 'notes.wav', 'audio/wav'],
    ['a PNG named .mp3', fakeAudio.png, 'cover.mp3', 'audio/mpeg'],
    ['a WAV header without samples', fakeAudio.emptyWav, 'empty.wav', 'audio/wav'],
    ['float samples', fakeAudio.floatWav, 'float.wav', 'audio/wav'],
    ['an MP3 sync word followed by text', fakeAudio.mp3Header, 'fake.mp3', 'audio/mpeg'],
  ])('refuses %s with a 400 naming the file, and stores nothing', async (_, bytes, name, type) => {
    const before = await files(cast.adminA.token, jazz.music_on_hold_uuid);
    const res = await upload(t, cast.adminA.token, jazz.music_on_hold_uuid, bytes, name, type);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.message).toMatch(/^body\/file /);
    expect(await files(cast.adminA.token, jazz.music_on_hold_uuid)).toEqual(before);
    expect(readdirSync(jazz.music_on_hold_path).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('refuses an upload without a file (400) and a JSON body (415)', async () => {
    const form = new FormData();
    form.append('music_on_hold_name', 'jazz');
    const body = await multipartBody(form);
    const none = await t.app.inject({ method: 'POST', url: `/api/music_on_hold/${jazz.music_on_hold_uuid}/files`, payload: body.payload, headers: { ...body.headers, authorization: `Bearer ${cast.adminA.token}` } });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toMatch(/^body\/file is required/);
    const json = await t.api('POST', `/api/music_on_hold/${jazz.music_on_hold_uuid}/files`, { token: cast.adminA.token, body: { file: 'x' } });
    expect(json.statusCode).toBe(415);
  });

  it("another tenant's admin cannot upload to, list, or delete files of the class (404); a user without the permission gets 403", async () => {
    const res = await upload(t, cast.adminB.token, jazz.music_on_hold_uuid, wavFile(), 'intruder.wav');
    expect(res.statusCode).toBe(404);
    expect((await t.api('GET', `/api/music_on_hold/${jazz.music_on_hold_uuid}/files`, { token: cast.adminB.token })).statusCode).toBe(404);
    expect((await t.api('DELETE', `/api/music_on_hold/${jazz.music_on_hold_uuid}/files/blue.mp3`, { token: cast.adminB.token })).statusCode).toBe(404);
    expect((await t.api('GET', '/api/music_on_hold', { token: cast.userA.token })).statusCode).toBe(403);
    expect((await files(cast.adminA.token, jazz.music_on_hold_uuid)).map((f: { music_on_hold_file_name: string }) => f.music_on_hold_file_name)).not.toContain('intruder.wav');
  });

  it('chime_list names files of the class; a chime cannot be deleted while named; a file is deleted, an unknown one is 404', async () => {
    const chimed = await t.api('PUT', `/api/music_on_hold/${jazz.music_on_hold_uuid}`, { token: cast.adminA.token, body: { music_on_hold_chime_list: 'blue.mp3', music_on_hold_chime_freq: 45 } });
    expect(chimed.statusCode, chimed.body).toBe(200);
    expect((await t.api('DELETE', `/api/music_on_hold/${jazz.music_on_hold_uuid}/files/blue.mp3`, { token: cast.adminA.token })).statusCode).toBe(409);
    await t.api('PUT', `/api/music_on_hold/${jazz.music_on_hold_uuid}`, { token: cast.adminA.token, body: { music_on_hold_chime_list: '' } });
    expect((await t.api('DELETE', `/api/music_on_hold/${jazz.music_on_hold_uuid}/files/blue.mp3`, { token: cast.adminA.token })).json()).toBe(true);
    expect(existsSync(join(jazz.music_on_hold_path, 'blue.mp3'))).toBe(false);
    expect((await t.api('DELETE', `/api/music_on_hold/${jazz.music_on_hold_uuid}/files/blue.mp3`, { token: cast.adminA.token })).statusCode).toBe(404);
    expect((await t.api('DELETE', `/api/music_on_hold/${jazz.music_on_hold_uuid}/files/..%2F..%2Fx.wav`, { token: cast.adminA.token })).statusCode).toBe(404);
  });

  it('a class moved to another rate takes its files along; deleting it removes them', async () => {
    const moved = await t.api('PUT', `/api/music_on_hold/${jazz.music_on_hold_uuid}`, { token: cast.adminA.token, body: { music_on_hold_rate: '16000' } });
    expect(moved.statusCode, moved.body).toBe(200);
    const path = moved.json().music_on_hold_path;
    expect(path.endsWith('/jazz/16000')).toBe(true);
    expect(readdirSync(path).sort()).toEqual(['Take_Five_live.wav', 'so_what.wav']);
    expect(existsSync(jazz.music_on_hold_path)).toBe(false);
    expect((await t.api('DELETE', `/api/music_on_hold/${jazz.music_on_hold_uuid}`, { token: cast.adminA.token })).json()).toBe(true);
    expect(existsSync(path)).toBe(false);
  });

  it("hold_music on an extension names a class of the tenant or a stock stream; another tenant's class or an unknown name is refused", async () => {
    const ok = await t.api('POST', '/api/fpbx_extensions', { token: cast.adminA.token, body: { extension: '1010', password: 'Acme-pass-10x', hold_music: 'local_stream://lounge' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().hold_music).toBe('lounge');
    const stock = await t.api('PUT', `/api/fpbx_extensions/${ok.json().extension_uuid}`, { token: cast.adminA.token, body: { hold_music: 'moh' } });
    expect(stock.json().hold_music).toBe('moh');
    await create(cast.adminB.token, { music_on_hold_name: 'globex_only' });
    for (const hold of ['globex_only', 'nothing', 'local_stream://globex.test/globex_only', '/tmp/x.wav']) {
      const res = await t.api('PUT', `/api/fpbx_extensions/${ok.json().extension_uuid}`, { token: cast.adminA.token, body: { hold_music: hold } });
      expect(res.statusCode, hold).toBe(400);
      expect(res.json().error.message).toContain('hold_music');
    }
  });
});

describe.each(databaseKinds)('/api/music_on_hold uploads over UPLOAD_MAX_BYTES on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp(kind, { UPLOAD_MAX_BYTES: '4096' });
    cast = await seedCast(t);
  }, 120_000);
  afterAll(() => t?.close());

  it('refuses a real WAV larger than the limit with 413 and stores nothing; one within it is stored', async () => {
    const created = (await t.api('POST', '/api/music_on_hold', { token: cast.adminA.token, body: { music_on_hold_name: 'small' } })).json();
    const big = await upload(t, cast.adminA.token, created.music_on_hold_uuid, wavFile({ seconds: 1 }), 'long.wav');
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toMatchObject({ code: 413, message: 'The file is larger than 4096 bytes' });
    expect(readdirSync(created.music_on_hold_path)).toEqual([]);
    const small = await upload(t, cast.adminA.token, created.music_on_hold_uuid, wavFile({ seconds: 0.1 }), 'short.wav');
    expect(small.statusCode, small.body).toBe(200);
    expect(readdirSync(created.music_on_hold_path)).toEqual(['short.wav']);
  });
});

describe.each(databaseKinds)('hold music of call queues and conference rooms on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  /** acme's jazz at 8000 and at 16000 (uuids). */
  const jazz: string[] = [];

  const api = (method: string, url: string, token: string, body?: Record<string, unknown>) => t.api(method, url, { token, body });
  const created = async (method: string, url: string, token: string, body: Record<string, unknown>) => {
    const res = await api(method, url, token, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    for (const rate of [8000, 16000]) jazz.push((await created('POST', '/api/music_on_hold', cast.adminA.token, { music_on_hold_name: 'jazz', music_on_hold_rate: rate })).music_on_hold_uuid);
    await created('POST', '/api/music_on_hold', cast.adminA.token, { music_on_hold_name: 'lounge', music_on_hold_rate: null });
    await created('POST', '/api/music_on_hold', cast.adminB.token, { music_on_hold_name: 'globex_only' });
    await created('POST', '/api/music_on_hold', cast.adminB.token, { music_on_hold_name: 'jazz' });
  }, 120_000);
  afterAll(() => t?.close());

  /** Each way of naming the tenant's classes and the stock streams, and what the object then reads. */
  const accepted: [string, string][] = [
    ['jazz', 'local_stream://acme.test/jazz'],
    ['local_stream://lounge', 'local_stream://acme.test/lounge'],
    ['local_stream://acme.test/jazz', 'local_stream://acme.test/jazz'],
    ['default', 'local_stream://default'],
    ['local_stream://moh', 'local_stream://moh'],
    ['', ''],
  ];
  /** Another tenant's class (bare, or by its domain), names no class has, and what is no stream at all. */
  const refused = ['globex_only', 'local_stream://globex.test/globex_only', 'local_stream://globex.test/jazz', 'blues', 'local_stream://blues', 'shout://radio', '/tmp/x.wav'];

  // Globex's queue plays its globex_only, its room its own jazz (the name of one of Acme's classes too).
  for (const [path, field, body, globexClass] of [
    ['call_queues', 'queue_moh_sound', { queue_name: 'Support', queue_extension: '7100' }, 'globex_only'],
    ['conferences', 'conference_center_hold_music', { conference_center_name: 'Board', conference_center_extension: '3000' }, 'jazz'],
  ] as const) {
    const uuidOf = (o: Record<string, string>) => o.call_center_queue_uuid ?? o.conference_center_uuid;

    it(`${path}: ${field} names a class of the tenant or a stock stream, stored as its name and read as what plays`, async () => {
      const made = await created('POST', `/api/${path}`, cast.adminA.token, { ...body, [field]: 'local_stream://jazz' });
      expect(made[field]).toBe('local_stream://acme.test/jazz');
      for (const [given, read] of accepted) {
        const res = await api('PUT', `/api/${path}/${uuidOf(made)}`, cast.adminA.token, { [field]: given });
        expect(res.statusCode, `${given}: ${res.body}`).toBe(200);
        expect(res.json()[field], given).toBe(read);
      }
      await created('PUT', `/api/${path}/${uuidOf(made)}`, cast.adminA.token, { [field]: 'jazz' });
      // The super-admin puts another tenant's class on that tenant's own object.
      const globex = await created('POST', `/api/${path}`, cast.admin, { ...body, tenant_id: cast.tenantB, [field]: globexClass });
      expect(globex[field]).toBe(`local_stream://globex.test/${globexClass}`);
    });

    it(`${path}: another tenant's class or an unknown name is a 400 naming ${field}, and changes nothing`, async () => {
      const [mine] = (await api('GET', `/api/${path}`, cast.adminA.token)).json();
      for (const given of refused) {
        const res = await api('PUT', `/api/${path}/${uuidOf(mine)}`, cast.adminA.token, { [field]: given });
        expect(res.statusCode, given).toBe(400);
        expect(res.json().error.message, given).toContain(field);
        const fresh = await api('POST', `/api/${path}`, cast.adminA.token, { ...body, [field]: given, ...(path === 'call_queues' ? { queue_extension: '7199' } : { conference_center_extension: '3099' }) });
        expect(fresh.statusCode, given).toBe(400);
      }
      expect((await api('GET', `/api/${path}`, cast.adminA.token)).json()).toEqual([mine]);
      expect(mine[field]).toBe('local_stream://acme.test/jazz');
    });
  }

  it('a class name a queue or a room plays (or an extension) cannot be deleted or renamed away (409, naming them); another rate of it can', async () => {
    await created('POST', '/api/fpbx_extensions', cast.adminA.token, { extension: '1001', password: 'Acme-pass-1x', hold_music: 'jazz' });
    // Another rate of the name goes: the name still plays.
    await created('PUT', `/api/music_on_hold/${jazz[1]}`, cast.adminA.token, { music_on_hold_name: 'bebop' });
    const message = 'it is the hold music of extension 1001; conference 3000; call queue 7100';
    const deleted = await api('DELETE', `/api/music_on_hold/${jazz[0]}`, cast.adminA.token);
    expect(deleted.statusCode).toBe(409);
    expect(deleted.json().error.message).toBe(`Music on hold jazz cannot be deleted: ${message}`);
    const renamed = await api('PUT', `/api/music_on_hold/${jazz[0]}`, cast.adminA.token, { music_on_hold_name: 'swing' });
    expect(renamed.statusCode).toBe(409);
    expect(renamed.json().error.message).toBe(`Music on hold jazz cannot be renamed: ${message}`);
    // Each player let go in turn: the refusal names those left.
    const [ext] = (await api('GET', '/api/fpbx_extensions', cast.adminA.token)).json();
    await created('PUT', `/api/fpbx_extensions/${ext.extension_uuid}`, cast.adminA.token, { hold_music: 'moh' });
    const [room] = (await api('GET', '/api/conferences', cast.adminA.token)).json();
    await created('PUT', `/api/conferences/${room.conference_center_uuid}`, cast.adminA.token, { conference_center_hold_music: '' });
    expect((await api('DELETE', `/api/music_on_hold/${jazz[0]}`, cast.adminA.token)).json().error.message).toBe('Music on hold jazz cannot be deleted: it is the hold music of call queue 7100');
    const [queue] = (await api('GET', '/api/call_queues', cast.adminA.token)).json();
    await created('PUT', `/api/call_queues/${queue.call_center_queue_uuid}`, cast.adminA.token, { queue_moh_sound: 'local_stream://acme.test/lounge' });
    // Globex's room of the same number plays Globex's own jazz: Acme's goes, Globex's stays.
    expect((await api('DELETE', `/api/music_on_hold/${jazz[0]}`, cast.adminA.token)).json()).toBe(true);
    const globex = (await api('GET', '/api/music_on_hold', cast.adminB.token)).json() as { music_on_hold_uuid: string; music_on_hold_name: string }[];
    for (const [name, player] of [
      ['jazz', 'conference 3000'],
      ['globex_only', 'call queue 7100'],
    ]) {
      const uuid = globex.find((c) => c.music_on_hold_name === name)!.music_on_hold_uuid;
      expect((await api('DELETE', `/api/music_on_hold/${uuid}`, cast.adminB.token)).json().error.message).toBe(`Music on hold ${name} cannot be deleted: it is the hold music of ${player}`);
    }
  });
});
