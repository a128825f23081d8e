// The roles and direct permissions of one user. Reading them follows the user's visibility;
// changing them is an administrator's job (user_admin: a tenant admin for its tenant, the
// super-admin for everyone) and never raises anyone above the one granting.
import { authorize, requireActor, type Ctx } from '../../context.ts';
import { forbidden, notFound } from '../../errors.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import type { PermissionRecord, PermissionsRepository } from '../permissions/permissions.repository.ts';
import { checkGrantable } from '../roles/roles.service.ts';
import type { RoleRecord, RolesRepository } from '../roles/roles.repository.ts';
import type { UserRecord, UsersRepository } from './users.repository.ts';
import type { UsersService } from './users.service.ts';

export interface EffectivePermission extends PermissionRecord {
  /** Granted to the user directly (beside any role that carries it). */
  direct: boolean;
  /** Names of the user's roles that carry it. */
  roles: string[];
}

export function createUserGrantsService(deps: {
  users: UsersRepository;
  roles: RolesRepository;
  permissions: PermissionsRepository;
  usersService: Pick<UsersService, 'visible' | 'checkAssignableRoles'>;
  activity: ActivityLog;
}) {
  const { users, roles, permissions, usersService, activity } = deps;

  /** The user, once the actor may change its grants. */
  async function manageable(userId: number, ctx: Ctx): Promise<UserRecord> {
    authorize(ctx, 'user_admin');
    const user = await usersService.visible(userId, ctx, 'user_update');
    if (user.id === ctx.actor.id) throw forbidden('You cannot change your own roles or permissions');
    if (!ctx.actor.isAdmin && user.permissions.includes('super_admin')) throw forbidden("Only a super-admin may change a super-admin's grants");
    return user;
  }

  async function permission(id: number): Promise<PermissionRecord> {
    const found = await permissions.findById(id);
    if (!found) throw notFound('Permission');
    return found;
  }

  async function role(id: number, ctx: Ctx): Promise<RoleRecord> {
    requireActor(ctx);
    const found = await roles.findById(id);
    if (!found) throw notFound('Role');
    await usersService.checkAssignableRoles([found.id], ctx);
    return found;
  }

  const subject = (user: UserRecord) => ({ tenantId: user.tenantId });

  return {
    /** Effective permissions: direct grants and those of every role, one row per permission. */
    async permissionsOf(userId: number, ctx: Ctx): Promise<EffectivePermission[]> {
      const user = await usersService.visible(userId, ctx);
      authorize(ctx, 'permission_read');
      const rows = await permissions.findByNames(user.permissions);
      const userRoles = await roles.findByIds(user.roles.map((r) => r.id));
      return rows
        .map((p) => ({
          ...p,
          direct: user.directPermissions.some((d) => d.id === p.id),
          roles: userRoles.filter((r) => r.permissions.some((rp) => rp.id === p.id)).map((r) => r.name),
        }))
        .sort((a, b) => a.id - b.id);
    },

    async rolesOf(userId: number, ctx: Ctx): Promise<RoleRecord[]> {
      const user = await usersService.visible(userId, ctx);
      authorize(ctx, 'role_read');
      return (await roles.findByIds(user.roles.map((r) => r.id))).sort((a, b) => a.id - b.id);
    },

    async grantPermission(userId: number, permissionId: number, ctx: Ctx): Promise<void> {
      const user = await manageable(userId, ctx);
      const granted = await permission(permissionId);
      checkGrantable(granted, ctx);
      await users.addPermission(user.id, granted.id);
      await activity.record(ctx, 'user_permission_granted', `Grant ${granted.name} to User [${user.username} -ID:${user.id}]`, subject(user));
    },

    async revokePermission(userId: number, permissionId: number, ctx: Ctx): Promise<void> {
      const user = await manageable(userId, ctx);
      const revoked = await permission(permissionId);
      checkGrantable(revoked, ctx);
      await users.removePermission(user.id, revoked.id);
      await activity.record(ctx, 'user_permission_revoked', `Revoke ${revoked.name} from User [${user.username} -ID:${user.id}]`, subject(user));
    },

    async addRole(userId: number, roleId: number, ctx: Ctx): Promise<void> {
      const user = await manageable(userId, ctx);
      const added = await role(roleId, ctx);
      await users.addRole(user.id, added.id);
      await activity.record(ctx, 'user_role_added', `Add Role ${added.name} to User [${user.username} -ID:${user.id}]`, subject(user));
    },

    async removeRole(userId: number, roleId: number, ctx: Ctx): Promise<void> {
      const user = await manageable(userId, ctx);
      const removed = await role(roleId, ctx);
      await users.removeRole(user.id, removed.id);
      await activity.record(ctx, 'user_role_removed', `Remove Role ${removed.name} from User [${user.username} -ID:${user.id}]`, subject(user));
    },
  };
}

export type UserGrantsService = ReturnType<typeof createUserGrantsService>;
