// A call flow as the ICTPBX client has it (src/app/pages/call_flows/call_flow.ts: FusionPBX's
// v_call_flows fields keyed by `call_flow_uuid`), with Switchyard's extras: the destinations' kinds
// and a description. The form sends `call_flow_enabled` and `call_flow_status` as 'true'/'false',
// a destination as the number that reaches it (`*99<box>` for a mailbox), and PUTs back the object
// it loaded. REST speaks these names in snake_case, GraphQL in camelCase.
import { DESTINATION_TYPES, type DestinationType } from '../dialable/targets.ts';
import { SOUND } from '../ivr-menus/ivr-menus.schema.ts';
import { Blank, Flag, Id, Input, Matching, Nullable, ReadOnly, Shaped, SwitchText, Text, Type, type Static, type StaticDecode } from '../shared/schema.ts';

export const CALL_FLOW_NUMBER = '^[0-9]{2,10}$';
/** A toggle code as dialled: `*` then 2 to 8 digits (FusionPBX's *30<n> style), or digits only. */
export const FEATURE_CODE = '^\\*?[0-9]{2,8}$';

const DestinationKind = Type.Unsafe<'' | DestinationType>(
  Type.Union([Type.Literal(''), ...DESTINATION_TYPES.map((t) => Type.Literal(t))], {
    description: `The kind of destination: ${DESTINATION_TYPES.join(', ')} ('' for none); worked out from the number when not given`,
  }),
);

const Destination = (description: string) =>
  Blank(Shaped(33, '^(\\*99)?[0-9+]{0,30}$', 'must be the number that reaches the destination (digits, optional +; *99<box> for a mailbox)', { description }));

/** A sound the toggle code plays (as IVR menus' sounds: a stock sound path, phrase: or say:; nothing FreeSWITCH would expand). */
const Sound = (description: string) =>
  Blank(Shaped(300, SOUND, "must be a stock sound path (ivr/ivr-you_are_now_in_open.wav), phrase:<macro> or say:<text> ('' for the tone)", { description }));

const App = Type.Unsafe<'transfer' | 'hangup' | 'voicemail'>(
  Type.Union([Type.Literal('transfer'), Type.Literal('hangup'), Type.Literal('voicemail')], { description: "transfer, voicemail, or hangup (the destination is then ignored)" }),
);

const writable = {
  tenantId: Type.Optional(Id({ description: 'Super-admin: the tenant; a tenant admin creates in its own' })),
  callFlowFeatureCode: Blank(Matching(`^$|${FEATURE_CODE}`, 'must be * and 2 to 8 digits (e.g. *301), or empty for *30 and the number', { description: 'The code that toggles it' })),
  callFlowContext: Blank(Text(253, { description: "The dialplan context: always the tenant's domain ('' for it)" })),
  callFlowStatus: Type.Optional(Flag({ description: 'true: calls go to the normal destination; false: to the alternate one' })),
  callFlowPinNumber: Blank(Matching('^[0-9]{0,16}$', 'must be digits (at most 16)', { description: "Asked for by the toggle code, which toggles only when it is keyed in ('' for none)" })),
  callFlowLabel: Blank(SwitchText(64, { description: 'The normal state’s name (Open, Day)' })),
  callFlowAlternateLabel: Blank(SwitchText(64, { description: 'The alternate state’s name (Closed, Night)' })),
  callFlowSound: Sound('Played by the toggle code when the status turns true'),
  callFlowAlternateSound: Sound('Played by the toggle code when the status turns false'),
  callFlowApp: Type.Optional(App),
  callFlowData: Destination('Where calls go while the status is true'),
  callFlowDestinationType: Type.Optional(DestinationKind),
  callFlowAlternateApp: Type.Optional(App),
  callFlowAlternateData: Destination('Where calls go while the status is false'),
  callFlowAlternateDestinationType: Type.Optional(DestinationKind),
  callFlowDescription: Blank(Text(1024)),
  callFlowEnabled: Type.Optional(Flag({ description: 'A disabled call flow is not dialable' })),
};

/** What the form sends back because it read it. */
const echoed = {
  callFlowUuid: ReadOnly(),
  domainUuid: ReadOnly(),
  dialplanUuid: ReadOnly(),
  tenantName: ReadOnly(),
  dateCreated: ReadOnly(),
  lastUpdated: ReadOnly(),
};

export const CallFlowCreate = Input({
  callFlowName: SwitchText(128, { minLength: 1, description: 'Its name' }),
  callFlowExtension: Matching(CALL_FLOW_NUMBER, 'must be 2 to 10 digits', { description: 'The number that reaches it, free among the tenant’s numbers' }),
  ...writable,
  ...echoed,
});

export const CallFlowUpdate = Input({
  callFlowName: Type.Optional(SwitchText(128, { minLength: 1 })),
  callFlowExtension: Type.Optional(Matching(CALL_FLOW_NUMBER, 'must be 2 to 10 digits')),
  ...writable,
  ...echoed,
});

export const CallFlowFilter = Input({
  tenantId: Type.Optional(Id()),
  callFlowExtension: Type.Optional(Text(16)),
  callFlowName: Type.Optional(Text(128)),
  callFlowEnabled: Type.Optional(Flag()),
});

export type CallFlowCreateInput = StaticDecode<typeof CallFlowCreate>;
export type CallFlowUpdateInput = StaticDecode<typeof CallFlowUpdate>;

/** A call flow as every client reads it (REST in snake_case, GraphQL in camelCase). */
export const CallFlowView = Type.Object({
  callFlowUuid: Type.String(),
  domainUuid: Type.String(),
  dialplanUuid: Type.String({ description: 'FusionPBX keeps a dialplan row per call flow: here its own uuid' }),
  tenantId: Type.Integer(),
  tenantName: Nullable(Type.String()),
  callFlowName: Type.String(),
  callFlowExtension: Type.String(),
  callFlowFeatureCode: Type.String(),
  callFlowContext: Type.String({ description: "The tenant's domain" }),
  callFlowStatus: Type.Boolean(),
  callFlowPinNumber: Type.String(),
  callFlowLabel: Type.String(),
  callFlowAlternateLabel: Type.String(),
  callFlowSound: Type.String(),
  callFlowAlternateSound: Type.String(),
  callFlowApp: Type.String(),
  callFlowData: Type.String(),
  callFlowDestinationType: Type.String(),
  callFlowAlternateApp: Type.String(),
  callFlowAlternateData: Type.String(),
  callFlowAlternateDestinationType: Type.String(),
  callFlowDescription: Type.String(),
  callFlowEnabled: Type.Boolean(),
  dateCreated: Type.Integer({ description: 'unix seconds' }),
  lastUpdated: Type.Integer({ description: 'unix seconds' }),
});

export type CallFlowView = Static<typeof CallFlowView>;
