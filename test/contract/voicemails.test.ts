// The ICTPBX client's voicemail screens, call by call (ictinnovations/ictpbx-community-edition-gui,
// src/app/pages/voicemails/: voicemails.service.ts makes the calls, voicemails.ts is the model,
// voicemails-form-component.ts/.html builds the body and uploads greetings,
// voicemails-component.ts/.html reads the list). The form sends `new Voicemail()` with the edits
// (its checkboxes as booleans, voicemail_file 'attach'), PUTs back the object it loaded, requires
// voicemail_password before saving (so it must read the PIN back), uploads a greeting as FormData
// (`file`, `voicemail_uuid`, `greeting_name`) with the upload headers and appends the answer to
// voicemail.greetings; deleting one filters on voicemail_greeting_uuid. The list reads
// voicemail_id, voicemail_mail_to, greeting_count, `voicemail_enabled === true || === 'true'` and
// tenant_name. Every answer is read with .json() (a delete's too).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { wavFile } from '../helpers/audio.ts';
import { databaseKinds } from '../helpers/databases.ts';
import type { Cast } from '../helpers/fixtures.ts';
import { multipartBody } from '../helpers/multipart.ts';
import { answer, clientFlag as flag, guiCast, type GuiClient } from './gui-client.ts';

/** What save() sends for a new box: new Voicemail() (undefined fields left out by JSON.stringify) and the edits. */
const newVoicemail = (edits: Record<string, unknown>) => ({
  voicemail_transcription_enabled: false,
  voicemail_file: 'attach',
  voicemail_local_after_email: true,
  voicemail_tutorial: false,
  voicemail_recording_instructions: false,
  voicemail_recording_options: false,
  voicemail_enabled: true,
  greetings: [],
  greeting_count: 0,
  ...edits,
});

describe.each(databaseKinds)('ICTPBX client: voicemails on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let admin: GuiClient;
  let tenantAdmin: GuiClient;
  let otherAdmin: GuiClient;
  let uuid: string;
  let greetingUuid: string;

  /** uploadGreeting(): an XMLHttpRequest POST of FormData with the upload headers (the bearer token). */
  async function uploadGreeting(token: string, voicemail_uuid: string, file: Buffer, greeting_name: string) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)], { type: 'audio/wav' }), 'greeting.wav');
    form.append('voicemail_uuid', voicemail_uuid);
    form.append('greeting_name', greeting_name);
    const body = await multipartBody(form);
    return t.app.inject({ method: 'POST', url: '/api/voicemail_greetings', payload: body.payload, headers: { ...body.headers, authorization: ` Bearer ${token}` } });
  }

  beforeAll(async () => {
    ({ t, cast, admin, tenantAdmin, otherAdmin } = await guiCast(kind));
    for (const extension of ['1001', '1002']) answer(await tenantAdmin.post('/fpbx_extensions', { extension, password: 'Acme-pass-x1' }));
    answer(await otherAdmin.post('/fpbx_extensions', { extension: '1001', password: 'Globex-pass-1' }));
  }, 120_000);
  afterAll(() => t?.close());

  it('voicemails-form-component.ts (new): POST /voicemails with the form body answers the box with its voicemail_uuid', async () => {
    const created = answer(await tenantAdmin.post('/voicemails', newVoicemail({ voicemail_id: '1001', voicemail_password: '4826', voicemail_mail_to: 'alice@acme.test' })));
    expect(created.voicemail_uuid).toMatch(/^[0-9a-f-]{36}$/);
    uuid = created.voicemail_uuid;
    expect(created).toMatchObject({
      voicemail_id: '1001',
      voicemail_password: '4826',
      voicemail_mail_to: 'alice@acme.test',
      voicemail_file: 'attach',
      voicemail_local_after_email: true,
      greetings: [],
      greeting_count: 0,
      tenant_id: cast.tenantA,
      tenant_name: 'Acme',
      domain_name: 'acme.test',
    });
    expect(flag(created.voicemail_enabled)).toBe(true);
  });

  it("voicemails-form-component.ts (new): a PIN that is one digit repeated, or the box's number, is refused with the field named", async () => {
    const same = await tenantAdmin.post('/voicemails', newVoicemail({ voicemail_id: '1002', voicemail_password: '7777' }));
    expect(same.statusCode).toBe(400);
    expect(same.json().error.message).toContain('voicemail_password');
    const own = await tenantAdmin.post('/voicemails', newVoicemail({ voicemail_id: '1002', voicemail_password: '1002' }));
    expect(own.statusCode).toBe(400);
    expect(own.json().error.message).toContain('voicemail_password');
  });

  it('voicemails-form-component.ts (new): a second box for the same extension is 409, a number no extension has is 400', async () => {
    expect((await tenantAdmin.post('/voicemails', newVoicemail({ voicemail_id: '1001', voicemail_password: '5912' }))).statusCode).toBe(409);
    const none = await tenantAdmin.post('/voicemails', newVoicemail({ voicemail_id: '4999', voicemail_password: '5912' }));
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toContain('voicemail_id');
  });

  it('voicemails-component.ts: GET /voicemails answers a bare array with the columns the list shows; the super-admin filters by ?tenant_id', async () => {
    const rows = answer(await tenantAdmin.get('/voicemails'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ voicemail_uuid: uuid, voicemail_id: '1001', voicemail_mail_to: 'alice@acme.test', greeting_count: 0, tenant_name: 'Acme' });
    expect(flag(rows[0].voicemail_enabled)).toBe(true);
    expect(answer(await admin.get(`/voicemails?tenant_id=${cast.tenantB}`))).toEqual([]);
    expect(answer(await admin.get(`/voicemails?tenant_id=${cast.tenantA}`)).map((v: { voicemail_uuid: string }) => v.voicemail_uuid)).toEqual([uuid]);
    expect(answer(await otherAdmin.get('/voicemails'))).toEqual([]);
  });

  it('voicemails-form-component.ts uploadGreeting(): POST /voicemail_greetings as FormData answers the greeting the form appends', async () => {
    const wav = wavFile({ seconds: 1 });
    const res = await uploadGreeting(cast.adminA.token, uuid, wav, 'Main Greeting');
    const g = answer(res);
    expect(g).toMatchObject({ greeting_id: 1, greeting_name: 'Main Greeting', greeting_filename: 'greeting_1.wav', greeting_description: '' });
    expect(g.voicemail_greeting_uuid).toMatch(/^[0-9a-f-]{36}$/);
    greetingUuid = g.voicemail_greeting_uuid;
    // Stored where mod_voicemail reads the box's greetings: <storage-dir>/<domain>/<box>/.
    const path = join(t.config.media.dir, 'voicemail', 'default', 'acme.test', '1001', 'greeting_1.wav');
    expect(readFileSync(path).equals(wav)).toBe(true);
  });

  it('voicemails-form-component.ts (edit): GET /voicemails/:uuid answers the box with its greetings and its PIN (the form requires it to save)', async () => {
    const v = answer(await tenantAdmin.get(`/voicemails/${uuid}`));
    expect(v).toMatchObject({ voicemail_uuid: uuid, voicemail_id: '1001', voicemail_password: '4826', greeting_count: 1 });
    expect(v.greetings).toEqual([expect.objectContaining({ voicemail_greeting_uuid: greetingUuid, greeting_id: 1, greeting_name: 'Main Greeting', greeting_filename: 'greeting_1.wav' })]);
  });

  it('voicemails-form-component.ts (edit): PUT /voicemails/:uuid with the loaded object and the edits saves them', async () => {
    const loaded = answer(await tenantAdmin.get(`/voicemails/${uuid}`));
    const saved = answer(await tenantAdmin.put(`/voicemails/${uuid}`, { ...loaded, voicemail_mail_to: 'alice@example.test', voicemail_local_after_email: false, voicemail_file: 'link' }));
    expect(saved).toMatchObject({ voicemail_mail_to: 'alice@example.test', voicemail_local_after_email: false, voicemail_file: 'link', voicemail_password: '4826' });
    // One value each: the box's e-mail address is its extension's.
    const ext = answer(await tenantAdmin.get(`/fpbx_extensions/${loaded.extension_uuid}`));
    expect(ext.voicemail_mail_to).toBe('alice@example.test');
  });

  it("another tenant's box and greeting are not found to its admin", async () => {
    expect((await otherAdmin.get(`/voicemails/${uuid}`)).statusCode).toBe(404);
    expect((await otherAdmin.put(`/voicemails/${uuid}`, { voicemail_mail_to: 'x@globex.test' })).statusCode).toBe(404);
    expect((await otherAdmin.delete(`/voicemails/${uuid}`)).statusCode).toBe(404);
    expect((await otherAdmin.delete(`/voicemail_greetings/${greetingUuid}`)).statusCode).toBe(404);
    expect((await uploadGreeting(cast.adminB.token, uuid, wavFile(), 'x')).statusCode).toBe(400);
  });

  it('voicemails-form-component.ts deleteGreeting(): DELETE /voicemail_greetings/:uuid answers JSON and removes the file', async () => {
    const path = join(t.config.media.dir, 'voicemail', 'default', 'acme.test', '1001', 'greeting_1.wav');
    expect(answer(await tenantAdmin.delete(`/voicemail_greetings/${greetingUuid}`))).toBe(true);
    expect(existsSync(path)).toBe(false);
    expect(answer(await tenantAdmin.get(`/voicemails/${uuid}`)).greetings).toEqual([]);
  });

  it('voicemails-component.ts confirmDelete(): DELETE /voicemails/:uuid answers JSON; the box is gone and its extension takes no messages', async () => {
    const loaded = answer(await tenantAdmin.get(`/voicemails/${uuid}`));
    expect(answer(await tenantAdmin.delete(`/voicemails/${uuid}`))).toBe(true);
    expect((await tenantAdmin.get(`/voicemails/${uuid}`)).statusCode).toBe(404);
    expect(flag(answer(await tenantAdmin.get(`/fpbx_extensions/${loaded.extension_uuid}`)).voicemail_enabled)).toBe(false);
  });
});
