// Follow-me's toggle code (*21) end to end: listed at /feature_codes and reserved; a dialplan
// request shaped like the captured ones for *21 from extension 1001 answers the applications
// FreeSWITCH runs (golden-filed), followed as FreeSWITCH would (helpers/dialplan-run.ts); the
// CUSTOM switchyard::follow_me event those applications fire, delivered by the fake Event Socket
// framed as the captured CUSTOM events are, writes 1001's follow_me_enabled in the database (the
// GUI reads it) and the next dialplan request for 1001 rings its follow-me; dialled again, it goes
// off. A caller without a follow-me, or of another tenant, changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { execute, hunt, newSwitch, type Channel } from '../../helpers/dialplan-run.ts';
import { createEslTestApp } from '../../helpers/esl-app.ts';
import { deriveJsonEvent, eventFrames } from '../../helpers/esl-transcripts.ts';
import { startFakeEsl, type FakeEsl } from '../../helpers/fake-esl.ts';
import { answerOf, createExtension, createTenant, fetchXml } from '../../helpers/pbx-fixtures.ts';
import { until } from '../../helpers/wait.ts';
import { loadCapture, withParams } from '../../helpers/xml-curl-captures.ts';

const captured = loadCapture('dialplan-inbound-sip-internal-9196.txt').body;

/** The dialplan fetch of a call from `user` of `context` dialling `destination`, as captured. */
const request = (t: TestApp, context: string, destination: string, user: string) =>
  answerOf(
    fetchXml(
      t,
      withParams(captured, {
        'Caller-Context': context,
        'Hunt-Context': context,
        'Caller-Destination-Number': destination,
        'Hunt-Destination-Number': destination,
        variable_user_name: user,
        variable_domain_name: context,
      }),
    ),
  );

const caller = (user: string, domain = 'acme.test'): Channel => ({ vars: { user_name: user, domain_name: domain, uuid: `uuid-of-${user}` } });

/** What the `event` application fires for its data (mod_dptools event_function: one header per var=val), framed as the captured CUSTOM JSON event. */
function firedEvent(data: string): string {
  const headers = Object.fromEntries(data.split(',').map((p) => p.split('=') as [string, string]));
  const frame = eventFrames('event-json-subset-register-call').find((f) => f.includes('"sofia::register"'))!;
  return deriveJsonEvent(frame, { set: headers });
}

const customEvent = (fields: Record<string, string | undefined>) =>
  deriveJsonEvent(eventFrames('event-json-subset-register-call').find((f) => f.includes('"sofia::register"'))!, {
    set: { 'Event-Subclass': 'switchyard::follow_me', ...fields },
  });

describe.each(databaseKinds)('follow-me toggle code on $name', (kind) => {
  let t: TestApp;
  let fake: FakeEsl;
  let token: string;
  let followMe: string;
  const ext: Record<string, string> = {};

  const enabled = async (number: string) => (await t.app.database.db.extension.findUniqueOrThrow({ where: { id: ext[number] } })).followMeEnabled;
  const ranFor1001 = async () => hunt(await request(t, 'acme.test', '1001', '1002'), '1001', newSwitch(), caller('1002'))!;
  const dial = async (code: string, channel: Channel) => {
    const ran = hunt(await request(t, channel.vars.domain_name, code, channel.vars.user_name), code, newSwitch(), channel);
    if (ran) execute(ran, newSwitch(), channel);
    return ran;
  };

  beforeAll(async () => {
    fake = await startFakeEsl();
    t = await createEslTestApp(kind, fake);
    token = await t.adminToken();
    const acme = await createTenant(t, { name: 'Acme', domain: 'acme.test' });
    const globex = await createTenant(t, { name: 'Globex', domain: 'globex.test' });
    for (const n of ['1001', '1002', '1003']) ext[n] = await createExtension(t, acme, { extension: n, password: 'Acme-pass-x1', call_timeout: 20 });
    ext.globex1001 = await createExtension(t, globex, { extension: '1001', password: 'Globex-pass-x1' });
    const res = await t.api('POST', '/api/follow_me', {
      token,
      body: { extension_uuid: ext['1001'], follow_me_enabled: 'false', destinations: [{ follow_me_destination: '1002', follow_me_delay: 5, follow_me_timeout: 25 }] },
    });
    expect(res.statusCode, res.body).toBe(200);
    followMe = res.json().follow_me_uuid;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('is listed at /feature_codes for every tenant, and no other number may take it', async () => {
    const acme = (await t.app.database.db.tenant.findFirstOrThrow({ where: { domain: 'acme.test' } })).id;
    const codes = (await t.api('GET', `/api/feature_codes?tenant_id=${acme}`, { token })).json();
    expect(codes.find((c: { dialplan_number: string }) => c.dialplan_number === '*21')).toEqual({
      dialplan_number: '*21',
      dialplan_name: 'Follow me toggle',
      dialplan_description: expect.any(String),
      dialplan_enabled: 'true',
      dialplan_expression: '^\\*21$',
      dialplan_context: 'acme.test',
      feature_action: 'follow_me_toggle',
      feature_module: 'followMe',
    });
    const flow = await t.api('POST', '/api/call_flows', { token, body: { tenant_id: acme, call_flow_name: 'X', call_flow_extension: '5100', call_flow_feature_code: '*21' } });
    expect(flow.statusCode, flow.body).toBe(409);
    expect(flow.json().error.message).toContain('feature_code');
  });

  it('subscribes to the toggle event on the node', () => {
    expect(fake.subscribed('CUSTOM switchyard::follow_me')).toBe(true);
  });

  it('renders *21 as the golden file says: on for 1001, invalid for the others', async () => {
    await expect(await request(t, 'acme.test', '*21', '1001')).toMatchFileSnapshot('./golden/follow-me-toggle-21.xml');
  });

  it('dialling *21 from 1001 turns its follow-me on in the database at once; the next call to 1001 rings it; *21 again turns it off', async () => {
    expect((await ranFor1001()).actions.find((a) => a.startsWith('bridge '))).toBe('bridge user/1001@acme.test');

    const on = (await dial('*21', caller('1001')))!;
    expect(on.name).toBe('follow-me-toggle-on');
    expect(on.actions).toEqual([
      'answer',
      'event Event-Name=CUSTOM,Event-Subclass=switchyard::follow_me,follow_me_domain=acme.test,follow_me_extension=1001,follow_me_enabled=true',
      'sleep 2000',
      'playback ivr/ivr-call_forwarding_has_been_set.wav',
      'hangup',
    ]);
    fake.push(firedEvent(on.actions[1].slice('event '.length)));
    await until(async () => (await enabled('1001')) === true);

    // The GUI reads it, from the follow-me and from the extension.
    expect((await t.api('GET', `/api/follow_me/${followMe}`, { token })).json().follow_me_enabled).toBe('true');
    expect((await t.api('GET', `/api/fpbx_extensions/${ext['1001']}`, { token })).json().follow_me_enabled).toBe('true');
    // The next call to 1001 rings its follow-me (once the write is announced: the same handling, just after it).
    const withFollowMe = 'bridge {ignore_early_media=true,fail_on_single_reject=USER_BUSY}[leg_timeout=20]user/1001@acme.test,[leg_timeout=25,leg_delay_start=5]user/1002@acme.test';
    await until(async () => (await ranFor1001()).actions.includes(withFollowMe));

    const off = (await dial('*21', caller('1001')))!;
    expect(off.name).toBe('follow-me-toggle-off');
    expect(off.actions).toContain('playback ivr/ivr-call_forwarding_has_been_cancelled.wav');
    fake.push(firedEvent(off.actions[1].slice('event '.length)));
    await until(async () => (await enabled('1001')) === false);
    await until(async () => (await ranFor1001()).actions.includes('bridge user/1001@acme.test'));
  });

  it('a caller of the tenant without a follow-me hears that the entry is invalid; a caller of another tenant matches nothing', async () => {
    const none = (await dial('*21', caller('1003')))!;
    expect(none.name).toBe('follow-me-toggle');
    expect(none.actions).toEqual(['answer', 'sleep 1000', 'playback ivr/ivr-that_was_an_invalid_entry.wav', 'hangup']);
    expect(hunt(await request(t, 'acme.test', '*21', '1001'), '*21', newSwitch(), caller('1001', 'globex.test'))).toBeNull();
  });

  it('events of another shape, or for an extension without a follow-me, change nothing', async () => {
    const acme = (await t.app.database.db.tenant.findFirstOrThrow({ where: { domain: 'acme.test' } })).id;
    ext['1004'] = await createExtension(t, acme, { extension: '1004', password: 'Acme-pass-x1' });
    const res = await t.api('POST', '/api/follow_me', { token, body: { extension_uuid: ext['1004'], destinations: [{ follow_me_destination: '1002' }] } });
    expect(res.statusCode, res.body).toBe(200);
    fake.push(customEvent({ follow_me_domain: 'acme.test', follow_me_extension: '1003', follow_me_enabled: 'true' }));
    fake.push(customEvent({ follow_me_domain: 'acme.test', follow_me_extension: '1001; ${system(id)}', follow_me_enabled: 'true' }));
    fake.push(customEvent({ follow_me_domain: 'acme.test', follow_me_extension: '1001', follow_me_enabled: 'yes' }));
    fake.push(customEvent({ follow_me_domain: 'acme.test,evil', follow_me_extension: '1001', follow_me_enabled: 'true' }));
    fake.push(customEvent({ follow_me_domain: 'acme.test', follow_me_extension: undefined, follow_me_enabled: 'true' }));
    // A valid one after them: once it has applied, the ones before it were handled.
    fake.push(customEvent({ follow_me_domain: 'acme.test', follow_me_extension: '1004', follow_me_enabled: 'true' }));
    await until(async () => (await enabled('1004')) === true);
    expect(await enabled('1001')).toBe(false);
    expect(await enabled('1003')).toBe(false);
  });
});
