// The permission catalogue: readable by anyone allowed to see permissions, extended by whoever
// holds permission_create (the super-admin by default). ICTCore has no update or delete here.
import { authorize, authorizeAny, type Ctx } from '../../context.ts';
import { conflict, validationFailed } from '../../errors.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import { page, paging, type ListQuery, type Page } from '../shared/list.ts';
import type { PermissionRecord, PermissionsRepository } from './permissions.repository.ts';

/** ICTCore's naming: lower-case words joined by `_`, the parent first (`user`, `user_create`). */
export const PERMISSION_NAME = /^[a-z][a-z0-9_]{1,63}$/;

const SORTABLE = { permission_id: 'id', id: 'id', name: 'name' };

export function createPermissionsService(deps: { permissions: PermissionsRepository; activity: ActivityLog }) {
  const { permissions, activity } = deps;

  return {
    async list(query: ListQuery & { name?: string }, ctx: Ctx): Promise<Page<PermissionRecord>> {
      authorizeAny(ctx, 'permission_list', 'permission_read');
      const p = paging(query, SORTABLE, 'permission_id');
      const { items, total } = await permissions.list({ name: query.name }, p);
      return page(items, total, p);
    },

    async create(input: { name: string; description?: string }, ctx: Ctx): Promise<PermissionRecord> {
      authorize(ctx, 'permission_create');
      if (!PERMISSION_NAME.test(input.name)) throw validationFailed('name', `must match pattern "${PERMISSION_NAME.source}"`);
      if (await permissions.findByName(input.name)) throw conflict(`Permission ${input.name} already exists`);
      const created = await permissions.create({ name: input.name, description: input.description ?? '' });
      await activity.record(ctx, 'permission_created', `Create Permission ${created.name} -ID:${created.id}`);
      return created;
    },
  };
}

export type PermissionsService = ReturnType<typeof createPermissionsService>;
