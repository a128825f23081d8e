// callcenter.conf as mod_callcenter reads it (mod_callcenter.c; the queue params as the captured
// 1.10 `callcenter_config queue list` columns show them, esl-transcripts/09): <settings> at module load
// (load_config), each queue's <param>s (queue_set_config: strategy, moh-sound, announce-sound,
// announce-frequency, time-base-score, ring-progressively-delay, tier-rules-apply,
// tier-rule-wait-second, tier-rule-wait-multiply-level, tier-rule-no-agent-no-wait,
// discard-abandoned-after, abandoned-resume-allowed, max-wait-time, max-wait-time-with-no-agent,
// max-wait-time-with-no-agent-time-reached), each <agent>'s attributes (load_agent: name, type,
// contact, status, max-no-answer, wrap-up-time, reject-delay-time, busy-delay-time,
// no-answer-delay-time) and each <tier>'s (load_tier: agent, queue, level, position).
//
// Names are unique across tenants: a queue is <extension>@<domain> (as FusionPBX names them), an
// agent its uuid. An agent's contact reaches its extension through the domain's dial-string
// (user/<extension>@<domain>: the directory renders the dial-string, NOTES.md), with the call
// timeout as an originate variable. Every value comes from write-time checked fields: numbers,
// uuids, the tenant's domain, the schema's shapes (sounds: a path), and the moh a checked class
// name or stock stream (domain/music-on-hold/streams.ts holdMusicSource: local_stream://<domain>/<name>).
import type { CallQueueAgentRecord, CallQueueRecord } from '../../../domain/call-queues/call-queues.repository.ts';
import { freeswitchQueueName } from '../../../domain/call-queues/call-queues.service.ts';
import { holdMusicSource } from '../../../domain/music-on-hold/streams.ts';
import { trusted, type TrustedText } from '../templates/trusted-text.ts';

export interface CallcenterParam {
  name: string;
  value: string | TrustedText;
}

export interface CallcenterAgent {
  name: string;
  type: string;
  contact: string;
  /**
   * The stored status, in every answer: the database follows every status mod_callcenter sets
   * (its agent-status-change events: esl/call-queue-sync.ts), so a queue (re)load gives each agent
   * the status it holds (an agent on break stays on break) and repairs a node that missed a change.
   */
  status?: string;
  maxNoAnswer: number;
  wrapUpTime: number;
  rejectDelayTime: number;
  busyDelayTime: number;
  noAnswerDelayTime: number;
}

export interface CallcenterTier {
  agent: string;
  queue: string;
  level: number;
  position: number;
}

/** The stock hold music (stock-variables.md): what a queue without its own music plays. */
const STOCK_MOH = trusted('$${hold_music}');

/** Whether FreeSWITCH is told of the queue: enabled, in a live tenant. */
export const servesCalls = (q: CallQueueRecord) => q.enabled && q.tenant.active;

export function queueParams(q: CallQueueRecord): CallcenterParam[] {
  const bool = (b: boolean) => (b ? 'true' : 'false');
  const params: CallcenterParam[] = [
    { name: 'strategy', value: q.strategy },
    { name: 'moh-sound', value: holdMusicSource(q.mohSound, q.tenant.domain) || STOCK_MOH },
    { name: 'time-base-score', value: q.timeBaseScore },
    { name: 'max-wait-time', value: String(q.maxWaitTime) },
    { name: 'max-wait-time-with-no-agent', value: String(q.maxWaitTimeWithNoAgent) },
    { name: 'max-wait-time-with-no-agent-time-reached', value: String(q.maxWaitTimeWithNoAgentTimeReached) },
    { name: 'tier-rules-apply', value: bool(q.tierRulesApply) },
    { name: 'tier-rule-wait-second', value: String(q.tierRuleWaitSecond) },
    { name: 'tier-rule-wait-multiply-level', value: bool(q.tierRuleWaitMultiplyLevel) },
    { name: 'tier-rule-no-agent-no-wait', value: bool(q.tierRuleNoAgentNoWait) },
    { name: 'discard-abandoned-after', value: String(q.discardAbandonedAfter) },
    { name: 'abandoned-resume-allowed', value: bool(q.abandonedResumeAllowed) },
    { name: 'ring-progressively-delay', value: String(q.ringProgressivelyDelay) },
  ];
  if (q.announceSound && q.announceFrequency > 0) {
    params.push({ name: 'announce-sound', value: q.announceSound }, { name: 'announce-frequency', value: String(q.announceFrequency) });
  }
  return params;
}

/** The contact mod_callcenter originates to reach the agent's extension. */
export const agentContact = (a: Pick<CallQueueAgentRecord, 'callTimeout' | 'extension'>, domain: string) =>
  `{call_timeout=${a.callTimeout},domain_name=${domain}}user/${a.extension.extension}@${domain}`;

export function agentOf(a: CallQueueAgentRecord, q: CallQueueRecord, withStatus: boolean): CallcenterAgent {
  return {
    name: a.id,
    type: a.type,
    contact: agentContact(a, q.tenant.domain),
    status: withStatus ? a.status : undefined,
    maxNoAnswer: a.maxNoAnswer,
    wrapUpTime: a.wrapUpTime,
    rejectDelayTime: a.rejectDelayTime,
    busyDelayTime: a.busyDelayTime,
    noAnswerDelayTime: a.noAnswerDelayTime,
  };
}

export const tierOf = (a: CallQueueAgentRecord, q: CallQueueRecord): CallcenterTier => ({ agent: a.id, queue: freeswitchQueueName(q), level: a.tierLevel, position: a.tierPosition });

/**
 * The document for these queues: at module load (`moduleLoad`) with the settings; for one queue
 * (`callcenter_config queue load|reload`, CC-Queue) without them. Agents carry their stored
 * status in both.
 */
export function callcenterConf(queues: readonly CallQueueRecord[], moduleLoad: boolean) {
  const served = queues.filter(servesCalls);
  return {
    // Agents and tiers are read again from this answer at every module load: what was deleted
    // meanwhile must not stay in mod_callcenter's own database.
    settings: moduleLoad
      ? [
          { name: 'truncate-agents-on-load', value: 'true' },
          { name: 'truncate-tiers-on-load', value: 'true' },
        ]
      : [],
    queues: served.map((q) => ({ name: freeswitchQueueName(q), params: queueParams(q) })),
    agents: served.flatMap((q) => q.agents.map((a) => agentOf(a, q, true))),
    tiers: served.flatMap((q) => q.agents.map((a) => tierOf(a, q))),
  };
}
