// The commands Switchyard sends and the parsers of their replies (formats as captured from
// FreeSWITCH 1.10). Builders validate every argument: an Event Socket command is one line of
// space-separated words, so a value with a space or newline could smuggle in another command.
import { create } from 'xmlbuilder2';
import { channelFromRow, registrationFromRow, type GatewayStatus, type LiveChannel, type LiveRegistration } from './normalise.ts';

const UUID = /^[A-Za-z0-9-]{1,64}$/;
const DESTINATION = /^[A-Za-z0-9_+*#.-]{1,64}$/;
const WORD = /^[A-Za-z0-9_.@:+-]{1,128}$/;
/** A box as mod_voicemail's APIs name it: <id>@<domain>/<profile>. */
const VOICEMAIL_BOX = /^[0-9]{1,20}@[A-Za-z0-9_.-]{1,253}\/[A-Za-z0-9_-]{1,64}$/;
/** A mod_local_stream stream: `default`, `moh/8000`, `<domain>/<class>[/<rate>]`. */
const STREAM = /^[A-Za-z0-9_.@+-]{1,253}(\/[A-Za-z0-9_.@+-]{1,64}){0,2}$/;

const AGENT_TYPE = /^(callback|uuid-standby)$/;
const AGENT_STATUS = /^(Available|Available \(On Demand\)|On Break|Logged Out)$/;
/** An agent's contact as callcenter-conf.ts writes it: originate variables, then user/<extension>@<domain>. */
const CONTACT = /^\{call_timeout=[0-9]{1,4},domain_name=[A-Za-z0-9_.-]{1,253}\}user\/[0-9]{2,10}@[A-Za-z0-9_.-]{1,253}$/;
export type AgentKey = 'status' | 'contact' | 'type' | 'max_no_answer' | 'wrap_up_time' | 'reject_delay_time' | 'busy_delay_time' | 'no_answer_delay_time';

export class InvalidArgumentError extends Error {
  constructor(readonly field: string) {
    super(`${field} has characters a FreeSWITCH command cannot carry`);
    this.name = 'InvalidArgumentError';
  }
}

function check(value: string, pattern: RegExp, field: string): string {
  if (!pattern.test(value)) throw new InvalidArgumentError(field);
  return value;
}

export const isDestination = (value: string) => DESTINATION.test(value);

export const commands = {
  showChannels: () => 'show channels as json',
  showRegistrations: () => 'show registrations as json',
  sofiaXmlStatus: () => 'sofia xmlstatus',
  hangup: (uuid: string) => `uuid_kill ${check(uuid, UUID, 'uuid')}`,
  hold: (uuid: string) => `uuid_hold ${check(uuid, UUID, 'uuid')}`,
  unhold: (uuid: string) => `uuid_hold off ${check(uuid, UUID, 'uuid')}`,
  transfer: (uuid: string, destination: string, context: string) =>
    `uuid_transfer ${check(uuid, UUID, 'uuid')} ${check(destination, DESTINATION, 'destination')} XML ${check(context, WORD, 'context')}`,
  conferenceJsonList: (conference: string) => `conference ${check(conference, WORD, 'conference')} json_list`,
  conferenceList: () => 'conference list',
  conferenceMember: (conference: string, action: 'mute' | 'unmute' | 'deaf' | 'undeaf' | 'kick', memberId: number) =>
    `conference ${check(conference, WORD, 'conference')} ${action} ${Math.trunc(memberId)}`,
  flushUser: (user: string, domain: string) => `xml_flush_cache id ${check(user, WORD, 'user')} ${check(domain, WORD, 'domain')}`,
  flushAllUsers: () => 'xml_flush_cache',
  profileRescan: (profile: string) => `sofia profile ${check(profile, WORD, 'profile')} rescan`,
  profileRestart: (profile: string) => `sofia profile ${check(profile, WORD, 'profile')} restart`,
  killGateway: (profile: string, gateway: string) => `sofia profile ${check(profile, WORD, 'profile')} killgw ${check(gateway, WORD, 'gateway')}`,
  queueReload: (queue: string) => `callcenter_config queue reload ${check(queue, WORD, 'queue')}`,
  /** mod_callcenter (callcenter_config, mod_callcenter.c cc_config_api_function); statuses are its own words, quoted. */
  queueLoad: (queue: string) => `callcenter_config queue load ${check(queue, WORD, 'queue')}`,
  queueUnload: (queue: string) => `callcenter_config queue unload ${check(queue, WORD, 'queue')}`,
  agentAdd: (agent: string, type: string) => `callcenter_config agent add ${check(agent, WORD, 'agent')} ${check(type, AGENT_TYPE, 'type')}`,
  agentDel: (agent: string) => `callcenter_config agent del ${check(agent, WORD, 'agent')}`,
  agentSet: (key: AgentKey, agent: string, value: string | number) =>
    `callcenter_config agent set ${key} ${check(agent, WORD, 'agent')} ${key === 'status' ? `'${check(String(value), AGENT_STATUS, 'status')}'` : key === 'contact' ? check(String(value), CONTACT, 'contact') : key === 'type' ? check(String(value), AGENT_TYPE, 'type') : Math.trunc(Number(value))}`,
  tierAdd: (queue: string, agent: string, level: number, position: number) =>
    `callcenter_config tier add ${check(queue, WORD, 'queue')} ${check(agent, WORD, 'agent')} ${Math.trunc(level)} ${Math.trunc(position)}`,
  tierSet: (key: 'level' | 'position', queue: string, agent: string, value: number) =>
    `callcenter_config tier set ${key} ${check(queue, WORD, 'queue')} ${check(agent, WORD, 'agent')} ${Math.trunc(value)}`,
  tierDel: (queue: string, agent: string) => `callcenter_config tier del ${check(queue, WORD, 'queue')} ${check(agent, WORD, 'agent')}`,
  reloadXml: () => 'reloadxml',
  // mod_local_stream's per-stream commands (no capture of them exists: the replies are those of
  // mod_local_stream.c, `+OK stream: <name>` / `+OK` / `-ERR Cannot locate local_stream <name>!`).
  /** Launches a stream from local_stream.conf (fetched again); a running one answers +OK and plays on. */
  startLocalStream: (stream: string) => `start_local_stream ${check(stream, STREAM, 'stream')}`,
  /** Ends a stream: its listeners' playback ends. */
  stopLocalStream: (stream: string) => `stop_local_stream ${check(stream, STREAM, 'stream')}`,
  /**
   * Reads the stream's params again once its directory has played through: all of them when
   * nobody listens, else shuffle, chimes and interval (mod_local_stream's partial reload).
   */
  reloadLocalStream: (stream: string) => `reload_local_stream ${check(stream, STREAM, 'stream')}`,
  /** Re-reads acl.conf and the network lists its domain nodes name; answers `+OK acl reloaded`. */
  reloadAcl: () => 'reloadacl',
  /** mod_voicemail's messages of a box (`<id>@<domain>/<profile>`), one text line each. */
  voicemailList: (box: string) => `vm_list ${check(box, VOICEMAIL_BOX, 'voicemail')}`,
  /** Deletes one message of a box (its file and its row); answers `+OK`. */
  voicemailDelete: (box: string, uuid: string) => `vm_delete ${check(box, VOICEMAIL_BOX, 'voicemail')} ${check(uuid, UUID, 'message_uuid')}`,

  /**
   * Click-to-call: ring `user/<from>@<domain>`, and when it answers send it through the tenant's
   * dialplan to `to`. Channel variables in `{}`: values are single-quoted, commas escaped.
   */
  originate(o: { uuid: string; from: string; domain: string; to: string; callerIdName: string; callerIdNumber: string; timeoutSeconds: number }) {
    const quote = (v: string) => `'${v.replace(/[\r\n'{}]/g, ' ').replace(/,/g, '\\,')}'`;
    const vars = [
      `origination_uuid=${check(o.uuid, UUID, 'uuid')}`,
      `origination_caller_id_name=${quote(o.callerIdName)}`,
      `origination_caller_id_number=${check(o.callerIdNumber, DESTINATION, 'caller_id_number')}`,
      `originate_timeout=${Math.max(5, Math.min(300, Math.trunc(o.timeoutSeconds)))}`,
    ];
    const domain = check(o.domain, WORD, 'domain');
    return `originate {${vars.join(',')}}user/${check(o.from, WORD, 'from')}@${domain} ${check(o.to, DESTINATION, 'to')} XML ${domain}`;
  },
};

/** `show ... as json`: `{"row_count": 0}` when empty, `{"row_count":2,"rows":[...]}` otherwise. */
export function parseShowRows(body: string): Record<string, string>[] {
  const parsed = JSON.parse(body) as { row_count?: number; rows?: Record<string, string>[] };
  return Array.isArray(parsed.rows) ? parsed.rows : [];
}

export const parseChannels = (node: string, body: string): LiveChannel[] => parseShowRows(body).filter((r) => r.uuid).map((r) => channelFromRow(node, r));
export const parseRegistrations = (node: string, body: string): LiveRegistration[] =>
  parseShowRows(body)
    .filter((r) => r.reg_user)
    .map((r) => registrationFromRow(node, r));

interface XmlNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<XmlNode>;
}

const childElements = (node: XmlNode) => Array.from(node.childNodes).filter((n) => n.nodeType === 1);
const childText = (node: XmlNode, name: string) => childElements(node).find((n) => n.nodeName === name)?.textContent?.trim() ?? null;

/**
 * The gateways of `sofia xmlstatus`: name, data and state (REGED, NOREG, FAIL_WAIT, ...). Each
 * gateway follows the profile it belongs to, so document order gives its profile.
 */
export function parseXmlStatusGateways(node: string, body: string): GatewayStatus[] {
  const root = create(body.trim()).root().node as unknown as XmlNode;
  const gateways: GatewayStatus[] = [];
  let profile: string | null = null;
  for (const element of childElements(root)) {
    if (element.nodeName === 'profile') profile = childText(element, 'name');
    if (element.nodeName !== 'gateway') continue;
    gateways.push({ node, name: childText(element, 'name') ?? '', profile, state: (childText(element, 'state') ?? '').toUpperCase(), pingStatus: null, data: childText(element, 'data') });
  }
  return gateways;
}

export interface ConferenceMember {
  node: string;
  conference: string;
  memberId: number;
  uuid: string;
  callerIdName: string;
  callerIdNumber: string;
  muted: boolean;
  deaf: boolean;
  talking: boolean;
  hasFloor: boolean;
  moderator: boolean;
  joinedSeconds: number | null;
  energy: number | null;
}

interface JsonConference {
  conference_name: string;
  members?: {
    type?: string;
    id: number;
    uuid?: string;
    caller_id_name?: string;
    caller_id_number?: string;
    join_time?: number;
    energy?: number;
    flags?: Record<string, boolean>;
  }[];
}

/** `conference <name> json_list`. */
export function parseConferenceJson(node: string, body: string): ConferenceMember[] {
  const conferences = JSON.parse(body) as JsonConference[];
  return conferences.flatMap((c) =>
    (c.members ?? [])
      .filter((m) => m.type !== 'recording_node')
      .map((m) => ({
        node,
        conference: c.conference_name,
        memberId: m.id,
        uuid: m.uuid ?? '',
        callerIdName: m.caller_id_name ?? '',
        callerIdNumber: m.caller_id_number ?? '',
        muted: m.flags?.can_speak === false,
        deaf: m.flags?.can_hear === false,
        talking: m.flags?.talking === true,
        hasFloor: m.flags?.has_floor === true,
        moderator: m.flags?.is_moderator === true,
        joinedSeconds: m.join_time ?? null,
        energy: m.energy ?? null,
      })),
  );
}

/**
 * `conference list`: a `+OK Conference <name> (...)` line per conference, then one line per member:
 * id;channel;uuid;caller id name;caller id number;flags;volume in;volume out;energy.
 */
export function parseConferenceList(node: string, body: string): ConferenceMember[] {
  const members: ConferenceMember[] = [];
  let conference = '';
  for (const line of body.split('\n')) {
    const header = /^\+OK Conference (\S+) \(/.exec(line);
    if (header) {
      conference = header[1];
      continue;
    }
    const fields = line.split(';');
    if (!conference || fields.length < 9 || !/^\d+$/.test(fields[0])) continue;
    const tail = fields.slice(-4);
    const middle = fields.slice(3, -4);
    const flags = new Set(tail[0].split('|'));
    members.push({
      node,
      conference,
      memberId: Number(fields[0]),
      uuid: fields[2],
      callerIdName: middle.slice(0, -1).join(';'),
      callerIdNumber: middle[middle.length - 1] ?? '',
      muted: !flags.has('speak'),
      deaf: !flags.has('hear'),
      talking: flags.has('talking'),
      hasFloor: flags.has('floor'),
      moderator: flags.has('moderator'),
      joinedSeconds: null,
      energy: Number.isFinite(Number(tail[3])) ? Number(tail[3]) : null,
    });
  }
  return members;
}
