// A ring group as the ICTPBX client has it: FusionPBX's v_ring_groups fields (its RingGroup model,
// src/app/pages/ring_groups/ring_groups.ts) with its members as `destinations`
// (RingGroupDestination). The form sends JS booleans (or '1'/'0'), numbers from number inputs,
// the timeout destination as the dial string it picked (a number, or *99<mailbox> for a
// voicemail box), and PUTs back the object it loaded. Written once here: the service checks every
// input with it, REST speaks its snake_case, GraphQL its camelCase.
import { DESTINATION_TYPES } from '../dialable/targets.ts';
import { Blank, Flag, Id, Input, Int, Matching, Nullable, ReadOnly, Shaped, SwitchText, Text, Type, Whole, type Static, type StaticDecode } from '../shared/schema.ts';

export const RING_GROUP_NUMBER = '^[0-9]{2,10}$';
export const STRATEGIES = ['simultaneous', 'sequence', 'enterprise', 'rollover', 'random'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** A member: an extension number of the tenant (2 to 10 digits) or an external number (digits, optional +). */
const MEMBER_NUMBER = '^\\+?[0-9]{2,20}$';
/** The timeout destination as the form stores it: a number of the tenant, an external number, or *99<mailbox>. */
const TIMEOUT_DATA = '^$|^(\\*99)?\\+?[0-9]{2,20}$';
/** The ringback: a stock tone global (us-ring, uk-ring, ...) or hold_music; '' leaves the phone's own. */
export const RINGBACK = '^$|^([a-z]{2}-ring|hold_music)$';

const Strategy = Type.Unsafe<Strategy>(
  Type.Union(
    STRATEGIES.map((s) => Type.Literal(s)),
    { description: `How members ring: ${STRATEGIES.join(', ')}` },
  ),
);

/** A number input's value, which the form may send as text too (a select's value). */
const Seconds = (minimum: number, maximum: number, description: string) =>
  Type.Transform(Type.Union([Int(minimum, maximum), Matching('^[0-9]{1,4}$', `must be a whole number from ${minimum} to ${maximum}`)], { description, typeMessage: `must be a whole number from ${minimum} to ${maximum}` }))
    .Decode((v) => Number(v))
    .Encode((n) => n);

export const RingGroupMemberInput = Input({
  destinationNumber: Matching(MEMBER_NUMBER, 'must be an extension number or an external number (digits, optional leading +)', {
    description: 'An extension of the tenant, or an external number dialled through its outbound routes',
  }),
  destinationDelay: Type.Optional(Seconds(0, 300, 'Seconds before it starts ringing')),
  destinationTimeout: Type.Optional(Seconds(1, 600, 'Seconds it rings')),
  destinationOrder: Type.Optional(Seconds(0, 9999, 'Its place in the order (sequence, rollover, enterprise)')),
  destinationEnabled: Type.Optional(Flag()),
  destinationPrompt: Type.Optional(Flag({ description: "FusionPBX's answer confirmation: kept, not rendered (it needs FusionPBX's Lua)" })),
  destinationDescription: Blank(Text(255)),
  ringGroupDestinationUuid: ReadOnly(),
  destinationType: ReadOnly('extension or external: worked out from the number'),
});

const writable = {
  tenantId: Type.Optional(Id({ description: 'Super-admin: the tenant; a tenant admin creates in its own tenant' })),
  ringGroupName: Type.Optional(SwitchText(64, { minLength: 1, description: 'Its name' })),
  ringGroupStrategy: Type.Optional(Strategy),
  ringGroupCallTimeout: Whole(1, 600, 'Seconds the group rings at most before its timeout destination (1 to 600)'),
  ringGroupCallerIdName: Blank(SwitchText(64, { description: 'The caller-id name its members see instead of the caller’s' })),
  ringGroupCallerIdNumber: Blank(Matching('^$|^\\+?[0-9]{1,20}$', 'must be a number (digits, optional leading +)', { description: 'The caller-id number its members see instead of the caller’s' })),
  ringGroupCidNamePrefix: Blank(SwitchText(32, { description: 'Put before the caller-id name its members see' })),
  ringGroupCidNumberPrefix: Blank(Matching('^[+0-9]{0,16}$', 'must be digits (optional +), at most 16', { description: 'Put before the caller-id number its members see' })),
  ringGroupTimeoutApp: Blank(
    Matching(`^$|^(transfer|${DESTINATION_TYPES.join('|')})$`, `must be one of ${DESTINATION_TYPES.join(', ')} (or transfer, FusionPBX's: the kind is then read from the number)`, {
      description: 'The kind of the timeout destination; worked out from ring_group_timeout_data when omitted',
    }),
  ),
  ringGroupTimeoutData: Blank(
    Shaped(24, TIMEOUT_DATA, 'must be a number of the tenant, an external number, or *99 and a mailbox', {
      description: "Where an unanswered call goes: a number of the tenant (extension, ring group, IVR, ...), an external number, or *99<mailbox> ('' for nowhere: the call ends)",
    }),
  ),
  ringGroupRingback: Blank(Matching(RINGBACK, 'must be a stock ring tone such as us-ring or uk-ring, or hold_music', { description: "What callers hear while members ring ('' for the phones' ringing)" })),
  ringGroupEnabled: Type.Optional(Flag()),
  ringGroupDescription: Blank(Text(1024)),
  destinations: Type.Optional(Nullable(Type.Array(RingGroupMemberInput, { maxItems: 64, description: 'Its members, at most 64 (the list replaces the previous one)' }))),
};

/** What the client sends back because it read it (its edit form PUTs the loaded object). */
const echoed = {
  ringGroupUuid: ReadOnly(),
  domainUuid: ReadOnly(),
  domainName: ReadOnly(),
  tenantName: ReadOnly(),
  ringGroupContext: ReadOnly("always the tenant's domain"),
  destinationCount: ReadOnly(),
  dateCreated: ReadOnly(),
  lastUpdated: ReadOnly(),
};

const number = Matching(RING_GROUP_NUMBER, 'must be 2 to 10 digits', { description: 'Its number in the tenant’s dial plan: 2 to 10 digits' });

export const RingGroupCreate = Input({ ringGroupExtension: number, ...writable, ringGroupName: SwitchText(64, { minLength: 1, description: 'Its name' }), ...echoed });
export const RingGroupUpdate = Input({ ringGroupExtension: Type.Optional(number), ...writable, ...echoed });

export const RingGroupFilter = Input({
  tenantId: Type.Optional(Id()),
  ringGroupExtension: Type.Optional(Text(10)),
  ringGroupName: Type.Optional(Text(64, { description: 'Part of the name' })),
  ringGroupEnabled: Type.Optional(Flag()),
});

export type RingGroupCreateInput = StaticDecode<typeof RingGroupCreate>;
export type RingGroupUpdateInput = StaticDecode<typeof RingGroupUpdate>;
export type RingGroupMemberInput = StaticDecode<typeof RingGroupMemberInput>;

export const RingGroupMemberView = Type.Object({
  ringGroupDestinationUuid: Type.String(),
  destinationNumber: Type.String(),
  destinationType: Type.String({ description: 'extension or external (decided when written)' }),
  destinationDelay: Type.Integer(),
  destinationTimeout: Type.Integer(),
  destinationOrder: Type.Integer(),
  destinationEnabled: Type.Boolean(),
  destinationPrompt: Type.Boolean(),
  destinationDescription: Type.String(),
});

/** A ring group as every client reads it (REST in snake_case, GraphQL in camelCase). */
export const RingGroupView = Type.Object({
  ringGroupUuid: Type.String(),
  tenantId: Type.Integer(),
  tenantName: Type.String(),
  domainUuid: Type.String(),
  domainName: Type.String(),
  ringGroupName: Type.String(),
  ringGroupExtension: Type.String(),
  ringGroupStrategy: Type.String({ description: STRATEGIES.join(', ') }),
  ringGroupCallTimeout: Type.Integer(),
  ringGroupCallerIdName: Type.String(),
  ringGroupCallerIdNumber: Type.String(),
  ringGroupCidNamePrefix: Type.String(),
  ringGroupCidNumberPrefix: Type.String(),
  ringGroupTimeoutApp: Type.String({ description: "The timeout destination's kind ('' for none)" }),
  ringGroupTimeoutData: Type.String({ description: 'Its dial string: the number, or *99<mailbox> for voicemail' }),
  ringGroupRingback: Type.String(),
  ringGroupContext: Type.String({ description: "The tenant's domain" }),
  ringGroupEnabled: Type.Boolean(),
  ringGroupDescription: Type.String(),
  destinations: Type.Array(RingGroupMemberView),
  destinationCount: Type.Integer(),
  dateCreated: Type.Integer({ description: 'unix seconds' }),
  lastUpdated: Type.Integer({ description: 'unix seconds' }),
});

export type RingGroupView = Static<typeof RingGroupView>;
