// Keeps the running mod_callcenter in step with the call queues, from the change bus: mod_callcenter
// reads callcenter.conf at module load only (queues again on `queue load|reload`), and keeps its
// agents and tiers in its own database, so every change is told to every connected node as the
// callcenter_config commands that turn what it has into what is stored now:
// - a queue that starts serving calls: `queue load`, then each agent (`agent add`, its contact,
//   limits and status by `agent set`) and its tier (`tier add`);
// - a queue that stops (deleted, disabled, its tenant inactive): `queue unload`, `agent del` of
//   each agent (which deletes its tiers);
// - a renumbered queue (its name is <extension>@<domain>): the old one's tiers go (`tier del`),
//   it is unloaded, the new name loaded and every tier added again;
// - changed queue params: `queue reload`; agents gone: `agent del`; agents added as above;
//   an agent's changed contact, limits, type or status: `agent set`; its level or position:
//   `tier set`.
// What each queue was is remembered from the start (and after each change), as the cache flusher
// remembers gateways. An extension or tenant change (an agent's number, a tenant's domain or
// state) compares every queue again. Commands run one after another in change order.
//
// The database is the truth for agents' statuses, whoever changes them: mod_callcenter fires
// CUSTOM callcenter::info, CC-Action agent-status-change, CC-Agent (the agent's uuid) and
// CC-Agent-Status on every successful status set (mod_callcenter.c cc_agent_update), on the node
// where it was set: by the *22/*23 codes' callcenter_config, by mod_callcenter itself (an agent
// that did not answer max-no-answer times goes On Break), by load_agent at a load, or by this sync.
// Such an event for an agent Switchyard knows, with one of mod_callcenter's statuses, is stored
// unless the database holds that status already; the change is announced like any other, so the
// GUI shows it and every node is told (`agent set status`, once: the sync sends only what changed).
// The events that the sync's own `agent set status` commands cause come back: each command sent
// to a node expects its echo from that node, and an expected echo is dropped unread — otherwise
// an echo of an older status that arrives after a newer change would store the older one again and
// both would bounce between the nodes and the database. An event for an unknown agent, without a
// known status, or otherwise malformed is logged without its values and changes nothing. Events are
// handled one at a time, in arrival order; the queue is bounded.
import type { CallQueueRecord } from '../../domain/call-queues/call-queues.repository.ts';
import type { Change, ChangeBus } from '../../infra/change-bus.ts';
import { AGENT_STATUSES, type AgentStatus } from '../../domain/call-queues/call-queues.schema.ts';
import { agentOf, queueParams, servesCalls, tierOf, type CallcenterAgent, type CallcenterTier } from '../xml-curl/configuration/callcenter-conf.ts';
import { freeswitchQueueName } from '../../domain/call-queues/call-queues.service.ts';
import type { EslLogger } from './client.ts';
import { commands, type AgentKey } from './commands.ts';
import { createEventQueue } from './event-queue.ts';
import type { SwitchManager } from './manager.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The status as Switchyard spells it (mod_callcenter reads them case-insensitively: cc_agent_str2status). */
const STATUS_BY_LOWER = new Map<string, AgentStatus>(AGENT_STATUSES.map((s) => [s.toLowerCase(), s]));
/** `agent set status <agent> '<status>'` as commands.agentSet writes it. */
const STATUS_COMMAND = /^callcenter_config agent set status (\S+) '([^']+)'$/;
/** How long an echo is waited for (it comes within milliseconds: the event is fired while the command runs). */
const ECHO_WAIT_MS = 60_000;
const MAX_ECHOES = 10_000;

/** What storing a status reported by a node did. */
export type StoredAgentStatus = 'unknown' | 'same' | 'changed';

/** What mod_callcenter holds of a queue that serves calls. */
export interface SwitchQueue {
  name: string;
  params: string;
  agents: Map<string, { agent: Required<CallcenterAgent>; tier: CallcenterTier }>;
}

export function switchQueueOf(q: CallQueueRecord | null): SwitchQueue | null {
  if (!q || !servesCalls(q)) return null;
  return {
    name: freeswitchQueueName(q),
    params: JSON.stringify(queueParams(q).map((p) => [p.name, String(p.value)])),
    agents: new Map(q.agents.map((a) => [a.id, { agent: agentOf(a, q, true) as Required<CallcenterAgent>, tier: tierOf(a, q) }])),
  };
}

const AGENT_KEYS: [AgentKey, keyof CallcenterAgent][] = [
  ['type', 'type'],
  ['contact', 'contact'],
  ['max_no_answer', 'maxNoAnswer'],
  ['wrap_up_time', 'wrapUpTime'],
  ['reject_delay_time', 'rejectDelayTime'],
  ['busy_delay_time', 'busyDelayTime'],
  ['no_answer_delay_time', 'noAnswerDelayTime'],
  ['status', 'status'],
];

function addAgent(agent: Required<CallcenterAgent>): string[] {
  return [commands.agentAdd(agent.name, agent.type), ...AGENT_KEYS.filter(([key]) => key !== 'type').map(([key, field]) => commands.agentSet(key, agent.name, agent[field]))];
}

/** The commands that turn `before` into `after` in mod_callcenter. */
export function queueCommands(before: SwitchQueue | null, after: SwitchQueue | null): string[] {
  const out: string[] = [];
  if (before && !after) {
    out.push(commands.queueUnload(before.name));
    for (const id of before.agents.keys()) out.push(commands.agentDel(id));
    return out;
  }
  if (!after) return out;
  const renamed = before !== null && before.name !== after.name;
  if (before && renamed) {
    for (const { tier } of before.agents.values()) if (after.agents.has(tier.agent)) out.push(commands.tierDel(before.name, tier.agent));
    out.push(commands.queueUnload(before.name));
  }
  if (!before || renamed) out.push(commands.queueLoad(after.name));
  else if (before.params !== after.params) out.push(commands.queueReload(after.name));
  for (const id of before?.agents.keys() ?? []) if (!after.agents.has(id)) out.push(commands.agentDel(id));
  for (const [id, { agent, tier }] of after.agents) {
    const was = before?.agents.get(id);
    if (!was) {
      out.push(...addAgent(agent), commands.tierAdd(tier.queue, id, tier.level, tier.position));
      continue;
    }
    for (const [key, field] of AGENT_KEYS) if (was.agent[field] !== agent[field]) out.push(commands.agentSet(key, id, agent[field]));
    if (renamed) out.push(commands.tierAdd(tier.queue, id, tier.level, tier.position));
    else {
      if (was.tier.level !== tier.level) out.push(commands.tierSet('level', tier.queue, id, tier.level));
      if (was.tier.position !== tier.position) out.push(commands.tierSet('position', tier.queue, id, tier.position));
    }
  }
  return out;
}

export interface CallQueueSyncDeps {
  manager: SwitchManager;
  changes: ChangeBus;
  /** The queue as stored now, or null once deleted. */
  queue(id: string): Promise<CallQueueRecord | null>;
  /** Every queue as stored now. */
  queues(): Promise<CallQueueRecord[]>;
  /** Stores a status a node reported for agent `agentId` (announcing a change). */
  storeAgentStatus: (agentId: string, status: AgentStatus) => Promise<StoredAgentStatus>;
  log: EslLogger;
}

export function createCallQueueSync(deps: CallQueueSyncDeps) {
  const { manager, log } = deps;
  const known = new Map<string, SwitchQueue | null>();
  let chain: Promise<void> = Promise.resolve();
  const reported = createEventQueue(log, 'call queue agent status');
  /** `<node> <agent> <status>` → when each expected echo was asked for. */
  const echoes = new Map<string, number[]>();
  const echoKey = (node: string, agent: string, status: string) => `${node}\u0000${agent}\u0000${status.toLowerCase()}`;

  function expectEcho(key: string) {
    if (echoes.size >= MAX_ECHOES) echoes.clear();
    echoes.set(key, [...(echoes.get(key) ?? []), Date.now()]);
  }
  function dropEcho(key: string) {
    const left = (echoes.get(key) ?? []).slice(1);
    if (left.length) echoes.set(key, left);
    else echoes.delete(key);
  }
  /** Whether the event is the echo of a status this sync sent to that node (and forgets it). */
  function isEcho(key: string): boolean {
    const fresh = (echoes.get(key) ?? []).filter((at) => Date.now() - at < ECHO_WAIT_MS);
    if (!fresh.length) {
      echoes.delete(key);
      return false;
    }
    if (fresh.length > 1) echoes.set(key, fresh.slice(1));
    else echoes.delete(key);
    return true;
  }

  async function statusReported(node: string, agent: string | null, status: string | null) {
    const canonical = status ? STATUS_BY_LOWER.get(status.toLowerCase()) : undefined;
    if (!agent || !UUID.test(agent) || !canonical) {
      log.warn({ node }, 'agent status event without an agent uuid and a known status: ignored');
      return;
    }
    if (isEcho(echoKey(node, agent, canonical))) return;
    const stored = await deps.storeAgentStatus(agent.toLowerCase(), canonical);
    if (stored === 'unknown') log.warn({ node }, 'agent status event for an unknown agent: ignored');
    else if (stored === 'changed') log.info({ node, agent, status: canonical }, 'agent status set on the switch stored');
  }

  async function everyQueue(): Promise<Map<string, SwitchQueue | null>> {
    return new Map((await deps.queues()).map((q) => [q.id, switchQueueOf(q)]));
  }

  async function plan(change: Change): Promise<string[]> {
    if (change.entity === 'call_queue' && change.id !== undefined) {
      const id = String(change.id);
      const now = switchQueueOf(await deps.queue(id));
      const out = queueCommands(known.get(id) ?? null, now);
      known.set(id, now);
      return out;
    }
    if (change.entity === 'extension' || change.entity === 'tenant' || change.entity === 'resync') {
      const all = await everyQueue();
      const ids = new Set([...known.keys(), ...all.keys()]);
      const out = [...ids].flatMap((id) => queueCommands(known.get(id) ?? null, all.get(id) ?? null));
      known.clear();
      for (const [id, q] of all) known.set(id, q);
      return out;
    }
    return [];
  }

  async function send(list: string[]): Promise<void> {
    for (const command of list) {
      // The echo may arrive before the reply: it is expected before the command goes.
      const status = STATUS_COMMAND.exec(command);
      const keys = new Map(status ? manager.connected().map((c) => [c.target.name, echoKey(c.target.name, status[1]!, status[2]!)]) : []);
      for (const key of keys.values()) expectEcho(key);
      for (const { node, result, error } of await manager.broadcast(command)) {
        if (error || !result?.ok) {
          // No status was set there, so no echo comes.
          const key = keys.get(node);
          if (key) dropEcho(key);
          log.warn({ node, command, reply: error ?? result?.text }, 'callcenter_config failed');
        } else log.debug({ node, command }, 'callcenter_config sent');
      }
    }
  }

  const unsubscribe = deps.changes.subscribe((change) => {
    chain = chain
      .then(async () => send(await plan(change)))
      .catch((err) => log.error({ err, entity: change.entity }, 'call queue sync failed'));
  });

  let unsubscribeEvents: (() => void) | null = null;

  return {
    /** Learns what mod_callcenter holds now (what callcenter.conf gave it), then listens to its status changes. */
    async start() {
      try {
        for (const [id, q] of await everyQueue()) known.set(id, q);
      } catch (err) {
        log.warn({ err }, 'could not read the call queues');
      }
      unsubscribeEvents = manager.events.subscribe((event) => {
        if (event.kind === 'agent_status') reported.push(event.node, () => statusReported(event.node, event.agent, event.status));
      });
    },
    /** Resolves when every status event received and every command queued so far are handled. */
    idle: async () => {
      await reported.idle();
      await chain;
    },
    stop() {
      unsubscribe();
      unsubscribeEvents?.();
      unsubscribeEvents = null;
    },
  };
}
