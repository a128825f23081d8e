// Resolvers map arguments to service calls and records to GraphQL types; nothing more.
import type { IResolvers } from 'mercurius';
import { requireActor } from '../../context.ts';
import type { Ctx } from '../../context.ts';
import type { Services } from '../../domain/services.ts';
import type { TenantRecord } from '../../domain/tenants/tenants.repository.ts';
import type { UserRecord } from '../../domain/users/users.repository.ts';

interface GqlContext {
  ctx: Ctx;
  services: Services;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const resolvers: IResolvers<any, any> = {
  Query: {
    me: (_: unknown, __: unknown, { ctx, services }: GqlContext) => {
      requireActor(ctx);
      return services.users.get(ctx.actor.id, ctx);
    },
    tenants: (_: unknown, args: Record<string, never>, { ctx, services }: GqlContext) => services.tenants.list(args, ctx),
    tenant: (_: unknown, { id }: { id: number }, { ctx, services }: GqlContext) => services.tenants.get(id, ctx),
  },
  Tenant: {
    permissions: (t: TenantRecord) => t.permissions.map((p) => p.name),
    createdAt: (t: TenantRecord) => t.createdAt.toISOString(),
    updatedAt: (t: TenantRecord) => t.updatedAt.toISOString(),
  },
  User: {
    permissions: (u: UserRecord) => u.permissions,
  },
};
