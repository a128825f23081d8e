// A music-on-hold change reaches FreeSWITCH as mod_local_stream's per-stream commands, observed on
// the fake Event Socket after REST writes: a new class starts its stream, an upload starts it
// (harmless when running), changed params reload it, a rename or another rate stops the old stream
// and starts the new one, a deletion stops it; a file deleted needs nothing. No capture of these
// commands exists: the fake answers them as it answers other api commands (`+OK`), and their
// syntax is mod_local_stream.c's (start_local_stream / stop_local_stream / reload_local_stream <name>).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/app.ts';
import { wavFile } from '../../helpers/audio.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { createEslTestApp } from '../../helpers/esl-app.ts';
import { captured, startFakeEsl, type FakeEsl } from '../../helpers/fake-esl.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';
import { multipartBody } from '../../helpers/multipart.ts';

describe.each(databaseKinds)('music-on-hold streams over the Event Socket on $name', (kind) => {
  let t: TestApp;
  let node: FakeEsl;
  let cast: Cast;
  let sentinel = 0;

  /** Every command queued before it has been sent once the sentinel's own arrives. */
  async function settled() {
    const name = `sentinel${++sentinel}`;
    await t.app.services.changes.publish({ entity: 'sip_profile', tenantId: null, id: name });
    await node.waitForCommand(`api sofia profile ${name} rescan`);
  }
  const streamCommands = (mark: number) => node.commands.slice(mark).filter((c) => /^api (start|stop|reload)_local_stream /.test(c));

  beforeAll(async () => {
    node = await startFakeEsl();
    node.answer(/^api ((start|stop|reload)_local_stream|sofia profile)/, captured.apiOk);
    t = await createEslTestApp(kind, node);
    cast = await seedCast(t);
    await node.waitForCommand('api reloadacl');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await node?.close();
  });

  it('create, upload, edit, rename, move to any rate, delete: each sends what mod_local_stream needs, in order', async () => {
    const token = cast.adminA.token;
    const mark = node.commands.length;
    const created = await t.api('POST', '/api/music_on_hold', { token, body: { music_on_hold_name: 'jazz' } });
    expect(created.statusCode, created.body).toBe(200);
    const uuid = created.json().music_on_hold_uuid;
    await settled();

    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(wavFile())], { type: 'audio/wav' }), 'a.wav');
    const body = await multipartBody(form);
    const up = await t.app.inject({ method: 'POST', url: `/api/music_on_hold/${uuid}/files`, payload: body.payload, headers: { ...body.headers, authorization: `Bearer ${token}` } });
    expect(up.statusCode, up.body).toBe(200);
    await settled();

    expect((await t.api('PUT', `/api/music_on_hold/${uuid}`, { token, body: { music_on_hold_shuffle: 'false' } })).statusCode).toBe(200);
    await settled();
    // Nothing FreeSWITCH reads changed: nothing is sent.
    expect((await t.api('PUT', `/api/music_on_hold/${uuid}`, { token, body: { music_on_hold_shuffle: 'false' } })).statusCode).toBe(200);
    await settled();
    expect((await t.api('PUT', `/api/music_on_hold/${uuid}`, { token, body: { music_on_hold_name: 'blues' } })).statusCode).toBe(200);
    await settled();
    expect((await t.api('PUT', `/api/music_on_hold/${uuid}`, { token, body: { music_on_hold_rate: null } })).statusCode).toBe(200);
    await settled();
    expect((await t.api('DELETE', `/api/music_on_hold/${uuid}/files/a.wav`, { token })).statusCode).toBe(200);
    await settled();
    expect((await t.api('DELETE', `/api/music_on_hold/${uuid}`, { token })).statusCode).toBe(200);
    await settled();

    expect(streamCommands(mark)).toEqual([
      'api start_local_stream acme.test/jazz/8000',
      'api start_local_stream acme.test/jazz/8000',
      'api reload_local_stream acme.test/jazz/8000',
      'api stop_local_stream acme.test/jazz/8000',
      'api start_local_stream acme.test/blues/8000',
      'api stop_local_stream acme.test/blues/8000',
      'api start_local_stream acme.test/blues',
      'api stop_local_stream acme.test/blues',
    ]);
  });

  it('a refused write sends nothing', async () => {
    const mark = node.commands.length;
    expect((await t.api('POST', '/api/music_on_hold', { token: cast.adminA.token, body: { music_on_hold_name: 'x', music_on_hold_rate: 11025 } })).statusCode).toBe(400);
    await settled();
    expect(streamCommands(mark)).toEqual([]);
  });
});
