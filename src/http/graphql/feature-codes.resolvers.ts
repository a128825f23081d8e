// Feature codes and the rendered dialplans, read-only: the same service calls as REST
// (feature-codes.routes.ts, dialplans.routes.ts); booleans stay booleans.
import { dialplanEntryViews } from '../../freeswitch/xml-curl/dialplan/dialplan-entries.ts';
import { given } from './args.ts';
import type { GqlContext } from './context.ts';
import type { ResolverModule } from './resolvers.ts';

export const featureCodesResolvers: ResolverModule = {
  Query: {
    featureCodes: async (_: unknown, args: { tenantId?: number | null }, { ctx, services }: GqlContext) => services.featureCodes.list(given(args), ctx),
  },
};

export const dialplansResolvers: ResolverModule = {
  Query: {
    dialplans: async (_: unknown, args: { tenantId?: number | null }, { ctx, services, rendered }: GqlContext) => {
      const tenants = await services.dialplans.tenants(given(args), ctx);
      return (await Promise.all(tenants.map(async (t) => dialplanEntryViews(t, await rendered.dialplanEntries(t.domain))))).flat();
    },
  },
};
