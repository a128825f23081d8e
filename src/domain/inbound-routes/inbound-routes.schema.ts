// An inbound route as the ICTPBX client has it (src/app/pages/inbound_routes/inbound_route.ts:
// FusionPBX's destination names): the DID number, a typed target (destination_target_type and
// destination_target: an extension, ring group or IVR number, a mailbox, ...), the context (always
// public), an order, enabled and a description, keyed by destination_uuid. It is not a table of its
// own: each route is a DID (domain/dids) that goes somewhere, seen in FusionPBX's words. Switchyard's
// optional extra is FusionPBX's destination_cid_name_prefix (the DID's caller-id name prefix). The
// edit form PUTs back the object it loaded: the view's other fields are accepted and dropped.
import { DESTINATION_TYPES, type DestinationType } from '../dialable/targets.ts';
import { DidNumber } from '../dids/dids.schema.ts';
import { Blank, Flag, Id, Input, Matching, Nullable, ReadOnly, SwitchText, Text, Type, Whole, type Static, type StaticDecode } from '../shared/schema.ts';

const TargetType = Type.Unsafe<DestinationType>(
  Type.Union(
    DESTINATION_TYPES.map((t) => Type.Literal(t)),
    { description: `Where calls go: ${DESTINATION_TYPES.join(', ')}`, typeMessage: `must be one of ${DESTINATION_TYPES.join(', ')}` },
  ),
);

const TARGET = 'The extension, ring group / IVR / queue / conference number, mailbox, time condition or external number';

const writable = {
  tenantId: Type.Optional(Id({ description: "Super-admin: the tenant (default the DID's)" })),
  destinationNumber: Type.Optional(DidNumber),
  destinationTargetType: Type.Optional(TargetType),
  destinationTarget: Type.Optional(Text(64, { description: TARGET })),
  destinationContext: Blank(Matching('^(public)?$', 'must be public: inbound routes are in the public context', { description: 'public' })),
  destinationOrder: Whole(0, 9999, 'Accepted for the form: a DID has one route, so its order is always 100'),
  destinationEnabled: Type.Optional(Flag()),
  destinationDescription: Blank(Text(1024)),
  destinationCidNamePrefix: Blank(SwitchText(32, { description: 'Prepended to the caller-id name of the calls (the DID caller_id_prefix)' })),
};

/** What the edit form sends back because it read it. */
const echoed = {
  destinationUuid: ReadOnly(),
  dialplanUuid: ReadOnly(),
  domainUuid: ReadOnly(),
  tenantName: ReadOnly(),
  accountId: ReadOnly(),
  destinationApp: ReadOnly(),
  destinationData: ReadOnly('read-only after save: what the rendered dialplan does'),
  dateCreated: ReadOnly(),
  lastUpdated: ReadOnly(),
};

export const InboundRouteCreate = Input({
  ...writable,
  destinationNumber: DidNumber,
  destinationTargetType: TargetType,
  destinationTarget: Text(64, { minLength: 1, description: TARGET }),
  ...echoed,
});
export const InboundRouteUpdate = Input({ ...writable, ...echoed });

export const InboundRouteFilter = Input({
  tenantId: Type.Optional(Id()),
  destinationNumber: Type.Optional(Text(16)),
  destinationTargetType: Type.Optional(Text(32)),
  destinationEnabled: Type.Optional(Flag()),
});

export type InboundRouteCreateInput = StaticDecode<typeof InboundRouteCreate>;
export type InboundRouteUpdateInput = StaticDecode<typeof InboundRouteUpdate>;

/** An inbound route as every client reads it (REST in snake_case, GraphQL in camelCase). */
export const InboundRouteView = Type.Object({
  destinationUuid: Type.String(),
  dialplanUuid: Type.String({ description: 'The dialplan entry of the route: the DID renders one, keyed the same' }),
  accountId: Type.Integer({ description: 'The DID (/dids/:account_id)' }),
  domainUuid: Type.String(),
  tenantId: Type.Integer(),
  tenantName: Nullable(Type.String()),
  destinationNumber: Type.String({ description: 'The DID number (digits, without +)' }),
  destinationTargetType: Type.String(),
  destinationTarget: Type.String(),
  destinationContext: Type.Literal('public'),
  destinationOrder: Type.Integer(),
  destinationEnabled: Type.Boolean(),
  destinationDescription: Type.String(),
  destinationCidNamePrefix: Type.String(),
  destinationApp: Type.String({ description: 'transfer, or voicemail for a mailbox' }),
  destinationData: Type.String({ description: "The application's data as rendered: '<target> XML <domain>' or 'default <domain> <mailbox>'" }),
  dateCreated: Type.Integer({ description: 'unix seconds' }),
  lastUpdated: Type.Integer({ description: 'unix seconds' }),
});

export type InboundRouteView = Static<typeof InboundRouteView>;
