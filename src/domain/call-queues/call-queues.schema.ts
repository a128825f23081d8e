// A call queue as the ICTPBX client has it: FusionPBX's v_call_center_queues fields (its CallQueue
// model, src/app/pages/call_queues/call_queues.ts) with its agents as `agents` (CallQueueAgent),
// each agent also its tier in the queue (level and position: Switchyard's additions, optional).
// The form sends JS booleans, numbers from number inputs, the timeout as `transfer:<number>` or
// `hangup:`, each agent's contact as `user/<extension>@<the web host>` (the extension is what
// counts: the contact rung is rebuilt on the tenant's domain), and PUTs back the object it loaded.
import { HOLD_MUSIC_INPUT, HOLD_MUSIC_INPUT_MAX, HOLD_MUSIC_PROBLEM } from '../music-on-hold/streams.ts';
import { Blank, Flag, Id, Input, Int, Matching, Nullable, ReadOnly, Shaped, SwitchText, Text, Type, type Static, type StaticDecode } from '../shared/schema.ts';

export const QUEUE_NUMBER = '^[0-9]{2,10}$';

/**
 * mod_callcenter's strategies (the list; ring-progressively goes with the queue's
 * ring-progressively-delay, a column of the captured 1.10 `queue list`). Not checked against the
 * 1.10 source's dispatch code itself: the copies of mod_callcenter.c read were older or a fork.
 */
export const STRATEGIES = [
  'ring-all',
  'longest-idle-agent',
  'round-robin',
  'top-down',
  'agent-with-least-talk-time',
  'agent-with-fewest-calls',
  'sequentially-by-agent-order',
  'random',
  'ring-progressively',
] as const;

/** mod_callcenter's agent statuses (AGENT_STATUS_CHART) an admin may set. */
export const AGENT_STATUSES = ['Available', 'Available (On Demand)', 'On Break', 'Logged Out'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];
export const AGENT_TYPES = ['callback', 'uuid-standby'] as const;

/** A sound file: a path or a file under the sound prefix, without FreeSWITCH syntax. */
const SOUND = '^$|^[A-Za-z0-9_./-]{1,255}$';
/** The form's timeout action: `transfer:<number>` (a number of the tenant, an external number, *99<box>), or `hangup:`. */
const TIMEOUT_ACTION = '^$|^hangup:?$|^transfer:(\\*99)?\\+?[0-9]{2,20}$';
/** The agent's contact as the form builds it, or the extension number alone. */
export const AGENT_CONTACT = '^(user/)?[0-9]{2,10}(@[A-Za-z0-9.:_-]{0,255})?$';

const oneOf = <T extends string>(values: readonly T[], description: string) =>
  Type.Unsafe<T>(Type.Union(values.map((s) => Type.Literal(s)), { description: `${description}: ${values.join(', ')}`, typeMessage: `must be one of ${values.join(', ')}` }));

/** A number input's value, which the form may also send as text. */
const Seconds = (minimum: number, maximum: number, description: string) =>
  Type.Optional(
    Type.Transform(
      Type.Union([Int(minimum, maximum), Matching('^[0-9]{1,5}$', `must be a whole number from ${minimum} to ${maximum}`)], {
        description,
        typeMessage: `must be a whole number from ${minimum} to ${maximum}`,
      }),
    )
      .Decode((v) => Number(v))
      .Encode((n) => n),
  );

export const CallQueueAgentInput = Input({
  agentContact: Matching(AGENT_CONTACT, 'must be user/<extension>@<domain> or an extension number of the tenant', {
    description: 'The extension the agent answers on: user/<extension>@<domain> as the client writes it, or the number alone',
  }),
  agentName: Blank(SwitchText(64, { description: 'A label for the agent' })),
  agentType: Type.Optional(oneOf(AGENT_TYPES, 'How mod_callcenter reaches the agent')),
  agentCallTimeout: Seconds(5, 600, 'Seconds the agent is rung'),
  agentStatus: Type.Optional(oneOf(AGENT_STATUSES, 'The agent’s status')),
  agentMaxNoAnswer: Seconds(0, 100, 'Unanswered calls before the agent is put On Break'),
  agentWrapUpTime: Seconds(0, 3600, 'Seconds after a call before the next'),
  agentRejectDelayTime: Seconds(0, 3600, 'Seconds before the next call after a rejected one'),
  agentBusyDelayTime: Seconds(0, 3600, 'Seconds before the next call after a busy one'),
  agentNoAnswerDelayTime: Seconds(0, 3600, 'Seconds before the next call after an unanswered one'),
  agentDescription: Blank(Text(255)),
  tierLevel: Seconds(0, 99, 'The agent’s tier level in the queue (lower is offered first)'),
  tierPosition: Seconds(0, 999, 'The agent’s position within its level'),
  callCenterAgentUuid: Type.Optional(Nullable(Text(64, { description: 'The agent’s id as read: the agent it names keeps its id (and its live state in mod_callcenter)' }))),
  agentExtension: ReadOnly(),
});

const writable = {
  tenantId: Type.Optional(Id({ description: 'Super-admin: the tenant; a tenant admin creates in its own tenant' })),
  queueName: Type.Optional(SwitchText(64, { minLength: 1, description: 'Its name' })),
  queueStrategy: Type.Optional(oneOf(STRATEGIES, 'How calls are offered to agents')),
  queueMohSound: Blank(
    Shaped(HOLD_MUSIC_INPUT_MAX, HOLD_MUSIC_INPUT, HOLD_MUSIC_PROBLEM, {
      description: "What callers hear while waiting: a music-on-hold class of the tenant (its name or local_stream://<domain>/<name>) or a stock stream (default, moh); '' for the stock hold music",
    }),
  ),
  queueTimeBaseScore: Type.Optional(oneOf(['queue', 'system'] as const, 'Whether waiting time counts from entering the queue or the system')),
  queueTimeBaseScoreSec: Seconds(0, 86400, 'Seconds added to a caller’s score'),
  queueMaxWaitTime: Seconds(0, 86400, 'Seconds a caller waits at most (0: no limit)'),
  queueMaxWaitTimeWithNoAgent: Seconds(0, 86400, 'Seconds a caller waits at most while no agent is logged in (0: no limit)'),
  queueMaxWaitTimeWithNoAgentTimeReached: Seconds(0, 86400, 'Seconds the no-agent wait is kept applied to callers arriving after it was reached'),
  queueTierRulesApply: Type.Optional(Flag()),
  queueTierRuleWaitSecond: Seconds(0, 86400, 'Seconds before the next tier level is offered the call'),
  queueTierRuleWaitMultiplyLevel: Type.Optional(Flag()),
  queueTierRuleNoAgentNoWait: Type.Optional(Flag()),
  queueDiscardAbandonedAfter: Seconds(0, 86400, 'Seconds an abandoned caller keeps its place'),
  queueAbandonedResumeAllowed: Type.Optional(Flag()),
  queueAnnounceSound: Blank(Shaped(255, SOUND, 'must be a sound file path (letters, digits, _ . / -)', { description: 'Played to waiting callers every announce frequency' })),
  queueAnnounceFrequency: Seconds(0, 86400, 'Seconds between announcements (0: none)'),
  queueAnnouncePositionFrequency: Seconds(0, 86400, 'Kept: FusionPBX’s position announcement (needs its Lua)'),
  queueAnnounceRoundSeconds: Seconds(0, 3600, 'Kept: FusionPBX’s hold time rounding (needs its Lua)'),
  queueAnnounceHoldtime: Blank(Matching('^$|^(true|false)$', 'must be true or false', { description: 'Kept: FusionPBX’s hold time announcement (needs its Lua)' })),
  queueCidPrefix: Blank(SwitchText(32, { description: 'Put before the caller-id name agents see' })),
  queueTerminateOnCancel: Type.Optional(Flag({ description: 'Kept, not rendered' })),
  queueAgentsCanReject: Type.Optional(Flag({ description: 'Kept, not rendered' })),
  queueRingProgressivelyDelay: Seconds(0, 86400, 'ring-progressively: seconds before the next agent is added'),
  queueTimeoutAction: Blank(
    Matching(TIMEOUT_ACTION, 'must be transfer:<number> (a number of the tenant, an external number, or *99<mailbox>) or hangup:', {
      description: 'Where a caller goes when the queue lets it go: transfer:<number>, or hangup:',
    }),
  ),
  queueDescription: Blank(Text(1024)),
  queueEnabled: Type.Optional(Flag()),
  agents: Type.Optional(Nullable(Type.Array(CallQueueAgentInput, { maxItems: 200, description: 'Its agents, at most 200 (the list replaces the previous one)' }))),
};

/** What the client sends back because it read it (its edit form PUTs the loaded object). */
const echoed = {
  callCenterQueueUuid: ReadOnly(),
  domainUuid: ReadOnly(),
  domainName: ReadOnly(),
  tenantName: ReadOnly(),
  queueTimeoutType: ReadOnly('worked out from queue_timeout_action'),
  queueTimeoutValue: ReadOnly('read from queue_timeout_action'),
  queueFreeswitchName: ReadOnly(),
  agentCount: ReadOnly(),
  dateCreated: ReadOnly(),
  lastUpdated: ReadOnly(),
};

const number = Matching(QUEUE_NUMBER, 'must be 2 to 10 digits', { description: 'Its number in the tenant’s dial plan: 2 to 10 digits' });

export const CallQueueCreate = Input({ queueExtension: number, ...writable, queueName: SwitchText(64, { minLength: 1, description: 'Its name' }), ...echoed });
export const CallQueueUpdate = Input({ queueExtension: Type.Optional(number), ...writable, ...echoed });

export const CallQueueFilter = Input({
  tenantId: Type.Optional(Id()),
  queueExtension: Type.Optional(Text(10)),
  queueName: Type.Optional(Text(64, { description: 'Part of the name' })),
  queueEnabled: Type.Optional(Flag()),
});

export const AgentStatusInput = Input({ agentStatus: oneOf(AGENT_STATUSES, 'The agent’s new status') });

export type CallQueueCreateInput = StaticDecode<typeof CallQueueCreate>;
export type CallQueueUpdateInput = StaticDecode<typeof CallQueueUpdate>;
export type CallQueueAgentInput = StaticDecode<typeof CallQueueAgentInput>;

export const CallQueueAgentView = Type.Object({
  callCenterAgentUuid: Type.String(),
  agentName: Type.String(),
  agentType: Type.String(),
  agentCallTimeout: Type.Integer(),
  agentContact: Type.String({ description: 'user/<extension>@<tenant domain>' }),
  agentExtension: Type.String(),
  agentStatus: Type.String(),
  agentMaxNoAnswer: Type.Integer(),
  agentWrapUpTime: Type.Integer(),
  agentRejectDelayTime: Type.Integer(),
  agentBusyDelayTime: Type.Integer(),
  agentNoAnswerDelayTime: Type.Integer(),
  agentDescription: Type.String(),
  tierLevel: Type.Integer(),
  tierPosition: Type.Integer(),
});

/** A call queue as every client reads it (REST in snake_case, GraphQL in camelCase). */
export const CallQueueView = Type.Object({
  callCenterQueueUuid: Type.String(),
  tenantId: Type.Integer(),
  tenantName: Type.String(),
  domainUuid: Type.String(),
  domainName: Type.String(),
  queueName: Type.String(),
  queueExtension: Type.String(),
  queueFreeswitchName: Type.String({ description: 'Its name in mod_callcenter: <extension>@<domain>' }),
  queueStrategy: Type.String(),
  queueMohSound: Type.String({ description: "What plays: local_stream://<domain>/<class> for the tenant's class, local_stream://<stream> for a stock one ('' for the stock hold music)" }),
  queueTimeBaseScore: Type.String(),
  queueTimeBaseScoreSec: Type.Integer(),
  queueMaxWaitTime: Type.Integer(),
  queueMaxWaitTimeWithNoAgent: Type.Integer(),
  queueMaxWaitTimeWithNoAgentTimeReached: Type.Integer(),
  queueTierRulesApply: Type.Boolean(),
  queueTierRuleWaitSecond: Type.Integer(),
  queueTierRuleWaitMultiplyLevel: Type.Boolean(),
  queueTierRuleNoAgentNoWait: Type.Boolean(),
  queueDiscardAbandonedAfter: Type.Integer(),
  queueAbandonedResumeAllowed: Type.Boolean(),
  queueAnnounceSound: Type.String(),
  queueAnnounceFrequency: Type.Integer(),
  queueAnnouncePositionFrequency: Type.Integer(),
  queueAnnounceRoundSeconds: Type.Integer(),
  queueAnnounceHoldtime: Type.String(),
  queueCidPrefix: Type.String(),
  queueTerminateOnCancel: Type.Boolean(),
  queueAgentsCanReject: Type.Boolean(),
  queueRingProgressivelyDelay: Type.Integer(),
  queueTimeoutAction: Type.String({ description: 'transfer:<number> or hangup:' }),
  queueTimeoutType: Type.String({ description: "The timeout destination's kind ('' for none)" }),
  queueTimeoutValue: Type.String(),
  queueDescription: Type.String(),
  queueEnabled: Type.Boolean(),
  agents: Type.Array(CallQueueAgentView),
  agentCount: Type.Integer(),
  dateCreated: Type.Integer({ description: 'unix seconds' }),
  lastUpdated: Type.Integer({ description: 'unix seconds' }),
});

export type CallQueueView = Static<typeof CallQueueView>;
export type CallQueueAgentView = Static<typeof CallQueueAgentView>;
