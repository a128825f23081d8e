// A SIP trunk, described twice over the same row: as the ICTPBX client's provider (ICTCore's
// provider plus FusionPBX's gateway fields, src/app/pages/provider/provider.ts: its form sends
// every flag as the text 'true'/'false' or '1'/'0' and `service_flag` as a number) and as its
// gateway (FusionPBX's v_gateways, src/app/pages/gateways/gateway.ts: JS booleans, `proxy` as
// host[:port]). The sofia gateway fields are the same in both; only identity and addressing differ.
// The client spells FreeSWITCH's CNG flag `supress_cng`, as FreeSWITCH and FusionPBX do: that is
// the field's name here (stored in the suppress_cng column).
import { Blank, Flag, Id, Input, Int, Matching, NoValue, Nullable, ReadOnly, Shaped, Text, Type, Whole, type Static, type StaticDecode } from '../shared/schema.ts';

const HOSTNAME = '[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*';
/** A host name, an IPv4 address (a host name's characters) or an IPv6 address. */
const HOST = `(?=.{1,253}$)(${HOSTNAME}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)`;
const HOST_PROBLEM = 'must be a host name or an IP address';
/** A SIP URI or host[:port] as sofia takes a proxy: no spaces, quotes nor angle brackets. */
const SIP_TARGET = '^[^\\s"<>]*$';
const SIP_TARGET_PROBLEM = 'must be host[:port] or a SIP URI, without spaces';
/** A SIP user part: no spaces. */
const SIP_USER = '^\\S*$';
const SIP_USER_PROBLEM = 'must not contain spaces';


/** A count of at most `digits` digits, as a number or as FusionPBX keeps it: text ('' for 0). */
const Digits = (digits: number, description: string) =>
  Type.Optional(
    Type.Transform(
      Type.Union([Int(0, 10 ** digits - 1), Matching(`^[0-9]{0,${digits}}$`, `must be a whole number of at most ${digits} digits`), NoValue], {
        typeMessage: `must be a whole number of at most ${digits} digits`,
        description,
      }),
    )
      .Decode((v) => (v === null ? undefined : Number(v)))
      .Encode((v) => v ?? null),
  );

/** The fields of a sofia gateway, the same under both names. */
const sofiaGateway = {
  tenantId: Type.Optional(Type.Union([Id({ description: 'Super-admin: the owning tenant, or null/omitted for a trunk shared by every tenant' }), NoValue])),
  username: Blank(Shaped(64, SIP_USER, SIP_USER_PROBLEM)),
  password: Type.Optional(
    Type.Transform(Type.Union([Type.String({ maxLength: 128, pattern: '^[^\\u0000-\\u001F\\u007F]*$', patternMessage: 'must not contain control characters', description: 'Write-only; stored encrypted' }), NoValue]))
      .Decode((v) => v ?? '')
      .Encode((v) => v),
  ),
  realm: Blank(Matching(`^$|^${HOST}$`, HOST_PROBLEM, { description: 'The authentication realm (default the host)' })),
  fromUser: Blank(Shaped(64, SIP_USER, SIP_USER_PROBLEM, { description: "The From's user part (default the username)" })),
  fromDomain: Blank(Matching(`^$|^${HOST}$`, HOST_PROBLEM, { description: "The From's domain (default the host)" })),
  authUsername: Blank(Shaped(64, SIP_USER, SIP_USER_PROBLEM, { description: 'The digest username, when it differs from username' })),
  registerProxy: Blank(Shaped(255, SIP_TARGET, SIP_TARGET_PROBLEM, { description: 'Where REGISTERs go, when not to the host' })),
  outboundProxy: Blank(Shaped(255, SIP_TARGET, SIP_TARGET_PROBLEM, { description: 'Where calls go, when not to the host' })),
  register: Type.Optional(Flag({ description: 'Register with the trunk' })),
  registerTransport: Type.Optional(Type.Union([Type.Literal('udp'), Type.Literal('tcp'), Type.Literal('tls')])),
  expireSeconds: Whole(1, 86400, 'Registration lifetime, seconds'),
  retrySeconds: Whole(1, 86400, 'Seconds before retrying a failed registration'),
  callerIdInFrom: Type.Optional(Flag({ description: "Put the caller's id in the From of calls through the trunk" })),
  contactParams: Blank(Shaped(255, SIP_TARGET, 'must be SIP URI parameters without spaces (e.g. tport=tcp)', { description: 'Extra parameters of the Contact' })),
  extension: Blank(Matching('^[A-Za-z0-9_+*#.@-]{0,64}$', 'must be a number or a user name (letters, digits, _ + * # . @ -)', { description: 'Where calls from the trunk go (default the username)' })),
  distinctTo: Type.Optional(Flag({ description: 'Send REGISTERs with a To distinct from the From' })),
  supressCng: Type.Optional(Flag({ description: 'Suppress comfort noise on calls through the trunk (FreeSWITCH and the client spell it supress)' })),
  sipCidType: Type.Optional(Type.Union([Type.Literal('none'), Type.Literal('pid'), Type.Literal('rpid')], { description: 'How the caller id travels: none, pid (P-Asserted-Identity) or rpid (Remote-Party-ID)' })),
  extensionInContact: Type.Optional(Flag({ description: 'Put the extension in the Contact of REGISTERs' })),
  contactInPing: Type.Optional(Flag({ description: 'Send a Contact with OPTIONS pings' })),
  ping: Digits(5, 'OPTIONS ping interval in seconds; 0 or empty for none (FreeSWITCH ignores less than 5)'),
  pingMin: Digits(5, 'Successful pings before the trunk counts as up; 0 for FreeSWITCH’s default'),
  pingMax: Digits(5, 'Failed pings before the trunk counts as down; 0 for FreeSWITCH’s default'),
  codecPrefs: Blank(Matching('^[A-Za-z0-9.@_-]*(,[A-Za-z0-9.@_-]+)*$', 'must be comma-separated codec names (e.g. PCMU,PCMA,G722)', { maxLength: 255, description: 'The codecs offered on calls out through the trunk, in order' })),
  channels: Whole(0, 100000, 'Concurrent calls the trunk allows (kept for the client; not enforced yet)'),
  context: Type.Optional(
    Matching('^[A-Za-z0-9_.-]{1,253}$', 'must be a dialplan context name', { description: "The dialplan context of calls from the trunk: public (DIDs), or its tenant's domain" }),
  ),
  profile: Type.Optional(Matching('^[A-Za-z0-9_-]{1,32}$', 'must be a sofia profile name', { description: 'Sofia profile (default external)' })),
  description: Blank(Text(1024)),
};

/** ICTCore provider fields that mean nothing for a SIP trunk here: accepted and ignored, never stored. */
const ictcoreOnly = {
  fromEmail: ReadOnly("ICTCore's e-mail provider sender: not a SIP trunk field (ignored)"),
  encryption: ReadOnly("ICTCore's e-mail provider encryption: not a SIP trunk field (ignored)"),
  gatewayFlag: ReadOnly("ICTCore's gateway kind, which type says (ignored)"),
  nodeId: ReadOnly('ICTCore node: every Switchyard node serves every trunk (ignored)'),
  httpkey: ReadOnly("ICTCore's HTTP provider key: not a SIP trunk field (ignored)"),
  dialstring: ReadOnly("ICTCore's dial string: Switchyard's outbound routes build it (ignored)"),
  settings: ReadOnly('Raw gateway settings appended verbatim: not rendered, since text reaching FreeSWITCH must be checked field by field (ignored)'),
  hostname: ReadOnly('The FreeSWITCH host that loads the gateway: every node loads every trunk (ignored)'),
};

const providerWritable = {
  ...sofiaGateway,
  name: Text(64, { minLength: 1, description: 'The name shown for the trunk' }),
  type: Type.Optional(Type.Literal('sip', { description: "ICTCore's provider class: Switchyard's trunks are SIP" })),
  host: Matching(`^${HOST}$`, HOST_PROBLEM, { description: 'Host name or IP address of the trunk' }),
  port: Whole(1, 65535, 'SIP port (default 5060)'),
  serviceFlag: Type.Optional(Int(1, 255, { description: 'Bit set: 1 voice, 2 fax' })),
  prefix: Blank(Matching('^[0-9*#+]{0,16}$', 'must be at most 16 digits, *, # or +', { description: 'Prepended to numbers dialled through the trunk' })),
  outboundCallerId: Blank(Matching('^\\+?[0-9]{0,20}$', 'must be a number (digits, optional leading +)', { description: 'A DID of the trunk for outbound calls (kept for the client; not applied yet)' })),
  weight: Whole(0, 1000000, "ICTCore's trunk weight (kept for the client; routes order trunks by priority)"),
  active: Type.Optional(Flag({ description: "ICTCore's switch ('1'/'0'): with enabled, the one in-service switch of the trunk" })),
  enabled: Type.Optional(Flag({ description: "FusionPBX's switch ('true'/'false'): with active, the one in-service switch; when the two disagree, the one that changes the stored state wins" })),
};

const providerEchoed = {
  providerId: ReadOnly(),
  gatewayUuid: ReadOnly(),
  fpbxGatewayUuid: ReadOnly('the gateway_uuid'),
  proxy: ReadOnly('host[:port], derived from host and port'),
  tenantName: ReadOnly(),
  dateCreated: ReadOnly(),
  lastUpdated: ReadOnly(),
};

const { name, host, ...providerOptional } = providerWritable;
export const ProviderCreate = Input({ name, host, ...providerOptional, ...providerEchoed, ...ictcoreOnly });
export const ProviderUpdate = Input({ name: Type.Optional(name), host: Type.Optional(host), ...providerOptional, ...providerEchoed, ...ictcoreOnly });

/** host, host:port, [IPv6] or [IPv6]:port. */
const Proxy = Matching(`^(${HOSTNAME}|\\[[0-9A-Fa-f:.]+\\]|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)(:[0-9]{1,5})?$`, 'must be host, host:port or [IPv6]:port', {
  maxLength: 262,
  description: 'host, host:port or [IPv6]:port (default the realm)',
});

const gatewayWritable = {
  ...sofiaGateway,
  gateway: Text(64, { minLength: 1, description: 'The gateway name (the provider name)' }),
  proxy: Blank(Proxy),
  enabled: Type.Optional(Flag({ description: 'In service' })),
};

const gatewayEchoed = {
  gatewayUuid: ReadOnly(),
  providerId: ReadOnly(),
  domainUuid: ReadOnly("FusionPBX's owning domain: the trunk's tenant is tenant_id"),
  hostname: ictcoreOnly.hostname,
};

const { gateway, ...gatewayOptional } = gatewayWritable;
export const GatewayCreate = Input({ gateway, ...gatewayOptional, ...gatewayEchoed });
export const GatewayUpdate = Input({ gateway: Type.Optional(gateway), ...gatewayOptional, ...gatewayEchoed });

export const ProviderFilter = Input({
  tenantId: Type.Optional(Id()),
  serviceFlag: Type.Optional(Int(1, 255, { description: 'Providers holding all these service bits' })),
  name: Type.Optional(Text(64)),
  host: Type.Optional(Text(253)),
  type: Type.Optional(Text(16)),
  active: Type.Optional(Flag()),
});

export const GatewayFilter = Input({
  tenantId: Type.Optional(Id()),
  gateway: Type.Optional(Text(64)),
  enabled: Type.Optional(Flag()),
});

export type ProviderCreateInput = StaticDecode<typeof ProviderCreate>;
export type ProviderUpdateInput = StaticDecode<typeof ProviderUpdate>;
export type GatewayCreateInput = StaticDecode<typeof GatewayCreate>;
export type GatewayUpdateInput = StaticDecode<typeof GatewayUpdate>;

/** What both views show of the sofia gateway. */
const sofiaView = {
  tenantId: Nullable(Type.Integer({ description: 'null: shared by every tenant' })),
  username: Type.String(),
  realm: Type.String(),
  fromUser: Type.String(),
  fromDomain: Type.String(),
  authUsername: Type.String(),
  proxy: Type.String({ description: 'host[:port]' }),
  registerProxy: Type.String(),
  outboundProxy: Type.String(),
  register: Type.Boolean(),
  registerTransport: Type.String(),
  expireSeconds: Type.Integer(),
  retrySeconds: Type.Integer(),
  callerIdInFrom: Type.Boolean(),
  contactParams: Type.String(),
  extension: Type.String(),
  distinctTo: Type.Boolean(),
  supressCng: Type.Boolean(),
  sipCidType: Type.String(),
  extensionInContact: Type.Boolean(),
  contactInPing: Type.Boolean(),
  codecPrefs: Type.String(),
  channels: Type.Integer(),
  context: Type.String(),
  profile: Type.String(),
  enabled: Type.Boolean(),
  description: Type.String(),
};

/** A provider as every client reads it (REST in snake_case, GraphQL in camelCase). Never its password. */
export const ProviderView = Type.Object({
  providerId: Type.Integer(),
  gatewayUuid: Type.String(),
  fpbxGatewayUuid: Type.String(),
  tenantName: Nullable(Type.String()),
  name: Type.String(),
  type: Type.String(),
  host: Type.String(),
  port: Type.Integer(),
  ...sofiaView,
  ping: Type.Integer(),
  pingMin: Type.Integer(),
  pingMax: Type.Integer(),
  serviceFlag: Type.Integer(),
  prefix: Type.String(),
  outboundCallerId: Type.String(),
  weight: Type.Integer(),
  active: Type.Boolean(),
  dateCreated: Type.Integer({ description: 'unix seconds' }),
  lastUpdated: Type.Integer({ description: 'unix seconds' }),
});

export type ProviderView = Static<typeof ProviderView>;

/** The same trunk as a FusionPBX gateway. Never its password. */
export const GatewayView = Type.Object({
  gatewayUuid: Type.String(),
  providerId: Type.Integer(),
  gateway: Type.String(),
  ...sofiaView,
  ping: Type.String({ description: "seconds, as FusionPBX keeps it ('' for none)" }),
  pingMin: Type.String(),
  pingMax: Type.String(),
});

export type GatewayView = Static<typeof GatewayView>;
