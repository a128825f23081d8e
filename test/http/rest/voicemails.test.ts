// Voicemail boxes and greetings through REST and GraphQL: validation (the PIN rules, the box's
// fields, unknown fields), scoping (the super-admin names the tenant, another tenant's box is 404,
// an end user is refused), one PIN (the box's is the extension's, set from either side), and
// greeting uploads checked from their bytes: real WAV and MP3 generated here are stored, files
// that lie about their type are 400 and store nothing, an over-size file is 413, a body that is
// not multipart 415.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { fakeAudio, mp3File, wavFile } from '../../helpers/audio.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';
import { multipartBody } from '../../helpers/multipart.ts';

const MAX_UPLOAD = 64 * 1024;

describe.each(databaseKinds)('voicemail boxes and greetings on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let box: string;
  let extensionUuid: string;
  const boxDir = () => join(t.config.media.dir, 'voicemail', 'default', 'acme.test', '2001');

  async function upload(token: string, file: Buffer | null, fields: Record<string, string>, name = 'greeting.wav') {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    if (file) form.append('file', new Blob([new Uint8Array(file)], { type: 'audio/wav' }), name);
    const body = await multipartBody(form);
    return t.app.inject({ method: 'POST', url: '/api/voicemail_greetings', payload: body.payload, headers: { ...body.headers, authorization: `Bearer ${token}` } });
  }

  const post = (token: string, body: Record<string, unknown>) => t.api('POST', '/api/voicemails', { token, body });

  beforeAll(async () => {
    t = await createTestApp(kind, { UPLOAD_MAX_BYTES: String(MAX_UPLOAD) });
    cast = await seedCast(t);
    for (const extension of ['2001', '2002', '2003']) {
      const res = await t.api('POST', '/api/fpbx_extensions', { token: cast.adminA.token, body: { extension, password: 'Acme-pass-x1' } });
      expect(res.statusCode, res.body).toBe(200);
      if (extension === '2001') extensionUuid = res.json().extension_uuid;
    }
    await t.api('POST', '/api/fpbx_extensions', { token: cast.adminB.token, body: { extension: '2002', password: 'Globex-pass-1' } });
    const created = await post(cast.adminA.token, { voicemail_id: '2001', voicemail_password: '3819', voicemail_mail_to: 'a@acme.test' });
    expect(created.statusCode, created.body).toBe(200);
    box = created.json().voicemail_uuid;
  }, 120_000);
  afterAll(() => t?.close());

  it('refuses bad input with the field named and writes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ voicemail_id: '2002', voicemail_password: '12' }, 'voicemail_password'],
      [{ voicemail_id: '2002', voicemail_password: '12ab' }, 'voicemail_password'],
      [{ voicemail_id: '2002', voicemail_password: '000000' }, 'voicemail_password'],
      [{ voicemail_id: '2002', voicemail_mail_to: 'not-an-address' }, 'voicemail_mail_to'],
      [{ voicemail_id: '2002', voicemail_file: 'fax' }, 'voicemail_file'],
      [{ voicemail_id: '2002', voicemail_description: '${system(id)}' }, 'voicemail_description'],
      [{ voicemail_id: '2002', greeting_id: 1 }, 'greeting_id'],
      [{ voicemail_id: '2002', surprise: 1 }, 'surprise'],
      [{ voicemail_id: 'abc' }, 'voicemail_id'],
    ];
    for (const [body, field] of cases) {
      const res = await post(cast.adminA.token, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.message, JSON.stringify(body)).toContain(field);
    }
    const list = await t.api('GET', '/api/voicemails', { token: cast.adminA.token });
    expect(list.json()).toHaveLength(1);
  });

  it('the super-admin names the tenant; a tenant admin cannot name another; an end user is refused', async () => {
    const other = await post(cast.admin, { tenant_id: cast.tenantB, voicemail_id: '2002', voicemail_password: '7310' });
    expect(other.statusCode, other.body).toBe(200);
    expect(other.json()).toMatchObject({ tenant_id: cast.tenantB, domain_name: 'globex.test', voicemail_id: '2002' });
    expect((await post(cast.adminA.token, { tenant_id: cast.tenantB, voicemail_id: '2002', voicemail_password: '7310' })).statusCode).toBe(403);
    expect((await t.api('GET', '/api/voicemails', { token: cast.userA.token })).statusCode).toBe(403);
    expect((await t.api('GET', `/api/voicemails/${other.json().voicemail_uuid}`, { token: cast.adminA.token })).statusCode).toBe(404);
    expect((await t.api('GET', `/api/voicemails?tenant_id=${cast.tenantB}`, { token: cast.adminA.token })).json()).toEqual([]);
  });

  it('the PIN is one value: set through the box, the extension shows it; set through the extension, the box does', async () => {
    const viaBox = await t.api('PUT', `/api/voicemails/${box}`, { token: cast.adminA.token, body: { voicemail_password: '5820' } });
    expect(viaBox.statusCode, viaBox.body).toBe(200);
    expect((await t.api('GET', `/api/fpbx_extensions/${extensionUuid}`, { token: cast.adminA.token })).json().voicemail_password).toBe('5820');
    const viaExt = await t.api('PUT', `/api/fpbx_extensions/${extensionUuid}`, { token: cast.adminA.token, body: { voicemail_password: '6931' } });
    expect(viaExt.statusCode, viaExt.body).toBe(200);
    expect((await t.api('GET', `/api/voicemails/${box}`, { token: cast.adminA.token })).json().voicemail_password).toBe('6931');
    // The extension's own form refuses a trivial PIN too.
    const trivial = await t.api('PUT', `/api/fpbx_extensions/${extensionUuid}`, { token: cast.adminA.token, body: { voicemail_password: '9999' } });
    expect(trivial.statusCode).toBe(400);
    // The box number cannot move to another extension.
    expect((await t.api('PUT', `/api/voicemails/${box}`, { token: cast.adminA.token, body: { voicemail_id: '2003' } })).statusCode).toBe(400);
  });

  it('stores a real WAV and a real MP3 as greeting_<n> in the box directory, listed and read back', async () => {
    const wav = await upload(cast.adminA.token, wavFile({ seconds: 1 }), { voicemail_uuid: box, greeting_name: 'Day' });
    expect(wav.statusCode, wav.body).toBe(200);
    expect(wav.json()).toMatchObject({ greeting_id: 1, greeting_filename: 'greeting_1.wav', greeting_format: 'wav', greeting_chosen: false });
    const mp3 = await upload(cast.adminA.token, mp3File({ frames: 20, id3: true }), { voicemail_uuid: box, greeting_name: 'Night', greeting_id: '4' }, 'night.mp3');
    expect(mp3.statusCode, mp3.body).toBe(200);
    expect(mp3.json()).toMatchObject({ greeting_id: 4, greeting_filename: 'greeting_4.mp3', greeting_format: 'mp3' });
    expect(readdirSync(boxDir()).sort()).toEqual(['greeting_1.wav', 'greeting_4.mp3']);
    const listed = await t.api('GET', `/api/voicemail_greetings?voicemail_uuid=${box}`, { token: cast.adminA.token });
    expect(listed.json().map((g: { greeting_id: number }) => g.greeting_id)).toEqual([1, 4]);
    expect(listed.headers['x-total-count']).toBe('2');
    const chosen = await t.api('PUT', `/api/voicemails/${box}`, { token: cast.adminA.token, body: { greeting_id: 4 } });
    expect(chosen.json().greeting_id).toBe(4);
    const read = await t.api('GET', `/api/voicemail_greetings/${mp3.json().voicemail_greeting_uuid}`, { token: cast.adminA.token });
    expect(read.json()).toMatchObject({ greeting_id: 4, greeting_chosen: true });
    // Another tenant's admin does not see them.
    expect((await t.api('GET', `/api/voicemail_greetings`, { token: cast.adminB.token })).json()).toEqual([]);
    expect((await t.api('GET', `/api/voicemail_greetings/${mp3.json().voicemail_greeting_uuid}`, { token: cast.adminB.token })).statusCode).toBe(404);
  });

  it('a new upload to a taken number replaces that greeting and its file', async () => {
    const again = await upload(cast.adminA.token, wavFile({ seconds: 1 }), { voicemail_uuid: box, greeting_id: '4' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ greeting_id: 4, greeting_filename: 'greeting_4.wav' });
    expect(readdirSync(boxDir()).sort()).toEqual(['greeting_1.wav', 'greeting_4.wav']);
  });

  it('refuses files that lie about being audio (400 naming the file) and stores nothing', async () => {
    for (const [name, bytes] of Object.entries(fakeAudio)) {
      const res = await upload(cast.adminA.token, bytes, { voicemail_uuid: box, greeting_id: '7' }, `${name}.wav`);
      expect(res.statusCode, name).toBe(400);
      expect(res.json().error.message, name).toContain('file');
    }
    expect(existsSync(join(boxDir(), 'greeting_7.wav'))).toBe(false);
    expect(existsSync(join(boxDir(), 'greeting_7.mp3'))).toBe(false);
  });

  it('answers 413 over UPLOAD_MAX_BYTES, 415 for a body that is not multipart, 400 without a file or box', async () => {
    const big = await upload(cast.adminA.token, wavFile({ seconds: 5 }), { voicemail_uuid: box });
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toBeDefined();
    const json = await t.api('POST', '/api/voicemail_greetings', { token: cast.adminA.token, body: { voicemail_uuid: box } });
    expect(json.statusCode).toBe(415);
    expect((await upload(cast.adminA.token, null, { voicemail_uuid: box })).statusCode).toBe(400);
    const noBox = await upload(cast.adminA.token, wavFile({ seconds: 1 }), {});
    expect(noBox.statusCode).toBe(400);
    expect(noBox.json().error.message).toContain('voicemail_uuid');
  });

  it('GraphQL: creates, reads, chooses a greeting, deletes a greeting and a box with the same rules', async () => {
    const token = cast.adminA.token;
    const made = await t.gql(`mutation { createVoicemail(input: { voicemailId: "2003", voicemailPassword: "4072", voicemailFile: "none" }) { voicemailUuid voicemailId voicemailFile voicemailPassword greetings { greetingId } } }`, {}, token);
    expect(made.errors).toBeUndefined();
    expect(made.data.createVoicemail).toMatchObject({ voicemailId: '2003', voicemailFile: 'none', voicemailPassword: '4072', greetings: [] });
    const id = made.data.createVoicemail.voicemailUuid;
    const bad = await t.gql(`mutation { createVoicemail(input: { voicemailId: "2003", voicemailPassword: "2003" }) { voicemailUuid } }`, {}, token);
    expect(bad.errors?.[0].message).toBeTruthy();
    const foreign = await t.gql(`query ($id: ID!) { voicemail(id: $id) { voicemailUuid } }`, { id }, cast.adminB.token);
    expect(foreign.errors?.[0].extensions.code).toBe(404);
    const list = await t.gql(`{ voicemails(sort: voicemailId) { total items { voicemailId greetingCount } } voicemailGreetings { total items { greetingId voicemailUuid } } }`, {}, token);
    expect(list.errors).toBeUndefined();
    expect(list.data.voicemails.items.map((v: { voicemailId: string }) => v.voicemailId)).toEqual(['2001', '2003']);
    expect(list.data.voicemailGreetings.total).toBe(2);
    const unchoose = await t.gql(`mutation ($id: ID!) { updateVoicemail(id: $id, input: { greetingId: null }) { greetingId } }`, { id: box }, token);
    expect(unchoose.errors).toBeUndefined();
    expect(unchoose.data.updateVoicemail.greetingId).toBeNull();
    const greeting = list.data.voicemailGreetings.items.find((g: { greetingId: number }) => g.greetingId === 1);
    const g = await t.gql(`query { voicemailGreetings(voicemailUuid: "${box}") { items { voicemailGreetingUuid greetingId } } }`, {}, token);
    const uuid = g.data.voicemailGreetings.items.find((x: { greetingId: number }) => x.greetingId === greeting.greetingId).voicemailGreetingUuid;
    const removed = await t.gql(`mutation ($id: ID!) { deleteVoicemailGreeting(id: $id) }`, { id: uuid }, token);
    expect(removed.data.deleteVoicemailGreeting).toBe(true);
    expect(existsSync(join(boxDir(), 'greeting_1.wav'))).toBe(false);
    const gone = await t.gql(`mutation ($id: ID!) { deleteVoicemail(id: $id) }`, { id }, token);
    expect(gone.data.deleteVoicemail).toBe(true);
  });

  it('a box a DID sends callers to cannot be deleted or disabled (409); deleting it removes its greetings and their files', async () => {
    const did = await t.api('POST', '/api/dids', { token: cast.admin, body: { phone: '15551230077', tenant_id: cast.tenantA, destination_type: 'voicemail', destination_value: '2001' } });
    expect(did.statusCode, did.body).toBe(200);
    const refused = await t.api('DELETE', `/api/voicemails/${box}`, { token: cast.adminA.token });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('did');
    expect((await t.api('PUT', `/api/voicemails/${box}`, { token: cast.adminA.token, body: { voicemail_enabled: false } })).statusCode).toBe(409);
    expect((await t.api('DELETE', `/api/dids/${did.json()}`, { token: cast.admin })).statusCode).toBe(200);
    const res = await t.api('DELETE', `/api/voicemails/${box}`, { token: cast.adminA.token });
    expect(res.statusCode, res.body).toBe(200);
    expect(readdirSync(boxDir())).toEqual([]);
    expect((await t.api('GET', `/api/voicemail_greetings?voicemail_uuid=${box}`, { token: cast.adminA.token })).json()).toEqual([]);
  });
});
