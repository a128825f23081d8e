// Trunks (providers, and the same rows as gateways): arguments map to the same service calls as
// REST; answers are the provider and gateway views (providers.schema.ts).
import { gatewayView, providerView, type Provider } from '../../domain/providers/providers.service.ts';
import type { Page } from '../../domain/shared/list.ts';
import { given, listArgs } from './args.ts';
import type { GqlContext } from './context.ts';
import type { ResolverModule } from './resolvers.ts';
import { deleted, fresh, type Args } from './pbx-helpers.ts';

const sorts = { id: 'provider_id', name: 'name', host: 'host', createdAt: 'date_created' };
const gatewaySorts = { gateway: 'gateway', gatewayUuid: 'gateway_uuid', createdAt: 'date_created' };
const viewed = <V>(page: Page<Provider>, view: (p: Provider) => V) => ({ ...page, items: page.items.map(view) });
type Input = Record<string, unknown>;

export const providersResolvers: ResolverModule = {
  Query: {
    providers: async (_: unknown, args: Args, { ctx, services }: GqlContext) => viewed(await services.providers.list(listArgs(args, sorts), ctx), providerView),
    provider: async (_: unknown, { id }: { id: number }, { ctx, services }: GqlContext) => providerView(await services.providers.get(id, ctx)),
    gateways: async (_: unknown, args: Args, { ctx, services }: GqlContext) => viewed(await services.providers.listGateways(listArgs(args, gatewaySorts), ctx), gatewayView),
    gateway: async (_: unknown, { uuid }: { uuid: string }, { ctx, services }: GqlContext) => gatewayView(await services.providers.getByGatewayUuid(uuid, ctx)),
  },
  Mutation: {
    createProvider: fresh(async ({ input }: { input: Input }, { ctx, services }) => providerView(await services.providers.create(given(input), ctx))),
    updateProvider: fresh(async ({ id, input }: { id: number; input: Input }, { ctx, services }) => providerView(await services.providers.update(id, given(input, ['tenantId']), ctx))),
    deleteProvider: fresh(({ id }: { id: number }, { ctx, services }) => deleted(services.providers.remove(id, ctx))),
    createGateway: fresh(async ({ input }: { input: Input }, { ctx, services }) => gatewayView(await services.providers.createGateway(given(input), ctx))),
    updateGateway: fresh(async ({ uuid, input }: { uuid: string; input: Input }, { ctx, services }) =>
      gatewayView(await services.providers.updateGateway(uuid, given(input, ['tenantId']), ctx)),
    ),
    deleteGateway: fresh(({ uuid }: { uuid: string }, { ctx, services }) => deleted(services.providers.removeByGatewayUuid(uuid, ctx))),
  },
};
