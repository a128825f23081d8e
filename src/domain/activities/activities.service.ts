// Reading the activity log. ICTPBX has two readings: /users/activity/:user_id is that user's own
// log, and /users/activities/:user_id (with its CSV export) is the "System Activities" screen of
// the user named in the path (the client sends its own id): every entry the viewer may see (a
// super-admin all, a tenant admin its tenant's, anyone else their own), filtered by user_id,
// tenant_id and a time range. Whoever holds activity_read and may see the path's user reads it;
// newest first unless asked otherwise. Every filter is checked against the schema first.
import { authorize, scopeOf, type AuthedCtx, type Ctx } from '../../context.ts';
import { page, paging, splitList, type ListQuery, type Page } from '../shared/list.ts';
import { parse } from '../shared/schema.ts';
import type { UsersService } from '../users/users.service.ts';
import type { ActivitiesRepository, ActivityFilter, ActivityRecord } from './activities.repository.ts';
import { ActivityFilter as ActivityFilterSchema, type ActivityFilterInput, type ActivityView } from './activities.schema.ts';
import { unixSeconds } from '../shared/unix-time.ts';

export type ActivityQuery = ListQuery & Record<string, unknown>;

const SORTABLE = { activitylog_id: 'id', id: 'id', date: 'createdAt', action: 'action' };
const EXPORT_BATCH = 1000;

const at = (seconds: number | undefined) => (seconds === undefined ? undefined : new Date(seconds * 1000));
const latest = (...s: (number | undefined)[]) => at(s.some((v) => v !== undefined) ? Math.max(...s.filter((v) => v !== undefined)) : undefined);
const earliest = (...s: (number | undefined)[]) => at(s.some((v) => v !== undefined) ? Math.min(...s.filter((v) => v !== undefined)) : undefined);

/** The entry's text; entries without one (a few security events) fall back to the keyword. */
export const activityText = (a: ActivityRecord) => a.detail || a.action;

export function activityView(a: ActivityRecord): ActivityView {
  return {
    activitylogId: a.id,
    id: a.id,
    userId: a.userId,
    tenantId: a.tenantId,
    username: a.username,
    activities: activityText(a),
    action: a.action,
    ipAddress: a.ip,
    date: unixSeconds(a.createdAt),
  };
}

export function createActivitiesService(deps: { activities: ActivitiesRepository; users: Pick<UsersService, 'visible'> }) {
  const { activities } = deps;

  /** The repository filter, or null when the filters ask for what the viewer cannot see. */
  function scoped(input: ActivityFilterInput, ctx: AuthedCtx, only?: number): ActivityFilter | null {
    const filter: ActivityFilter = {
      userId: only ?? input.userId,
      tenantId: input.tenantId,
      action: input.action,
      after: latest(input.from, input.after),
      before: earliest(input.to, input.before),
    };
    // The user's own log: reaching the user is what it takes.
    if (only !== undefined) return input.userId === undefined || input.userId === only ? filter : null;
    const scope = scopeOf(ctx.actor);
    if (scope.kind === 'tenant') {
      if (filter.tenantId !== undefined && filter.tenantId !== scope.tenantId) return null;
      filter.tenantId = scope.tenantId;
    } else if (scope.kind === 'self') {
      if (filter.userId !== undefined && filter.userId !== scope.userId) return null;
      filter.userId = scope.userId;
    }
    return filter;
  }

  /** Checks access to the path's user and the filters; `own` reads that user's log only. */
  async function filterFor(userId: number, query: Record<string, unknown>, ctx: Ctx, own: boolean): Promise<ActivityFilter | null> {
    authorize(ctx, 'activity_read');
    const user = await deps.users.visible(userId, ctx);
    return scoped(parse(ActivityFilterSchema, query), ctx, own ? user.id : undefined);
  }

  async function list(userId: number, query: ActivityQuery, ctx: Ctx, own: boolean): Promise<Page<ActivityRecord>> {
    const { list: q, filters } = splitList(query);
    const filter = await filterFor(userId, filters, ctx, own);
    const p = paging({ ...q, order: q.order ?? (q.sort ? undefined : 'desc') }, SORTABLE, 'date');
    if (!filter) return page([], 0, p);
    const { items, total } = await activities.list(filter, p);
    return page(items, total, p);
  }

  return {
    /** The user's own log (/users/activity/:user_id). */
    listForUser: (userId: number, query: ActivityQuery, ctx: Ctx) => list(userId, query, ctx, true),

    /** The log as the path's user sees it (/users/activities/:user_id), filtered. */
    listVisible: (userId: number, query: ActivityQuery, ctx: Ctx) => list(userId, query, ctx, false),

    /**
     * Every entry listVisible would answer, oldest first, fetched in batches so an export of a
     * long history does not sit in memory at once. Access is checked before the first row.
     */
    async exportVisible(userId: number, query: Record<string, unknown>, ctx: Ctx): Promise<AsyncIterable<ActivityRecord[]>> {
      const filter = await filterFor(userId, splitList(query).filters, ctx, false);
      return (async function* () {
        if (!filter) return;
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
