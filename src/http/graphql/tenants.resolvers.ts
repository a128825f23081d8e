// Tenants and their users.
import type { TenantInput } from '../../domain/tenants/tenants.service.ts';
import type { TenantRecord } from '../../domain/tenants/tenants.repository.ts';
import { tenantBodyProperties } from '../../domain/tenants/tenants.schema.ts';
import { given, listArgs, userSorts, type PageArgs } from './args.ts';
import type { GqlContext } from './context.ts';
import { inputRules } from './input-rules.ts';

const checkTenant = inputRules(tenantBodyProperties);
const tenantSorts = { id: 'tenant_id', name: 'name', domain: 'domain', createdAt: 'date_created' };

type TenantArgs = PageArgs & { id?: number | null; name?: string | null; domain?: string | null; active?: boolean | null };
type TenantUsersArgs = PageArgs & { username?: string | null; email?: string | null; active?: boolean | null };
type Nullable<T> = { [K in keyof T]?: T[K] | null };

export const tenantsResolvers = {
  Query: {
    tenants: (_: unknown, args: TenantArgs, { ctx, services }: GqlContext) => services.tenants.list(listArgs(args, tenantSorts), ctx),
    tenant: (_: unknown, { id }: { id: number }, { ctx, services }: GqlContext) => services.tenants.get(id, ctx),
  },
  Mutation: {
    createTenant: (_: unknown, { input }: { input: Nullable<TenantInput> & { name: string } }, { ctx, services }: GqlContext) =>
      services.tenants.create({ ...given(checkTenant(input)), name: input.name }, ctx),
    updateTenant: (_: unknown, { id, input }: { id: number; input: Nullable<TenantInput> }, { ctx, services }: GqlContext) =>
      services.tenants.update(id, given(checkTenant(input)), ctx),
    deleteTenant: async (_: unknown, { id }: { id: number }, { ctx, services }: GqlContext) => {
      await services.tenants.remove(id, ctx);
      return true;
    },
  },
  Tenant: {
    permissions: (t: TenantRecord) => t.permissions.map((p) => p.name),
    users: (t: TenantRecord, args: TenantUsersArgs, { loaders }: GqlContext) => loaders.tenantUsers(listArgs(args, userSorts)).load(t.id),
  },
};
