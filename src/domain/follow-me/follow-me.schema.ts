// A follow-me as the ICTPBX client has it: FusionPBX's v_follow_me fields (its FollowMe model,
// src/app/pages/follow_me/follow_me.ts) with its destinations as `destinations`
// (FollowMeDestination). The form (follow_me-form.component.ts) sends the flags as the strings
// 'true'/'false', numbers from number inputs (null once cleared), a new destination row as
// '' until picked, and PUTs back the object it loaded. Written once here: the service checks every
// input with it, REST speaks its snake_case, GraphQL its camelCase.
import { Blank, Flag, Id, Input, Int, Matching, NoValue, Nullable, ReadOnly, SwitchText, Text, Type, type Static, type StaticDecode } from '../shared/schema.ts';

/** A destination: an extension number of the tenant or an external number (digits, optional +); '' is a row left empty. */
const DESTINATION = '^$|^\\+?[0-9]{2,20}$';

/**
 * A number input's value: a number, its text (a select's value), or null once cleared (not given).
 * Its range (SECONDS) is checked by the service once decoded: REST's coercion may have turned the
 * number into its text, and an error inside a union in a list would name the list, not the field.
 */
const Seconds = (minimum: number, maximum: number, description: string) =>
  Type.Optional(
    Type.Transform(
      Type.Union([Int(0, 9999), Matching('^[0-9]{1,4}$', `must be a whole number from ${minimum} to ${maximum}`), NoValue], {
        description: `${description}: ${minimum} to ${maximum}`,
        typeMessage: `must be a whole number from ${minimum} to ${maximum}`,
      }),
    )
      .Decode((v) => (v === null ? undefined : Number(v)))
      .Encode((n) => n ?? null),
  );

/** The ranges of a destination's numbers. */
export const SECONDS = { followMeDelay: [0, 300], followMeTimeout: [1, 600], followMeOrder: [0, 9999] } as const;

export const FollowMeDestinationInput = Input({
  followMeDestination: Blank(
    Matching(DESTINATION, 'must be an extension number or an external number (digits, optional leading +)', {
      description: "An extension of the tenant, or an external number dialled through its outbound routes ('' for a row left empty: skipped)",
    }),
  ),
  followMeDelay: Seconds(...SECONDS.followMeDelay, 'Seconds after the call starts before it rings (default 0)'),
  followMeTimeout: Seconds(...SECONDS.followMeTimeout, 'Seconds it rings (default 30)'),
  followMePrompt: Type.Optional(Flag({ description: "FusionPBX's answer confirmation: kept, not rendered (it needs FusionPBX's Lua)" })),
  followMeOrder: Seconds(...SECONDS.followMeOrder, 'Its place in the order (lowest first; ties keep the list order)'),
  followMeDestinationUuid: ReadOnly(),
  followMeDestinationType: ReadOnly('extension or external: worked out from the number'),
});

const writable = {
  tenantId: Type.Optional(Id({ description: "Super-admin: checked against the extension's tenant" })),
  followMeEnabled: Type.Optional(Flag({ description: "Whether it rings (the extension's follow_me_enabled, which its feature code toggles)" })),
  followMeIgnoreBusy: Type.Optional(Flag({ description: 'true: a busy destination does not end the call for the others' })),
  cidNamePrefix: Blank(SwitchText(32, { description: 'Put before the caller-id name the extension and its destinations see' })),
  cidNumberPrefix: Blank(Matching('^[+0-9]{0,16}$', 'must be digits (optional +), at most 16', { description: 'Put before the caller-id number the extension and its destinations see' })),
  dialString: Blank(
    Matching('^$', 'must be empty: the destinations build the dial string', { description: "Always '': Switchyard builds the dial string from the destinations" }),
  ),
  destinations: Type.Optional(Nullable(Type.Array(FollowMeDestinationInput, { maxItems: 32, description: 'Its destinations, at most 32 (the list replaces the previous one)' }))),
};

/** What the client sends back because it read it (its edit form PUTs the loaded object). */
const echoed = {
  followMeUuid: ReadOnly(),
  domainUuid: ReadOnly(),
  domainName: ReadOnly(),
  tenantName: ReadOnly(),
  extensionNumber: ReadOnly('the number of extension_uuid'),
  dateCreated: ReadOnly(),
  lastUpdated: ReadOnly(),
};

const extensionUuid = Text(64, { minLength: 1, description: 'The extension it belongs to (one follow-me per extension)' });

export const FollowMeCreate = Input({ extensionUuid, ...writable, ...echoed });
export const FollowMeUpdate = Input({ extensionUuid: Type.Optional(extensionUuid), ...writable, ...echoed });

export const FollowMeFilter = Input({
  tenantId: Type.Optional(Id()),
  extensionUuid: Type.Optional(Text(64)),
  followMeEnabled: Type.Optional(Flag()),
});

export type FollowMeCreateInput = StaticDecode<typeof FollowMeCreate>;
export type FollowMeUpdateInput = StaticDecode<typeof FollowMeUpdate>;
export type FollowMeDestinationInput = StaticDecode<typeof FollowMeDestinationInput>;

export const FollowMeDestinationView = Type.Object({
  followMeDestinationUuid: Type.String(),
  followMeDestination: Type.String(),
  followMeDestinationType: Type.String({ description: 'extension or external (decided when written)' }),
  followMeDelay: Type.Integer(),
  followMeTimeout: Type.Integer(),
  followMePrompt: Type.Boolean(),
  followMeOrder: Type.Integer(),
});

/** A follow-me as every client reads it (REST in snake_case, GraphQL in camelCase). */
export const FollowMeView = Type.Object({
  followMeUuid: Type.String(),
  tenantId: Type.Integer(),
  tenantName: Type.String(),
  domainUuid: Type.String(),
  domainName: Type.String(),
  extensionUuid: Type.String(),
  extensionNumber: Type.String(),
  followMeEnabled: Type.Boolean(),
  followMeIgnoreBusy: Type.Boolean(),
  cidNamePrefix: Type.String(),
  cidNumberPrefix: Type.String(),
  dialString: Type.String({ description: "Always '' (the destinations build it)" }),
  destinations: Type.Array(FollowMeDestinationView),
  dateCreated: Type.Integer({ description: 'unix seconds' }),
  lastUpdated: Type.Integer({ description: 'unix seconds' }),
});

export type FollowMeView = Static<typeof FollowMeView>;
