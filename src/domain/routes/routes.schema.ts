// An outbound route as ICTCore and the ICTPBX client have it: a name, the destination (a
// dialling prefix, destinations.schema.ts) its calls go to, the provider they leave through and
// the service (1 voice, 2 fax, ...). Switchyard's extras are optional: a regular expression
// `pattern` instead of a destination, strip / prepend, failover priority, toll class and cost.
// The client's selects send provider_id and service_flag as text ("3"), so ids and flags are read
// from text or number alike.
import { DestinationId } from '../destinations/destinations.schema.ts';
import { Flag, Id, Input, Int, Matching, Nullable, ReadOnly, Text, Type, type Static, type StaticDecode } from '../shared/schema.ts';

export const TOLL_TYPES = ['', 'local', 'domestic', 'international'] as const;

/** An id from a select (text) or a number. */
const Ref = (description?: string) =>
  Type.Transform(Type.Union([Id(), Matching('^[1-9][0-9]{0,9}$', 'must be an id')], { typeMessage: 'must be an id (a positive integer)', description }))
    .Decode((v) => Number(v))
    .Encode((n) => n);

/** ICTCore's service bit set (1 voice, 2 fax, 4 sms, 8 email, 16 video), as text or a number. */
const ServiceFlag = Type.Transform(
  Type.Union([Int(1, 255), Matching('^[0-9]{1,3}$', 'must be a service bit set')], { typeMessage: 'must be a bit set from 1 to 255 (1 voice, 2 fax, ...)', description: '1 voice, 2 fax, 4 sms, 8 email, 16 video (a bit set)' }),
)
  .Decode((v) => Number(v))
  .Encode((n) => n);

const writable = {
  tenantId: Type.Optional(Nullable(Id({ description: 'Super-admin: the owning tenant, or null/omitted for a shared route' }))),
  name: Type.Optional(Text(64, { minLength: 1 })),
  destinationId: Type.Optional(Nullable(DestinationId('The destination (dialling prefix) the route serves; its prefix becomes the pattern'))),
  pattern: Type.Optional(Text(256, { description: "Instead of a destination: a regular expression (PCRE and JavaScript alike) the dialled number must match; '' for none" })),
  providerId: Type.Optional(Ref('The provider calls leave through')),
  serviceFlag: Type.Optional(ServiceFlag),
  strip: Type.Optional(Int(0, 32, { description: 'Leading characters of the dialled number to remove (of the digits, for a destination)' })),
  prepend: Type.Optional(Matching('^[0-9*#+]{0,16}$', 'must be at most 16 digits, *, # or +', { description: 'Added in front after stripping' })),
  priority: Type.Optional(Int(0, 10000, { description: 'Lower first; routes of the same destination or pattern fail over in this order' })),
  tollType: Type.Optional(Type.Union(TOLL_TYPES.map((t) => Type.Literal(t)), { description: "The toll class the caller's toll_allow must include: '' (any), local, domestic or international" })),
  cost: Type.Optional(Type.Number({ minimum: 0, maximum: 1_000_000 })),
  active: Type.Optional(Flag()),
  description: Type.Optional(Text(1024)),
};

/** What the client sends back having read it (GET /routes/:id, then PUT the object). */
const echoed = {
  routeId: ReadOnly(),
  destination: ReadOnly("the destination's name"),
  prefix: ReadOnly("the destination's prefix"),
  provider: ReadOnly("the provider's name"),
  service: ReadOnly("the service's name"),
  fpbxDialplanUuid: ReadOnly('ICTPBX\'s FusionPBX projection: Switchyard renders the dialplan itself'),
  dateCreated: ReadOnly(),
  lastUpdated: ReadOnly(),
};

export const RouteCreate = Input({ ...writable, name: Text(64, { minLength: 1 }), providerId: Ref('The provider calls leave through'), ...echoed });
export const RouteUpdate = Input({ ...writable, ...echoed });

export const RouteFilter = Input({
  routeId: Type.Optional(Ref()),
  tenantId: Type.Optional(Id()),
  providerId: Type.Optional(Ref()),
  serviceFlag: Type.Optional(ServiceFlag),
  name: Type.Optional(Text(64, { description: 'Part of the name' })),
  destinationId: Type.Optional(DestinationId()),
  tollType: Type.Optional(Text(16)),
  active: Type.Optional(Flag()),
});

export type RouteCreateInput = StaticDecode<typeof RouteCreate>;
export type RouteUpdateInput = StaticDecode<typeof RouteUpdate>;
export type RouteFilterInput = StaticDecode<typeof RouteFilter>;

const NullableString = (description?: string) => Nullable(Type.String({ description }));

/** A route as every client reads it (REST in snake_case, GraphQL in camelCase). */
export const RouteView = Type.Object({
  routeId: Type.Integer(),
  tenantId: Nullable(Type.Integer({ description: 'null: shared by every tenant' })),
  name: Type.String(),
  destinationId: NullableString('The destination it serves (null: a pattern route)'),
  destination: NullableString("The destination's name"),
  prefix: NullableString("The destination's prefix"),
  providerId: Type.Integer(),
  provider: Type.String({ description: "The provider's name" }),
  serviceFlag: Type.Integer(),
  service: Type.String({ description: 'The services of service_flag by name (voice, fax, ...), comma separated' }),
  pattern: Type.String({ description: "The pattern of a pattern route ('' for a destination route)" }),
  strip: Type.Integer(),
  prepend: Type.String(),
  priority: Type.Integer(),
  tollType: Type.String(),
  cost: Type.Number(),
  active: Type.Boolean(),
  description: Type.String(),
  dateCreated: Type.Integer({ description: 'unix seconds' }),
  lastUpdated: Type.Integer({ description: 'unix seconds' }),
});

export type RouteView = Static<typeof RouteView>;
