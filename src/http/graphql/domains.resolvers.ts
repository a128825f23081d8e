// Tenant domains: arguments map to the same service calls as REST; answers are the domain view.
import { domainView } from '../../domain/domains/domains.service.ts';
import { listArgs } from './args.ts';
import type { GqlContext } from './context.ts';
import type { ResolverModule } from './resolvers.ts';
import { type Args } from './pbx-helpers.ts';

const sorts = { tenantId: 'tenant_id', domainName: 'domain_name' };

export const domainsResolvers: ResolverModule = {
  Query: {
    pbxDomains: async (_: unknown, args: Args, { ctx, services }: GqlContext) => {
      const page = await services.domains.list(listArgs(args, sorts), ctx);
      return { ...page, items: page.items.map(domainView) };
    },
    pbxDomain: async (_: unknown, { tenantId }: { tenantId: number }, { ctx, services }: GqlContext) => domainView(await services.domains.get(tenantId, ctx)),
  },
};
