// An activity log entry with ICTPBX's activitylog names (plus `action`, a stable keyword): the
// activity schema (domain/activities/activities.schema.ts) in the client's words.
import type { ActivityRecord } from '../../../domain/activities/activities.repository.ts';
import { ActivityView } from '../../../domain/activities/activities.schema.ts';
import { activityView as domainActivityView } from '../../../domain/activities/activities.service.ts';
import { toWire, wireSchema } from '../wire.ts';

export { activityText } from '../../../domain/activities/activities.service.ts';

export const activitySchema = wireSchema(ActivityView);

export const activityView = (a: ActivityRecord) => toWire(domainActivityView(a));
