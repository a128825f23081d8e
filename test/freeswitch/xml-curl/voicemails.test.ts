// Voicemail as FreeSWITCH reads it: voicemail.conf (fetched as captured) names the storage-dir
// under MEDIA_DIR where greetings are uploaded; the directory user mod_voicemail looks up (the
// captured voicemail-lookup) carries the box's e-mail params; the message-count lookup after a
// REGISTER is answered from memory until the box changes; and a call to an extension whose box
// has a chosen greeting, or to a ring group or IVR menu ending in the box, or to a DID or call block
// sending callers to the box, sets voicemail_greeting_path to that file before `voicemail`. Golden files
// hold the rendered voicemail.conf, directory user and dialplan (paths and uuids made stable).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { wavFile } from '../../helpers/audio.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { multipartBody } from '../../helpers/multipart.ts';
import { answerOf, createDid, createExtension, createRingGroup, createTenant, fetchXml } from '../../helpers/pbx-fixtures.ts';
import { loadCapture, withParams } from '../../helpers/xml-curl-captures.ts';
import { find, findAll, parseXml, type XmlNode } from '../../helpers/xml-tree.ts';

const confCapture = loadCapture('configuration-voicemail.conf.txt').body;
const lookupCapture = loadCapture('directory-voicemail-lookup.txt').body;
const messageCountCapture = loadCapture('directory-message-count-after-register.txt').body;
const dialplanCapture = loadCapture('dialplan-inbound-sip-internal-9196.txt').body;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

const paramsOf = (node: XmlNode, list: string) => Object.fromEntries(findAll(find(node, list)!, 'param').map((p) => [p.attrs.name, p.attrs.value]));

describe.each(databaseKinds)('voicemail in what FreeSWITCH fetches on $name', (kind) => {
  let t: TestApp;
  let token: string;
  let box: string;
  const stable = (xml: string) => xml.replaceAll(t.config.media.dir, 'MEDIA_DIR').replace(UUID, 'UUID');

  const lookup = (user: string) => answerOf(fetchXml(t, withParams(lookupCapture, { user, domain: 'acme.test', key_value: 'acme.test' })));
  const call = (destination: string, context = 'acme.test') =>
    answerOf(
      fetchXml(
        t,
        withParams(dialplanCapture, { 'Caller-Context': context, 'Hunt-Context': context, 'Caller-Destination-Number': destination, 'Hunt-Destination-Number': destination }),
      ),
    );
  /** The actions of a call, each as "application data". */
  const actionsOf = (xml: string) => findAll(parseXml(xml), 'action').map((a) => `${a.attrs.application} ${a.attrs.data ?? ''}`);

  async function api(method: string, url: string, body?: unknown) {
    const res = await t.api(method, url, { token, body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    token = await t.adminToken();
    const acme = await createTenant(t, { name: 'Acme', domain: 'acme.test' });
    await createExtension(t, acme, { extension: '1001', password: 'Acme-pass-x1', voicemail_password: '4826' });
    await createExtension(t, acme, { extension: '1002', password: 'Acme-pass-x2', voicemail_password: '5937' });
    await createRingGroup(t, acme, { ring_group_name: 'Sales', ring_group_extension: '6000', ring_group_timeout_data: '*991001', destinations: [{ destination_number: '1002' }] });
    await createDid(t, { phone: '15551239999', tenant_id: acme, destination_type: 'voicemail', destination_value: '1001' });
    await api('POST', '/api/ivr_menus', { tenant_id: acme, ivr_menu_name: 'Main', ivr_menu_extension: '7000', ivr_menu_exit_app: 'voicemail', ivr_menu_exit_data: '1001' });
    await api('POST', '/api/call_block', { tenant_id: acme, call_block_name: 'Pest', call_block_number: '5550100', call_block_action: 'voicemail', call_block_data: '1001' });
    box = (await api('POST', '/api/voicemails', { tenant_id: acme, voicemail_id: '1001', voicemail_mail_to: 'alice@acme.test', voicemail_file: 'attach', voicemail_local_after_email: false })).voicemail_uuid;
  }, 120_000);
  afterAll(() => t?.close());

  it("answers voicemail.conf with the stock profile and its storage-dir under MEDIA_DIR (golden)", async () => {
    const xml = await answerOf(fetchXml(t, confCapture));
    const profile = find(parseXml(xml), 'profile')!;
    expect(profile.attrs.name).toBe('default');
    expect(paramsOf(parseXml(xml), 'profile')['storage-dir']).toBe(`${t.config.media.dir}/voicemail/default`);
    // Only the stock channel variables of email-from; no $${...} a stock FreeSWITCH lacks.
    expect(xml).not.toContain('$${');
    await expect(stable(xml)).toMatchFileSnapshot('./golden/voicemail-conf.xml');
  });

  it("answers mod_voicemail's voicemail-lookup with the box's PIN and e-mail params (golden)", async () => {
    const xml = await lookup('1001');
    const user = find(parseXml(xml), 'user')!;
    expect(paramsOf(user, 'params')).toMatchObject({
      'vm-enabled': 'true',
      'vm-password': '4826',
      'vm-mailto': 'alice@acme.test',
      'vm-email-all-messages': 'true',
      'vm-attach-file': 'true',
      'vm-keep-local-after-email': 'false',
    });
    await expect(stable(xml)).toMatchFileSnapshot('./golden/voicemail-directory-user-1001.xml');
  });

  it('a box that only tells by e-mail renders no attachment; an extension without a box keeps the defaults', async () => {
    await api('PUT', `/api/voicemails/${box}`, { voicemail_file: 'link' });
    expect(paramsOf(find(parseXml(await lookup('1001')), 'user')!, 'params')).toMatchObject({ 'vm-attach-file': 'false', 'vm-email-all-messages': 'true' });
    await api('PUT', `/api/voicemails/${box}`, { voicemail_file: 'none' });
    expect(paramsOf(find(parseXml(await lookup('1001')), 'user')!, 'params')).toMatchObject({ 'vm-email-all-messages': 'false', 'vm-mailto': 'alice@acme.test' });
    await api('PUT', `/api/voicemails/${box}`, { voicemail_file: 'attach' });
    const plain = paramsOf(find(parseXml(await lookup('1002')), 'user')!, 'params');
    expect(plain).toMatchObject({ 'vm-enabled': 'true', 'vm-password': '5937' });
    expect(plain).not.toHaveProperty('vm-mailto');
  });

  it('the message-count lookup is answered from memory, and a change of the box shows at once', async () => {
    const body = withParams(messageCountCapture, { user: '1001', domain: 'acme.test', key_value: 'acme.test' });
    await answerOf(fetchXml(t, body));
    t.queries.length = 0;
    const again = await answerOf(fetchXml(t, body));
    expect(t.queries).toEqual([]);
    expect(paramsOf(find(parseXml(again), 'user')!, 'params')['vm-password']).toBe('4826');
    await api('PUT', `/api/voicemails/${box}`, { voicemail_password: '6048', voicemail_mail_to: 'bob@acme.test' });
    const changed = paramsOf(find(parseXml(await answerOf(fetchXml(t, body))), 'user')!, 'params');
    expect(changed).toMatchObject({ 'vm-password': '6048', 'vm-mailto': 'bob@acme.test' });
  });

  it("a call that ends in the box sets the chosen greeting's path before voicemail (golden), and none once it is deleted", async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(wavFile({ seconds: 1 }))], { type: 'audio/wav' }), 'hello.wav');
    form.append('voicemail_uuid', box);
    form.append('greeting_id', '3');
    const upload = await multipartBody(form);
    const res = await t.app.inject({ method: 'POST', url: '/api/voicemail_greetings', payload: upload.payload, headers: { ...upload.headers, authorization: `Bearer ${token}` } });
    expect(res.statusCode, res.body).toBe(200);
    const greeting = res.json().voicemail_greeting_uuid;
    expect((await call('1001'))).not.toContain('voicemail_greeting_path');
    await api('PUT', `/api/voicemails/${box}`, { greeting_id: 3 });
    const xml = await call('1001');
    const chosen = `set voicemail_greeting_path=${t.config.media.dir}/voicemail/default/acme.test/1001/greeting_3.wav`;
    // The extension's own call (and its failover), a ring group or IVR menu ending in the box, and
    // in `public` a call block and a DID sending callers to it all set it right before voicemail.
    const places: [string, string, number][] = [['1001', 'acme.test', 2], ['6000', 'acme.test', 1], ['7000', 'acme.test', 1], ['15551239999', 'public', 2]];
    for (const [number, context, times] of places) {
      const actions = actionsOf(await call(number, context));
      const at = actions.flatMap((a, i) => (a === chosen ? [i] : []));
      expect(at, number).toHaveLength(times);
      for (const i of at) expect(actions[i + 1], number).toBe('voicemail default acme.test 1001');
    }
    await expect(stable(xml)).toMatchFileSnapshot('./golden/voicemail-chosen-greeting-1001.xml');
    await api('DELETE', `/api/voicemail_greetings/${greeting}`);
    for (const [number, context] of places) expect(await call(number, context)).not.toContain('voicemail_greeting_path');
    expect((await api('GET', `/api/voicemails/${box}`)).greeting_id).toBeNull();
  });
});

describe.each(databaseKinds)('the directory user when Switchyard mails voicemail (VOICEMAIL_MAILER=switchyard) on $name', (kind) => {
  let t: TestApp;
  const stable = (xml: string) => xml.replace(UUID, 'UUID');
  const lookup = (user: string) => answerOf(fetchXml(t, withParams(lookupCapture, { user, domain: 'acme.test', key_value: 'acme.test' })));

  beforeAll(async () => {
    t = await createTestApp(kind, { VOICEMAIL_MAILER: 'switchyard' });
    const token = await t.adminToken();
    const acme = await createTenant(t, { name: 'Acme', domain: 'acme.test' });
    await createExtension(t, acme, { extension: '1001', password: 'Acme-pass-x1', voicemail_password: '4826' });
    await createExtension(t, acme, { extension: '1002', password: 'Acme-pass-x2', voicemail_password: '5937' });
    const res = await t.api('POST', '/api/voicemails', {
      token,
      body: { tenant_id: acme, voicemail_id: '1001', voicemail_mail_to: 'alice@acme.test', voicemail_file: 'attach', voicemail_local_after_email: false },
    });
    expect(res.statusCode, res.body).toBe(200);
  }, 120_000);
  afterAll(() => t?.close());

  it('tells mod_voicemail to mail nothing and keep every message, so that its leave-message event fires (golden)', async () => {
    const xml = await lookup('1001');
    const params = paramsOf(find(parseXml(xml), 'user')!, 'params');
    expect(params).toMatchObject({ 'vm-enabled': 'true', 'vm-password': '4826', 'vm-email-all-messages': 'false', 'vm-keep-local-after-email': 'true' });
    expect(params).not.toHaveProperty('vm-mailto');
    expect(params).not.toHaveProperty('vm-attach-file');
    await expect(stable(xml)).toMatchFileSnapshot('./golden/voicemail-directory-user-1001-switchyard-mailer.xml');
    const plain = paramsOf(find(parseXml(await lookup('1002')), 'user')!, 'params');
    expect(plain).not.toHaveProperty('vm-email-all-messages');
    expect(plain).not.toHaveProperty('vm-mailto');
  });
});
