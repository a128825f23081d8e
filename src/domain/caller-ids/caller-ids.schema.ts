// A caller id as ICTCore and the ICTPBX client have it: an account of type "cid" whose `phone` is
// the number (its `username` too) and whose `first_name` is its title, shown as the caller-id name
// on outbound calls; owned by a user (`created_by`). The first active one of a tenant is what its
// calls present when the extension sets none.
import { Flag, Id, Input, Matching, Nullable, ReadOnly, SwitchText, Text, Type, type Static, type StaticDecode } from '../shared/schema.ts';

/** The number: digits with an optional +, as text or (from a number input) a number; kept as given, + included. */
export const CallerIdNumber = Type.Transform(
  Type.Union([Matching('^\\+?[0-9]{3,20}$', 'must be 3 to 20 digits, optional leading +'), Type.Integer({ minimum: 100, maximum: 9_007_199_254_740_991 })], {
    typeMessage: 'must be 3 to 20 digits, optional leading +',
  }),
)
  .Decode((v) => String(v))
  .Encode((number) => number);

const writable = {
  tenantId: Type.Optional(Id({ description: 'Super-admin: the tenant that presents it' })),
  /** Its title, presented as the caller-id name: it reaches FreeSWITCH. */
  firstName: Type.Optional(SwitchText(64, { description: 'Its title, presented as the caller-id name' })),
  lastName: Type.Optional(Text(64)),
  description: Type.Optional(Text(1024)),
  active: Type.Optional(Flag()),
  type: Type.Optional(Type.Literal('cid', { description: "ICTCore's account type: always cid" })),
};

const echoed = {
  username: ReadOnly('the number again (ICTCore sets username = phone)'),
  accountId: ReadOnly(),
  id: ReadOnly(),
  tenantName: ReadOnly(),
  userId: ReadOnly('set through PUT /accounts/:id/users/:user_id'),
  createdBy: ReadOnly(),
  dateCreated: ReadOnly(),
  lastUpdated: ReadOnly(),
};

export const CallerIdCreate = Input({ phone: CallerIdNumber, ...writable, ...echoed });
export const CallerIdUpdate = Input({ phone: Type.Optional(CallerIdNumber), ...writable, ...echoed });

export const CallerIdFilter = Input({
  tenantId: Type.Optional(Id()),
  phone: Type.Optional(Text(21)),
  firstName: Type.Optional(Text(64)),
  active: Type.Optional(Flag()),
});

export type CallerIdCreateInput = StaticDecode<typeof CallerIdCreate>;
export type CallerIdUpdateInput = StaticDecode<typeof CallerIdUpdate>;

const Nid = Nullable(Type.Integer());

export const CallerIdView = Type.Object({
  accountId: Type.Integer(),
  id: Type.Integer(),
  type: Type.Literal('cid'),
  phone: Type.String(),
  username: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  description: Type.String(),
  tenantId: Type.Integer(),
  tenantName: Nullable(Type.String()),
  userId: Nid,
  createdBy: Nid,
  active: Type.Boolean(),
  dateCreated: Type.Integer({ description: 'unix seconds' }),
  lastUpdated: Type.Integer({ description: 'unix seconds' }),
});

export type CallerIdView = Static<typeof CallerIdView>;
