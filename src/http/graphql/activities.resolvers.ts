// The activity log of a user.
import type { ActivityQuery } from '../../domain/activities/activities.service.ts';
import { listArgs, type PageArgs } from './args.ts';
import type { GqlContext } from './context.ts';

const activitySorts = { id: 'id', action: 'action', createdAt: 'date' };

type ActivityArgs = PageArgs & { userId: number; action?: string | null; after?: Date | null; before?: Date | null };

export const activitiesResolvers = {
  Query: {
    activities: (_: unknown, { userId, ...args }: ActivityArgs, { ctx, services }: GqlContext) =>
      services.activities.listForUser(userId, listArgs(args, activitySorts) as ActivityQuery, ctx),
  },
};
