// Outbound routes: arguments map to the same service calls as REST; answers are the route view
// (routes.schema.ts), with the provider record batched as `gateway`.
import type { RouteRecord } from '../../domain/routes/routes.repository.ts';
import type { RouteView } from '../../domain/routes/routes.schema.ts';
import { routeView } from '../../domain/routes/routes.service.ts';
import type { Page } from '../../domain/shared/list.ts';
import { given, listArgs } from './args.ts';
import type { GqlContext } from './context.ts';
import { deleted, fresh, providerLoader, type Args } from './pbx-helpers.ts';
import type { ResolverModule } from './resolvers.ts';

const sorts = { id: 'route_id', name: 'name', destinationId: 'destination_id', pattern: 'pattern', priority: 'priority', cost: 'cost', createdAt: 'date_created' };
const viewed = (page: Page<RouteRecord>) => ({ ...page, items: page.items.map(routeView) });
type Input = Record<string, unknown>;

export const routesResolvers: ResolverModule = {
  Query: {
    routes: async (_: unknown, args: Args, { ctx, services }: GqlContext) => viewed(await services.routes.list(listArgs(args, sorts), ctx)),
    route: async (_: unknown, { id }: { id: number }, { ctx, services }: GqlContext) => routeView(await services.routes.get(id, ctx)),
    routesCsv: (_: unknown, args: Args, { ctx, services }: GqlContext) => services.routes.exportCsv(given(args), ctx),
  },
  Mutation: {
    createRoute: fresh(async ({ input }: { input: Input }, { ctx, services }) => routeView(await services.routes.create(given(input), ctx))),
    updateRoute: fresh(async ({ id, input }: { id: number; input: Input }, { ctx, services }) => routeView(await services.routes.update(id, given(input, ['tenantId', 'destinationId']), ctx))),
    deleteRoute: fresh(({ id }: { id: number }, { ctx, services }) => deleted(services.routes.remove(id, ctx))),
    createRoutes: fresh(async ({ inputs }: { inputs: Input[] }, { ctx, services }) => (await services.routes.bulkCreate(inputs.map((i) => given(i)), ctx)).map(routeView)),
    importRoutesCsv: fresh(
      ({ csv, ...options }: { csv: string; partial?: boolean | null; serviceFlag?: number | null; providerId?: number | null }, { ctx, services }) =>
        services.routes.importCsv(csv, given(options), ctx),
    ),
  },
  Route: {
    gateway: (r: RouteView, _: unknown, context: GqlContext) => providerLoader(context).load(r.providerId),
  },
};
