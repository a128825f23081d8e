// Roles and the permission catalogue: arguments map to the same service calls as REST, which
// check every input against the schemas (roles.schema.ts, permissions.schema.ts). Roles answer
// as records (User.roles shares the type); the fields ICTCore names otherwise are derived here.
import type { PermissionRecord } from '../../domain/permissions/permissions.repository.ts';
import type { RoleRecord } from '../../domain/roles/roles.repository.ts';
import { given, listArgs, type PageArgs } from './args.ts';
import type { GqlContext } from './context.ts';
import { unixSeconds } from '../../domain/shared/unix-time.ts';

const roleSorts = { id: 'role_id', name: 'name', createdAt: 'date_created' };
const permissionSorts = { id: 'permission_id', name: 'name' };
type NamedArgs = PageArgs & Record<string, unknown>;
type Input = Record<string, unknown>;
type AttachArgs = { roleId: number; permissionId: number };

export const rolesResolvers = {
  Query: {
    roles: (_: unknown, args: NamedArgs, { ctx, services }: GqlContext) => services.roles.list(listArgs(args, roleSorts), ctx),
    role: (_: unknown, { id }: { id: number }, { ctx, services }: GqlContext) => services.roles.get(id, ctx),
    permissions: (_: unknown, args: NamedArgs, { ctx, services }: GqlContext) => services.permissions.list(listArgs(args, permissionSorts), ctx),
  },
  Mutation: {
    createRole: (_: unknown, { input }: { input: Input }, { ctx, services }: GqlContext) => services.roles.create(given(input), ctx),
    updateRole: (_: unknown, { id, input }: { id: number; input: Input }, { ctx, services }: GqlContext) => services.roles.update(id, given(input), ctx),
    deleteRole: async (_: unknown, { id }: { id: number }, { ctx, services }: GqlContext) => {
      await services.roles.remove(id, ctx);
      return true;
    },
    attachRolePermission: (_: unknown, { roleId, permissionId }: AttachArgs, { ctx, services }: GqlContext) =>
      services.roles.attachPermission(roleId, permissionId, ctx),
    detachRolePermission: (_: unknown, { roleId, permissionId }: AttachArgs, { ctx, services }: GqlContext) =>
      services.roles.detachPermission(roleId, permissionId, ctx),
    createPermission: (_: unknown, { input }: { input: Input }, { ctx, services }: GqlContext) => services.permissions.create(given(input), ctx),
  },
  Role: {
    roleId: (r: RoleRecord) => r.id,
    dateCreated: (r: RoleRecord) => unixSeconds(r.createdAt),
    lastUpdated: (r: RoleRecord) => unixSeconds(r.updatedAt),
  },
  Permission: {
    permissionId: (p: PermissionRecord) => p.id,
  },
};
