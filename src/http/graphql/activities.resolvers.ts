// The activity log: Query.activities is a user's own log (REST's /users/activity/:user_id),
// filtered like REST (the service checks the filters against activities.schema.ts). Entries answer
// as records; the fields ICTPBX names otherwise are derived from the activity view.
import type { ActivityRecord } from '../../domain/activities/activities.repository.ts';
import { activityView } from '../../domain/activities/activities.service.ts';
import { listArgs, type PageArgs } from './args.ts';
import type { GqlContext } from './context.ts';

const activitySorts = { id: 'id', action: 'action', createdAt: 'date' };
const seconds = (d: Date | null | undefined) => (d ? Math.floor(d.getTime() / 1000) : undefined);

type ActivityArgs = PageArgs & { userId: number; action?: string | null; after?: Date | null; before?: Date | null };

export const activitiesResolvers = {
  Query: {
    activities: (_: unknown, { userId, after, before, ...args }: ActivityArgs, { ctx, services }: GqlContext) =>
      services.activities.listForUser(userId, { ...listArgs(args, activitySorts), after: seconds(after), before: seconds(before) }, ctx),
  },
  Activity: {
    activitylogId: (a: ActivityRecord) => a.id,
    activities: (a: ActivityRecord) => activityView(a).activities,
    ipAddress: (a: ActivityRecord) => a.ip,
    date: (a: ActivityRecord) => activityView(a).date,
  },
};
