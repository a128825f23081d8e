// Live calls as the ICTPBX client's realtime page reads and drives them (ICTPBX's RealtimeApi and
// ClickToCallApi, `show channels` names): the snapshot with its counts, call control and
// click-to-call, with Switchyard's extras (the node, the tenant domain and extension, the other
// leg, epochs) and its own earlier field names (`uuid`, `from`, `to`) accepted beside the client's.
import { Id, Input, Matching, Nullable, Text, Type, type Static, type StaticDecode } from '../../domain/shared/schema.ts';

const Stamp = Type.String({ description: "'YYYY-MM-DD HH:MM:SS', UTC" });

export const RealtimeChannel = Type.Object({
  uuid: Type.String(),
  direction: Type.String(),
  cidName: Type.String(),
  cidNum: Type.String(),
  dest: Type.String({ description: 'The number dialled' }),
  state: Type.String({ description: 'CS_EXECUTE, ...' }),
  callstate: Type.String({ description: 'RINGING, EARLY, ACTIVE, HELD, ...' }),
  readCodec: Type.String(),
  ipAddr: Type.String({ description: "The caller's network address" }),
  name: Type.String({ description: 'The channel name (sofia/internal/1000@acme.test)' }),
  created: Nullable(Stamp),
  application: Type.String(),
  calleeName: Type.String(),
  calleeNum: Type.String(),
  context: Type.String(),
  node: Type.String({ description: 'The FreeSWITCH node' }),
  domain: Nullable(Type.String({ description: 'The tenant domain, when known' })),
  extension: Nullable(Type.String({ description: 'The tenant extension, when known' })),
  otherLegUuid: Nullable(Type.String()),
  createdEpoch: Nullable(Type.Integer()),
  answeredEpoch: Nullable(Type.Integer()),
});

export const RealtimeRegistration = Type.Object({
  regUser: Type.String(),
  realm: Type.String(),
  networkIp: Type.String(),
  userAgent: Type.String(),
  status: Type.String({ description: 'Registered(<transport>), as sofia status shows it' }),
  url: Type.String({ description: 'The contact' }),
  expires: Nullable(Type.Integer({ description: 'unix seconds' })),
  networkPort: Type.String(),
  networkProto: Type.String(),
  callId: Type.String(),
  profile: Type.String(),
  node: Type.String(),
});

export const SwitchNodeState = Type.Object({ name: Type.String(), state: Type.String(), stateSince: Nullable(Type.Integer()), lastError: Nullable(Type.String()) });

export const RealtimeSnapshot = Type.Object({
  channelCount: Type.Integer(),
  registrationCount: Type.Integer(),
  channels: Type.Array(RealtimeChannel),
  registrations: Type.Array(RealtimeRegistration),
  nodes: Type.Array(SwitchNodeState, { description: 'The nodes and their state (super-admin only; empty otherwise)' }),
});

export const RealtimeQuery = Input({ node: Type.Optional(Text(64)), domain: Type.Optional(Text(253)) });

const ChannelUuid = Matching('^[0-9A-Za-z-]{1,64}$', 'must be a channel uuid');

/** The client sends destination '' with hangup and hold, and "hold" to unhold a held call too. */
export const CallControl = Input({
  action: Type.Union(['hangup', 'hold', 'unhold', 'transfer'].map((a) => Type.Literal(a)), { description: 'hold toggles: a held call (callstate HELD) is taken off hold' }),
  channelUuid: Type.Optional(ChannelUuid),
  uuid: Type.Optional(ChannelUuid),
  destination: Type.Optional(Text(64, { description: "The transfer target, dialled in the tenant context ('' for other actions)" })),
});

export const CallControlAnswer = Type.Object({ status: Type.Literal('ok'), action: Type.String({ description: 'What was done: hangup, hold, unhold or transfer' }) });

export const Originate = Input({
  fromExt: Type.Optional(Text(64, { description: "One of the caller's extensions: it rings first" })),
  toNumber: Type.Optional(Text(64, { description: 'An extension or an outside number, dialled through the tenant dialplan' })),
  from: Type.Optional(Text(64, { description: 'from_ext, by its earlier name' })),
  to: Type.Optional(Text(64, { description: 'to_number, by its earlier name' })),
  tenantId: Type.Optional(Id({ description: 'Super-admin: the tenant of the extension' })),
});

export const OriginateAnswer = Type.Object({
  status: Type.Literal('queued'),
  fromExt: Type.String(),
  toNumber: Type.String(),
  jobUuid: Type.String({ description: 'The bgapi job; its outcome arrives as a BACKGROUND_JOB event' }),
  uuid: Type.String({ description: "The ringing extension's channel uuid" }),
  node: Type.String(),
});

export type RealtimeChannel = Static<typeof RealtimeChannel>;
export type RealtimeRegistration = Static<typeof RealtimeRegistration>;
export type RealtimeSnapshot = Static<typeof RealtimeSnapshot>;
export type CallControlInput = StaticDecode<typeof CallControl>;
export type CallControlAnswer = Static<typeof CallControlAnswer>;
export type OriginateInput = StaticDecode<typeof Originate>;
export type OriginateAnswer = Static<typeof OriginateAnswer>;
