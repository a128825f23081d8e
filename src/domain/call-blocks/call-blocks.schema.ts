// A call block as the ICTPBX client has it (src/app/pages/call_block/call_block.ts: FusionPBX's
// v_call_block fields): a rule name, the caller number pattern, a direction, an action and its
// data, a country code, enabled (sent as 'true'/'false') and a description; plus Switchyard's
// optional caller-id name pattern. Patterns are the small language of shared/caller-pattern.ts,
// checked by the service. The edit form PUTs back the object it read: the view's other fields are
// accepted and dropped.
import { MAX_NAME_PATTERN, MAX_NUMBER_PATTERN } from '../shared/caller-pattern.ts';
import { Blank, Flag, Id, Input, Matching, Nullable, ReadOnly, SwitchText, Text, Type, type Static, type StaticDecode } from '../shared/schema.ts';

export const CALL_BLOCK_ACTIONS = ['reject', 'busy', 'hangup', 'hold', 'voicemail'] as const;
export type CallBlockAction = (typeof CALL_BLOCK_ACTIONS)[number];

const Action = Type.Unsafe<CallBlockAction>(
  Type.Union(
    CALL_BLOCK_ACTIONS.map((a) => Type.Literal(a)),
    {
      description: 'reject (CALL_REJECTED), busy (USER_BUSY), hangup, hold (music on hold) or voicemail (call_block_data: the box)',
      typeMessage: `must be one of ${CALL_BLOCK_ACTIONS.join(', ')}`,
    },
  ),
);

const writable = {
  tenantId: Type.Optional(Id({ description: 'Super-admin: the tenant (default its own)' })),
  callBlockName: Type.Optional(Text(128, { minLength: 1, description: 'The rule name' })),
  callBlockNumber: Blank(
    SwitchText(MAX_NUMBER_PATTERN, {
      description: 'Caller number pattern: digits, X (0-9), N (2-9), Z (1-9), . (any), a final * (prefix); a leading + is optional in the number',
    }),
  ),
  callBlockCallerIdName: Blank(SwitchText(MAX_NAME_PATTERN, { description: 'Caller-id name pattern: literal text with * at the start and/or end' })),
  callBlockCountryCode: Blank(Matching('^[0-9]{0,4}$', 'must be 1 to 4 digits (or empty)', { description: 'Country code the caller number may carry before the pattern' })),
  callBlockDirection: Type.Optional(Matching('^inbound$', 'must be inbound: Switchyard blocks inbound calls only', { description: 'inbound' })),
  callBlockAction: Type.Optional(Action),
  callBlockData: Blank(Text(64, { description: 'The voicemail box (an extension of the tenant) for the voicemail action' })),
  callBlockEnabled: Type.Optional(Flag()),
  callBlockDescription: Blank(Text(1024)),
};

/** What the edit form sends back because it read it. */
const echoed = {
  callBlockUuid: ReadOnly(),
  domainUuid: ReadOnly(),
  tenantName: ReadOnly(),
  callBlockApp: ReadOnly('FusionPBX keeps the action as call_block_app: the action again'),
  dateCreated: ReadOnly(),
  lastUpdated: ReadOnly(),
};

export const CallBlockCreate = Input({ ...writable, callBlockName: Text(128, { minLength: 1, description: 'The rule name' }), ...echoed });
export const CallBlockUpdate = Input({ ...writable, ...echoed });

export const CallBlockFilter = Input({
  tenantId: Type.Optional(Id()),
  callBlockNumber: Type.Optional(Text(MAX_NUMBER_PATTERN)),
  callBlockEnabled: Type.Optional(Flag()),
});

export type CallBlockCreateInput = StaticDecode<typeof CallBlockCreate>;
export type CallBlockUpdateInput = StaticDecode<typeof CallBlockUpdate>;

/** A call block as every client reads it (REST in snake_case, GraphQL in camelCase). */
export const CallBlockView = Type.Object({
  callBlockUuid: Type.String(),
  domainUuid: Type.String(),
  tenantId: Type.Integer(),
  tenantName: Nullable(Type.String()),
  callBlockName: Type.String(),
  callBlockNumber: Type.String(),
  callBlockCallerIdName: Type.String(),
  callBlockCountryCode: Type.String(),
  callBlockDirection: Type.String(),
  callBlockAction: Type.String(),
  callBlockApp: Type.String({ description: 'The action (FusionPBX keeps it as call_block_app)' }),
  callBlockData: Type.String(),
  callBlockEnabled: Type.Boolean(),
  callBlockDescription: Type.String(),
  dateCreated: Type.Integer({ description: 'unix seconds' }),
  lastUpdated: Type.Integer({ description: 'unix seconds' }),
});

export type CallBlockView = Static<typeof CallBlockView>;
