// Inbound routes: arguments map to the same service calls as REST; answers are the inbound route
// view (inbound-routes.schema.ts).
import { inboundRouteView, type RoutedDid } from '../../domain/inbound-routes/inbound-routes.service.ts';
import type { Page } from '../../domain/shared/list.ts';
import { given, listArgs } from './args.ts';
import type { GqlContext } from './context.ts';
import { deleted, fresh, type Args } from './pbx-helpers.ts';
import type { ResolverModule } from './resolvers.ts';

const sorts = { number: 'destination_number', enabled: 'destination_enabled', createdAt: 'date_created' };
const viewed = (page: Page<RoutedDid>) => ({ ...page, items: page.items.map(inboundRouteView) });
type Input = Record<string, unknown>;

export const inboundRoutesResolvers: ResolverModule = {
  Query: {
    inboundRoutes: async (_: unknown, args: Args, { ctx, services }: GqlContext) => viewed(await services.inboundRoutes.list(listArgs(args, sorts), ctx)),
    inboundRoute: async (_: unknown, { id }: { id: string }, { ctx, services }: GqlContext) => inboundRouteView(await services.inboundRoutes.get(id, ctx)),
  },
  Mutation: {
    createInboundRoute: fresh(async ({ input }: { input: Input }, { ctx, services }) => inboundRouteView(await services.inboundRoutes.create(given(input), ctx))),
    updateInboundRoute: fresh(async ({ id, input }: { id: string; input: Input }, { ctx, services }) => inboundRouteView(await services.inboundRoutes.update(id, given(input), ctx))),
    deleteInboundRoute: fresh(({ id }: { id: string }, { ctx, services }) => deleted(services.inboundRoutes.remove(id, ctx))),
  },
};
