// The permission catalogue: readable by anyone allowed to see permissions, extended by whoever
// holds permission_create (the super-admin by default). ICTCore has no update or delete here.
import { authorize, authorizeAny, type Ctx } from '../../context.ts';
import { conflict } from '../../errors.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import { page, paging, splitList, type ListQuery, type Page } from '../shared/list.ts';
import { parse } from '../shared/schema.ts';
import type { PermissionRecord, PermissionsRepository } from './permissions.repository.ts';
import { PermissionCreate, PermissionFilter, type PermissionView } from './permissions.schema.ts';

export const permissionView = (p: PermissionRecord): PermissionView => ({ permissionId: p.id, name: p.name, description: p.description });

const SORTABLE = { permission_id: 'id', id: 'id', name: 'name' };

export function createPermissionsService(deps: { permissions: PermissionsRepository; activity: ActivityLog }) {
  const { permissions, activity } = deps;

  return {
    async list(query: ListQuery & Record<string, unknown>, ctx: Ctx): Promise<Page<PermissionRecord>> {
      authorizeAny(ctx, 'permission_list', 'permission_read');
      const { list, filters } = splitList(query);
      const p = paging(list, SORTABLE, 'permission_id');
      const { items, total } = await permissions.list(parse(PermissionFilter, filters), p);
      return page(items, total, p);
    },

    async create(raw: unknown, ctx: Ctx): Promise<PermissionRecord> {
      authorize(ctx, 'permission_create');
      const input = parse(PermissionCreate, raw);
      if (await permissions.findByName(input.name)) throw conflict(`Permission ${input.name} already exists`);
      const created = await permissions.create({ name: input.name, description: input.description ?? '' });
      await activity.record(ctx, 'permission_created', `Create Permission ${created.name} -ID:${created.id}`);
      return created;
    },
  };
}

export type PermissionsService = ReturnType<typeof createPermissionsService>;
