// Call queues as FreeSWITCH reaches them: callcenter.conf fetched at module load (the captured
// request, no CC-Queue) answers every served queue with its agents, their statuses and tiers;
// fetched for one queue (the captured `callcenter_config queue load` request, CC-Queue) answers
// that queue, its agents with their stored statuses (the database follows every status
// mod_callcenter sets, so a queue load keeps an agent on break on break) and tiers; both golden-filed. A dialplan request shaped
// like the captured ones for the queue's number answers answer, hold music, `callcenter
// <number>@<domain>` and the timeout destination, in order; the agent login and logout codes
// set the caller's agents' statuses through callcenter_config. Disabled queues are not served,
// and a queue is a destination DIDs point at (one pointed at cannot go).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { answerOf, createDid, createExtension, createTenant, fetchXml } from '../../helpers/pbx-fixtures.ts';
import { loadCapture, paramOf, withParams } from '../../helpers/xml-curl-captures.ts';
import { find, findAll, parseXml, type XmlNode } from '../../helpers/xml-tree.ts';

const dialplanCapture = loadCapture('dialplan-inbound-sip-internal-9196.txt').body;
const moduleLoad = loadCapture('configuration-callcenter.conf-module-load.txt').body;
const queueLoad = loadCapture('configuration-callcenter.conf-queue-load.txt').body;

const call = (t: TestApp, context: string, destination: string, user?: string) =>
  answerOf(
    fetchXml(
      t,
      withParams(dialplanCapture, {
        'Caller-Context': context,
        'Hunt-Context': context,
        'Caller-Destination-Number': destination,
        'Hunt-Destination-Number': destination,
        ...(user ? { variable_user_name: user, variable_domain_name: context } : {}),
      }),
    ),
  );

const names = (tree: XmlNode) => findAll(tree, 'extension').map((e) => e.attrs.name);
const actionsOf = (node: XmlNode) => findAll(node, 'action').map((a) => `${a.attrs.application} ${a.attrs.data ?? ''}`.trim());

async function createQueue(t: TestApp, tenantId: number, body: Record<string, unknown>): Promise<{ id: string; agents: string[] }> {
  const res = await t.api('POST', '/api/call_queues', { token: await t.adminToken(), body: { tenant_id: tenantId, ...body } });
  expect(res.statusCode, res.body).toBe(200);
  const q = res.json();
  return { id: q.call_center_queue_uuid, agents: q.agents.map((a: { call_center_agent_uuid: string }) => a.call_center_agent_uuid) };
}

const agent = (extension: string, edits: Record<string, unknown> = {}) => ({ agent_contact: `user/${extension}@pbx.example.com`, agent_type: 'callback', agent_call_timeout: 20, agent_status: 'Available', ...edits });

describe.each(databaseKinds)('call queues in callcenter.conf and the dialplan on $name', (kind) => {
  let t: TestApp;
  let support: { id: string; agents: string[] };
  let sales: { id: string; agents: string[] };
  /** Replaces the generated uuids by stable names, for the golden files. */
  let stable: (xml: string) => string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const acme = await createTenant(t, { name: 'Acme', domain: 'acme.test' });
    const globex = await createTenant(t, { name: 'Globex', domain: 'globex.test' });
    for (const number of ['1001', '1002', '1003']) await createExtension(t, acme, { extension: number, password: 'Acme-pass-x1' });
    await createExtension(t, globex, { extension: '2001', password: 'Globex-pass-x1' });
    support = await createQueue(t, acme, {
      queue_name: 'Support',
      queue_extension: '7100',
      queue_strategy: 'longest-idle-agent',
      queue_moh_sound: 'local_stream://moh',
      queue_max_wait_time: 300,
      queue_max_wait_time_with_no_agent: 60,
      queue_max_wait_time_with_no_agent_time_reached: 5,
      queue_tier_rules_apply: true,
      queue_tier_rule_wait_second: 30,
      queue_discard_abandoned_after: 60,
      queue_announce_sound: 'ivr/ivr-hold_connect_call.wav',
      queue_announce_frequency: 45,
      queue_cid_prefix: 'Support',
      queue_timeout_action: 'transfer:*991002',
      agents: [agent('1001', { tier_level: 1, tier_position: 1 }), agent('1002', { agent_status: 'On Break', agent_max_no_answer: 5, tier_level: 2, tier_position: 1 })],
    });
    sales = await createQueue(t, acme, { queue_name: 'Sales', queue_extension: '7200', queue_strategy: 'ring-all', queue_timeout_action: 'transfer:7100', agents: [agent('1001')] });
    await createQueue(t, acme, { queue_name: 'Closed', queue_extension: '7300', queue_enabled: false, agents: [agent('1003')] });
    await createQueue(t, globex, { queue_name: 'Help', queue_extension: '7100', agents: [agent('2001', { agent_status: 'Logged Out' })] });
    const ids = [support.id, ...support.agents, sales.id, ...sales.agents];
    const labels = ['SUPPORT-UUID', 'AGENT-1001', 'AGENT-1002', 'SALES-UUID', 'SALES-AGENT-1001'];
    stable = (xml) => ids.reduce((text, id, i) => text.replaceAll(id, labels[i]!), xml);
  }, 120_000);
  afterAll(() => t?.close());

  it('answers the module-load fetch (no CC-Queue) with the settings and every served queue, its agents with their statuses, and its tiers', async () => {
    expect(paramOf(moduleLoad, 'CC-Queue')).toBeUndefined();
    const xml = await answerOf(fetchXml(t, moduleLoad));
    const tree = parseXml(xml);
    expect(find(tree, 'configuration')?.attrs.name).toBe('callcenter.conf');
    expect(findAll(tree, 'queue').map((q) => q.attrs.name)).toEqual(['7100@acme.test', '7200@acme.test', '7100@globex.test']);
    expect(findAll(find(tree, 'settings')!, 'param').map((p) => `${p.attrs.name}=${p.attrs.value}`)).toEqual(['truncate-agents-on-load=true', 'truncate-tiers-on-load=true']);
    const agents = findAll(tree, 'agent');
    expect(agents).toHaveLength(4);
    expect(agents[0]!.attrs).toMatchObject({ name: support.agents[0], type: 'callback', contact: '{call_timeout=20,domain_name=acme.test}user/1001@acme.test', status: 'Available' });
    expect(agents[1]!.attrs).toMatchObject({ name: support.agents[1], status: 'On Break', 'max-no-answer': '5' });
    expect(findAll(tree, 'tier').map((x) => `${x.attrs.queue} ${x.attrs.level} ${x.attrs.position}`)).toEqual([
      '7100@acme.test 1 1',
      '7100@acme.test 2 1',
      '7200@acme.test 1 1',
      '7100@globex.test 1 1',
    ]);
    // The disabled queue and its agent are not served.
    expect(xml).not.toContain('7300@');
    const acmeOnly = stable(xml).replace(/<queue name="7100@globex.test">[\s\S]*?<\/queue>/, '').replace(/<agent name="[0-9a-f-]{36}"[^>]*globex[^>]*\/>/, '').replace(/<tier agent="[0-9a-f-]{36}" queue="7100@globex.test"[^>]*\/>/, '');
    await expect(acmeOnly).toMatchFileSnapshot('./golden/callcenter-conf-module-load.xml');
  });

  it('answers the queue-load fetch (CC-Queue) with that queue, its agents with their stored statuses, and its tiers only', async () => {
    expect(paramOf(queueLoad, 'CC-Queue')).toBe('support@default');
    const xml = await answerOf(fetchXml(t, withParams(queueLoad, { 'CC-Queue': '7100@acme.test' })));
    await expect(stable(xml)).toMatchFileSnapshot('./golden/callcenter-conf-queue-load.xml');
    const tree = parseXml(xml);
    expect(findAll(tree, 'queue').map((q) => q.attrs.name)).toEqual(['7100@acme.test']);
    const params = Object.fromEntries(findAll(find(tree, 'queue')!, 'param').map((p) => [p.attrs.name, p.attrs.value]));
    expect(params).toMatchObject({
      strategy: 'longest-idle-agent',
      'moh-sound': 'local_stream://moh',
      'max-wait-time': '300',
      'max-wait-time-with-no-agent': '60',
      'max-wait-time-with-no-agent-time-reached': '5',
      'tier-rules-apply': 'true',
      'tier-rule-wait-second': '30',
      'discard-abandoned-after': '60',
      'announce-sound': 'ivr/ivr-hold_connect_call.wav',
      'announce-frequency': '45',
    });
    expect(findAll(tree, 'agent').map((a) => a.attrs.name)).toEqual(support.agents);
    expect(findAll(tree, 'agent').map((a) => a.attrs.status)).toEqual(['Available', 'On Break']);
    expect(findAll(tree, 'settings').flatMap((s) => findAll(s, 'param'))).toEqual([]);
    // The captured name (support@default) and another tenant's names answer no queue.
    for (const name of ['support@default', '7100@nowhere.test', 'nonsense']) {
      expect(findAll(parseXml(await answerOf(fetchXml(t, withParams(queueLoad, { 'CC-Queue': name })))), 'queue')).toEqual([]);
    }
    const globex = parseXml(await answerOf(fetchXml(t, withParams(queueLoad, { 'CC-Queue': '7100@globex.test' }))));
    expect(findAll(globex, 'agent').map((a) => a.attrs.contact)).toEqual(['{call_timeout=20,domain_name=globex.test}user/2001@globex.test']);
  });

  it('a queue load gives each agent the status stored since: an agent on break stays on break, and back', async () => {
    const setStatus = async (status: string) => {
      const res = await t.api('PUT', `/api/call_queues/${support.id}/agents/${support.agents[0]}/status`, { token: await t.adminToken(), body: { agent_status: status } });
      expect(res.statusCode, res.body).toBe(200);
    };
    const statuses = async () => findAll(parseXml(await answerOf(fetchXml(t, withParams(queueLoad, { 'CC-Queue': '7100@acme.test' })))), 'agent').map((a) => a.attrs.status);
    await setStatus('On Break');
    expect(await statuses()).toEqual(['On Break', 'On Break']);
    await setStatus('Available');
    expect(await statuses()).toEqual(['Available', 'On Break']);
  });

  it("answers the queue's number with answer, the caller-id prefix, hold music, callcenter <number>@<domain>, then the timeout destination", async () => {
    const xml = await call(t, 'acme.test', '7100');
    await expect(xml).toMatchFileSnapshot('./golden/call-queue-dialplan.xml');
    const tree = parseXml(xml);
    expect(names(tree)).toEqual(['call-queue-7100']);
    expect(actionsOf(tree)).toEqual([
      'answer',
      'set hangup_after_bridge=true',
      'set effective_caller_id_name=Support${caller_id_name}',
      'set hold_music=local_stream://moh',
      'callcenter 7100@acme.test',
      'sleep 1000',
      'voicemail default acme.test 1002',
    ]);
    expect(actionsOf(parseXml(await call(t, 'acme.test', '7200')))).toEqual([
      'answer',
      'set hangup_after_bridge=true',
      'set hold_music=$${hold_music}',
      'callcenter 7200@acme.test',
      'transfer 7100 XML acme.test',
    ]);
    // Disabled: not served; another tenant's context has its own 7100.
    expect(names(parseXml(await call(t, 'acme.test', '7300')))).toEqual([]);
    expect(actionsOf(parseXml(await call(t, 'globex.test', '7100')))).toContain('callcenter 7100@globex.test');
  });

  it("the agent login and logout codes set the status of the caller's agents in every served queue, and nobody else's", async () => {
    const login = parseXml(await call(t, 'acme.test', '*22', '1001'));
    const entry = findAll(login, 'extension').find((e) => e.attrs.name === 'agent-login-1001')!;
    expect(entry).toBeDefined();
    expect(findAll(entry, 'condition').map((c) => `${c.attrs.field} ${c.attrs.expression}`)).toEqual(['destination_number ^\\*22$', '${domain_name} ^acme\\.test$', '${user_name} ^1001$']);
    expect(actionsOf(entry)).toEqual([
      'answer',
      'sleep 500',
      `set cc_agent_status=\${callcenter_config(agent set status ${support.agents[0]} 'Available')}`,
      `set cc_agent_status=\${callcenter_config(agent set status ${sales.agents[0]} 'Available')}`,
      'playback ivr/ivr-you_are_now_logged_in.wav',
      'hangup',
    ]);
    const logout = findAll(parseXml(await call(t, 'acme.test', '*23', '1002')), 'extension').find((e) => e.attrs.name === 'agent-logout-1002')!;
    expect(actionsOf(logout)).toContain(`set cc_agent_status=\${callcenter_config(agent set status ${support.agents[1]} 'Logged Out')}`);
    // 1003 is an agent of a disabled queue only: no entry for it.
    expect(names(parseXml(await call(t, 'acme.test', '*22')))).not.toContain('agent-login-1003');
  });

  it('a DID may send calls to the queue, and a queue pointed at cannot be deleted', async () => {
    const token = await t.adminToken();
    const acmeId = (await t.api('GET', `/api/call_queues/${support.id}`, { token })).json().tenant_id;
    await createDid(t, { phone: '15557100', tenant_id: acmeId, destination_type: 'queue', destination_value: '7100' });
    const refused = await t.api('DELETE', `/api/call_queues/${support.id}`, { token });
    expect(refused.statusCode).toBe(409);
    const bad = await t.api('POST', '/api/dids', { token, body: { phone: '15557999', tenant_id: acmeId, destination_type: 'queue', destination_value: '7999' } });
    expect(bad.statusCode).toBe(400);
  });
});
