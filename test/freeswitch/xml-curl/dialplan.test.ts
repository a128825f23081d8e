// The dialplan: a tenant's context (feature codes, local extensions, outbound routes, in that
// order), the shared public context (DIDs), and only the extensions that can match the number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import {
  answerOf,
  createCallerId,
  createDid,
  createExtension,
  createProvider,
  createRingGroup,
  createRoute,
  createTenant,
  fetchXml,
  providerGateway,
  updateExtension,
  updateProvider,
} from '../../helpers/pbx-fixtures.ts';
import { loadCapture, withParams } from '../../helpers/xml-curl-captures.ts';
import { find, findAll, isNotFound, parseXml, type XmlNode } from '../../helpers/xml-tree.ts';

const captured = loadCapture('dialplan-inbound-sip-internal-9196.txt').body;

const call = (t: TestApp, context: string, destination: string) =>
  answerOf(
    fetchXml(
      t,
      withParams(captured, { 'Caller-Context': context, 'Hunt-Context': context, 'Caller-Destination-Number': destination, 'Hunt-Destination-Number': destination }),
    ),
  );

const names = (tree: XmlNode) => findAll(tree, 'extension').map((e) => e.attrs.name);
const actionsOf = (node: XmlNode | undefined) => (node ? findAll(node, 'action').map((a) => `${a.attrs.application} ${a.attrs.data ?? ''}`.trim()) : []);
const extensionNamed = (tree: XmlNode, name: string) => findAll(tree, 'extension').find((e) => e.attrs.name === name);
/** An extension's renderings for the states the feature codes set (feature-codes.test.ts), before the fields' own. */
const codeStates = (number: string) => [`local-${number}-dnd`, `local-${number}-forward`];

describe.each(databaseKinds)('dialplan answers on $name', (kind) => {
  let t: TestApp;
  let acme: number;
  let globex: number;
  let gw: { main: string; backup: string; shared: string };
  const ext: Record<string, string> = {};
  let backupProvider: number;

  beforeAll(async () => {
    t = await createTestApp(kind);
    acme = await createTenant(t, { name: 'Acme', domain: 'acme.test', max_concurrent_calls: 5 });
    globex = await createTenant(t, { name: 'Globex', domain: 'globex.test' });
    ext['1000'] = await createExtension(t, acme, { extension: '1000', password: 'Acme-pass-0' });
    ext['1001'] = await createExtension(t, acme, { extension: '1001', password: 'Acme-pass-1', call_timeout: 20 });
    ext['9100'] = await createExtension(t, acme, { extension: '9100', password: 'Acme-pass-9' });
    await createExtension(t, globex, { extension: '2000', password: 'Globex-pass-2' });
    const main = await createProvider(t, { tenant_id: acme, name: 'Main', host: '203.0.113.1', username: 'u1', password: 'p1', prefix: '77' });
    backupProvider = await createProvider(t, { tenant_id: acme, name: 'Backup', host: '203.0.113.2', username: 'u2', password: 'p2' });
    const shared = await createProvider(t, { name: 'Shared', host: '203.0.113.3', username: 'u3', password: 'p3' });
    gw = { main: await providerGateway(t, main), backup: await providerGateway(t, backupProvider), shared: await providerGateway(t, shared) };
    await createRoute(t, { tenant_id: acme, name: 'National backup', pattern: '^9(\\d{9})$', provider_id: backupProvider, priority: 20, strip: 1, prepend: '0' });
    await createRoute(t, { tenant_id: acme, name: 'National', pattern: '^9(\\d{9})$', provider_id: main, priority: 10, strip: 1 });
    await createRoute(t, { tenant_id: acme, name: 'International', pattern: '^900(\\d+)$', provider_id: main, priority: 5, strip: 3, prepend: '+', toll_type: 'international' });
    await createRoute(t, { name: 'Shared emergency', pattern: '^(911|112)$', provider_id: shared, priority: 1 });
    await createRoute(t, { tenant_id: globex, name: 'Globex only', pattern: '^8(\\d+)$', provider_id: shared, priority: 1 });
    await createCallerId(t, { tenant_id: acme, phone: '+15550009999', first_name: 'Acme Main' });
    await createDid(t, { phone: '+15551230001', tenant_id: acme, destination_type: 'extension', destination_value: '1001', caller_id_prefix: 'Acme <in> & ' });
    await createDid(t, { phone: '15551230002', tenant_id: acme, destination_type: 'voicemail', destination_value: '1000' });
    await createDid(t, { phone: '15551230003', tenant_id: globex, destination_type: 'external', destination_value: '+15557654321' });
    await createRingGroup(t, acme, { ring_group_name: 'Sales', ring_group_extension: '6000', destinations: [{ destination_number: '1001' }] });
    await createDid(t, { phone: '15551230004', tenant_id: acme, destination_type: 'ring_group', destination_value: '6000' });
  });
  afterAll(() => t?.close());

  it('answers a tenant context named after its domain, and not found for an unknown context', async () => {
    expect(find(parseXml(await call(t, 'acme.test', '1000')), 'context')!.attrs.name).toBe('acme.test');
    expect(isNotFound(await call(t, 'default', '1000'))).toBe(true);
    expect(isNotFound(await call(t, 'nowhere.test', '1000'))).toBe(true);
  });

  it('renders the feature codes every tenant has', async () => {
    expect(actionsOf(parseXml(await call(t, 'acme.test', '9196')))).toEqual(['answer', 'echo']);
    expect(actionsOf(parseXml(await call(t, 'acme.test', '*97')))).toEqual(['answer', 'sleep 1000', 'voicemail check default acme.test ${user_name}']);
    expect(actionsOf(parseXml(await call(t, 'acme.test', '*98')))).toEqual(['answer', 'sleep 1000', 'voicemail check default acme.test']);
  });

  it('rings a local extension for its call timeout, then voicemail', async () => {
    const answer = parseXml(await call(t, 'acme.test', '1001'));
    expect(names(answer)).toEqual([...codeStates('1001'), 'local-1001']);
    const tree = extensionNamed(answer, 'local-1001')!;
    expect(find(tree, 'condition')!.attrs).toEqual({ field: 'destination_number', expression: '^1001$' });
    expect(actionsOf(tree)).toEqual([
      'export dialed_extension=1001',
      'set call_timeout=20',
      'set hangup_after_bridge=true',
      'set continue_on_fail=true',
      'hash insert/acme.test-last_dial_ext/1001/${uuid}',
      'bridge user/1001@acme.test',
      'answer',
      'sleep 1000',
      'voicemail default acme.test 1001',
    ]);
  });

  it('honours forward-all, do-not-disturb and busy / no-answer forwarding', async () => {
    await updateExtension(t, ext['1000'], { forward_all_enabled: true, forward_all_destination: '1001' });
    expect(actionsOf(extensionNamed(parseXml(await call(t, 'acme.test', '1000')), 'local-1000'))).toEqual(['export dialed_extension=1000', 'transfer 1001 XML acme.test']);

    await updateExtension(t, ext['1000'], { forward_all_enabled: false, do_not_disturb: true, voicemail_enabled: false });
    expect(actionsOf(extensionNamed(parseXml(await call(t, 'acme.test', '1000')), 'local-1000'))).toEqual(['export dialed_extension=1000', 'hangup USER_BUSY']);

    await updateExtension(t, ext['1000'], {
      do_not_disturb: false,
      voicemail_enabled: true,
      forward_busy_enabled: true,
      forward_busy_destination: '1001',
      forward_no_answer_enabled: true,
      forward_no_answer_destination: '+15550001234',
    });
    expect(actionsOf(extensionNamed(parseXml(await call(t, 'acme.test', '1000')), 'local-1000')).slice(-2)).toEqual([
      'bridge user/1000@acme.test',
      'transfer failover~1000~${originate_disposition} XML acme.test',
    ]);
    const busy = parseXml(await call(t, 'acme.test', 'failover~1000~USER_BUSY'));
    expect(names(busy)).toEqual(['local-1000-busy', 'local-1000-no-answer']);
    expect(actionsOf(extensionNamed(busy, 'local-1000-busy'))).toEqual(['transfer 1001 XML acme.test']);
    const noAnswer = parseXml(await call(t, 'acme.test', 'failover~1000~NO_ANSWER'));
    expect(names(noAnswer)).toEqual(['local-1000-no-answer']);
    expect(actionsOf(noAnswer)).toEqual(['transfer +15550001234 XML acme.test']);

    await updateExtension(t, ext['1000'], { forward_no_answer_enabled: false });
    expect(actionsOf(parseXml(await call(t, 'acme.test', 'failover~1000~NO_ANSWER')))).toEqual(['answer', 'sleep 1000', 'voicemail default acme.test 1000']);
  });

  it('forwards a call to an extension with no registered phone where forward_user_not_registered says (FusionPBX failure_handler)', async () => {
    await updateExtension(t, ext['9100'], { forward_user_not_registered_enabled: true, forward_user_not_registered_destination: '+15550007777' });
    expect(actionsOf(extensionNamed(parseXml(await call(t, 'acme.test', '9100')), 'local-9100')).slice(-1)).toEqual(['transfer failover~9100~${originate_disposition} XML acme.test']);
    const unregistered = parseXml(await call(t, 'acme.test', 'failover~9100~USER_NOT_REGISTERED'));
    expect(names(unregistered)).toEqual(['local-9100-not-registered', 'local-9100-no-answer']);
    expect(actionsOf(extensionNamed(unregistered, 'local-9100-not-registered'))).toEqual(['transfer +15550007777 XML acme.test']);
    // Busy and no answer still go to voicemail.
    expect(actionsOf(extensionNamed(parseXml(await call(t, 'acme.test', 'failover~9100~USER_BUSY')), 'local-9100-busy'))).toEqual(['answer', 'sleep 1000', 'voicemail default acme.test 9100']);
    expect(actionsOf(parseXml(await call(t, 'acme.test', 'failover~9100~NO_ANSWER')))).toEqual(['answer', 'sleep 1000', 'voicemail default acme.test 9100']);
    await updateExtension(t, ext['9100'], { forward_user_not_registered_enabled: false });
    expect(actionsOf(extensionNamed(parseXml(await call(t, 'acme.test', '9100')), 'local-9100')).slice(-1)).toEqual(['voicemail default acme.test 9100']);
  });

  it('rings an extension on its number alias too', async () => {
    await updateExtension(t, ext['1001'], { number_alias: '5001' });
    const answer = parseXml(await call(t, 'acme.test', '5001'));
    expect(names(answer)).toEqual([...codeStates('1001'), 'local-1001']);
    const tree = extensionNamed(answer, 'local-1001')!;
    expect(find(tree, 'condition')!.attrs.expression).toBe('^(?:1001|5001)$');
    expect(actionsOf(tree)).toContain('bridge user/1001@acme.test');
    expect(names(parseXml(await call(t, 'acme.test', '1001')))).toEqual([...codeStates('1001'), 'local-1001']);
    await updateExtension(t, ext['1001'], { number_alias: '' });
    expect(names(parseXml(await call(t, 'acme.test', '5001')))).toEqual([]);
  });

  it('routes out through the pattern\'s providers in priority order, with strip, prepend, caller id and the tenant limit', async () => {
    const tree = parseXml(await call(t, 'acme.test', '9555123456'));
    expect(names(tree)).toEqual([expect.stringMatching(/^outbound-/)]);
    const conditions = findAll(tree, 'condition');
    expect(conditions.map((c) => c.attrs.field)).toEqual(['destination_number', '${outbound_caller_id_number}', 'destination_number']);
    expect(conditions[1].attrs).toMatchObject({ expression: '^$', break: 'never' });
    expect(actionsOf(conditions[1])).toEqual(['set outbound_caller_id_name=Acme Main', 'set outbound_caller_id_number=+15550009999']);
    expect(actionsOf(conditions[2])).toEqual([
      'set call_direction=outbound',
      'set effective_caller_id_name=${outbound_caller_id_name}',
      'set effective_caller_id_number=${outbound_caller_id_number}',
      'limit hash acme.test max_concurrent_calls 5 !USER_BUSY',
      'set hangup_after_bridge=true',
      'set continue_on_fail=true',
      `bridge sofia/gateway/${gw.main}/77\${destination_number:1}|sofia/gateway/${gw.backup}/0\${destination_number:1}`,
    ]);
  });

  it('drops the legs of an inactive provider', async () => {
    await updateProvider(t, backupProvider, { active: false });
    const bridge = actionsOf(parseXml(await call(t, 'acme.test', '9555123456'))).find((a) => a.startsWith('bridge'));
    expect(bridge).toBe(`bridge sofia/gateway/${gw.main}/77\${destination_number:1}`);
    await updateProvider(t, backupProvider, { active: true });
  });

  it('checks the caller\'s toll class where a route has one', async () => {
    const tree = parseXml(await call(t, 'acme.test', '900441234567'));
    expect(names(tree)).toHaveLength(1);
    const international = findAll(tree, 'extension')[0];
    expect(findAll(international, 'condition')[1].attrs).toEqual({ field: '${toll_allow}', expression: '(^|,)\\s*international\\s*(,|$)' });
    expect(actionsOf(international).find((a) => a.startsWith('bridge'))).toBe(`bridge sofia/gateway/${gw.main}/77+\${destination_number:3}`);
  });

  it('orders matches as FreeSWITCH would run them: feature codes, then local extensions, then routes', async () => {
    // 9100 is both an extension and a number ^9(\d{9})$ cannot match; 911 only the shared route.
    expect(names(parseXml(await call(t, 'acme.test', '9100')))).toEqual([...codeStates('9100'), 'local-9100']);
    expect(names(parseXml(await call(t, 'acme.test', '911')))).toEqual([expect.stringMatching(/^outbound-/)]);
    await createRoute(t, { tenant_id: acme, name: 'Catch all', pattern: '^(\\d+)$', provider_id: backupProvider, priority: 99 });
    const tree = parseXml(await call(t, 'acme.test', '9196'));
    expect(names(tree)).toEqual(['echo-test', expect.stringMatching(/^outbound-/)]);
    const local = parseXml(await call(t, 'acme.test', '1001'));
    expect(names(local)).toEqual([...codeStates('1001'), 'local-1001', expect.stringMatching(/^outbound-/)]);
  });

  it('keeps tenants\' routes and extensions apart', async () => {
    expect(names(parseXml(await call(t, 'globex.test', '9555123456')))).toEqual([]);
    expect(names(parseXml(await call(t, 'globex.test', '85551234')))).toEqual([expect.stringMatching(/^outbound-/)]);
    expect(names(parseXml(await call(t, 'acme.test', '85551234')))).not.toContain('local-2000');
    expect(names(parseXml(await call(t, 'globex.test', '1001')))).toEqual([]);
    expect(names(parseXml(await call(t, 'globex.test', '112')))).toEqual([expect.stringMatching(/^outbound-/)]);
  });

  it('sends a DID to its tenant: the tenant set on the channel, then its destination', async () => {
    for (const number of ['+15551230001', '15551230001']) {
      const tree = parseXml(await call(t, 'public', number));
      expect(find(tree, 'context')!.attrs.name).toBe('public');
      expect(names(tree)).toEqual(['did-15551230001']);
      const actions = actionsOf(tree);
      expect(actions[0]).toBe('set domain_name=acme.test');
      expect(actions[1]).toMatch(/^set domain_uuid=[0-9a-f-]{36}$/);
      expect(actions.slice(2)).toEqual([
        'set call_direction=inbound',
        'set effective_caller_id_name=Acme <in> & ${caller_id_name}',
        'limit hash acme.test max_concurrent_calls 5 !USER_BUSY',
        'transfer 1001 XML acme.test',
      ]);
    }
    expect(actionsOf(parseXml(await call(t, 'public', '15551230002'))).slice(-3)).toEqual(['answer', 'sleep 1000', 'voicemail default acme.test 1000']);
    expect(actionsOf(parseXml(await call(t, 'public', '15551230003'))).slice(-1)).toEqual(['transfer +15557654321 XML globex.test']);
    expect(actionsOf(parseXml(await call(t, 'public', '15551230004'))).slice(-1)).toEqual(['transfer 6000 XML acme.test']);
    expect(names(parseXml(await call(t, 'public', '15559999999')))).toEqual([]);
  });

  it('routes to a destination match its prefix with or without +, send the digits, and the longer prefix goes first', async () => {
    const admin = await t.adminToken();
    for (const [destination_id, name] of [['44', 'United Kingdom'], ['4420', 'London']]) {
      expect((await t.api('POST', '/api/destination', { token: admin, body: { destination_id, name, country_id: 826 } })).statusCode).toBe(200);
    }
    const main = (await t.api('GET', `/api/providers?tenant_id=${acme}`, { token: admin })).json().find((p: { name: string }) => p.name === 'Main').provider_id;
    await createRoute(t, { tenant_id: acme, name: 'UK', destination_id: '44', provider_id: main, priority: 50 });
    await createRoute(t, { tenant_id: acme, name: 'London', destination_id: '4420', provider_id: backupProvider, priority: 50, strip: 2, prepend: '0' });
    for (const dialled of ['+442071234567', '442071234567']) {
      const tree = parseXml(await call(t, 'acme.test', dialled));
      const [london, uk] = findAll(tree, 'extension');
      expect(findAll(london, 'condition')[0].attrs).toEqual({ field: 'destination_number', expression: '^\\+?(4420\\d+)$' });
      expect(findAll(uk, 'condition')[0].attrs.expression).toBe('^\\+?(44\\d+)$');
      expect(actionsOf(london)).toContain('set outbound_digits=$1');
      expect(actionsOf(london).find((a) => a.startsWith('bridge'))).toBe(`bridge sofia/gateway/${gw.backup}/0\${outbound_digits:2}`);
      expect(actionsOf(uk).find((a) => a.startsWith('bridge'))).toBe(`bridge sofia/gateway/${gw.main}/77\${outbound_digits}`);
    }
    expect(names(parseXml(await call(t, 'acme.test', '+33123456789')))).not.toEqual(expect.arrayContaining([expect.stringMatching(/^outbound-/)]));
    // A prefix the super-admin changes moves the route at once.
    expect((await t.api('PUT', '/api/destination/44', { token: admin, body: { prefix: '0044' } })).statusCode).toBe(200);
    const moved = parseXml(await call(t, 'acme.test', '00441234567'));
    expect(findAll(moved, 'condition')[0].attrs.expression).toBe('^\\+?(0044\\d+)$');
  });

  it('shows a new DID at the next call', async () => {
    expect(names(parseXml(await call(t, 'public', '15551230009')))).toEqual([]);
    await createDid(t, { phone: '15551230009', tenant_id: globex, destination_type: 'extension', destination_value: '2000' });
    expect(actionsOf(parseXml(await call(t, 'public', '15551230009'))).slice(-1)).toEqual(['transfer 2000 XML globex.test']);
  });
});
