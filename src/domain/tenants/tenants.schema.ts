// A tenant as the ICTPBX client has it (src/app/pages/tenant/tenant.ts and tenant-form-component):
// an organisation (`company`) with its contact, branding, fax limits and resource quotas, and the
// features it may use (`permissions`, the names the form ticks). Switchyard's own fields (its
// `name`, the FreeSWITCH `domain`, credit and fraud limits) are optional extras: a tenant created
// without a name takes its company's, and its domain derives from that. Written once here: the
// service checks every input with it, REST's body schemas are its snake_case, GraphQL's its camelCase.
import { Flag, Id, Input, Int, INT_MAX, Matching, Nullable, ReadOnly, Text, Type, type Static, type StaticDecode, type TSchema } from '../shared/schema.ts';

/** The features the ICTPBX tenant form offers; each is a permission of that name. */
export const TENANT_FEATURES = ['mfa_enabled', 'password_expiry'] as const;

/**
 * X or null with null first: REST's validator coerces types, and tried first, an integer branch
 * would take null as 0.
 */
export const NullFirst = <T extends TSchema>(schema: T) => Type.Union([Type.Null(), schema]);

/** A whole number as the client sends it: a number input's number, or a select's text ("4"). */
const Count = (minimum: number, description?: string) =>
  Type.Transform(
    Type.Union([Int(minimum, INT_MAX), Matching('^[0-9]{1,10}$', `must be a whole number, ${minimum} or more`)], {
      typeMessage: `must be a whole number, ${minimum} or more`,
      ...(description ? { description } : {}),
    }),
  )
    .Decode((v) => Number(v))
    .Encode((n) => n);

/** A country or timezone id, from a select (text) or sent back as read (a number, or null). */
const Ref = (description: string) =>
  Type.Transform(
    Type.Union([Type.Null(), Id(), Matching('^[1-9][0-9]{0,9}$', 'must be an id')], { typeMessage: 'must be an id (or null)', description }),
  )
    .Decode((v) => (v === null ? null : Number(v)))
    .Encode((n) => n);

/** The form's phone input is text of digits; the Tenant class types it a number. */
const Phone = Type.Transform(
  Type.Union([Text(32), Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })], { typeMessage: 'must be a phone number (text or digits)' }),
)
  .Decode((v) => String(v))
  .Encode((s) => s);

/** An e-mail address, or '' for none. */
export const Email = (description?: string) =>
  Matching('^$|^[^\\s@\\u0000-\\u001F]+@[^\\s@\\u0000-\\u001F]+\\.[^\\s@\\u0000-\\u001F]+$', 'must be an e-mail address', { maxLength: 128, ...(description ? { description } : {}) });

const HOSTNAME = '^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$';

/** A limit a number input sends: a number, its text, or null once cleared (then left as it was). */
const Limit = (minimum: number, description?: string) => Type.Optional(NullFirst(Count(minimum, description)));

const writable = {
  company: Type.Optional(Text(128, { description: 'The organisation' })),
  firstName: Type.Optional(Text(128, { description: 'Its contact' })),
  lastName: Type.Optional(Text(128)),
  email: Type.Optional(Email("The contact's e-mail address")),
  phone: Type.Optional(Phone),
  address: Type.Optional(Text(512)),
  countryId: Type.Optional(Ref('ISO 3166 numeric country code')),
  timezoneId: Type.Optional(Ref('A timezone id')),
  title: Type.Optional(Text(128, { description: 'Branding: the title its users see' })),
  logoName: Type.Optional(Text(256, { description: 'Branding: the uploaded logo file' })),
  footer: Type.Optional(Text(1024, { description: 'Branding: the footer text' })),
  active: Type.Optional(Flag()),
  dailyLimit: Limit(-1, 'Faxes a day (-1 unlimited)'),
  monthlyLimit: Limit(-1, 'Faxes a month (-1 unlimited)'),
  minRetention: Limit(0, 'Days'),
  maxRetention: Limit(0, 'Days'),
  retentionPeriod: Limit(0, 'Days'),
  quotaExtensions: Limit(0),
  quotaDevices: Limit(0),
  quotaRingGroups: Limit(0),
  quotaCallQueues: Limit(0),
  quotaConferences: Limit(0),
  quotaIvrMenus: Limit(0),
  quotaVoicemails: Limit(0),
  quotaMusicOnHold: Limit(0),
  permissions: Type.Optional(
    Type.Array(Text(64, { minLength: 1 }), { maxItems: 64, description: `Its features by name (the client's: ${TENANT_FEATURES.join(', ')}); replaces the set` }),
  ),
  // Switchyard's own.
  name: Type.Optional(Text(128, { minLength: 1, description: 'Its name (default: the company, else the domain)' })),
  domain: Type.Optional(Matching(HOSTNAME, 'must be a valid DNS domain name', { maxLength: 253, description: 'Its FreeSWITCH domain; derived from the name when omitted' })),
  description: Type.Optional(Text(1024)),
  credit: Type.Optional(Type.Number()),
  maxConcurrentCalls: Limit(0, 'Fraud limit: concurrent calls, 0 for unlimited'),
  creditAlertThreshold: Type.Optional(NullFirst(Type.Number({ minimum: 0 }))),
};

/** What the edit form sends back of what it read. */
const echoed = {
  tenantId: ReadOnly(),
  id: ReadOnly(),
  domainUuid: ReadOnly(),
  tenantPermissions: ReadOnly('set through permissions'),
  dateCreated: ReadOnly(),
  lastUpdated: ReadOnly(),
  assignedDaily: ReadOnly(),
  assignedMonthly: ReadOnly(),
  assignedExtensions: ReadOnly(),
  assignedDevices: ReadOnly(),
  assignedRingGroups: ReadOnly(),
  assignedCallQueues: ReadOnly(),
  assignedIvrMenus: ReadOnly(),
  assignedVoicemail: ReadOnly(),
  assignedConference: ReadOnly(),
  assignedMusicOnHold: ReadOnly(),
};

export const TenantCreate = Input({ ...writable, ...echoed });
export const TenantUpdate = Input({ ...writable, ...echoed });

export const TenantFilter = Input({
  tenantId: Type.Optional(Id()),
  id: Type.Optional(Id()),
  name: Type.Optional(Text(128)),
  domain: Type.Optional(Text(253)),
  company: Type.Optional(Text(128)),
  firstName: Type.Optional(Text(128)),
  lastName: Type.Optional(Text(128)),
  email: Type.Optional(Text(128)),
  phone: Type.Optional(Text(32)),
  active: Type.Optional(Flag()),
});

export type TenantCreateInput = StaticDecode<typeof TenantCreate>;
export type TenantUpdateInput = StaticDecode<typeof TenantUpdate>;
export type TenantFilterInput = StaticDecode<typeof TenantFilter>;

const Nid = Nullable(Type.Integer());

/** A tenant as every client reads it (REST in snake_case, GraphQL in camelCase). */
export const TenantView = Type.Object({
  tenantId: Type.Integer(),
  id: Type.Integer(),
  company: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  email: Type.String(),
  phone: Type.String(),
  address: Type.String(),
  countryId: Nid,
  timezoneId: Nid,
  title: Type.String(),
  logoName: Type.String(),
  footer: Type.String(),
  active: Type.Boolean(),
  dailyLimit: Type.Integer(),
  monthlyLimit: Type.Integer(),
  minRetention: Type.Integer(),
  maxRetention: Type.Integer(),
  retentionPeriod: Type.Integer(),
  quotaExtensions: Type.Integer(),
  quotaDevices: Type.Integer(),
  quotaRingGroups: Type.Integer(),
  quotaCallQueues: Type.Integer(),
  quotaConferences: Type.Integer(),
  quotaIvrMenus: Type.Integer(),
  quotaVoicemails: Type.Integer(),
  quotaMusicOnHold: Type.Integer(),
  assignedDaily: Type.Integer({ description: "Its users' daily limits in all (the user form shows daily_limit minus this)" }),
  assignedMonthly: Type.Integer({ description: "Its users' monthly limits in all" }),
  assignedExtensions: Type.Integer({ description: "Its users' quotas in all, one field per quota" }),
  assignedDevices: Type.Integer(),
  assignedRingGroups: Type.Integer(),
  assignedCallQueues: Type.Integer(),
  assignedIvrMenus: Type.Integer(),
  assignedVoicemail: Type.Integer(),
  assignedConference: Type.Integer(),
  assignedMusicOnHold: Type.Integer(),
  permissions: Type.Array(Type.String(), { description: 'Its features by name' }),
  tenantPermissions: Type.String({ description: 'The same, comma-separated (the user form splits it)' }),
  name: Type.String(),
  domain: Type.String({ description: "The tenant's FreeSWITCH domain" }),
  domainUuid: Type.String(),
  description: Type.String(),
  credit: Type.Number(),
  maxConcurrentCalls: Type.Integer({ description: 'Fraud limit: concurrent calls, 0 for unlimited' }),
  creditAlertThreshold: Type.Number(),
  dateCreated: Type.Integer({ description: 'unix seconds' }),
  lastUpdated: Type.Integer({ description: 'unix seconds' }),
});

export type TenantView = Static<typeof TenantView>;
