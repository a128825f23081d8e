// Ring groups in the tenant's context: a dialplan request shaped like the captured ones for the
// group's number answers the applications FreeSWITCH runs, in order, for each strategy (the
// rendered XML is golden-filed), and a change (disable, delete, a member's do-not-disturb) shows
// at the next call. A ring group is a destination DIDs point at: one that does not exist is
// refused, one pointed at cannot go.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { answerOf, createDid, createExtension, createRingGroup, createTenant, fetchXml, updateExtension, updateRingGroup } from '../../helpers/pbx-fixtures.ts';
import { loadCapture, withParams } from '../../helpers/xml-curl-captures.ts';
import { findAll, parseXml, type XmlNode } from '../../helpers/xml-tree.ts';

const captured = loadCapture('dialplan-inbound-sip-internal-9196.txt').body;

const call = (t: TestApp, context: string, destination: string) =>
  answerOf(
    fetchXml(
      t,
      withParams(captured, { 'Caller-Context': context, 'Hunt-Context': context, 'Caller-Destination-Number': destination, 'Hunt-Destination-Number': destination }),
    ),
  );

const names = (tree: XmlNode) => findAll(tree, 'extension').map((e) => e.attrs.name);
const actionsOf = (node: XmlNode) => findAll(node, 'action').map((a) => `${a.attrs.application} ${a.attrs.data ?? ''}`.trim());

const member = (destination_number: string, edits: Record<string, unknown> = {}) => ({ destination_number, destination_delay: 0, destination_timeout: 20, destination_enabled: true, ...edits });

describe.each(databaseKinds)('ring groups in the dialplan on $name', (kind) => {
  let t: TestApp;
  let acme: number;
  const group: Record<string, string> = {};
  const ext: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(kind);
    acme = await createTenant(t, { name: 'Acme', domain: 'acme.test' });
    for (const number of ['1001', '1002', '1003']) ext[number] = await createExtension(t, acme, { extension: number, password: 'Acme-pass-x1' });
    const members = [member('1001'), member('1002', { destination_delay: 5, destination_timeout: 30 }), member('+15551234567', { destination_timeout: 25 })];
    const common = { ring_group_call_timeout: 40, destinations: members };
    group.simultaneous = await createRingGroup(t, acme, {
      ...common,
      ring_group_name: 'Sales',
      ring_group_extension: '6000',
      ring_group_cid_name_prefix: 'Sales <RG> ',
      ring_group_ringback: 'uk-ring',
      ring_group_timeout_data: '*991003',
    });
    group.sequence = await createRingGroup(t, acme, { ...common, ring_group_name: 'Support', ring_group_extension: '6001', ring_group_strategy: 'sequence', ring_group_timeout_data: '1003' });
    group.enterprise = await createRingGroup(t, acme, { ...common, ring_group_name: 'Desk', ring_group_extension: '6002', ring_group_strategy: 'enterprise', ring_group_caller_id_name: 'Desk', ring_group_caller_id_number: '6002' });
    group.rollover = await createRingGroup(t, acme, { ...common, ring_group_name: 'Night', ring_group_extension: '6003', ring_group_strategy: 'rollover', ring_group_timeout_data: '6000' });
    group.random = await createRingGroup(t, acme, { ...common, ring_group_name: 'Lottery', ring_group_extension: '6004', ring_group_strategy: 'random', ring_group_timeout_data: '+15559876543' });
  }, 120_000);
  afterAll(() => t?.close());

  it('rings every member at once, each with its delay and timeout, then the timeout destination (simultaneous)', async () => {
    const xml = await call(t, 'acme.test', '6000');
    await expect(xml).toMatchFileSnapshot('./golden/ring-group-simultaneous.xml');
    const tree = parseXml(xml);
    expect(names(tree)).toEqual(['ring-group-6000']);
    expect(actionsOf(tree)).toEqual([
      'set effective_caller_id_name=Sales <RG> ${caller_id_name}',
      'set ringback=$${uk-ring}',
      'set transfer_ringback=$${uk-ring}',
      'set hangup_after_bridge=true',
      'set continue_on_fail=true',
      'bridge {ignore_early_media=true}[leg_timeout=20]user/1001@acme.test,[leg_timeout=30,leg_delay_start=5]user/1002@acme.test,[leg_timeout=25]loopback/+15551234567/acme.test',
      'answer',
      'sleep 1000',
      'voicemail default acme.test 1003',
    ]);
  });

  it('rings members one after the other while the group timeout lasts (sequence), then transfers to the timeout number', async () => {
    const xml = await call(t, 'acme.test', '6001');
    await expect(xml).toMatchFileSnapshot('./golden/ring-group-sequence.xml');
    // 40 s: 1001 rings 20, 1002 waits 5 and rings the 15 left, the external number never.
    expect(actionsOf(parseXml(xml)).slice(-2)).toEqual([
      'bridge {ignore_early_media=true}[leg_timeout=20]user/1001@acme.test|[leg_timeout=15,leg_delay_start=5]user/1002@acme.test',
      'transfer 1003 XML acme.test',
    ]);
  });

  it('originates each member in its own thread (enterprise), with the group caller id, and hangs up with the bridge outcome when no timeout destination is set', async () => {
    const xml = await call(t, 'acme.test', '6002');
    await expect(xml).toMatchFileSnapshot('./golden/ring-group-enterprise.xml');
    expect(actionsOf(parseXml(xml))).toEqual([
      'set effective_caller_id_name=Desk',
      'set effective_caller_id_number=6002',
      'set hangup_after_bridge=true',
      'set continue_on_fail=true',
      'bridge {originate_timeout=20}user/1001@acme.test:_:{originate_timeout=30,originate_delay_start=5000}user/1002@acme.test:_:{originate_timeout=25}loopback/+15551234567/acme.test',
      'hangup ${originate_disposition}',
    ]);
  });

  it('bridges each member on its own (rollover), then the timeout ring group', async () => {
    const xml = await call(t, 'acme.test', '6003');
    await expect(xml).toMatchFileSnapshot('./golden/ring-group-rollover.xml');
    expect(actionsOf(parseXml(xml)).slice(-3)).toEqual([
      'bridge {ignore_early_media=true,originate_timeout=20}user/1001@acme.test',
      'bridge {ignore_early_media=true,originate_timeout=20}user/1002@acme.test',
      'transfer 6000 XML acme.test',
    ]);
  });

  it('renders a random group once per rotation, each kept to calls whose uuid starts with its hex digits', async () => {
    const xml = await call(t, 'acme.test', '6004');
    await expect(xml).toMatchFileSnapshot('./golden/ring-group-random.xml');
    const tree = parseXml(xml);
    expect(names(tree)).toEqual(['ring-group-6004-0', 'ring-group-6004-1', 'ring-group-6004-2']);
    const extensions = findAll(tree, 'extension');
    const picks = extensions.map((e) => findAll(e, 'condition')[0].attrs);
    expect(picks).toEqual([
      { field: 'uuid', expression: '^[0369cCfF]' },
      { field: 'uuid', expression: '^[147aAdD]' },
      { field: 'uuid', expression: '^[258bBeE]' },
    ]);
    // Every first hex digit of a uuid is taken by exactly one rotation.
    for (const digit of '0123456789abcdef') expect(picks.filter((p) => new RegExp(p.expression).test(digit)), digit).toHaveLength(1);
    const firstLegs = extensions.map((e) => actionsOf(e).find((a) => a.startsWith('bridge'))!.split(/[|\]]/)[1]);
    expect(firstLegs).toEqual(['user/1001@acme.test', 'user/1002@acme.test', 'loopback/+15551234567/acme.test']);
    expect(actionsOf(extensions[0]).slice(-1)).toEqual(['transfer +15559876543 XML acme.test']);
  });

  it('leaves out a member in do-not-disturb, at the next call', async () => {
    await updateExtension(t, ext['1001'], { do_not_disturb: true });
    expect(actionsOf(parseXml(await call(t, 'acme.test', '6000'))).find((a) => a.startsWith('bridge'))).not.toContain('user/1001@');
    await updateExtension(t, ext['1001'], { do_not_disturb: false });
    expect(actionsOf(parseXml(await call(t, 'acme.test', '6000'))).find((a) => a.startsWith('bridge'))).toContain('user/1001@acme.test');
  });

  it('drops a disabled group from the context at once, and brings it back when enabled', async () => {
    await updateRingGroup(t, group.sequence, { ring_group_enabled: false });
    expect(names(parseXml(await call(t, 'acme.test', '6001')))).toEqual([]);
    await updateRingGroup(t, group.sequence, { ring_group_enabled: '1' });
    expect(names(parseXml(await call(t, 'acme.test', '6001')))).toEqual(['ring-group-6001']);
  });

  it('refuses a DID to a ring group that does not exist, and keeps a group a DID points at from going or being renumbered', async () => {
    const admin = await t.adminToken();
    const missing = await t.api('POST', '/api/dids', { token: admin, body: { phone: '15551230099', tenant_id: acme, destination_type: 'ring_group', destination_value: '6999' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toMatch(/destination_value/);
    const did = await createDid(t, { phone: '15551230004', tenant_id: acme, destination_type: 'ring_group', destination_value: '6002' });
    expect(actionsOf(parseXml(await call(t, 'public', '15551230004'))).slice(-1)).toEqual(['transfer 6002 XML acme.test']);
    expect((await t.api('DELETE', `/api/ring_groups/${group.enterprise}`, { token: admin })).statusCode).toBe(409);
    expect((await t.api('PUT', `/api/ring_groups/${group.enterprise}`, { token: admin, body: { ring_group_extension: '6012' } })).statusCode).toBe(409);
    expect((await t.api('DELETE', `/api/dids/${did}`, { token: admin })).statusCode).toBe(200);
    expect((await t.api('DELETE', `/api/ring_groups/${group.enterprise}`, { token: admin })).statusCode).toBe(200);
    expect(names(parseXml(await call(t, 'acme.test', '6002')))).toEqual([]);
  });
});
