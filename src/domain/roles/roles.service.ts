// Roles are global: everyone who may read them sees all of them; writing them takes role_*
// permissions, which by default only the super-admin holds. Built-in roles carry the scoping
// rules, so they keep their names and cannot be deleted. Every input is checked against the
// schema (roles.schema.ts) first.
import { authorize, authorizeAny, can, requireActor, type Ctx } from '../../context.ts';
import { conflict, forbidden, notFound } from '../../errors.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import type { PermissionRecord, PermissionsRepository } from '../permissions/permissions.repository.ts';
import { page, paging, splitList, type ListQuery, type Page } from '../shared/list.ts';
import { parse } from '../shared/schema.ts';
import { ADMIN_ROLE } from './catalogue.ts';
import type { RoleRecord, RolesRepository } from './roles.repository.ts';
import { RoleCreate, RoleFilter, RoleUpdate, type RoleView } from './roles.schema.ts';
import { unixSeconds } from '../shared/unix-time.ts';

export function roleView(r: RoleRecord): RoleView {
  return {
    roleId: r.id,
    name: r.name,
    description: r.description,
    builtIn: r.builtIn,
    permissions: r.permissions.map((p) => ({ permissionId: p.id, name: p.name })),
    dateCreated: unixSeconds(r.createdAt),
    lastUpdated: unixSeconds(r.updatedAt),
  };
}

const SORTABLE = { role_id: 'id', id: 'id', name: 'name', date_created: 'createdAt' };

/**
 * Nobody hands out or takes away a permission they do not hold themselves, unless super-admin;
 * so `super_admin` itself moves only at a super-admin's hand.
 */
export function checkGrantable(permission: PermissionRecord, ctx: Ctx): void {
  requireActor(ctx);
  if (ctx.actor.isAdmin) return;
  if (permission.name === 'super_admin' || !can(ctx.actor, permission.name)) {
    throw forbidden(`You cannot grant or revoke ${permission.name}: you do not hold it`);
  }
}

export function createRolesService(deps: { roles: RolesRepository; permissions: PermissionsRepository; activity: ActivityLog }) {
  const { roles, activity } = deps;

  async function find(id: number): Promise<RoleRecord> {
    const role = await roles.findById(id);
    if (!role) throw notFound('Role');
    return role;
  }

  async function permission(id: number): Promise<PermissionRecord> {
    const found = await deps.permissions.findById(id);
    if (!found) throw notFound('Permission');
    return found;
  }

  async function checkName(name: string, exceptId?: number): Promise<void> {
    const existing = await roles.findByName(name);
    if (existing && existing.id !== exceptId) throw conflict(`Role ${name} already exists`);
  }

  return {
    async list(query: ListQuery & Record<string, unknown>, ctx: Ctx): Promise<Page<RoleRecord>> {
      authorizeAny(ctx, 'role_list', 'role_read');
      const { list, filters } = splitList(query);
      const p = paging(list, SORTABLE, 'role_id');
      const { items, total } = await roles.list(parse(RoleFilter, filters), p);
      return page(items, total, p);
    },

    async get(id: number, ctx: Ctx): Promise<RoleRecord> {
      authorize(ctx, 'role_read');
      return find(id);
    },

    /** Roles by id for batching (GraphQL); unknown ids are simply absent. */
    async getMany(ids: readonly number[], ctx: Ctx): Promise<RoleRecord[]> {
      authorizeAny(ctx, 'role_list', 'role_read');
      return roles.findByIds(ids);
    },

    async create(raw: unknown, ctx: Ctx): Promise<RoleRecord> {
      authorize(ctx, 'role_create');
      const input = parse(RoleCreate, raw);
      await checkName(input.name);
      const role = await roles.create({ name: input.name, description: input.description ?? '' });
      await activity.record(ctx, 'role_created', `Create Role ${role.name} -ID:${role.id}`);
      return role;
    },

    async update(id: number, raw: unknown, ctx: Ctx): Promise<RoleRecord> {
      authorize(ctx, 'role_update');
      const role = await find(id);
      const input = parse(RoleUpdate, raw);
      if (input.name !== undefined && input.name !== role.name) {
        if (role.builtIn) throw conflict(`Role ${role.name} is built in and cannot be renamed`);
        await checkName(input.name, id);
      }
      const updated = await roles.update(id, { name: input.name, description: input.description });
      await activity.record(ctx, 'role_updated', `Update Role [${role.name} -ID:${role.id}]: ${Object.keys(input).join(', ')}`);
      return updated;
    },

    async remove(id: number, ctx: Ctx): Promise<void> {
      authorize(ctx, 'role_delete');
      const role = await find(id);
      if (role.builtIn) throw conflict(`Role ${role.name} is built in and cannot be deleted`);
      await roles.delete(id);
      await activity.record(ctx, 'role_deleted', `Delete Role ${role.name} -ID:${role.id}`);
    },

    async attachPermission(roleId: number, permissionId: number, ctx: Ctx): Promise<RoleRecord> {
      authorize(ctx, 'role_update', 'permission_create');
      const role = await find(roleId);
      const granted = await permission(permissionId);
      checkGrantable(granted, ctx);
      await roles.attachPermission(role.id, granted.id);
      await activity.record(ctx, 'role_permission_attached', `Attach ${granted.name} to Role ${role.name} -ID:${role.id}`);
      return find(role.id);
    },

    async detachPermission(roleId: number, permissionId: number, ctx: Ctx): Promise<RoleRecord> {
      authorize(ctx, 'role_update', 'permission_delete');
      const role = await find(roleId);
      const revoked = await permission(permissionId);
      checkGrantable(revoked, ctx);
      // Without it nobody would be a super-admin any more, and nobody could fix that through the API.
      if (role.name === ADMIN_ROLE && role.builtIn && revoked.name === 'super_admin') {
        throw conflict('super_admin cannot be detached from the built-in admin role');
      }
      await roles.detachPermission(role.id, revoked.id);
      await activity.record(ctx, 'role_permission_detached', `Detach ${revoked.name} from Role ${role.name} -ID:${role.id}`);
      return find(role.id);
    },
  };
}

export type RolesService = ReturnType<typeof createRolesService>;
