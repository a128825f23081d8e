// Follow-me in the tenant's context: a dialplan request shaped like the captured ones for an
// extension whose follow-me is on answers one bridge ringing the extension and its destinations in
// order, each after its delay for its timeout (the rendered XML is golden-filed); with the
// follow-me off (by its own form or the extension's) the extension rings as before, and forward-all
// and do-not-disturb keep coming first. Every change shows at the next call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { answerOf, createExtension, createTenant, fetchXml, updateExtension } from '../../helpers/pbx-fixtures.ts';
import { hunt, newSwitch } from '../../helpers/dialplan-run.ts';
import { loadCapture, withParams } from '../../helpers/xml-curl-captures.ts';

const captured = loadCapture('dialplan-inbound-sip-internal-9196.txt').body;

const call = (t: TestApp, context: string, destination: string) =>
  answerOf(
    fetchXml(
      t,
      withParams(captured, { 'Caller-Context': context, 'Hunt-Context': context, 'Caller-Destination-Number': destination, 'Hunt-Destination-Number': destination }),
    ),
  );

/** The extension FreeSWITCH runs for the number (no feature code has set DND or forwarding). */
const ranFor = (xml: string, number: string) => hunt(xml, number, newSwitch(), { vars: {} })!;
const bridgeOf = (xml: string, number: string) => ranFor(xml, number).actions.find((a) => a.startsWith('bridge '));

const destination = (follow_me_destination: string, edits: Record<string, unknown> = {}) => ({ follow_me_destination, follow_me_delay: 0, follow_me_timeout: 30, follow_me_prompt: 'false', ...edits });

/** How extension 1001 rang before it had a follow-me. */
const ringsAlone = [
  'export dialed_extension=1001',
  'set call_timeout=20',
  'set hangup_after_bridge=true',
  'set continue_on_fail=true',
  'hash insert/acme.test-last_dial_ext/1001/${uuid}',
  'bridge user/1001@acme.test',
  'answer',
  'sleep 1000',
  'voicemail default acme.test 1001',
];

describe.each(databaseKinds)('follow-me in the dialplan on $name', (kind) => {
  let t: TestApp;
  let acme: number;
  let followMe: string;
  const ext: Record<string, string> = {};

  const writeFollowMe = async (method: 'POST' | 'PUT', body: Record<string, unknown>) => {
    const res = await t.api(method, method === 'POST' ? '/api/follow_me' : `/api/follow_me/${followMe}`, { token: await t.adminToken(), body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  const actions1001 = async () => ranFor(await call(t, 'acme.test', '1001'), '1001').actions;

  beforeAll(async () => {
    t = await createTestApp(kind);
    acme = await createTenant(t, { name: 'Acme', domain: 'acme.test' });
    ext['1001'] = await createExtension(t, acme, { extension: '1001', password: 'Acme-pass-x1', call_timeout: 20 });
    for (const number of ['1002', '1003']) ext[number] = await createExtension(t, acme, { extension: number, password: 'Acme-pass-x1' });
  }, 120_000);
  afterAll(() => t?.close());

  it('rings the extension alone before it has a follow-me', async () => {
    expect((await actions1001())).toEqual(ringsAlone);
  });

  it('rings the extension, then its destinations in order, each after its delay for its timeout', async () => {
    const created = await writeFollowMe('POST', {
      extension_uuid: ext['1001'],
      follow_me_enabled: 'true',
      follow_me_ignore_busy: 'false',
      cid_name_prefix: 'FM <Acme> ',
      destinations: [
        destination('+15551234567', { follow_me_delay: 15, follow_me_timeout: 30, follow_me_order: 20 }),
        destination('1002', { follow_me_delay: 5, follow_me_timeout: 25, follow_me_order: 10 }),
      ],
    });
    followMe = created.follow_me_uuid;
    const xml = await call(t, 'acme.test', '1001');
    await expect(xml).toMatchFileSnapshot('./golden/follow-me-1001.xml');
    const ran = ranFor(xml, '1001');
    expect(ran.name).toBe('local-1001');
    expect(ran.actions).toEqual([
      'export dialed_extension=1001',
      'set effective_caller_id_name=FM <Acme> ${caller_id_name}',
      // Until the last leg stops ringing: 15 + 30 seconds.
      'set call_timeout=45',
      'set hangup_after_bridge=true',
      'set continue_on_fail=true',
      'hash insert/acme.test-last_dial_ext/1001/${uuid}',
      'bridge {ignore_early_media=true,fail_on_single_reject=USER_BUSY}[leg_timeout=20]user/1001@acme.test,[leg_timeout=25,leg_delay_start=5]user/1002@acme.test,[leg_timeout=30,leg_delay_start=15]loopback/+15551234567/acme.test',
      'answer',
      'sleep 1000',
      'voicemail default acme.test 1001',
    ]);
    // The destinations' own entries are untouched.
    expect(bridgeOf(await call(t, 'acme.test', '1002'), '1002')).toBe('bridge user/1002@acme.test');
  });

  it('rings the extension as before once its follow-me is off, by its form or by the extension’s follow_me_enabled', async () => {
    await writeFollowMe('PUT', { follow_me_enabled: 'false' });
    expect((await actions1001())).toEqual(ringsAlone);
    // The state the toggle feature code will flip: the extension's own follow_me_enabled.
    await updateExtension(t, ext['1001'], { follow_me_enabled: true });
    expect(bridgeOf(await call(t, 'acme.test', '1001'), '1001')).toContain('user/1002@acme.test');
    await updateExtension(t, ext['1001'], { follow_me_enabled: false });
    expect((await actions1001())).toEqual(ringsAlone);
    await writeFollowMe('PUT', { follow_me_enabled: 'true' });
    expect(bridgeOf(await call(t, 'acme.test', '1001'), '1001')).toContain('loopback/+15551234567/acme.test');
  });

  it('keeps forward-all and do-not-disturb ahead of the follow-me', async () => {
    await updateExtension(t, ext['1001'], { forward_all_enabled: true, forward_all_destination: '1003' });
    expect((await actions1001())).toEqual(['export dialed_extension=1001', 'transfer 1003 XML acme.test']);
    await updateExtension(t, ext['1001'], { forward_all_enabled: false, do_not_disturb: true, voicemail_enabled: false });
    expect((await actions1001())).toEqual(['export dialed_extension=1001', 'hangup USER_BUSY']);
    await updateExtension(t, ext['1001'], { do_not_disturb: true, voicemail_enabled: true, forward_busy_enabled: true, forward_busy_destination: '1003' });
    expect((await actions1001())).toEqual(['export dialed_extension=1001', 'transfer failover~1001~USER_BUSY XML acme.test']);
    // Busy forwarding still follows a failed follow-me bridge.
    await updateExtension(t, ext['1001'], { do_not_disturb: false });
    expect((await actions1001()).slice(-2)).toEqual([
      'bridge {ignore_early_media=true,fail_on_single_reject=USER_BUSY}[leg_timeout=20]user/1001@acme.test,[leg_timeout=25,leg_delay_start=5]user/1002@acme.test,[leg_timeout=30,leg_delay_start=15]loopback/+15551234567/acme.test',
      'transfer failover~1001~${originate_disposition} XML acme.test',
    ]);
    await updateExtension(t, ext['1001'], { forward_busy_enabled: false });
  });

  it('leaves out a destination in do-not-disturb, rings the extension where its own list puts it, and ignores busy when asked, at the next call', async () => {
    await updateExtension(t, ext['1002'], { do_not_disturb: true });
    expect(bridgeOf(await call(t, 'acme.test', '1001'), '1001')).toBe(
      'bridge {ignore_early_media=true,fail_on_single_reject=USER_BUSY}[leg_timeout=20]user/1001@acme.test,[leg_timeout=30,leg_delay_start=15]loopback/+15551234567/acme.test',
    );
    await updateExtension(t, ext['1002'], { do_not_disturb: false });
    await writeFollowMe('PUT', {
      follow_me_ignore_busy: 'true',
      destinations: [destination('1003', { follow_me_timeout: 10 }), destination('1001', { follow_me_delay: 10, follow_me_timeout: 40 })],
    });
    const xml = await call(t, 'acme.test', '1001');
    expect(bridgeOf(xml, '1001')).toBe('bridge {ignore_early_media=true}[leg_timeout=10]user/1003@acme.test,[leg_timeout=40,leg_delay_start=10]user/1001@acme.test');
    expect(ranFor(xml, '1001').actions).toContain('set call_timeout=50');
  });

  it('rings the extension alone again once its follow-me is deleted', async () => {
    const res = await t.api('DELETE', `/api/follow_me/${followMe}`, { token: await t.adminToken() });
    expect(res.statusCode, res.body).toBe(200);
    expect((await actions1001())).toEqual(ringsAlone);
  });
});
