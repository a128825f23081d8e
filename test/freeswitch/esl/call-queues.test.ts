// Call queue writes reach every connected mod_callcenter as callcenter_config commands (observed on
// two fake nodes answering as the captured 09-api-callcenter_config-queue-list transcript does),
// after REST and GraphQL writes, on both databases: a new queue is loaded with its agents and
// tiers, a changed one reloaded with only what changed, an agent's status set on its own, a
// renumbered queue moved, a disabled or deleted one unloaded with its agents.
//
// Statuses set on the switch (the *22/*23 codes run `callcenter_config agent set status` there):
// mod_callcenter then fires CUSTOM callcenter::info with CC-Action agent-status-change, CC-Agent
// and CC-Agent-Status (mod_callcenter.c cc_agent_update). No such event was captured
// (../shared/freeswitch/esl-transcripts has none): the frames below are the captured CUSTOM
// (sofia::register) JSON event with the subclass and those three headers set, as the source sets them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { createEslTestApp } from '../../helpers/esl-app.ts';
import { deriveJsonEvent, eventFrames, repliesTo } from '../../helpers/esl-transcripts.ts';
import { answer, guiClient } from '../../contract/gui-client.ts';
import { startFakeEsl, type FakeEsl } from '../../helpers/fake-esl.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';
import { dataOf } from '../../helpers/graphql.ts';
import { until } from '../../helpers/wait.ts';

const TRANSCRIPT = '09-api-callcenter_config-queue-list';
/** What mod_callcenter answered `queue reload` (and answers every accepted change): `+OK`. */
const reloadOk = repliesTo(TRANSCRIPT, 'api callcenter_config queue reload support@default');
const queueList = repliesTo(TRANSCRIPT, 'api callcenter_config queue list');

/** What mod_callcenter fires when an agent's status is set, framed as the captured CUSTOM event. */
function statusEvent(headers: Record<string, string | undefined>): string {
  const frame = eventFrames('event-json-subset-register-call').find((f) => f.includes('"sofia::register"'))!;
  return deriveJsonEvent(frame, { set: { 'Event-Subclass': 'callcenter::info', 'CC-Action': 'agent-status-change', ...headers } });
}
const agentStatusEvent = (agent: string, status: string) => statusEvent({ 'CC-Agent': agent, 'CC-Agent-Status': status });

describe.each(databaseKinds)('call queues over the Event Socket on $name', (kind) => {
  let t: TestApp;
  let nodes: FakeEsl[];
  let cast: Cast;
  let queue: string;
  const agents: Record<string, string> = {};
  /** Whether each node fires the status events of the commands it runs at once (else the test pushes them). */
  const echoing = [true, true];

  const sentSince = (node: FakeEsl, mark: number) => node.commands.slice(mark).filter((c) => c.startsWith('api callcenter_config'));
  /** The commands each node received after `marks`, once `count` of them arrived on every node. */
  async function received(marks: number[], count: number): Promise<string[][]> {
    await until(() => nodes.every((n, i) => sentSince(n, marks[i]!).length >= count));
    return nodes.map((n, i) => sentSince(n, marks[i]!));
  }
  const marks = () => nodes.map((n) => n.commands.length);

  beforeAll(async () => {
    nodes = [await startFakeEsl(), await startFakeEsl()];
    for (const [i, node] of nodes.entries()) {
      // The later answer wins for the commands both match.
      node.answer(/^api callcenter_config/, reloadOk);
      node.answer(/^api callcenter_config queue list/, queueList);
      // As mod_callcenter does (cc_agent_update), a status set fires its agent-status-change event
      // on that node (here before the reply: Switchyard must expect the echo before it sends).
      node.answer(/^api callcenter_config agent set status /, (command) => {
        const [, agent, status] = /^api callcenter_config agent set status (\S+) '([^']+)'$/.exec(command)!;
        if (echoing[i]) node.push(agentStatusEvent(agent!, status!));
        return reloadOk;
      });
    }
    t = await createEslTestApp(kind, nodes[0]!);
    cast = await seedCast(t);
    const second = await t.api('POST', '/api/switch_nodes', { token: cast.admin, body: { name: 'fs-2', host: nodes[1]!.host, port: nodes[1]!.port, password: 'ClueCon' } });
    expect(second.statusCode).toBe(200);
    await until(() => t.app.esl.client('fs-2')?.isConnected() === true);
    for (const node of nodes) await node.waitForCommand('api reloadacl');
    for (const extension of ['1001', '1002', '1003']) {
      const res = await t.api('POST', '/api/fpbx_extensions', { token: cast.adminA.token, body: { extension, password: 'Acme-pass-x1' } });
      expect(res.statusCode, res.body).toBe(200);
    }
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    for (const node of nodes ?? []) await node.close();
  });

  it('the fake answers as the captured transcript: queue list in its captured shape', async () => {
    const reply = await t.app.esl.client('fs-2')!.api('callcenter_config queue list');
    expect(reply.body.split('\n')[0]).toBe(
      'name|strategy|moh_sound|time_base_score|tier_rules_apply|tier_rule_wait_second|tier_rule_wait_multiply_level|tier_rule_no_agent_no_wait|discard_abandoned_after|abandoned_resume_allowed|max_wait_time|max_wait_time_with_no_agent|max_wait_time_with_no_agent_time_reached|record_template|calls_answered|calls_abandoned|ring_progressively_delay|skip_agents_with_external_calls|agent_no_answer_status',
    );
  });

  it('a new queue is loaded on every node, then each agent added with its contact, limits and status, and its tier', async () => {
    const m = marks();
    const res = await t.api('POST', '/api/call_queues', {
      token: cast.adminA.token,
      body: {
        queue_name: 'Support',
        queue_extension: '7100',
        agents: [
          { agent_contact: 'user/1001@pbx.example.com', agent_status: 'Available' },
          { agent_contact: 'user/1002@pbx.example.com', agent_status: 'On Break', agent_call_timeout: 30, tier_level: 2 },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    queue = res.json().call_center_queue_uuid;
    for (const a of res.json().agents) agents[a.agent_extension] = a.call_center_agent_uuid;
    const [a1, a2] = [agents['1001'], agents['1002']];
    const agentCommands = (id: string, ext: string, timeout: number, status: string, level: number, position: number) => [
      `api callcenter_config agent add ${id} callback`,
      `api callcenter_config agent set contact ${id} {call_timeout=${timeout},domain_name=acme.test}user/${ext}@acme.test`,
      `api callcenter_config agent set max_no_answer ${id} 3`,
      `api callcenter_config agent set wrap_up_time ${id} 10`,
      `api callcenter_config agent set reject_delay_time ${id} 30`,
      `api callcenter_config agent set busy_delay_time ${id} 60`,
      `api callcenter_config agent set no_answer_delay_time ${id} 10`,
      `api callcenter_config agent set status ${id} '${status}'`,
      `api callcenter_config tier add 7100@acme.test ${id} ${level} ${position}`,
    ];
    const expected = ['api callcenter_config queue load 7100@acme.test', ...agentCommands(a1!, '1001', 20, 'Available', 1, 1), ...agentCommands(a2!, '1002', 30, 'On Break', 2, 2)];
    for (const sent of await received(m, expected.length)) expect(sent).toEqual(expected);
  });

  it('an update reloads the queue and sends only what changed: an agent gone, one added, a contact and a tier level', async () => {
    const m = marks();
    const res = await t.api('PUT', `/api/call_queues/${queue}`, {
      token: cast.adminA.token,
      body: {
        queue_strategy: 'round-robin',
        agents: [
          { call_center_agent_uuid: agents['1001'], agent_contact: 'user/1001@pbx.example.com', agent_call_timeout: 25, tier_level: 3, tier_position: 1 },
          { agent_contact: '1003', agent_status: 'Logged Out', tier_position: 2 },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const kept = res.json().agents.find((a: { agent_extension: string }) => a.agent_extension === '1001');
    expect(kept.call_center_agent_uuid).toBe(agents['1001']);
    agents['1003'] = res.json().agents.find((a: { agent_extension: string }) => a.agent_extension === '1003').call_center_agent_uuid;
    const a3 = agents['1003']!;
    const expected = [
      'api callcenter_config queue reload 7100@acme.test',
      `api callcenter_config agent del ${agents['1002']}`,
      `api callcenter_config agent add ${a3} callback`,
      `api callcenter_config agent set contact ${a3} {call_timeout=20,domain_name=acme.test}user/1003@acme.test`,
      `api callcenter_config agent set max_no_answer ${a3} 3`,
      `api callcenter_config agent set wrap_up_time ${a3} 10`,
      `api callcenter_config agent set reject_delay_time ${a3} 30`,
      `api callcenter_config agent set busy_delay_time ${a3} 60`,
      `api callcenter_config agent set no_answer_delay_time ${a3} 10`,
      `api callcenter_config agent set status ${a3} 'Logged Out'`,
      `api callcenter_config tier add 7100@acme.test ${a3} 1 2`,
      // In tier order: 1003 (level 1) before 1001 (now level 3).
      `api callcenter_config agent set contact ${agents['1001']} {call_timeout=25,domain_name=acme.test}user/1001@acme.test`,
      `api callcenter_config tier set level 7100@acme.test ${agents['1001']} 3`,
    ];
    for (const sent of await received(m, expected.length)) expect(sent).toEqual(expected);
  });

  it("an agent's status set by REST and by GraphQL is sent on its own, quoted as mod_callcenter reads it", async () => {
    let m = marks();
    const res = await t.api('PUT', `/api/call_queues/${queue}/agents/${agents['1001']}/status`, { token: cast.adminA.token, body: { agent_status: 'On Break' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().agents.find((a: { agent_extension: string }) => a.agent_extension === '1001').agent_status).toBe('On Break');
    for (const sent of await received(m, 1)) expect(sent).toEqual([`api callcenter_config agent set status ${agents['1001']} 'On Break'`]);
    m = marks();
    const gql = await t.gql(
      'mutation($id: ID!, $agentId: ID!, $s: String!) { setCallQueueAgentStatus(id: $id, agentId: $agentId, agentStatus: $s) { agents { agentExtension agentStatus } } }',
      { id: queue, agentId: agents['1003'], s: 'Available' },
      cast.adminA.token,
    );
    expect(dataOf(gql).setCallQueueAgentStatus.agents).toContainEqual({ agentExtension: '1003', agentStatus: 'Available' });
    for (const sent of await received(m, 1)) expect(sent).toEqual([`api callcenter_config agent set status ${agents['1003']} 'Available'`]);
    // Not a status mod_callcenter knows: refused, nothing sent.
    const bad = await t.api('PUT', `/api/call_queues/${queue}/agents/${agents['1001']}/status`, { token: cast.adminA.token, body: { agent_status: "Available' ; hupall" } });
    expect(bad.statusCode).toBe(400);
    // Another tenant's admin does not see the queue.
    const other = await t.api('PUT', `/api/call_queues/${queue}/agents/${agents['1001']}/status`, { token: cast.adminB.token, body: { agent_status: 'Available' } });
    expect(other.statusCode).toBe(404);
  });

  describe('statuses set on the switch', () => {
    const stored = async (agent: string) => (await t.app.database.db.callQueueAgent.findUniqueOrThrow({ where: { id: agent } })).status;
    /**
     * Events are handled one at a time in arrival order: once a status event that changes 1003
     * (pushed after the others) is stored, the earlier ones are handled, and whatever they sent
     * was queued before the one command 1003's change sends.
     */
    async function afterEarlierEvents(from: FakeEsl, status: string) {
      from.push(agentStatusEvent(agents['1003']!, status));
      await until(async () => (await stored(agents['1003']!)) === status);
      return `api callcenter_config agent set status ${agents['1003']} '${status}'`;
    }

    it('every node is subscribed to mod_callcenter\'s events', () => {
      for (const node of nodes) expect(node.subscribed('CUSTOM callcenter::info')).toBe(true);
    });

    it('*22 on a node: the status is stored, the client reads it, every node is told once, and the echoes change nothing', async () => {
      const a1 = agents['1001']!;
      expect(await stored(a1)).toBe('On Break');
      let m = marks();
      nodes[1]!.push(agentStatusEvent(a1, 'Available'));
      await until(async () => (await stored(a1)) === 'Available');
      // As the ICTPBX client reads the queue (call_queues.service.ts getCallQueue): agents[].agent_status.
      const loaded = answer(await guiClient(t, cast.adminA.token).get(`/call_queues/${queue}`));
      expect(loaded.agents.find((a: { agent_extension: string }) => a.agent_extension === '1001')).toMatchObject({ call_center_agent_uuid: a1, agent_status: 'Available' });
      for (const sent of await received(m, 1)) expect(sent).toEqual([`api callcenter_config agent set status ${a1} 'Available'`]);
      // Each node fired the echo of that command, and fires the same status again: nothing is stored or sent again.
      m = marks();
      for (const node of nodes) node.push(agentStatusEvent(a1, 'Available'));
      const sentinel = await afterEarlierEvents(nodes[0]!, 'On Break');
      for (const sent of await received(m, 1)) expect(sent).toEqual([sentinel]);
      expect(await stored(a1)).toBe('Available');
    });

    it('an API change is sent once; its echo, arriving after a newer change on the phone, does not bring it back', async () => {
      const a1 = agents['1001']!;
      echoing[1] = false;
      let m = marks();
      const res = await t.api('PUT', `/api/call_queues/${queue}/agents/${a1}/status`, { token: cast.adminA.token, body: { agent_status: 'Logged Out' } });
      expect(res.statusCode, res.body).toBe(200);
      for (const sent of await received(m, 1)) expect(sent).toEqual([`api callcenter_config agent set status ${a1} 'Logged Out'`]);
      // On fs-2 the agent dials *22 before the command arrives: its Available event, then the command's echo.
      m = marks();
      nodes[1]!.push([agentStatusEvent(a1, 'Available'), agentStatusEvent(a1, 'Logged Out')]);
      echoing[1] = true;
      await until(async () => (await stored(a1)) === 'Available');
      for (const sent of await received(m, 1)) expect(sent).toEqual([`api callcenter_config agent set status ${a1} 'Available'`]);
      // Both nodes fired the echoes of that Available: nothing more (no bouncing between nodes and database).
      const sentinel = await afterEarlierEvents(nodes[1]!, 'Available');
      for (const sent of await received(m, 2)) expect(sent).toEqual([`api callcenter_config agent set status ${a1} 'Available'`, sentinel]);
      expect(await stored(a1)).toBe('Available');
    });

    it('an event for an unknown agent, without a known status or malformed changes nothing and sends nothing', async () => {
      const a1 = agents['1001']!;
      const m = marks();
      nodes[0]!.push([
        agentStatusEvent('00000000-0000-4000-8000-000000000000', 'On Break'),
        agentStatusEvent(a1, 'Busy'),
        agentStatusEvent(a1, ''),
        agentStatusEvent("x' ; hupall", 'On Break'),
        statusEvent({ 'CC-Agent-Status': 'On Break' }),
        statusEvent({ 'CC-Agent': a1 }),
        // Another action of mod_callcenter about the same agent.
        statusEvent({ 'CC-Action': 'agent-state-change', 'CC-Agent': a1, 'CC-Agent-State': 'Waiting', 'CC-Agent-Status': 'On Break' }),
      ]);
      const sentinel = await afterEarlierEvents(nodes[0]!, 'On Break');
      for (const sent of await received(m, 1)) expect(sent).toEqual([sentinel]);
      expect(await stored(a1)).toBe('Available');
      expect(t.app.esl.nodes().every((n) => n.state === 'connected')).toBe(true);
    });

    it('a status written in another case is stored as Switchyard spells it', async () => {
      const m = marks();
      nodes[0]!.push(agentStatusEvent(agents['1003']!, 'logged out'));
      await until(async () => (await stored(agents['1003']!)) === 'Logged Out');
      for (const sent of await received(m, 1)) expect(sent).toEqual([`api callcenter_config agent set status ${agents['1003']} 'Logged Out'`]);
    });
  });

  it('a renumbered queue moves: old tiers deleted, old name unloaded, new name loaded with every tier', async () => {
    const m = marks();
    const res = await t.api('PUT', `/api/call_queues/${queue}`, { token: cast.adminA.token, body: { queue_extension: '7101' } });
    expect(res.statusCode, res.body).toBe(200);
    const [a1, a3] = [agents['1001'], agents['1003']];
    // In tier order: 1003 (level 1), then 1001 (level 3).
    const expected = [
      `api callcenter_config tier del 7100@acme.test ${a3}`,
      `api callcenter_config tier del 7100@acme.test ${a1}`,
      'api callcenter_config queue unload 7100@acme.test',
      'api callcenter_config queue load 7101@acme.test',
      `api callcenter_config tier add 7101@acme.test ${a3} 1 2`,
      `api callcenter_config tier add 7101@acme.test ${a1} 3 1`,
    ];
    for (const sent of await received(m, expected.length)) expect(sent).toEqual(expected);
  });

  it('a disabled queue is unloaded with its agents; enabled again it is loaded; deleted it is unloaded', async () => {
    let m = marks();
    expect((await t.api('PUT', `/api/call_queues/${queue}`, { token: cast.adminA.token, body: { queue_enabled: false } })).statusCode).toBe(200);
    const gone = ['api callcenter_config queue unload 7101@acme.test', `api callcenter_config agent del ${agents['1003']}`, `api callcenter_config agent del ${agents['1001']}`];
    for (const sent of await received(m, gone.length)) expect(sent).toEqual(gone);
    m = marks();
    expect((await t.api('PUT', `/api/call_queues/${queue}`, { token: cast.adminA.token, body: { queue_enabled: true } })).statusCode).toBe(200);
    for (const sent of await received(m, 1 + 2 * 9)) expect(sent[0]).toBe('api callcenter_config queue load 7101@acme.test');
    m = marks();
    expect((await t.api('DELETE', `/api/call_queues/${queue}`, { token: cast.adminA.token })).statusCode).toBe(200);
    for (const sent of await received(m, gone.length)) expect(sent).toEqual(gone);
  });

  it("an extension deleted while it is an agent leaves the queue: mod_callcenter's agent is deleted too", async () => {
    const before = marks();
    const created = await t.api('POST', '/api/call_queues', { token: cast.adminA.token, body: { queue_name: 'Night', queue_extension: '7500', agents: [{ agent_contact: '1001' }, { agent_contact: '1002' }] } });
    expect(created.statusCode, created.body).toBe(200);
    const night = created.json();
    const gone = night.agents.find((a: { agent_extension: string }) => a.agent_extension === '1002').call_center_agent_uuid;
    await received(before, 1 + 2 * 9);
    const extension = (await t.api('GET', '/api/fpbx_extensions', { token: cast.adminA.token })).json().find((e: { extension: string }) => e.extension === '1002');
    const m = marks();
    expect((await t.api('DELETE', `/api/fpbx_extensions/${extension.extension_uuid}`, { token: cast.adminA.token })).statusCode).toBe(200);
    for (const sent of await received(m, 1)) expect(sent).toEqual([`api callcenter_config agent del ${gone}`]);
    const after = (await t.api('GET', `/api/call_queues/${night.call_center_queue_uuid}`, { token: cast.adminA.token })).json();
    expect(after.agents.map((a: { agent_extension: string }) => a.agent_extension)).toEqual(['1001']);
  });
});
