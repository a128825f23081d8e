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
import type { CallQueueRecord } from '../../domain/call-queues/call-queues.repository.ts';
import type { Change, ChangeBus } from '../../infra/change-bus.ts';
import { agentOf, queueParams, servesCalls, tierOf, type CallcenterAgent, type CallcenterTier } from '../xml-curl/configuration/callcenter-conf.ts';
import { freeswitchQueueName } from '../../domain/call-queues/call-queues.service.ts';
import type { EslLogger } from './client.ts';
import { commands, type AgentKey } from './commands.ts';
import type { SwitchManager } from './manager.ts';

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
  log: EslLogger;
}

export function createCallQueueSync(deps: CallQueueSyncDeps) {
  const { manager, log } = deps;
  const known = new Map<string, SwitchQueue | null>();
  let chain: Promise<void> = Promise.resolve();

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
      for (const { node, result, error } of await manager.broadcast(command)) {
        if (error || !result?.ok) log.warn({ node, command, reply: error ?? result?.text }, 'callcenter_config failed');
        else log.debug({ node, command }, 'callcenter_config sent');
      }
    }
  }

  const unsubscribe = deps.changes.subscribe((change) => {
    chain = chain
      .then(async () => send(await plan(change)))
      .catch((err) => log.error({ err, entity: change.entity }, 'call queue sync failed'));
  });

  return {
    /** Learns what mod_callcenter holds now (what callcenter.conf gave it). */
    async start() {
      try {
        for (const [id, q] of await everyQueue()) known.set(id, q);
      } catch (err) {
        log.warn({ err }, 'could not read the call queues');
      }
    },
    /** Resolves when every command queued so far has been sent. */
    idle: () => chain,
    stop() {
      unsubscribe();
    },
  };
}
