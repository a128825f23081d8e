// A user as the ICTPBX client has it (src/app/pages/user/user.ts and user-form-component): ICTCore's
// user with the form's fax limits, PBX quotas and login hours. The form sends its radios as
// '1'/'0', its selects as text ("4"), its phone inputs as text; the edit form PUTs the object it
// read, so what the view adds is accepted back and dropped. Written once here: the service checks
// every input with it, REST's body schemas are its snake_case, GraphQL's its camelCase.
import { Email, NullFirst } from '../tenants/tenants.schema.ts';
import { Flag, Id, Input, Int, INT_MAX, Matching, Nullable, ReadOnly, Text, Type, type Static, type StaticDecode } from '../shared/schema.ts';

const Count = (minimum: number) =>
  Type.Transform(Type.Union([Int(minimum, INT_MAX), Matching('^-?[0-9]{1,10}$', `must be a whole number, ${minimum} or more`)], { typeMessage: `must be a whole number, ${minimum} or more` }))
    .Decode((v) => Number(v))
    .Encode((n) => n);

/** A limit a number input sends: a number, its text, or null once cleared (then left as it was). */
const Limit = (minimum: number) => Type.Optional(NullFirst(Count(minimum)));

/** An id from a select (text) or sent back as read (a number), or null for none. */
const Ref = (description: string) =>
  Type.Optional(
    Type.Transform(Type.Union([Type.Null(), Id(), Matching('^[1-9][0-9]{0,9}$', 'must be an id')], { typeMessage: 'must be an id (or null)', description }))
      .Decode((v) => (v === null ? null : Number(v)))
      .Encode((n) => n),
  );

const Phone = (description?: string) =>
  Type.Optional(
    Type.Transform(Type.Union([Text(32), Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })], { typeMessage: 'must be a phone number (text or digits)', ...(description ? { description } : {}) }))
      .Decode((v) => String(v))
      .Encode((s) => s),
  );

export const Username = Matching('^[A-Za-z0-9._@+-]+$', 'may hold letters, digits and . _ @ + - only', { minLength: 1, maxLength: 64 });
export const Password = Text(256, { minLength: 1 });

const writable = {
  username: Type.Optional(Username),
  password: Type.Optional(Password),
  confirmPassword: Type.Optional(Text(256, { description: 'The form asks twice: when given, it must equal password' })),
  email: Type.Optional(Email()),
  firstName: Type.Optional(Text(128)),
  lastName: Type.Optional(Text(128)),
  phone: Phone('Its caller id'),
  contact: Phone("The form's other phone number (kept as mobile)"),
  mobile: Type.Optional(Text(32)),
  address: Type.Optional(Text(256)),
  company: Type.Optional(Text(128)),
  countryId: Ref('ISO 3166 numeric country code'),
  timezoneId: Ref('A timezone id'),
  active: Type.Optional(Flag()),
  tenantId: Ref('Super-admin only; a tenant admin creates users in its own tenant'),
  credit: Type.Optional(Type.Number()),
  roleId: Type.Optional(Id({ description: 'ICTCore: the role to grant on create' })),
  roleIds: Type.Optional(Type.Array(Id(), { maxItems: 32, description: 'Several roles to grant on create' })),
  dailyLimit: Limit(-1),
  monthlyLimit: Limit(-1),
  quotaExtensions: Limit(0),
  quotaDevices: Limit(0),
  quotaRingGroups: Limit(0),
  quotaCallQueues: Limit(0),
  quotaIvrMenus: Limit(0),
  quotaVoicemail: Limit(0),
  quotaConference: Limit(0),
  quotaMusicOnHold: Limit(0),
  allowedTimeslot: Type.Optional(Matching('^$|^([01][0-9]|2[0-3]):[0-5][0-9],([01][0-9]|2[0-3]):[0-5][0-9]$', "must be 'HH:MM,HH:MM' or empty", { description: 'When the user may log in; empty: any time' })),
  allowedDays: Type.Optional(Matching('^$|^[1-7](,[1-7]){0,6}$', "must be days 1 (Sunday) to 7, comma-separated, or empty")),
};

/** What the forms send back of what they read, or compute for themselves. */
const echoed = {
  userId: ReadOnly(),
  id: ReadOnly(),
  status: ReadOnly('the session status'),
  roles: ReadOnly('set through /users/:user_id/roles'),
  isAdmin: ReadOnly(),
  isTenant: ReadOnly(),
  userPermission: ReadOnly('effective permissions: granted through roles and /users/:user_id/permissions'),
  mfaEnabled: ReadOnly('set through MFA enrolment'),
  verify: ReadOnly('the client sets it once its MFA page is passed; the server knows'),
  authType: ReadOnly('set through MFA enrolment'),
  appsecret: ReadOnly('never read: the secret stays on the server'),
  dailySent: ReadOnly(),
  monthlySent: ReadOnly(),
  dateCreated: ReadOnly(),
  lastUpdated: ReadOnly(),
  lastLogin: ReadOnly(),
};

export const UserCreate = Input({ ...writable, username: Username, password: Password, ...echoed });
export const UserUpdate = Input({ ...writable, ...echoed });
/** PUT /users/:id/password: the new password (checked against the policy by the service). */
export const UserPasswordSet = Input({ password: Password });
/** PUT /users/:id/credit: an amount added to the balance (negative takes from it). */
export const UserCreditChange = Input({ credit: Type.Number({ description: 'Amount to add' }) });

export const UserFilter = Input({
  userId: Type.Optional(Id()),
  id: Type.Optional(Id()),
  tenantId: Type.Optional(Id()),
  username: Type.Optional(Text(64)),
  email: Type.Optional(Text(128)),
  firstName: Type.Optional(Text(128)),
  lastName: Type.Optional(Text(128)),
  phone: Type.Optional(Text(32)),
  active: Type.Optional(Flag()),
  after: Type.Optional(Type.Integer({ description: 'Created at or after (unix seconds)' })),
  before: Type.Optional(Type.Integer({ description: 'Created at or before (unix seconds)' })),
});

export type UserCreateInput = StaticDecode<typeof UserCreate>;
export type UserUpdateInput = StaticDecode<typeof UserUpdate>;
export type UserFilterInput = StaticDecode<typeof UserFilter>;

const Nid = Nullable(Type.Integer());

/** A user as every client reads it (REST in snake_case, GraphQL in camelCase); never its secrets. */
export const UserView = Type.Object({
  userId: Type.Integer(),
  id: Type.Integer(),
  tenantId: Nid,
  username: Type.String(),
  email: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  phone: Type.String(),
  contact: Type.String({ description: 'The same as mobile' }),
  mobile: Type.String(),
  address: Type.String(),
  company: Type.String(),
  countryId: Nid,
  timezoneId: Nid,
  active: Type.Boolean(),
  credit: Type.Number(),
  status: Type.String({ description: 'login or logout' }),
  roles: Type.String({ description: 'Its role names, comma-separated (ICTCore)' }),
  roleIds: Type.Array(Type.Integer()),
  isAdmin: Type.Boolean(),
  isTenant: Type.Boolean(),
  userPermission: Type.String({ description: 'Effective permission names, comma-separated' }),
  mfaEnabled: Type.Boolean(),
  // The ICTPBX client's MFA state: it sends the user to its MFA page while mfa_enabled and verify is 0.
  verify: Type.Integer({ minimum: 0, maximum: 1, description: '1 once TOTP is set up and, for a user reading itself, its second factor given in this session' }),
  authType: Type.String({ description: "'app' once TOTP is set up, else empty" }),
  appsecret: Type.String({ description: "Never the secret: 'enrolled' once TOTP is set up (the client only tests it), else empty" }),
  dailyLimit: Type.Integer(),
  monthlyLimit: Type.Integer(),
  quotaExtensions: Type.Integer(),
  quotaDevices: Type.Integer(),
  quotaRingGroups: Type.Integer(),
  quotaCallQueues: Type.Integer(),
  quotaIvrMenus: Type.Integer(),
  quotaVoicemail: Type.Integer(),
  quotaConference: Type.Integer(),
  quotaMusicOnHold: Type.Integer(),
  allowedTimeslot: Type.String(),
  allowedDays: Type.String(),
  dateCreated: Type.Integer({ description: 'unix seconds' }),
  lastUpdated: Type.Integer({ description: 'unix seconds' }),
  lastLogin: Nullable(Type.Integer({ description: 'unix seconds' })),
});

export type UserView = Static<typeof UserView>;
