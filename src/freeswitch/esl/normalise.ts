// FreeSWITCH's events and `show ... as json` rows turned into the typed records the rest of the
// app uses. Tenancy: a tenant's context is its domain, so a channel's domain comes from
// domain_name, the dialed or presence domain, or a context that is not a shared one.
import type { EventHeaders } from './json-event.ts';
import type { RawEvent } from './event-parser.ts';

export interface LiveChannel {
  node: string;
  uuid: string;
  direction: string;
  name: string;
  state: string;
  /** RINGING, EARLY, ACTIVE, HELD, ... (Channel-Call-State / callstate). */
  callState: string;
  callerIdName: string;
  callerIdNumber: string;
  calleeIdName: string;
  calleeIdNumber: string;
  destination: string;
  context: string;
  /** The tenant domain the channel belongs to, when one is known. */
  domain: string | null;
  /** The tenant extension the channel is for (presence or dialed user), when known. */
  extension: string | null;
  otherLegUuid: string | null;
  application: string;
  readCodec: string;
  /** The caller's network address (Caller-Network-Addr; show channels' ip_addr). */
  networkAddr: string;
  /** Epoch seconds. */
  createdAt: number | null;
  answeredAt: number | null;
}

export interface LiveRegistration {
  node: string;
  user: string;
  domain: string;
  contact: string;
  callId: string;
  /** Epoch seconds the registration expires at, when known. */
  expiresAt: number | null;
  networkIp: string;
  networkPort: string;
  transport: string;
  userAgent: string;
  profile: string;
}

export interface GatewayStatus {
  node: string;
  name: string;
  profile: string | null;
  /** REGED, UNREGED, NOREG, TRYING, FAILED, FAIL_WAIT, ... */
  state: string;
  /** UP or DOWN when the gateway is pinged. */
  pingStatus: string | null;
  data: string | null;
}

const SHARED_CONTEXTS = new Set(['public', 'default', '']);

/**
 * Every header the functions below read. The link reads these out of each JSON event in its one
 * pass (json-event.ts); a header read here but missing from this list still works, at the cost of
 * a full parse of every event (test/freeswitch/esl/json-event.test.ts checks the list).
 */
/**
 * The CUSTOM event a call flow's toggle code fires (xml-templates/dialplan/call-flow-toggle.xml),
 * with the call flow's uuid in its `call_flow_uuid` header.
 */
export const CALL_FLOW_SUBCLASS = 'switchyard::call_flow';

/**
 * The CUSTOM event follow-me's toggle code fires (xml-templates/dialplan/follow-me-toggle.xml):
 * the tenant's domain, the caller's extension number and the state to set.
 */
export const FOLLOW_ME_SUBCLASS = 'switchyard::follow_me';

/**
 * mod_callcenter's events (mod_callcenter.c CALLCENTER_EVENT). cc_agent_update fires one with
 * `CC-Action: agent-status-change`, `CC-Agent` (the agent's name: Switchyard's agent uuid) and
 * `CC-Agent-Status` (the value set) on every successful `status` set, whoever set it (the API,
 * the *22/*23 codes' callcenter_config, load_agent at a (queue) load, mod_callcenter itself).
 */
export const CALLCENTER_SUBCLASS = 'callcenter::info';

/**
 * mod_voicemail's maintenance event (VM_EVENT_MAINT). With `VM-Action: leave-message` it tells of
 * a new message (mod_voicemail.c deliver_vm, fired only when the box keeps its messages).
 */
export const VOICEMAIL_SUBCLASS = 'vm::maintenance';

/** The headers deliver_vm sets on its leave-message event, as it names them. */
const VOICEMAIL_HEADERS = ['VM-User', 'VM-Domain', 'VM-Caller-ID-Name', 'VM-Caller-ID-Number', 'VM-File-Path', 'VM-Flags', 'VM-Folder', 'VM-UUID', 'VM-Message-Len', 'VM-Timestamp'] as const;

export const NORMALISED_HEADERS = [
  'call_flow_uuid',
  'follow_me_domain',
  'follow_me_extension',
  'follow_me_enabled',
  'CC-Action',
  'CC-Agent',
  'CC-Agent-Status',
  'VM-Action',
  ...VOICEMAIL_HEADERS,
  'proto',
  'to',
  'Unique-ID',
  'Channel-Presence-ID',
  'Caller-Context',
  'Call-Direction',
  'Caller-Direction',
  'Channel-Name',
  'Channel-State',
  'Channel-Call-State',
  'Caller-Caller-ID-Name',
  'Caller-Caller-ID-Number',
  'Caller-Callee-ID-Name',
  'Caller-Callee-ID-Number',
  'Caller-Destination-Number',
  'Caller-Channel-Created-Time',
  'Caller-Channel-Answered-Time',
  'Channel-Read-Codec-Name',
  'Caller-Network-Addr',
  'Other-Leg-Unique-ID',
  'Hangup-Cause',
  'variable_presence_id',
  'variable_domain_name',
  'variable_dialed_domain',
  'variable_dialed_user',
  'variable_user_name',
  'variable_bridge_uuid',
  'variable_signal_bond',
  'variable_current_application',
  'Event-Date-Timestamp',
  'expires',
  'username',
  'from-user',
  'user',
  'realm',
  'domain_name',
  'from-host',
  'host',
  'contact',
  'call-id',
  'network-ip',
  'network-port',
  'status',
  'user-agent',
  'profile-name',
  'Gateway',
  'State',
  'Ping-Status',
  'Action',
  'Conference-Name',
  'Conference-Domain',
  'Member-ID',
  'Job-Command',
];

const str = (v: string | undefined | null) => (v ?? '').trim();
const opt = (v: string | undefined | null) => (v && v.trim() !== '' ? v.trim() : null);

function splitAddress(value: string | null): { user: string | null; domain: string | null } {
  if (!value) return { user: null, domain: null };
  const at = value.lastIndexOf('@');
  if (at === -1) return { user: null, domain: null };
  return { user: opt(value.slice(0, at)), domain: opt(value.slice(at + 1))?.toLowerCase() ?? null };
}

function epochSeconds(micro: string | undefined): number | null {
  const n = Number(micro);
  return Number.isFinite(n) && n > 0 ? Math.floor(n / 1_000_000) : null;
}

function contextDomain(context: string): string | null {
  return SHARED_CONTEXTS.has(context) ? null : context.toLowerCase();
}

export function channelFromEvent(node: string, h: EventHeaders): LiveChannel {
  const presence = splitAddress(opt(h.get('Channel-Presence-ID')) ?? opt(h.get('variable_presence_id')));
  const context = str(h.get('Caller-Context'));
  return {
    node,
    uuid: h.get('Unique-ID') ?? '',
    direction: str(h.get('Call-Direction') ?? h.get('Caller-Direction')),
    name: str(h.get('Channel-Name')),
    state: str(h.get('Channel-State')),
    callState: str(h.get('Channel-Call-State')),
    callerIdName: str(h.get('Caller-Caller-ID-Name')),
    callerIdNumber: str(h.get('Caller-Caller-ID-Number')),
    calleeIdName: str(h.get('Caller-Callee-ID-Name')),
    calleeIdNumber: str(h.get('Caller-Callee-ID-Number')),
    destination: str(h.get('Caller-Destination-Number')),
    context,
    domain: opt(h.get('variable_domain_name'))?.toLowerCase() ?? opt(h.get('variable_dialed_domain'))?.toLowerCase() ?? presence.domain ?? contextDomain(context),
    extension: presence.user ?? opt(h.get('variable_dialed_user')) ?? opt(h.get('variable_user_name')),
    otherLegUuid: opt(h.get('Other-Leg-Unique-ID')) ?? opt(h.get('variable_bridge_uuid')) ?? opt(h.get('variable_signal_bond')),
    application: str(h.get('variable_current_application')),
    readCodec: str(h.get('Channel-Read-Codec-Name')),
    networkAddr: str(h.get('Caller-Network-Addr')),
    createdAt: epochSeconds(h.get('Caller-Channel-Created-Time')),
    answeredAt: epochSeconds(h.get('Caller-Channel-Answered-Time')),
  };
}

/** A row of `show channels as json`. */
export function channelFromRow(node: string, row: Record<string, string>): LiveChannel {
  const presence = splitAddress(opt(row.presence_id));
  const context = str(row.context);
  const created = Number(row.created_epoch);
  return {
    node,
    uuid: row.uuid,
    direction: str(row.direction),
    name: str(row.name),
    state: str(row.state),
    callState: str(row.callstate),
    callerIdName: str(row.cid_name),
    callerIdNumber: str(row.cid_num),
    calleeIdName: str(row.callee_name),
    calleeIdNumber: str(row.callee_num),
    destination: str(row.dest),
    context,
    domain: presence.domain ?? contextDomain(context),
    extension: presence.user,
    otherLegUuid: opt(row.call_uuid) !== row.uuid ? opt(row.call_uuid) : null,
    application: str(row.application),
    readCodec: str(row.read_codec),
    networkAddr: str(row.ip_addr),
    createdAt: Number.isFinite(created) && created > 0 ? created : null,
    answeredAt: null,
  };
}

/** Later information wins, except that a known domain, extension or leg is never forgotten. */
export function mergeChannel(before: LiveChannel | undefined, next: LiveChannel): LiveChannel {
  if (!before) return next;
  return {
    ...next,
    domain: next.domain ?? before.domain,
    extension: next.extension ?? before.extension,
    otherLegUuid: next.otherLegUuid ?? before.otherLegUuid,
    createdAt: next.createdAt ?? before.createdAt,
    answeredAt: next.answeredAt ?? before.answeredAt,
    application: next.application || before.application,
    readCodec: next.readCodec || before.readCodec,
    networkAddr: next.networkAddr || before.networkAddr,
  };
}

function expiresFromEvent(h: EventHeaders): number | null {
  const seconds = Number(h.get('expires'));
  if (!Number.isFinite(seconds) || seconds <= 0) return null;
  const at = epochSeconds(h.get('Event-Date-Timestamp')) ?? Math.floor(Date.now() / 1000);
  return at + seconds;
}

/** sofia::register, sofia::unregister and sofia::expire carry the same fields under a few names. */
export function registrationFromEvent(node: string, h: EventHeaders): LiveRegistration {
  return {
    node,
    user: str(h.get('username') || h.get('from-user') || h.get('user')),
    domain: str(h.get('realm') || h.get('domain_name') || h.get('from-host') || h.get('host')).toLowerCase(),
    contact: str(h.get('contact')),
    callId: str(h.get('call-id')),
    expiresAt: expiresFromEvent(h),
    networkIp: str(h.get('network-ip')),
    networkPort: str(h.get('network-port')),
    transport: /\((\w+)\)/.exec(h.get('status') ?? '')?.[1]?.toLowerCase() ?? '',
    userAgent: str(h.get('user-agent')),
    profile: str(h.get('profile-name')),
  };
}

/** A row of `show registrations as json`. */
export function registrationFromRow(node: string, row: Record<string, string>): LiveRegistration {
  const url = /^sofia\/([^/]+)\/(.*)$/.exec(row.url ?? '');
  const expires = Number(row.expires);
  return {
    node,
    user: str(row.reg_user),
    domain: str(row.realm).toLowerCase(),
    contact: url ? url[2] : str(row.url),
    callId: str(row.token),
    expiresAt: Number.isFinite(expires) && expires > 0 ? expires : null,
    networkIp: str(row.network_ip),
    networkPort: str(row.network_port),
    transport: str(row.network_proto).toLowerCase(),
    userAgent: '',
    profile: url ? url[1] : '',
  };
}

export const registrationKey = (r: Pick<LiveRegistration, 'user' | 'domain' | 'callId'>) => `${r.user}@${r.domain}/${r.callId}`;

export function gatewayFromEvent(node: string, h: EventHeaders): GatewayStatus {
  return {
    node,
    name: str(h.get('Gateway')),
    profile: opt(h.get('profile-name')),
    state: str(h.get('State')).toUpperCase(),
    pingStatus: opt(h.get('Ping-Status'))?.toUpperCase() ?? null,
    data: null,
  };
}

export type NormalisedEvent =
  | { kind: 'channel'; action: 'update' | 'hangup'; eventName: string; channel: LiveChannel; hangupCause: string | null }
  | { kind: 'registration'; action: 'register' | 'unregister' | 'expire'; registration: LiveRegistration }
  | { kind: 'gateway'; gateway: GatewayStatus }
  | { kind: 'conference'; action: string; conference: string; domain: string | null; memberId: string | null; uuid: string | null }
  | { kind: 'job'; jobUuid: string; command: string; ok: boolean; text: string }
  | { kind: 'call_flow'; callFlowUuid: string | null }
  | { kind: 'follow_me'; domain: string | null; extension: string | null; enabled: string | null }
  | { kind: 'presence_probe'; proto: string | null; to: string | null }
  | { kind: 'agent_status'; agent: string | null; status: string | null }
  | { kind: 'voicemail_left'; headers: VoicemailLeftHeaders }
  | { kind: 'heartbeat' };

/** A leave-message event's headers as FreeSWITCH sent them (null: absent or empty). */
export type VoicemailLeftHeaders = Record<(typeof VOICEMAIL_HEADERS)[number], string | null>;

const HANGUP = new Set(['CHANNEL_HANGUP_COMPLETE', 'CHANNEL_DESTROY']);

/** The event a raw FreeSWITCH event means for Switchyard, or null when it means nothing. */
export function normalise(node: string, event: RawEvent): NormalisedEvent | null {
  const h = event.headers;
  if (event.name.startsWith('CHANNEL_')) {
    if (!h.get('Unique-ID')) return null;
    const channel = channelFromEvent(node, h);
    return { kind: 'channel', action: HANGUP.has(event.name) ? 'hangup' : 'update', eventName: event.name, channel, hangupCause: opt(h.get('Hangup-Cause')) };
  }
  if (event.name === 'CUSTOM') {
    switch (event.subclass) {
      case 'sofia::register':
        return { kind: 'registration', action: 'register', registration: registrationFromEvent(node, h) };
      case 'sofia::unregister':
        return { kind: 'registration', action: 'unregister', registration: registrationFromEvent(node, h) };
      case 'sofia::expire':
        return { kind: 'registration', action: 'expire', registration: registrationFromEvent(node, h) };
      case 'sofia::gateway_state':
        return h.get('Gateway') ? { kind: 'gateway', gateway: gatewayFromEvent(node, h) } : null;
      case 'conference::maintenance':
        return {
          kind: 'conference',
          action: str(h.get('Action')),
          conference: str(h.get('Conference-Name')),
          domain: opt(h.get('Conference-Domain'))?.toLowerCase() ?? null,
          memberId: opt(h.get('Member-ID')),
          uuid: opt(h.get('Unique-ID')),
        };
      case CALL_FLOW_SUBCLASS:
        return { kind: 'call_flow', callFlowUuid: opt(h.get('call_flow_uuid')) };
      case FOLLOW_ME_SUBCLASS:
        return { kind: 'follow_me', domain: opt(h.get('follow_me_domain')), extension: opt(h.get('follow_me_extension')), enabled: opt(h.get('follow_me_enabled')) };
      case CALLCENTER_SUBCLASS:
        // Only an agent's status change means something here (members-count, agent-offering, ... do not).
        return h.get('CC-Action') === 'agent-status-change' ? { kind: 'agent_status', agent: opt(h.get('CC-Agent')), status: opt(h.get('CC-Agent-Status')) } : null;
      case VOICEMAIL_SUBCLASS:
        if (h.get('VM-Action') !== 'leave-message') return null;
        return { kind: 'voicemail_left', headers: Object.fromEntries(VOICEMAIL_HEADERS.map((name) => [name, opt(h.get(name))])) as VoicemailLeftHeaders };
      default:
        return null;
    }
  }
  if (event.name === 'BACKGROUND_JOB') {
    const body = event.body;
    const ok = !body.startsWith('-ERR');
    return { kind: 'job', jobUuid: str(h.get('Job-UUID')), command: str(h.get('Job-Command')), ok, text: body.replace(/^(\+OK|-ERR)/, '').trim() };
  }
  // mod_sofia asks who knows a presence (a phone subscribed to it: sofia_presence.c
  // sofia_presence_handle_sip_i_subscribe), `to` naming it (`flow+*301@domain` for proto flow).
  if (event.name === 'PRESENCE_PROBE') return { kind: 'presence_probe', proto: opt(h.get('proto')), to: opt(h.get('to')) };
  if (event.name === 'HEARTBEAT') return { kind: 'heartbeat' };
  return null;
}
