// Roles and the permission catalogue.
import type { RoleInput } from '../../domain/roles/roles.service.ts';
import { roleBodyProperties } from '../../domain/roles/roles.schema.ts';
import { given, listArgs, type PageArgs } from './args.ts';
import type { GqlContext } from './context.ts';
import { inputRules } from './input-rules.ts';

const checkRole = inputRules(roleBodyProperties);
const roleSorts = { id: 'role_id', name: 'name', createdAt: 'date_created' };
const permissionSorts = { id: 'permission_id', name: 'name' };

type NamedArgs = PageArgs & { name?: string | null };
type Nullable<T> = { [K in keyof T]?: T[K] | null };
type AttachArgs = { roleId: number; permissionId: number };

export const rolesResolvers = {
  Query: {
    roles: (_: unknown, args: NamedArgs, { ctx, services }: GqlContext) => services.roles.list(listArgs(args, roleSorts), ctx),
    role: (_: unknown, { id }: { id: number }, { ctx, services }: GqlContext) => services.roles.get(id, ctx),
    permissions: (_: unknown, args: NamedArgs, { ctx, services }: GqlContext) => services.permissions.list(listArgs(args, permissionSorts), ctx),
  },
  Mutation: {
    createRole: (_: unknown, { input }: { input: Nullable<RoleInput> & { name: string } }, { ctx, services }: GqlContext) =>
      services.roles.create({ ...given(checkRole(input)), name: input.name }, ctx),
    updateRole: (_: unknown, { id, input }: { id: number; input: Nullable<RoleInput> }, { ctx, services }: GqlContext) =>
      services.roles.update(id, given(checkRole(input)), ctx),
    deleteRole: async (_: unknown, { id }: { id: number }, { ctx, services }: GqlContext) => {
      await services.roles.remove(id, ctx);
      return true;
    },
    attachRolePermission: (_: unknown, { roleId, permissionId }: AttachArgs, { ctx, services }: GqlContext) =>
      services.roles.attachPermission(roleId, permissionId, ctx),
    detachRolePermission: (_: unknown, { roleId, permissionId }: AttachArgs, { ctx, services }: GqlContext) =>
      services.roles.detachPermission(roleId, permissionId, ctx),
    createPermission: (_: unknown, { input }: { input: { name: string; description?: string | null } }, { ctx, services }: GqlContext) =>
      services.permissions.create({ ...given(input), name: input.name }, ctx),
  },
};
