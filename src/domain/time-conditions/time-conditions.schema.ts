// A time condition as the ICTPBX client has it (src/app/pages/time_conditions/time_condition.ts:
// FusionPBX's dialplan keyed by `dialplan_uuid`, its `tc_*` fields), with Switchyard's extras: the
// destinations' kinds, the timezone (IANA; the client's form has none, so each time condition keeps
// its own, UTC by default), a date range and holidays. The form sends `tc_enabled` as 'true' or
// 'false', a destination as the number that reaches it (`*99<box>` for a mailbox), and PUTs back the
// object it loaded. REST speaks these names in snake_case, GraphQL in camelCase.
import { DESTINATION_TYPES, type DestinationType } from '../dialable/targets.ts';
import { Blank, Flag, Id, Input, Matching, Nullable, ReadOnly, Shaped, Text, Type, type Static, type StaticDecode } from '../shared/schema.ts';

export const TC_NUMBER = '^[0-9]{2,10}$';
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
const DATE = '[0-9]{4}-[0-9]{2}-[0-9]{2}';
const HOUR = '([01][0-9]|2[0-3]):[0-5][0-9]';

const Weekday = Type.Unsafe<Weekday>(Type.Union(WEEKDAYS.map((d) => Type.Literal(d)), { description: 'sun, mon, tue, wed, thu, fri or sat' }));

const DestinationKind = Type.Unsafe<'' | DestinationType>(
  Type.Union([Type.Literal(''), ...DESTINATION_TYPES.map((t) => Type.Literal(t))], {
    description: `The kind of destination: ${DESTINATION_TYPES.join(', ')} ('' for none); worked out from the number when not given`,
  }),
);

const Destination = (description: string) =>
  Blank(Shaped(33, '^(\\*99)?[0-9+]{0,30}$', 'must be the number that reaches the destination (digits, optional +; *99<box> for a mailbox)', { description }));

const writable = {
  tenantId: Type.Optional(Id({ description: 'Super-admin: the tenant; a tenant admin creates in its own' })),
  tcContext: Blank(Text(253, { description: "The dialplan context: always the tenant's domain ('' for it)" })),
  tcDescription: Blank(Text(1024)),
  tcEnabled: Type.Optional(Flag({ description: 'A disabled time condition is not dialable' })),
  tcTimeStart: Type.Optional(Matching(`^${HOUR}$`, 'must be a time HH:MM (24 hours)', { description: 'Opening time of day, HH:MM' })),
  tcTimeStop: Type.Optional(Matching(`^(${HOUR}|24:00)$`, 'must be a time HH:MM (24 hours, 24:00 for midnight)', { description: 'Closing time of day, HH:MM (excluded); before the start for overnight' })),
  tcWdayStart: Type.Optional(Weekday),
  tcWdayStop: Type.Optional(Weekday),
  tcOpenDestination: Destination('Where calls go while the schedule holds'),
  tcOpenDestinationType: Type.Optional(DestinationKind),
  tcClosedDestination: Destination('Where calls go otherwise'),
  tcClosedDestinationType: Type.Optional(DestinationKind),
  tcTimezone: Type.Optional(Shaped(64, '^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2}$', 'must be an IANA timezone name (e.g. Europe/Paris)', { description: 'IANA timezone (default UTC)' })),
  tcDateStart: Blank(Matching(`^$|^${DATE}$`, 'must be a date YYYY-MM-DD', { description: "First day the schedule applies ('' for no start)" })),
  tcDateStop: Blank(Matching(`^$|^${DATE}$`, 'must be a date YYYY-MM-DD', { description: "Last day the schedule applies ('' for no end)" })),
  tcHolidays: Type.Optional(
    Type.Array(Matching(`^${DATE}(/${DATE})?$`, 'must be a date YYYY-MM-DD or a range YYYY-MM-DD/YYYY-MM-DD'), {
      maxItems: 100,
      description: 'Days (or ranges of days, both included) on which calls go to the closed destination',
    }),
  ),
};

/** What the form sends back because it read it. */
const echoed = {
  dialplanUuid: ReadOnly(),
  domainUuid: ReadOnly(),
  tenantName: ReadOnly(),
  dateCreated: ReadOnly(),
  lastUpdated: ReadOnly(),
};

export const TimeConditionCreate = Input({
  tcName: Text(128, { minLength: 1, description: 'Its name' }),
  tcExtension: Matching(TC_NUMBER, 'must be 2 to 10 digits', { description: 'The number that reaches it, free among the tenant’s numbers' }),
  ...writable,
  ...echoed,
});

export const TimeConditionUpdate = Input({
  tcName: Type.Optional(Text(128, { minLength: 1 })),
  tcExtension: Type.Optional(Matching(TC_NUMBER, 'must be 2 to 10 digits')),
  ...writable,
  ...echoed,
});

export const TimeConditionFilter = Input({
  tenantId: Type.Optional(Id()),
  tcExtension: Type.Optional(Text(16)),
  tcName: Type.Optional(Text(128)),
  tcEnabled: Type.Optional(Flag()),
});

export type TimeConditionCreateInput = StaticDecode<typeof TimeConditionCreate>;
export type TimeConditionUpdateInput = StaticDecode<typeof TimeConditionUpdate>;

/** A time condition as every client reads it (REST in snake_case, GraphQL in camelCase). */
export const TimeConditionView = Type.Object({
  dialplanUuid: Type.String(),
  domainUuid: Type.String(),
  tenantId: Type.Integer(),
  tenantName: Nullable(Type.String()),
  tcName: Type.String(),
  tcExtension: Type.String(),
  tcContext: Type.String({ description: "The tenant's domain" }),
  tcDescription: Type.String(),
  tcEnabled: Type.Boolean(),
  tcTimeStart: Type.String(),
  tcTimeStop: Type.String(),
  tcWdayStart: Type.String(),
  tcWdayStop: Type.String(),
  tcOpenDestination: Type.String(),
  tcOpenDestinationType: Type.String(),
  tcClosedDestination: Type.String(),
  tcClosedDestinationType: Type.String(),
  tcTimezone: Type.String(),
  tcDateStart: Type.String(),
  tcDateStop: Type.String(),
  tcHolidays: Type.Array(Type.String()),
  dateCreated: Type.Integer({ description: 'unix seconds' }),
  lastUpdated: Type.Integer({ description: 'unix seconds' }),
});

export type TimeConditionView = Static<typeof TimeConditionView>;
