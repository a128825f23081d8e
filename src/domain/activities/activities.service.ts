// Reading the activity log of one user. Whoever may see the user (reference §3.5) and holds
// activity_read sees what that user did; newest first unless asked otherwise.
import { authorize, type Ctx } from '../../context.ts';
import { page, paging, type ListQuery, type Page } from '../shared/list.ts';
import type { UsersService } from '../users/users.service.ts';
import type { ActivitiesRepository, ActivityFilter, ActivityRecord } from './activities.repository.ts';

export type ActivityQuery = ListQuery & Pick<ActivityFilter, 'action' | 'after' | 'before'>;

const SORTABLE = { activitylog_id: 'id', id: 'id', date: 'createdAt', action: 'action' };
const EXPORT_BATCH = 1000;

export function createActivitiesService(deps: { activities: ActivitiesRepository; users: Pick<UsersService, 'visible'> }) {
  const { activities } = deps;

  /** The user's filter, once the actor is known to reach that user. */
  async function filterFor(userId: number, query: ActivityQuery, ctx: Ctx): Promise<ActivityFilter> {
    authorize(ctx, 'activity_read');
    const user = await deps.users.visible(userId, ctx);
    return { userId: user.id, action: query.action, after: query.after, before: query.before };
  }

  return {
    async listForUser(userId: number, query: ActivityQuery, ctx: Ctx): Promise<Page<ActivityRecord>> {
      const filter = await filterFor(userId, query, ctx);
      const p = paging({ ...query, order: query.order ?? (query.sort ? undefined : 'desc') }, SORTABLE, 'date');
      const { items, total } = await activities.list(filter, p);
      return page(items, total, p);
    },

    /**
     * Every matching entry, oldest first, fetched in batches so an export of a long history does
     * not sit in memory at once. Access is checked before the first row is produced.
     */
    async exportForUser(userId: number, query: ActivityQuery, ctx: Ctx): Promise<AsyncIterable<ActivityRecord[]>> {
      const filter = await filterFor(userId, query, ctx);
      return (async function* () {
        for (let lastId = 0; ; ) {
          const items = await activities.after(filter, lastId, EXPORT_BATCH);
          if (items.length === 0) return;
          yield items;
          if (items.length < EXPORT_BATCH) return;
          lastId = items[items.length - 1].id;
        }
      })();
    },
  };
}

export type ActivitiesService = ReturnType<typeof createActivitiesService>;
