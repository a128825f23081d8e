// Users, their grants and their sessions.
import type { UserFilter, UserRecord } from '../../domain/users/users.repository.ts';
import type { UserInput } from '../../domain/users/users.service.ts';
import { userBodyProperties } from '../../domain/users/users.schema.ts';
import { given, listArgs, userSorts, type PageArgs } from './args.ts';
import type { GqlContext } from './context.ts';
import { inputRules } from './input-rules.ts';

type Nullable<T> = { [K in keyof T]?: T[K] | null };
type UserArgs = PageArgs & Nullable<UserFilter>;
type GrantArgs = { userId: number; roleId: number };
type PermissionGrantArgs = { userId: number; permissionId: number };

const checkUser = inputRules(userBodyProperties);

/** Fields where null is a value (no tenant, no country, no timezone), not an absent argument. */
const clearable = ['tenantId', 'countryId', 'timezoneId'];

export const usersResolvers = {
  Query: {
    users: (_: unknown, args: UserArgs, { ctx, services }: GqlContext) => services.users.list(listArgs(args, userSorts), ctx),
    user: (_: unknown, { id }: { id: number }, { ctx, services }: GqlContext) => services.users.get(id, ctx),
  },
  Mutation: {
    createUser: (_: unknown, { input }: { input: Nullable<UserInput> & { username: string; password: string } }, { ctx, services }: GqlContext) =>
      services.users.create({ ...given(checkUser(input), clearable), username: input.username, password: input.password }, ctx),
    updateUser: (_: unknown, { id, input }: { id: number; input: Nullable<UserInput> }, { ctx, services }: GqlContext) =>
      services.users.update(id, given(checkUser(input), clearable) as UserInput, ctx),
    deleteUser: async (_: unknown, { id }: { id: number }, { ctx, services }: GqlContext) => {
      await services.users.remove(id, ctx);
      return true;
    },
    setUserPassword: async (_: unknown, { id, password }: { id: number; password: string }, { ctx, services }: GqlContext) => {
      await services.users.setPassword(id, checkUser({ password }, 'password').password, ctx);
      return true;
    },
    grantUserRole: async (_: unknown, { userId, roleId }: GrantArgs, { ctx, services }: GqlContext) => {
      await services.userGrants.addRole(userId, roleId, ctx);
      return services.users.get(userId, ctx);
    },
    revokeUserRole: async (_: unknown, { userId, roleId }: GrantArgs, { ctx, services }: GqlContext) => {
      await services.userGrants.removeRole(userId, roleId, ctx);
      return services.users.get(userId, ctx);
    },
    grantUserPermission: async (_: unknown, { userId, permissionId }: PermissionGrantArgs, { ctx, services }: GqlContext) => {
      await services.userGrants.grantPermission(userId, permissionId, ctx);
      return services.users.get(userId, ctx);
    },
    revokeUserPermission: async (_: unknown, { userId, permissionId }: PermissionGrantArgs, { ctx, services }: GqlContext) => {
      await services.userGrants.revokePermission(userId, permissionId, ctx);
      return services.users.get(userId, ctx);
    },
  },
  User: {
    tenant: (u: UserRecord, _: unknown, { loaders }: GqlContext) => (u.tenantId === null ? null : loaders.tenant.load(u.tenantId)),
    roles: (u: UserRecord, _: unknown, { loaders }: GqlContext) => Promise.all(u.roles.map((r) => loaders.role.load(r.id))),
    isAdmin: (u: UserRecord) => u.permissions.includes('super_admin'),
    isTenantAdmin: (u: UserRecord) => u.permissions.includes('user_admin'),
  },
};
