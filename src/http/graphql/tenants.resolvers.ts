// Tenants and their users: arguments map to the same service calls as REST (which checks them
// against the tenant schema, tenants.schema.ts); answers are the tenant view, with GraphQL's own
// additions (its users, its dates as DateTime).
import type { TenantRecord } from '../../domain/tenants/tenants.repository.ts';
import { tenantView } from '../../domain/tenants/tenants.service.ts';
import type { Page } from '../../domain/shared/list.ts';
import { given, listArgs, userSorts, type PageArgs } from './args.ts';
import type { GqlContext } from './context.ts';

const tenantSorts = { id: 'tenant_id', name: 'name', domain: 'domain', createdAt: 'date_created' };

type TenantArgs = PageArgs & { id?: number | null; name?: string | null; domain?: string | null; active?: boolean | null };
type TenantUsersArgs = PageArgs & { username?: string | null; email?: string | null; active?: boolean | null };
type Input = Record<string, unknown>;

/** The view, with the record's dates for GraphQL's DateTime fields. */
export const tenantGraph = (t: TenantRecord) => ({ ...tenantView(t), createdAt: t.createdAt, updatedAt: t.updatedAt });
type Viewed = ReturnType<typeof tenantGraph>;
const paged = (page: Page<TenantRecord>) => ({ ...page, items: page.items.map(tenantGraph) });

export const tenantsResolvers = {
  Query: {
    tenants: async (_: unknown, args: TenantArgs, { ctx, services }: GqlContext) => paged(await services.tenants.list({ ...listArgs(args, tenantSorts) }, ctx)),
    tenant: async (_: unknown, { id }: { id: number }, { ctx, services }: GqlContext) => tenantGraph(await services.tenants.get(id, ctx)),
  },
  Mutation: {
    createTenant: async (_: unknown, { input }: { input: Input }, { ctx, services }: GqlContext) => tenantGraph(await services.tenants.create(given(input), ctx)),
    updateTenant: async (_: unknown, { id, input }: { id: number; input: Input }, { ctx, services }: GqlContext) =>
      tenantGraph(await services.tenants.update(id, given(input, ['countryId', 'timezoneId']), ctx)),
    deleteTenant: async (_: unknown, { id }: { id: number }, { ctx, services }: GqlContext) => {
      await services.tenants.remove(id, ctx);
      return true;
    },
  },
  Tenant: {
    users: (t: Viewed, args: TenantUsersArgs, { loaders }: GqlContext) => loaders.tenantUsers(listArgs(args, userSorts)).load(t.id),
  },
};
