// The activity log as ICTPBX has it (activitylog: user_id, tenant_id, username, ip_address,
// activities, date in unix seconds), with Switchyard's `action` keyword as an extra. The ICTPBX
// "System Activities" screen filters with from/to (unix seconds), tenant_id and user_id; its count
// request appends its empty filter as a bare `null` (`?totalrows&null`), accepted and ignored.
import { Id, Input, ReadOnly, Text, Type, type Static, type StaticDecode } from '../shared/schema.ts';

const Seconds = (description: string) => Type.Optional(Type.Number({ minimum: 0, maximum: 253_402_300_799, description }));

export const ActivityFilter = Input({
  userId: Type.Optional(Id({ description: "Only this user's entries" })),
  tenantId: Type.Optional(Id({ description: "Only this tenant's entries" })),
  from: Seconds('At or after (unix seconds; the ICTPBX client)'),
  to: Seconds('At or before (unix seconds; the ICTPBX client)'),
  after: Seconds('At or after (unix seconds)'),
  before: Seconds('At or before (unix seconds)'),
  action: Type.Optional(Text(64, { description: 'Only entries of this action (login, user_created, ...)' })),
  null: ReadOnly("the ICTPBX client's empty filter in its count request (?totalrows&null)"),
});

export type ActivityFilterInput = StaticDecode<typeof ActivityFilter>;

/** An entry as every client reads it (the ICTPBX screens read user_id, username, ip_address, activities, date). */
export const ActivityView = Type.Object({
  activitylogId: Type.Integer(),
  id: Type.Integer(),
  userId: Type.Union([Type.Integer(), Type.Null()]),
  tenantId: Type.Union([Type.Integer(), Type.Null()]),
  username: Type.String(),
  activities: Type.String({ description: 'What happened, in words' }),
  action: Type.String({ description: 'What happened, as a keyword (login, user_created, ...)' }),
  ipAddress: Type.String(),
  date: Type.Integer({ description: 'unix seconds' }),
});

export type ActivityView = Static<typeof ActivityView>;
