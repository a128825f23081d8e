// A box's messages through the Event Socket, against the fake FreeSWITCH: GET
// /api/voicemails/:uuid/messages sends `vm_list <box>@<domain>/default` and reads mod_voicemail's
// text lines; DELETE .../messages/:message_uuid sends `vm_delete <box>@<domain>/default <uuid>`.
// An empty box answers as captured (`-ERR no reply`, transcript 20-api-originate-voicemail-deposit,
// which deposited nothing). No listing of a box holding messages was captured: those replies are
// the captured api/response frame carrying lines in the format mod_voicemail.c's
// api_list_callback writes. With no node connected the answer is 503.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { createEslTestApp } from '../../helpers/esl-app.ts';
import { repliesTo } from '../../helpers/esl-transcripts.ts';
import { captured, startFakeEsl, type FakeEsl } from '../../helpers/fake-esl.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';

/** The captured empty listing: `-ERR no reply`. */
const emptyList = repliesTo('20-api-originate-voicemail-deposit', 'api vm_list 1000@127.0.0.1 json');

/** The captured api/response frame with another body (its Content-Length recomputed). */
const apiResponse = (body: string) => emptyList.map((f) => f.replace(/Content-Length: \d+/, `Content-Length: ${Buffer.byteLength(body)}`).replace(/\n\n[\s\S]*$/, `\n\n${body}`));

const MSG_A = '6d2b3b0a-8c1e-4f55-9a51-0b8f3c1e6d2a';
const MSG_B = 'a1c2e3f4-0b1d-4c2e-8f3a-5b6c7d8e9f00';
const STORE = '/var/lib/freeswitch/storage/voicemail/default/acme.test/1001';
/** Two messages as api_list_callback writes them (created:read:user:domain:folder:path:uuid:cid_name:cid_number:len). */
const twoMessages = [
  `1795840880:0:1001:acme.test:inbox:${STORE}/msg_${MSG_A}.wav:${MSG_A}:Bob: Sales:15551234567:12`,
  `1795844480:1795845000:1001:acme.test:inbox:${STORE}/msg_${MSG_B}.wav:${MSG_B}:Carol:1002:7`,
  '',
].join('\n');

describe.each(databaseKinds)('voicemail messages over the Event Socket on $name', (kind) => {
  let t: TestApp;
  let fake: FakeEsl;
  let cast: Cast;
  let box: string;
  let listing = emptyList;

  beforeAll(async () => {
    fake = await startFakeEsl();
    fake.answer(/^api vm_list /, () => listing);
    fake.answer(/^api vm_delete /, captured.apiOk);
    t = await createEslTestApp(kind, fake);
    cast = await seedCast(t);
    const ext = await t.api('POST', '/api/fpbx_extensions', { token: cast.adminA.token, body: { extension: '1001', password: 'Acme-pass-x1' } });
    expect(ext.statusCode, ext.body).toBe(200);
    const created = await t.api('POST', '/api/voicemails', { token: cast.adminA.token, body: { voicemail_id: '1001', voicemail_password: '4826' } });
    expect(created.statusCode, created.body).toBe(200);
    box = created.json().voicemail_uuid;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('an empty box (the captured "-ERR no reply") lists no message', async () => {
    listing = emptyList;
    const res = await t.api('GET', `/api/voicemails/${box}/messages`, { token: cast.adminA.token });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual([]);
    await fake.waitForCommand('api vm_list 1001@acme.test/default');
  });

  it("lists the box's messages newest first, a caller name with a colon kept whole", async () => {
    listing = apiResponse(twoMessages);
    const res = await t.api('GET', `/api/voicemails/${box}/messages`, { token: cast.adminA.token });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual([
      { message_uuid: MSG_B, created_epoch: 1795844480, read_epoch: 1795845000, folder: 'inbox', caller_id_name: 'Carol', caller_id_number: '1002', message_length: 7, node: 'default' },
      { message_uuid: MSG_A, created_epoch: 1795840880, read_epoch: 0, folder: 'inbox', caller_id_name: 'Bob: Sales', caller_id_number: '15551234567', message_length: 12, node: 'default' },
    ]);
    const gql = await t.gql(`query ($id: ID!) { voicemailMessages(voicemailUuid: $id) { messageUuid callerIdName } }`, { id: box }, cast.adminA.token);
    expect(gql.errors).toBeUndefined();
    expect(gql.data.voicemailMessages.map((m: { messageUuid: string }) => m.messageUuid)).toEqual([MSG_B, MSG_A]);
  });

  it('deletes a message with vm_delete; a message the box does not hold is 404 and sends nothing', async () => {
    listing = apiResponse(twoMessages);
    const res = await t.api('DELETE', `/api/voicemails/${box}/messages/${MSG_A}`, { token: cast.adminA.token });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toBe(true);
    await fake.waitForCommand(`api vm_delete 1001@acme.test/default ${MSG_A}`);
    const before = fake.commands.filter((c) => c.startsWith('api vm_delete')).length;
    const missing = await t.api('DELETE', `/api/voicemails/${box}/messages/00000000-0000-4000-8000-000000000000`, { token: cast.adminA.token });
    expect(missing.statusCode).toBe(404);
    expect(fake.commands.filter((c) => c.startsWith('api vm_delete')).length).toBe(before);
  });

  it("another tenant's box is not found; an end user may not read messages", async () => {
    expect((await t.api('GET', `/api/voicemails/${box}/messages`, { token: cast.adminB.token })).statusCode).toBe(404);
    expect((await t.api('DELETE', `/api/voicemails/${box}/messages/${MSG_A}`, { token: cast.adminB.token })).statusCode).toBe(404);
    expect((await t.api('GET', `/api/voicemails/${box}/messages`, { token: cast.userA.token })).statusCode).toBe(403);
  });
});

describe.each(databaseKinds)('voicemail messages with no node connected on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    await t.api('POST', '/api/fpbx_extensions', { token: cast.adminA.token, body: { extension: '1001', password: 'Acme-pass-x1' } });
  }, 120_000);
  afterAll(() => t?.close());

  it('answers 503 in the error envelope', async () => {
    const created = await t.api('POST', '/api/voicemails', { token: cast.adminA.token, body: { voicemail_id: '1001', voicemail_password: '4826' } });
    const box = created.json().voicemail_uuid;
    const res = await t.api('GET', `/api/voicemails/${box}/messages`, { token: cast.adminA.token });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBeDefined();
    expect((await t.api('DELETE', `/api/voicemails/${box}/messages/${MSG_A}`, { token: cast.adminA.token })).statusCode).toBe(503);
  });
});
