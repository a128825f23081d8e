// The feature codes in a tenant's context: a dialplan request shaped like the captured ones for
// each code answers the applications FreeSWITCH runs, in order (the answer is golden-filed), and
// what the state codes set (*72/*73 forwarding, *78/*79 do not disturb) is honoured by the next
// call to the extension; a ringing extension is picked up by *8 and **<ext>. Calls are followed
// through the answers as FreeSWITCH would (helpers/dialplan-run.ts), mod_db and mod_hash included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { execute, expand, hunt, newSwitch, type Channel, type Switch } from '../../helpers/dialplan-run.ts';
import { answerOf, createExtension, createTenant, fetchXml, updateExtension } from '../../helpers/pbx-fixtures.ts';
import { loadCapture, withParams } from '../../helpers/xml-curl-captures.ts';
import { findAll, parseXml } from '../../helpers/xml-tree.ts';

const captured = loadCapture('dialplan-inbound-sip-internal-9196.txt').body;

/** The dialplan fetch of a call from `user` of the tenant dialling `destination`, as captured. */
const request = (t: TestApp, context: string, destination: string, user = '1001') =>
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
        variable_user_context: context,
      }),
    ),
  );

const caller = (user: string, extra: Record<string, string> = {}): Channel => ({ vars: { user_name: user, domain_name: 'acme.test', uuid: `uuid-of-${user}`, ...extra } });

describe.each(databaseKinds)('feature codes in the dialplan on $name', (kind) => {
  let t: TestApp;
  const ext: Record<string, string> = {};
  let sw: Switch;

  /** Dials `destination` from `channel` and runs what FreeSWITCH would run. */
  const dial = async (destination: string, channel: Channel) => {
    const ran = hunt(await request(t, 'acme.test', destination, channel.vars.user_name), destination, sw, channel);
    if (ran) execute(ran, sw, channel);
    return ran;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    const acme = await createTenant(t, { name: 'Acme', domain: 'acme.test' });
    await createTenant(t, { name: 'Globex', domain: 'globex.test' });
    ext['1001'] = await createExtension(t, acme, { extension: '1001', password: 'Acme-pass-x1', call_timeout: 20, call_group: 'sales' });
    ext['1002'] = await createExtension(t, acme, { extension: '1002', password: 'Acme-pass-x2', call_group: 'sales' });
  }, 120_000);
  afterAll(() => t?.close());

  const golden: [string, string, string[]][] = [
    ['*97', 'voicemail-own', ['answer', 'sleep 1000', 'voicemail check default acme.test ${user_name}']],
    ['*98', 'voicemail-any', ['answer', 'sleep 1000', 'voicemail check default acme.test']],
    ['*991002', 'feature-voicemail-direct', ['answer', 'sleep 1000', 'voicemail default acme.test 1002']],
    [
      '*72',
      'feature-forward-on',
      [
        'answer',
        'sleep 1000',
        'play_and_get_digits 1 20 3 5000 # ivr/ivr-enter_destination_telephone_number.wav ivr/ivr-that_was_an_invalid_entry.wav forward_destination ^\\d+$ 3000',
        'db insert/acme.test-forward/1001/${forward_destination}',
        'db insert/acme.test-dnd/1001/false',
        'playback ivr/ivr-call_forwarding_has_been_set.wav',
        'hangup',
      ],
    ],
    ['*73', 'feature-forward-off', ['answer', 'sleep 1000', 'db insert/acme.test-forward/1001/false', 'playback ivr/ivr-call_forwarding_has_been_cancelled.wav', 'hangup']],
    ['*78', 'feature-dnd-on', ['answer', 'sleep 1000', 'db insert/acme.test-dnd/1001/true', 'db insert/acme.test-forward/1001/false', 'playback ivr/ivr-dnd_activated.wav', 'hangup']],
    ['*79', 'feature-dnd-off', ['answer', 'sleep 1000', 'db insert/acme.test-dnd/1001/false', 'playback ivr/ivr-dnd_cancelled.wav', 'hangup']],
    ['*8', 'feature-group-pickup', ['answer', 'intercept ${hash(select/acme.test-last_dial_ext/${callgroup})}', 'sleep 2000']],
    ['**1002', 'feature-directed-pickup', ['answer', 'intercept ${hash(select/acme.test-last_dial_ext/1002)}', 'sleep 2000']],
    ['9196', 'echo-test', ['answer', 'echo']],
    ['*60', 'feature-time', ['answer', 'sleep 1000', 'say en CURRENT_TIME pronounced ${strepoch()}', 'hangup']],
  ];

  it.each(golden)('%s answers %s, whose applications run in order', async (code, name, actions) => {
    const xml = await request(t, 'acme.test', code);
    const file = name.replace(/^feature-/, '');
    await expect(xml).toMatchFileSnapshot(`./golden/feature-code-${file}.xml`);
    expect(findAll(parseXml(xml), 'extension').map((e) => e.attrs.name)).toEqual([name]);
    sw = newSwitch();
    const ran = hunt(xml, code, sw, caller('1001'));
    expect(ran).toEqual({ name, actions });
  });

  it('do not disturb set by *78 sends the next call to the extension to busy handling, and *79 makes it ring again', async () => {
    sw = newSwitch();
    expect((await dial('*78', caller('1001')))!.name).toBe('feature-dnd-on');
    expect(sw.db.get('acme.test-dnd/1001')).toBe('true');
    const busy = await dial('1001', caller('1002'));
    expect(busy).toEqual({ name: 'local-1001-dnd', actions: ['export dialed_extension=1001', 'answer', 'sleep 1000', 'voicemail default acme.test 1001'] });
    // Another extension is not touched.
    expect((await dial('1002', caller('1001')))!.name).toBe('local-1002');

    await dial('*79', caller('1001'));
    const rung = await dial('1001', caller('1002'));
    expect(rung!.name).toBe('local-1001');
    expect(rung!.actions).toContain('bridge user/1001@acme.test');
  });

  it('*79 rings an extension whose do-not-disturb field is on; *78 again stops it', async () => {
    sw = newSwitch();
    await updateExtension(t, ext['1001'], { do_not_disturb: true, voicemail_enabled: false });
    expect(await dial('1001', caller('1002'))).toEqual({ name: 'local-1001', actions: ['export dialed_extension=1001', 'hangup USER_BUSY'] });
    await dial('*79', caller('1001'));
    const rung = await dial('1001', caller('1002'));
    expect(rung!.name).toBe('local-1001-dnd-off');
    expect(rung!.actions).toContain('bridge user/1001@acme.test');
    await dial('*78', caller('1001'));
    expect((await dial('1001', caller('1002')))!.actions).toEqual(['export dialed_extension=1001', 'hangup USER_BUSY']);
    await updateExtension(t, ext['1001'], { do_not_disturb: false, voicemail_enabled: true });
  });

  it('call forward set by *72 (the number keyed in) transfers the next call there, and *73 stops it', async () => {
    sw = newSwitch();
    await dial('*78', caller('1001'));
    const set = await dial('*72', { ...caller('1001'), digits: '1002' });
    expect(set!.name).toBe('feature-forward-on');
    expect(sw.db.get('acme.test-forward/1001')).toBe('1002');
    // Forwarding turns do not disturb off, as FusionPBX's call_forward.lua does.
    expect(sw.db.get('acme.test-dnd/1001')).toBe('false');
    const forwarded = await dial('1001', caller('1002'));
    expect(forwarded).toEqual({ name: 'local-1001-forward', actions: ['export dialed_extension=1001', 'transfer ${db(select/acme.test-forward/1001)} XML acme.test'] });
    // What the transfer's data expands to when it runs.
    expect(expand(forwarded!.actions[1], sw, caller('1002'))).toBe('transfer 1002 XML acme.test');

    await dial('*73', caller('1001'));
    expect(sw.db.get('acme.test-forward/1001')).toBe('false');
    expect((await dial('1001', caller('1002')))!.name).toBe('local-1001');
  });

  it('*73 stops the forward-all of the extension\'s fields until *72 sets one again', async () => {
    sw = newSwitch();
    await updateExtension(t, ext['1001'], { forward_all_enabled: true, forward_all_destination: '1002' });
    expect(await dial('1001', caller('1002'))).toEqual({ name: 'local-1001', actions: ['export dialed_extension=1001', 'transfer 1002 XML acme.test'] });
    await dial('*73', caller('1001'));
    const rung = await dial('1001', caller('1002'));
    expect(rung!.name).toBe('local-1001-forward-off');
    expect(rung!.actions).toContain('bridge user/1001@acme.test');
    await dial('*79', caller('1001'));
    expect((await dial('1001', caller('1002')))!.name).toBe('local-1001-ring');
    await updateExtension(t, ext['1001'], { forward_all_enabled: false, forward_all_destination: '' });
  });

  it('a state code does nothing for a caller that is not a user of the tenant', async () => {
    sw = newSwitch();
    expect(await dial('*78', { vars: { domain_name: 'acme.test' } })).toBeNull();
    expect(await dial('*78', { vars: { user_name: '1001', domain_name: 'globex.test' } })).toBeNull();
    expect(sw.db.size).toBe(0);
  });

  it('*8 picks up the call ringing an extension of the caller\'s call group, **<ext> the call ringing that extension', async () => {
    sw = newSwitch();
    const ringing = await dial('1002', { vars: { user_name: '3000', domain_name: 'acme.test', uuid: 'c0ffee' } });
    expect(ringing!.actions).toEqual(expect.arrayContaining(['hash insert/acme.test-last_dial_ext/1002/${uuid}', 'hash insert/acme.test-last_dial_ext/sales/${uuid}']));
    expect(sw.hash.get('acme.test-last_dial_ext/sales')).toBe('c0ffee');

    const group = hunt(await request(t, 'acme.test', '*8'), '*8', sw, caller('1001', { callgroup: 'sales' }))!;
    const intercept = group.actions.find((a) => a.startsWith('intercept '))!;
    expect(expand(intercept, sw, caller('1001', { callgroup: 'sales' }))).toBe('intercept c0ffee');
    const direct = hunt(await request(t, 'acme.test', '**1002'), '**1002', sw, caller('1001'))!;
    expect(expand(direct.actions.find((a) => a.startsWith('intercept '))!, sw, caller('1001'))).toBe('intercept c0ffee');
  });

  it('the codes are in every tenant\'s context, each with its own realms', async () => {
    const xml = await request(t, 'globex.test', '*78', '2001');
    sw = newSwitch();
    const ran = hunt(xml, '*78', sw, { vars: { user_name: '2001', domain_name: 'globex.test' } });
    expect(ran!.actions).toContain('db insert/globex.test-dnd/2001/true');
  });
});
