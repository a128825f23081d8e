// Live channels, registrations, trunk states and conference members as the API shows them.
import type { ProviderState } from '../../../domain/realtime/provider-status.service.ts';
import type { ConferenceMember, LiveChannel, LiveRegistration, NodeStatus } from '../../../freeswitch/esl/index.ts';
import { flag, unixSeconds } from '../shared.ts';

const nullableString = { type: ['string', 'null'] } as const;
const nullableInteger = { type: ['integer', 'null'] } as const;

export const channelSchema = {
  type: 'object',
  properties: {
    uuid: { type: 'string' },
    node: { type: 'string' },
    direction: { type: 'string' },
    name: { type: 'string' },
    state: { type: 'string' },
    callstate: { type: 'string' },
    cid_name: { type: 'string' },
    cid_num: { type: 'string' },
    callee_name: { type: 'string' },
    callee_num: { type: 'string' },
    dest: { type: 'string' },
    context: { type: 'string' },
    domain: nullableString,
    extension: nullableString,
    other_leg_uuid: nullableString,
    application: { type: 'string' },
    read_codec: { type: 'string' },
    created_epoch: nullableInteger,
    answered_epoch: nullableInteger,
  },
} as const;

export const channelView = (c: LiveChannel) => ({
  uuid: c.uuid,
  node: c.node,
  direction: c.direction,
  name: c.name,
  state: c.state,
  callstate: c.callState,
  cid_name: c.callerIdName,
  cid_num: c.callerIdNumber,
  callee_name: c.calleeIdName,
  callee_num: c.calleeIdNumber,
  dest: c.destination,
  context: c.context,
  domain: c.domain,
  extension: c.extension,
  other_leg_uuid: c.otherLegUuid,
  application: c.application,
  read_codec: c.readCodec,
  created_epoch: c.createdAt,
  answered_epoch: c.answeredAt,
});

export const registrationSchema = {
  type: 'object',
  properties: {
    node: { type: 'string' },
    reg_user: { type: 'string' },
    realm: { type: 'string' },
    contact: { type: 'string' },
    call_id: { type: 'string' },
    expires: nullableInteger,
    network_ip: { type: 'string' },
    network_port: { type: 'string' },
    network_proto: { type: 'string' },
    user_agent: { type: 'string' },
    profile: { type: 'string' },
  },
} as const;

export const registrationView = (r: LiveRegistration) => ({
  node: r.node,
  reg_user: r.user,
  realm: r.domain,
  contact: r.contact,
  call_id: r.callId,
  expires: r.expiresAt,
  network_ip: r.networkIp,
  network_port: r.networkPort,
  network_proto: r.transport,
  user_agent: r.userAgent,
  profile: r.profile,
});

export const nodeStateSchema = {
  type: 'object',
  properties: { name: { type: 'string' }, state: { type: 'string' }, state_since: nullableInteger, last_error: nullableString },
} as const;

export const nodeStateView = (n: NodeStatus) => ({ name: n.name, state: n.state, state_since: unixSeconds(n.since), last_error: n.lastError });

export const providerStateSchema = {
  type: 'object',
  properties: {
    provider_id: { type: 'integer' },
    gateway_uuid: { type: 'string' },
    name: { type: 'string' },
    tenant_id: nullableInteger,
    profile: { type: 'string' },
    register: { type: 'integer' },
    active: { type: 'integer' },
    state: { type: 'string', description: 'REGED, UNREGED, NOREG, TRYING, FAILED, FAIL_WAIT, ...; DISABLED; UNKNOWN when no node reports it' },
    nodes: {
      type: 'array',
      items: { type: 'object', properties: { node: { type: 'string' }, state: { type: 'string' }, ping_status: nullableString } },
    },
  },
} as const;

export const providerStateView = (s: ProviderState) => ({
  provider_id: s.provider.id,
  gateway_uuid: s.provider.gatewayUuid,
  name: s.provider.name,
  tenant_id: s.provider.tenantId,
  profile: s.provider.profile,
  register: flag(s.provider.register),
  active: flag(s.provider.active),
  state: s.state,
  nodes: s.nodes.map((n) => ({ node: n.node, state: n.state, ping_status: n.pingStatus })),
});

export const participantSchema = {
  type: 'object',
  properties: {
    node: { type: 'string' },
    conference_name: { type: 'string' },
    member_id: { type: 'integer' },
    uuid: { type: 'string' },
    caller_id_name: { type: 'string' },
    caller_id_number: { type: 'string' },
    muted: { type: 'integer' },
    deaf: { type: 'integer' },
    talking: { type: 'integer' },
    has_floor: { type: 'integer' },
    moderator: { type: 'integer' },
    join_time: nullableInteger,
    energy: nullableInteger,
  },
} as const;

export const participantView = (m: ConferenceMember) => ({
  node: m.node,
  conference_name: m.conference,
  member_id: m.memberId,
  uuid: m.uuid,
  caller_id_name: m.callerIdName,
  caller_id_number: m.callerIdNumber,
  muted: flag(m.muted),
  deaf: flag(m.deaf),
  talking: flag(m.talking),
  has_floor: flag(m.hasFloor),
  moderator: flag(m.moderator),
  join_time: m.joinedSeconds,
  energy: m.energy,
});
