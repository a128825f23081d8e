// An extension as the ICTPBX client has it: FusionPBX's v_extensions fields (its FpbxExtension
// model, src/app/pages/fpbx_extension/fpbx_extension.ts) plus what ICTPBX's server adds to each row
// (linked_user_id, linked_username, tenant_name, extension_type, fax_email), with Switchyard's own
// extras (display name, auth ACL, CIDR, voicemail). The client's form sends JS booleans and `null`
// for every text it leaves empty, and PUTs back the object it loaded. Written once here: the
// service checks every input with it, REST speaks its snake_case, GraphQL its camelCase.
import { Blank, Flag, Id, Input, Matching, NoValue, Nullable, ReadOnly, Shaped, SwitchText, Text, Type, Whole, type Static, type StaticDecode } from '../shared/schema.ts';

export const EXTENSION_NUMBER = '^[0-9]{2,10}$';
const DIALABLE = '^[+0-9*#]{0,32}$';
const DIALABLE_PROBLEM = 'must be a number to dial (digits, *, # or +, at most 32)';
const EMAIL = '^$|^[^\\s@,;]+@[^\\s@,;]+\\.[^\\s@,;]+$';


/** The recording modes FreeSWITCH's user_record knows; the client's default 'none' (and '') records nothing. */
const USER_RECORD_VALUES = ['all', 'local', 'inbound', 'outbound'] as const;
const UserRecord = Type.Transform(
  Type.Union([Type.Literal('none'), Type.Literal(''), ...USER_RECORD_VALUES.map((v) => Type.Literal(v)), NoValue], {
    description: "Which calls are recorded: none, all, local, inbound or outbound (null and '' mean none)",
  }),
)
  .Decode((v) => (v === 'none' || v === null ? '' : v))
  .Encode((v) => v || 'none');

const writable = {
  tenantId: Type.Optional(Id({ description: 'Super-admin: the tenant; a tenant admin creates in its own tenant' })),
  userId: Type.Optional(
    Type.Transform(Nullable(Type.Integer({ minimum: 0, maximum: 2_147_483_647, description: 'The user (of the same tenant) the extension belongs to; 0 or null for none' })))
      .Decode((v) => (v ? v : null))
      .Encode((v) => v),
  ),
  numberAlias: Blank(Matching(`^$|${EXTENSION_NUMBER}`, 'must be 2 to 10 digits', { description: 'Another number that rings the extension (2 to 10 digits)' })),
  password: Type.Optional(
    Type.Transform(Type.Union([Type.String({ maxLength: 64, description: 'SIP password (at least 6 characters with a letter and a digit, without the extension number); generated when omitted' }), NoValue]))
      .Decode((v) => v ?? undefined)
      .Encode((v) => v ?? null),
  ),
  displayName: Blank(SwitchText(64, { description: 'The name shown when no caller-id name is set' })),
  effectiveCallerIdName: Blank(SwitchText(64)),
  effectiveCallerIdNumber: Blank(Matching(DIALABLE, DIALABLE_PROBLEM)),
  outboundCallerIdName: Blank(SwitchText(64)),
  outboundCallerIdNumber: Blank(Matching(DIALABLE, DIALABLE_PROBLEM)),
  emergencyCallerIdName: Blank(SwitchText(64, { description: 'The caller-id name emergency calls present' })),
  emergencyCallerIdNumber: Blank(Matching(DIALABLE, DIALABLE_PROBLEM, { description: 'The caller-id number emergency calls present' })),
  directoryFirstName: Blank(SwitchText(64, { description: "The dial-by-name directory's first name" })),
  directoryLastName: Blank(SwitchText(64)),
  directoryVisible: Type.Optional(Flag({ description: 'Listed in the dial-by-name directory' })),
  directoryExtenVisible: Type.Optional(Flag({ description: 'The directory says the extension number' })),
  callTimeout: Whole(1, 600, 'Seconds the extension rings (1 to 600)'),
  callGroup: Blank(Matching('^([A-Za-z0-9_-]+(,[A-Za-z0-9_-]+)*)?$', 'must be comma-separated group names (letters, digits, _ and -)', { maxLength: 128 })),
  tollAllow: Blank(Matching('^([a-z_]+(,[a-z_]+)*)?$', 'must be comma-separated toll classes (e.g. local,domestic,international)', { maxLength: 128 })),
  accountcode: Blank(SwitchText(64)),
  holdMusic: Blank(SwitchText(255)),
  doNotDisturb: Type.Optional(Flag()),
  userRecord: Type.Optional(UserRecord),
  absoluteCodecString: Blank(
    Matching('^[A-Za-z0-9.@_-]*(,[A-Za-z0-9.@_-]+)*$', 'must be comma-separated codec names (e.g. PCMU,PCMA,G722)', {
      maxLength: 255,
      description: 'The codecs the extension offers and accepts, in order (FreeSWITCH absolute_codec_string)',
    }),
  ),
  followMeEnabled: Type.Optional(Flag({ description: 'Whether its follow-me (/follow_me) rings with it: the same state as the follow-me’s follow_me_enabled' })),
  forwardAllEnabled: Type.Optional(Flag()),
  forwardAllDestination: Blank(Matching(DIALABLE, DIALABLE_PROBLEM)),
  forwardBusyEnabled: Type.Optional(Flag()),
  forwardBusyDestination: Blank(Matching(DIALABLE, DIALABLE_PROBLEM)),
  forwardNoAnswerEnabled: Type.Optional(Flag()),
  forwardNoAnswerDestination: Blank(Matching(DIALABLE, DIALABLE_PROBLEM)),
  forwardUserNotRegisteredEnabled: Type.Optional(Flag({ description: 'Calls go to forward_user_not_registered_destination while no phone is registered' })),
  forwardUserNotRegisteredDestination: Blank(Matching(DIALABLE, DIALABLE_PROBLEM)),
  authAcl: Blank(Matching('^[A-Za-z0-9_.-]{0,64}$', 'must be an ACL list name')),
  cidr: Blank(Text(512, { description: 'Comma-separated addresses or CIDR ranges allowed to register without a password' })),
  voicemailEnabled: Type.Optional(Flag()),
  voicemailPassword: Type.Optional(Matching('^[0-9]{4,10}$', 'must be 4 to 10 digits', { description: 'Voicemail PIN (write-only); generated when omitted' })),
  voicemailMailTo: Blank(Shaped(255, EMAIL, 'must be an email address')),
  enabled: Type.Optional(Flag()),
  description: Blank(Text(1024)),
  /** The client's fax extension; refused until Switchyard has fax accounts. */
  extensionType: Type.Optional(
    Type.Union([Type.Literal('voice'), Type.Literal('fax')], { description: "voice; 'fax' (an extension delivering faxes by e-mail) needs fax accounts, which Switchyard does not have yet" }),
  ),
  faxEmail: Blank(Text(255, { description: "A fax extension's delivery address: must be empty until Switchyard has fax accounts" })),
};

/** What the client sends back because it read it (its edit form PUTs the loaded object). */
const echoed = {
  extensionUuid: ReadOnly(),
  domainUuid: ReadOnly(),
  domainName: ReadOnly(),
  tenantName: ReadOnly(),
  linkedUserId: ReadOnly('the assigned user: set it with user_id'),
  linkedUsername: ReadOnly(),
  userContext: ReadOnly("always the tenant's domain (the dialplan context FreeSWITCH routes the extension's calls in)"),
  assignedAccountId: ReadOnly("ICTPBX's fax account of the extension: fax accounts are not in Switchyard yet"),
  assignedTo: ReadOnly("ICTPBX's fax account of the extension: fax accounts are not in Switchyard yet"),
  dateCreated: ReadOnly(),
  lastUpdated: ReadOnly(),
};

export const ExtensionCreate = Input({ extension: Matching(EXTENSION_NUMBER, 'must be 2 to 10 digits', { description: 'The number: 2 to 10 digits' }), ...writable, ...echoed });
export const ExtensionUpdate = Input({ extension: Type.Optional(Matching(EXTENSION_NUMBER, 'must be 2 to 10 digits')), ...writable, ...echoed });

export const ExtensionFilter = Input({
  tenantId: Type.Optional(Id()),
  userId: Type.Optional(Id()),
  extension: Type.Optional(Text(10)),
  enabled: Type.Optional(Flag()),
  displayName: Type.Optional(Text(64)),
});

export const ExtensionAssign = Input({
  userId: Type.Transform(Nullable(Type.Integer({ minimum: 0, maximum: 2_147_483_647, description: 'A user of the extension’s tenant; 0 or null unassigns' })))
    .Decode((v) => (v ? v : null))
    .Encode((v) => v),
});

export type ExtensionCreateInput = StaticDecode<typeof ExtensionCreate>;
export type ExtensionUpdateInput = StaticDecode<typeof ExtensionUpdate>;

const Nid = Nullable(Type.Integer());
const Secret = (description: string) => Type.Optional(Type.String({ description }));

/** An extension as every client reads it (REST in snake_case, GraphQL in camelCase). */
export const ExtensionView = Type.Object({
  extensionUuid: Type.String(),
  tenantId: Type.Integer(),
  tenantName: Nullable(Type.String()),
  domainUuid: Type.String(),
  domainName: Type.String(),
  userId: Nid,
  linkedUserId: Nid,
  linkedUsername: Nullable(Type.String()),
  extension: Type.String(),
  numberAlias: Type.String(),
  password: Secret('SIP password: only for tenant admins and the super-admin'),
  extensionType: Type.Literal('voice'),
  displayName: Type.String(),
  effectiveCallerIdName: Type.String(),
  effectiveCallerIdNumber: Type.String(),
  outboundCallerIdName: Type.String(),
  outboundCallerIdNumber: Type.String(),
  emergencyCallerIdName: Type.String(),
  emergencyCallerIdNumber: Type.String(),
  directoryFirstName: Type.String(),
  directoryLastName: Type.String(),
  directoryVisible: Type.Boolean(),
  directoryExtenVisible: Type.Boolean(),
  callTimeout: Type.Integer(),
  callGroup: Type.String(),
  tollAllow: Type.String(),
  accountcode: Type.String(),
  holdMusic: Type.String(),
  userContext: Type.String({ description: "The tenant's domain" }),
  doNotDisturb: Type.Boolean(),
  userRecord: Type.String({ description: 'none, all, local, inbound or outbound' }),
  absoluteCodecString: Type.String(),
  followMeEnabled: Type.Boolean(),
  forwardAllEnabled: Type.Boolean(),
  forwardAllDestination: Type.String(),
  forwardBusyEnabled: Type.Boolean(),
  forwardBusyDestination: Type.String(),
  forwardNoAnswerEnabled: Type.Boolean(),
  forwardNoAnswerDestination: Type.String(),
  forwardUserNotRegisteredEnabled: Type.Boolean(),
  forwardUserNotRegisteredDestination: Type.String(),
  authAcl: Type.String(),
  cidr: Type.String(),
  voicemailEnabled: Type.Boolean(),
  voicemailPassword: Secret('Voicemail PIN: only for tenant admins and the super-admin'),
  voicemailMailTo: Type.String(),
  faxEmail: Nullable(Type.String({ description: 'null: fax accounts are not in Switchyard yet' })),
  enabled: Type.Boolean(),
  description: Type.String(),
  dateCreated: Type.Integer({ description: 'unix seconds' }),
  lastUpdated: Type.Integer({ description: 'unix seconds' }),
});

export type ExtensionView = Static<typeof ExtensionView>;

/** GET /fpbx_extensions/check: `used_by` names what holds the number, as ICTPBX's server labels it. */
export const ExtensionCheckView = Type.Object({
  extension: Type.String(),
  available: Type.Boolean(),
  usedBy: Type.Optional(Type.String({ description: 'What holds the number (Extension, Feature Code, ...): only when not available' })),
  conflicts: Type.Array(Type.Object({ type: Type.String(), id: Type.String() })),
});

export type ExtensionCheckView = Static<typeof ExtensionCheckView>;
