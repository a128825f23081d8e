// Users, their grants and their sessions: arguments map to the same service calls as REST (which
// checks them against the user schema, users.schema.ts). A User resolves from the user's record
// (auth answers it too): the view's fields come from the view, GraphQL's own (its tenant, its
// roles as objects, its dates as DateTime) from the record.
import type { UserRecord } from '../../domain/users/users.repository.ts';
import { userView } from '../../domain/users/users.service.ts';
import { given, listArgs, userSorts, type PageArgs } from './args.ts';
import type { GqlContext } from './context.ts';
import { tenantGraph } from './tenants.resolvers.ts';

type UserArgs = PageArgs & Record<string, unknown>;
type GrantArgs = { userId: number; roleId: number };
type PermissionGrantArgs = { userId: number; permissionId: number };
type Input = Record<string, unknown>;

/** Fields where null is a value (no tenant, no country, no timezone), not an absent argument. */
const clearable = ['tenantId', 'countryId', 'timezoneId'];

/** The view's fields a record does not carry under the same name. */
const fromView = (field: 'userId' | 'contact' | 'roleIds' | 'isTenant' | 'userPermission' | 'dateCreated' | 'lastUpdated' | 'lastLogin') => (u: UserRecord) =>
  userView(u)[field];

export const usersResolvers = {
  Query: {
    users: (_: unknown, { createdAfter, createdBefore, ...args }: UserArgs & { createdAfter?: Date | null; createdBefore?: Date | null }, { ctx, services }: GqlContext) =>
      services.users.list(
        {
          ...listArgs(args, userSorts),
          ...(createdAfter ? { after: Math.floor(createdAfter.getTime() / 1000) } : {}),
          ...(createdBefore ? { before: Math.ceil(createdBefore.getTime() / 1000) } : {}),
        },
        ctx,
      ),
    user: (_: unknown, { id }: { id: number }, { ctx, services }: GqlContext) => services.users.get(id, ctx),
  },
  Mutation: {
    createUser: (_: unknown, { input }: { input: Input }, { ctx, services }: GqlContext) => services.users.create(given(input, clearable), ctx),
    updateUser: (_: unknown, { id, input }: { id: number; input: Input }, { ctx, services }: GqlContext) => services.users.update(id, given(input, clearable), ctx),
    deleteUser: async (_: unknown, { id }: { id: number }, { ctx, services }: GqlContext) => {
      await services.users.remove(id, ctx);
      return true;
    },
    setUserPassword: async (_: unknown, { id, password }: { id: number; password: string }, { ctx, services }: GqlContext) => {
      await services.users.setPassword(id, password, ctx);
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
    tenant: async (u: UserRecord, _: unknown, { loaders }: GqlContext) => (u.tenantId === null ? null : tenantGraph(await loaders.tenant.load(u.tenantId))),
    roles: (u: UserRecord, _: unknown, { loaders }: GqlContext) => Promise.all(u.roles.map((r) => loaders.role.load(r.id))),
    isAdmin: (u: UserRecord) => u.permissions.includes('super_admin'),
    isTenantAdmin: (u: UserRecord) => u.permissions.includes('user_admin'),
    userId: fromView('userId'),
    contact: fromView('contact'),
    roleIds: fromView('roleIds'),
    isTenant: fromView('isTenant'),
    userPermission: fromView('userPermission'),
    dateCreated: fromView('dateCreated'),
    lastUpdated: fromView('lastUpdated'),
    lastLogin: fromView('lastLogin'),
  },
};
