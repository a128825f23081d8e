// Call flows in the tenant's dialplan and the toggle round trip. The number's rendered extension
// and the toggle code's (golden files), dialplan requests shaped like the captured ones reaching
// them, and the whole toggle: the toggle code's answer fires CUSTOM switchyard::call_flow; when
// the fake Event Socket delivers that event (framed as the captured CUSTOM events are), the status
// flips in the database, the next request for the number answers the alternate destination, and
// PRESENCE_IN events for the code's BLF lamps are sent back over the Event Socket.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { createEslTestApp } from '../../helpers/esl-app.ts';
import { execute, hunt, newSwitch, type Channel } from '../../helpers/dialplan-run.ts';
import { deriveJsonEvent, eventFrames, jsonEventBody } from '../../helpers/esl-transcripts.ts';
import { startFakeEsl, type FakeEsl } from '../../helpers/fake-esl.ts';
import { answerOf, createExtension, createTenant, fetchXml } from '../../helpers/pbx-fixtures.ts';
import { until } from '../../helpers/wait.ts';
import { loadCapture, withParams } from '../../helpers/xml-curl-captures.ts';

const captured = loadCapture('dialplan-inbound-sip-internal-9196.txt').body;
const golden = (name: string) => readFileSync(new URL(`./golden/${name}`, import.meta.url), 'utf8').replace(/>\s+</g, '><').trim();
const GOLDEN_UUID = '00000000-0000-4000-8000-000000000000';

const call = (t: TestApp, context: string, destination: string) =>
  answerOf(
    fetchXml(
      t,
      withParams(captured, { 'Caller-Context': context, 'Hunt-Context': context, 'Caller-Destination-Number': destination, 'Hunt-Destination-Number': destination }),
    ),
  );

const fragment = (xml: string, name: string) => new RegExp(`<extension name="${name}">.*?</extension>`).exec(xml.replace(/>\s+</g, '><'))?.[0];
const actions = (xml: string | undefined) => [...(xml ?? '').matchAll(/<action application="([^"]+)"(?: data="([^"]*)")?/g)].map((m) => (m[2] === undefined ? m[1] : `${m[1]} ${m[2]}`));

/** The CUSTOM event the toggle's `event` application fires, framed as the captured CUSTOM (sofia::register) JSON event. */
function toggleEvent(fields: Record<string, string | undefined>): string {
  const frame = eventFrames('event-json-subset-register-call').find((f) => f.includes('"sofia::register"'))!;
  return deriveJsonEvent(frame, { set: { 'Event-Subclass': 'switchyard::call_flow', ...fields } });
}

describe.each(databaseKinds)('call flows in the dialplan on $name', (kind) => {
  let t: TestApp & { events: unknown[] };
  let fake: FakeEsl;
  let uuid: string;
  let token: string;

  const rest = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: Record<string, unknown>) => {
    const res = await t.api(method, url, { token, body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const status = async () => (await t.app.database.db.callFlow.findUniqueOrThrow({ where: { id: uuid } })).status;

  beforeAll(async () => {
    fake = await startFakeEsl();
    t = await createEslTestApp(kind, fake);
    token = await t.adminToken();
    const acme = await createTenant(t, { name: 'Acme', domain: 'acme.test' });
    await createExtension(t, acme, { extension: '1001', password: 'Secret-pass-7' });
    await createExtension(t, acme, { extension: '1002', password: 'Secret-pass-7' });
    const created = await rest('POST', '/api/call_flows', {
      tenant_id: acme,
      call_flow_name: 'Reception',
      call_flow_extension: '5100',
      call_flow_feature_code: '*301',
      call_flow_data: '1001',
      call_flow_alternate_data: '*991002',
    });
    uuid = created.call_flow_uuid;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('renders the number and the toggle code as the golden files say', async () => {
    const number = fragment(await call(t, 'acme.test', '5100'), 'call-flow-5100');
    expect(number).toBe(golden('call-flow-5100-normal.xml'));
    const toggle = fragment(await call(t, 'acme.test', '*301'), 'call-flow-toggle-5100');
    expect(toggle?.replace(uuid, GOLDEN_UUID)).toBe(golden('call-flow-toggle-5100.xml'));
  });

  it('subscribes to the toggle event on the node', async () => {
    expect(fake.subscribed('CUSTOM switchyard::call_flow')).toBe(true);
    // sendevent answers as captured (+OK and the event's uuid).
    const [sent] = await t.app.esl.sendEventEverywhere('PRESENCE_IN', { proto: 'flow', from: 'probe@acme.test' });
    expect(sent).toMatchObject({ node: 'default', result: { ok: true } });
  });

  it('dialling the toggle code flips the status in the database, the number follows at once, and the BLF lamps are told', async () => {
    expect(actions(fragment(await call(t, 'acme.test', '5100'), 'call-flow-5100'))).toEqual(['transfer 1001 XML acme.test']);
    const toggle = actions(fragment(await call(t, 'acme.test', '*301'), 'call-flow-toggle-5100'));
    const fired = toggle.find((a) => a.startsWith('event '))!;
    expect(fired).toBe(`event Event-Name=CUSTOM,Event-Subclass=switchyard::call_flow,call_flow_uuid=${uuid}`);

    // What FreeSWITCH fires for that data (mod_dptools event_function: one header per var=val).
    const headers = Object.fromEntries(fired.slice('event '.length).split(',').map((p) => p.split('=') as [string, string]));
    fake.push(toggleEvent({ call_flow_uuid: headers.call_flow_uuid }));
    await until(async () => (await status()) === false);
    // The presence goes out once the change was announced (the rendered answers dropped).
    const presence = await fake.waitForCommand((c) => c.startsWith('sendevent PRESENCE_IN') && c.includes('\nproto: flow') && c.includes(uuid));
    expect(actions(fragment(await call(t, 'acme.test', '5100'), 'call-flow-5100'))).toEqual(['answer', 'sleep 1000', 'voicemail default acme.test 1002']);
    expect(fragment(await call(t, 'acme.test', '5100'), 'call-flow-5100')).toBe(golden('call-flow-5100-alternate.xml'));

    expect(presence).toContain(`\nfrom: *301@acme.test`);
    expect(presence).toContain('\nanswer-state: confirmed');
    expect(presence).toContain(`\nunique-id: ${uuid}`);
    await fake.waitForCommand((c) => c.startsWith('sendevent PRESENCE_IN') && c.includes('\nproto: sip'));
    expect((await rest('GET', `/api/call_flows/${uuid}`)).call_flow_status).toBe('false');

    // Dialled again: back to normal, the lamp goes off.
    const before = fake.commands.length;
    fake.push(toggleEvent({ call_flow_uuid: uuid }));
    await until(async () => (await status()) === true);
    await until(() => fake.commands.slice(before).some((c) => c.startsWith('sendevent PRESENCE_IN') && c.includes('answer-state: terminated')));
    expect(actions(fragment(await call(t, 'acme.test', '5100'), 'call-flow-5100'))).toEqual(['transfer 1001 XML acme.test']);
  });

  it('REST and GraphQL set the status too, and the number follows', async () => {
    await rest('PUT', `/api/call_flows/${uuid}`, { call_flow_status: 'false' });
    expect(actions(fragment(await call(t, 'acme.test', '5100'), 'call-flow-5100'))).toEqual(['answer', 'sleep 1000', 'voicemail default acme.test 1002']);
    const res = await t.gql(`mutation { updateCallFlow(id: "${uuid}", input: { callFlowStatus: true }) { callFlowStatus callFlowExtension callFlowFeatureCode } }`, {}, token);
    expect(res).toEqual({ data: { updateCallFlow: { callFlowStatus: true, callFlowExtension: '5100', callFlowFeatureCode: '*301' } } });
    expect(actions(fragment(await call(t, 'acme.test', '5100'), 'call-flow-5100'))).toEqual(['transfer 1001 XML acme.test']);
  });

  it('an event for an unknown call flow, or without a uuid, is ignored: nothing flips, nothing is sent', async () => {
    const before = fake.commands.length;
    fake.push(toggleEvent({ call_flow_uuid: '11111111-2222-4333-8444-555555555555' }));
    fake.push(toggleEvent({ call_flow_uuid: 'not-a-uuid; ${system(id)}' }));
    fake.push(toggleEvent({ call_flow_uuid: undefined }));
    // A known one after them: once it has flipped, the ones before it were handled.
    fake.push(toggleEvent({ call_flow_uuid: uuid }));
    const sent = () => fake.commands.slice(before).filter((c) => c.startsWith('sendevent'));
    await until(() => sent().length >= 2);
    expect(sent().every((c) => c.includes(`unique-id: ${uuid}`))).toBe(true);
    expect(sent()).toHaveLength(2);
  });

  it('a disabled call flow is not rendered; a deleted one neither', async () => {
    await rest('PUT', `/api/call_flows/${uuid}`, { call_flow_enabled: 'false' });
    expect(fragment(await call(t, 'acme.test', '5100'), 'call-flow-5100')).toBeUndefined();
    expect(fragment(await call(t, 'acme.test', '*301'), 'call-flow-toggle-5100')).toBeUndefined();
    await rest('PUT', `/api/call_flows/${uuid}`, { call_flow_enabled: 'true' });
    expect(fragment(await call(t, 'acme.test', '*301'), 'call-flow-toggle-5100')).toBeDefined();
    await rest('DELETE', `/api/call_flows/${uuid}`);
    expect(fragment(await call(t, 'acme.test', '5100'), 'call-flow-5100')).toBeUndefined();
  });
});

/**
 * A PRESENCE_PROBE as mod_sofia fires it for a SUBSCRIBE (sofia_presence.c
 * sofia_presence_handle_sip_i_subscribe). None was captured from a real FreeSWITCH: the frame is
 * the captured PRESENCE_IN JSON event's, its channel headers dropped and mod_sofia's probe headers set.
 */
function presenceProbe(headers: Record<string, string>): string {
  const frame = eventFrames('event-json-ALL-api-session').find((f) => f.includes('"Event-Name":"PRESENCE_IN"'))!;
  const kept = /^(Event-|Core-UUID$|FreeSWITCH-)/;
  const dropped = Object.fromEntries(Object.keys(jsonEventBody(frame)).filter((k) => !kept.test(k)).map((k) => [k, undefined]));
  return deriveJsonEvent(frame, {
    set: {
      ...dropped,
      'Event-Name': 'PRESENCE_PROBE',
      'Event-Calling-File': 'sofia_presence.c',
      'Event-Calling-Function': 'sofia_presence_handle_sip_i_subscribe',
      login: 'internal',
      from: '1001@acme.test',
      expires: '3600',
      event_type: 'presence',
      alt_event_type: 'dialog',
      ...headers,
    },
  });
}

describe.each(databaseKinds)('call flow PIN, sounds and BLF probes on $name', (kind) => {
  let t: TestApp & { events: unknown[] };
  let fake: FakeEsl;
  let token: string;
  let acme: number;
  let uuid: string;

  const status = async () => (await t.app.database.db.callFlow.findUniqueOrThrow({ where: { id: uuid } })).status;
  const caller = (digits?: string): Channel => ({ vars: { user_name: '1001', domain_name: 'acme.test' }, digits });
  /** Runs what FreeSWITCH runs for `destination`: the entry's actions, and an execute_extension's lookup inline. */
  const dial = async (destination: string, channel: Channel): Promise<string[]> => {
    const sw = newSwitch();
    const ran = hunt(await call(t, 'acme.test', destination), destination, sw, channel);
    if (!ran) return [];
    execute(ran, sw, channel);
    const out: string[] = [];
    for (const action of ran.actions) {
      out.push(action);
      const inner = /^execute_extension (\S+) XML acme\.test$/.exec(action);
      if (inner) out.push(...(await dial(inner[1], channel)).map((a) => `  ${a}`));
    }
    return [`[${ran.name}]`, ...out];
  };

  beforeAll(async () => {
    fake = await startFakeEsl();
    t = await createEslTestApp(kind, fake);
    token = await t.adminToken();
    acme = await createTenant(t, { name: 'Acme', domain: 'acme.test' });
    await createTenant(t, { name: 'Globex', domain: 'globex.test' });
    await createExtension(t, acme, { extension: '1001', password: 'Secret-pass-7' });
    const res = await t.api('POST', '/api/call_flows', {
      token,
      body: {
        tenant_id: acme,
        call_flow_name: 'Office',
        call_flow_extension: '5200',
        call_flow_feature_code: '*302',
        call_flow_pin_number: '4321',
        call_flow_sound: 'ivr/ivr-you_are_now_in_open.wav',
        call_flow_alternate_sound: 'phrase:closed_now',
        call_flow_data: '1001',
        call_flow_alternate_data: '*991001',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    uuid = res.json().call_flow_uuid;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('sounds are validated sound names: FreeSWITCH syntax, absolute paths and other prefixes answer 400 and change nothing', async () => {
    for (const sound of ['${system(id)}', '/etc/freeswitch/tenant-b/secret.wav', 'tone_stream://%(1,0,1)', '../../x.wav', 'say:${x}', 'ivr/x.wav,ivr/y.wav']) {
      const res = await t.api('PUT', `/api/call_flows/${uuid}`, { token, body: { call_flow_sound: sound } });
      expect(res.statusCode, sound).toBe(400);
      expect(res.json().error.message).toContain('call_flow_sound');
    }
    const gql = await t.gql(`mutation($id: ID!) { updateCallFlow(id: $id, input: { callFlowAlternateSound: "\${x}" }) { callFlowAlternateSound } }`, { id: uuid }, token);
    expect(gql.errors?.[0].extensions.code).toBe(400);
    expect((await t.api('GET', `/api/call_flows/${uuid}`, { token })).json()).toMatchObject({
      call_flow_sound: 'ivr/ivr-you_are_now_in_open.wav',
      call_flow_alternate_sound: 'phrase:closed_now',
    });
  });

  it('with a PIN the code asks for it and the PIN is not in its answer; a wrong PIN is refused and nothing is fired', async () => {
    const answer = await call(t, 'acme.test', '*302');
    expect(answer).not.toContain('4321');
    const golden = (xml: string) => xml.split(uuid).join(GOLDEN_UUID);
    await expect(golden(answer)).toMatchFileSnapshot('./golden/call-flow-toggle-pin-5200.xml');
    await expect(golden(await call(t, 'acme.test', `call-flow-pin~${uuid}`))).toMatchFileSnapshot('./golden/call-flow-pin-check-5200.xml');
    expect(await dial('*302', caller('1234'))).toEqual([
      '[call-flow-toggle-5200]',
      'answer',
      'play_and_get_digits 4 5 3 5000 # voicemail/vm-enter_pass.wav ivr/ivr-that_was_an_invalid_entry.wav call_flow_pin_entered ^\\d+$ 5000',
      `execute_extension call-flow-pin~${uuid} XML acme.test`,
      '  [call-flow-pin-5200-failed]',
      '  playback voicemail/vm-fail_auth.wav',
      '  hangup',
      'hangup',
    ]);
    // Nothing keyed in, or the check dialled without the code: refused as well.
    expect((await dial('*302', caller(''))).filter((a) => a.includes('event '))).toEqual([]);
    expect(await dial(`call-flow-pin~${uuid}`, caller())).toEqual(['[call-flow-pin-5200-failed]', 'playback voicemail/vm-fail_auth.wav', 'hangup']);
    expect(await status()).toBe(true);
  });

  it('the right PIN toggles: the event flips the status, the caller hears the sound of the state it turned to, and the next toggle plays the other', async () => {
    const ran = await dial('*302', caller('4321'));
    expect(ran.slice(3)).toEqual([
      `execute_extension call-flow-pin~${uuid} XML acme.test`,
      '  [call-flow-pin-5200]',
      `  event Event-Name=CUSTOM,Event-Subclass=switchyard::call_flow,call_flow_uuid=${uuid}`,
      '  sleep 1000',
      '  playback phrase:closed_now',
      '  hangup',
      'hangup',
    ]);
    fake.push(toggleEvent({ call_flow_uuid: uuid }));
    await until(async () => (await status()) === false);
    // Once the flip is announced (the same handling, just after the write), the toggle plays the other state's sound.
    await until(async () => (await dial('*302', caller('4321'))).includes('  playback ivr/ivr-you_are_now_in_open.wav'));
    fake.push(toggleEvent({ call_flow_uuid: uuid }));
    await until(async () => (await status()) === true);
  });

  it('without a PIN the code toggles at once; without a sound it plays the confirmation tone', async () => {
    const res = await t.api('PUT', `/api/call_flows/${uuid}`, { token, body: { call_flow_pin_number: '', call_flow_alternate_sound: '' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(await dial('*302', caller())).toEqual([
      '[call-flow-toggle-5200]',
      'answer',
      `event Event-Name=CUSTOM,Event-Subclass=switchyard::call_flow,call_flow_uuid=${uuid}`,
      'sleep 1000',
      'playback tone_stream://%(200,0,500,600,700)',
      'hangup',
    ]);
    expect(await call(t, 'acme.test', `call-flow-pin~${uuid}`)).not.toContain('call-flow-pin-5200');
  });

  it('a phone subscribing to the lamp (flow+<code> or <code>) makes mod_sofia probe: Switchyard answers with the state now', async () => {
    await t.api('PUT', `/api/call_flows/${uuid}`, { token, body: { call_flow_status: 'false' } });
    expect(fake.subscribed('PRESENCE_PROBE')).toBe(true);
    let before = fake.commands.length;
    fake.push(presenceProbe({ proto: 'flow', to: 'flow+*302@acme.test', 'proto-specific-event-name': 'dialog' }));
    await until(() => fake.commands.slice(before).filter((c) => c.startsWith('sendevent PRESENCE_IN')).length === 2);
    const lit = fake.commands.slice(before).find((c) => c.startsWith('sendevent PRESENCE_IN') && c.includes('\nproto: flow'))!;
    expect(lit).toContain(`\nunique-id: ${uuid}`);
    expect(lit).toContain('\nfrom: *302@acme.test');
    expect(lit).toContain('\nanswer-state: confirmed');
    expect(fake.commands.slice(before).some((c) => c.startsWith('sendevent PRESENCE_IN') && c.includes('\nproto: sip'))).toBe(true);

    await t.api('PUT', `/api/call_flows/${uuid}`, { token, body: { call_flow_status: 'true' } });
    before = fake.commands.length;
    fake.push(presenceProbe({ proto: 'sip', to: '*302@acme.test', 'probe-type': 'dialog', 'sub-call-id': 'abc@192.0.2.10' }));
    await until(() => fake.commands.slice(before).filter((c) => c.startsWith('sendevent PRESENCE_IN')).length === 2);
    expect(fake.commands.slice(before).filter((c) => c.startsWith('sendevent PRESENCE_IN')).every((c) => c.includes('\nanswer-state: terminated'))).toBe(true);
  });

  it('probes for anything else (an extension, another tenant, a malformed name) are not answered', async () => {
    const before = fake.commands.length;
    fake.push(presenceProbe({ proto: 'sip', to: '1001@acme.test', 'presence-source': 'subscribe' }));
    fake.push(presenceProbe({ proto: 'flow', to: 'flow+*302@globex.test' }));
    fake.push(presenceProbe({ proto: 'flow', to: 'flow+*302@acme.test\nproto: sip' }));
    fake.push(presenceProbe({ proto: 'flow', to: '*302@acme.test' }));
    // A good one last: once it is answered, the ones before it were handled.
    fake.push(presenceProbe({ proto: 'sip', to: '*302@acme.test' }));
    await until(() => fake.commands.slice(before).filter((c) => c.startsWith('sendevent PRESENCE_IN')).length >= 2);
    const sent = fake.commands.slice(before).filter((c) => c.startsWith('sendevent'));
    expect(sent).toHaveLength(2);
    expect(sent.every((c) => c.includes(`unique-id: ${uuid}`))).toBe(true);
  });
});
