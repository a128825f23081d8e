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
import { deriveJsonEvent, eventFrames } from '../../helpers/esl-transcripts.ts';
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
