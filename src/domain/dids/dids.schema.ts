// A DID as ICTCore and the ICTPBX client have it: an account of type "did" whose `phone` is the
// number (its `username` too) and whose `first_name` is its title, owned by a user (`created_by`);
// with Switchyard's routing as optional extras (the trunk it arrives on, where its calls go, a
// caller-id name prefix). Written once here: the service checks every input with it, REST's body
// schemas and OpenAPI are its snake_case, GraphQL's inputs its camelCase.
import { DESTINATION_TYPES, type DestinationType } from '../dialable/targets.ts';
import { Flag, Id, Input, Matching, Nullable, ReadOnly, SwitchText, Text, Type, type Static, type StaticDecode } from '../shared/schema.ts';

/** The number: digits with an optional +, as text or (from the ICTPBX form's number input) a number; kept without +. */
export const DidNumber = Type.Transform(
  Type.Union([Matching('^\\+?[0-9]{3,15}$', 'must be an E.164 number: 3 to 15 digits, optional leading +'), Type.Integer({ minimum: 100, maximum: 999_999_999_999_999 })], {
    typeMessage: 'must be an E.164 number: 3 to 15 digits, optional leading +',
    description: 'E.164 digits, optional leading + (kept without it)',
  }),
)
  .Decode((v) => String(v).replace(/^\+/, ''))
  .Encode((number) => number);

export const DestinationKind = Type.Unsafe<'' | DestinationType>(
  Type.Union([Type.Literal(''), ...DESTINATION_TYPES.map((t) => Type.Literal(t))], {
    description: `Where calls go: ${DESTINATION_TYPES.join(', ')} ('' for nowhere yet)`,
  }),
);

const HOSTNAME = '^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$';

const writable = {
  tenantId: Type.Optional(Nullable(Id({ description: 'Super-admin: the tenant the DID is assigned to (null: in stock)' }))),
  firstName: Type.Optional(Text(128, { description: 'Its title' })),
  lastName: Type.Optional(Text(128)),
  /** The newer ICTPBX form's name for the title. */
  label: Type.Optional(Text(128, { description: 'The title (as first_name)' })),
  description: Type.Optional(Text(1024)),
  /** The tenant by its domain, as the newer ICTPBX form names it. */
  domain: Type.Optional(Matching(`^$|${HOSTNAME}`, 'must be a domain name', { description: "The tenant's domain (names the tenant; '' names none, as a DID in stock reads)" })),
  active: Type.Optional(Flag()),
  type: Type.Optional(Type.Literal('did', { description: "ICTCore's account type: always did" })),
  providerId: Type.Optional(Nullable(Id({ description: 'The trunk the DID arrives on' }))),
  destinationType: Type.Optional(DestinationKind),
  destinationValue: Type.Optional(Text(64, { description: 'The extension number, ring group / IVR / queue / conference id, or external number' })),
  callerIdPrefix: Type.Optional(SwitchText(32, { description: 'Prepended to the caller-id name of inbound calls' })),
};

/** What the ICTPBX forms send besides: the number again, the batch form's range, and what it read. */
const echoed = {
  username: ReadOnly('the number again (ICTCore sets username = phone)'),
  title: ReadOnly("the batch form's title"),
  rangeFrom: ReadOnly("the batch form's range"),
  rangeTo: ReadOnly("the batch form's range"),
  accountId: ReadOnly(),
  id: ReadOnly(),
  uuid: ReadOnly(),
  tenantName: ReadOnly(),
  userId: ReadOnly('set through PUT /accounts/:id/users/:user_id'),
  createdBy: ReadOnly(),
  faxAccountId: ReadOnly(),
  faxAccountName: ReadOnly(),
  dateCreated: ReadOnly(),
  lastUpdated: ReadOnly(),
};

export const DidCreate = Input({ phone: DidNumber, ...writable, ...echoed });
export const DidUpdate = Input({ phone: Type.Optional(DidNumber), ...writable, ...echoed });

/** Assigning a DID: to a tenant (super-admin), a destination, or (the newer ICTPBX form) a fax account. */
export const DidAssign = Input({
  tenantId: writable.tenantId,
  destinationType: writable.destinationType,
  destinationValue: writable.destinationValue,
  faxAccountId: Type.Optional(Nullable(Type.Integer({ minimum: 0, description: 'The fax account its faxes go to (0 or null: none)' }))),
});

export const DidFilter = Input({
  tenantId: Type.Optional(Id()),
  phone: Type.Optional(Text(16)),
  firstName: Type.Optional(Text(128)),
  providerId: Type.Optional(Id()),
  destinationType: Type.Optional(Text(32)),
  active: Type.Optional(Flag()),
});

export type DidCreateInput = StaticDecode<typeof DidCreate>;
export type DidUpdateInput = StaticDecode<typeof DidUpdate>;
export type DidAssignInput = StaticDecode<typeof DidAssign>;
export type DidFilterInput = StaticDecode<typeof DidFilter>;

const Nid = Nullable(Type.Integer());

/** A DID as every client reads it (REST in snake_case, GraphQL in camelCase). */
export const DidView = Type.Object({
  accountId: Type.Integer(),
  id: Type.Integer(),
  uuid: Type.String({ description: 'Its stable key: the destination_uuid of its inbound route (/inbound_routes)' }),
  type: Type.Literal('did'),
  phone: Type.String(),
  username: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  description: Type.String(),
  tenantId: Nid,
  tenantName: Nullable(Type.String()),
  domain: Type.String({ description: "The tenant's domain ('' in stock)" }),
  userId: Nid,
  createdBy: Nid,
  active: Type.Boolean(),
  faxAccountId: Nid,
  faxAccountName: Nullable(Type.String()),
  providerId: Nid,
  destinationType: Type.String(),
  destinationValue: Type.String(),
  callerIdPrefix: Type.String(),
  dateCreated: Type.Integer({ description: 'unix seconds' }),
  lastUpdated: Type.Integer({ description: 'unix seconds' }),
});

export type DidView = Static<typeof DidView>;
