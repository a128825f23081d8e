// PBX and routing (issue 3): extensions, domains, providers/gateways, routes, DIDs, caller ids
// and destinations. Arguments map to the same service calls as REST; Route.provider and
// Did.provider are batched through one loader per request.
import DataLoader from 'dataloader';
import type { CallerIdInput } from '../../domain/caller-ids/caller-ids.service.ts';
import type { DestinationInput } from '../../domain/destinations/destinations.service.ts';
import type { Did, DidInput } from '../../domain/dids/dids.service.ts';
import type { Extension, ExtensionInput } from '../../domain/extensions/extensions.service.ts';
import type { Provider, ProviderInput } from '../../domain/providers/providers.service.ts';
import type { Route, RouteInput } from '../../domain/routes/routes.service.ts';
import { given, listArgs, type PageArgs } from './args.ts';
import type { GqlContext } from './context.ts';

type Args = PageArgs & Record<string, unknown>;
type Nullable<T> = { [K in keyof T]?: T[K] | null };

const sorts = {
  extension: { extension: 'extension', displayName: 'display_name', createdAt: 'date_created' },
  provider: { id: 'provider_id', name: 'name', host: 'host', createdAt: 'date_created' },
  route: { id: 'route_id', name: 'name', pattern: 'pattern', priority: 'priority', cost: 'cost', createdAt: 'date_created' },
  did: { id: 'account_id', number: 'number', createdAt: 'date_created' },
  callerId: { id: 'cid_id', number: 'number', name: 'name', createdAt: 'date_created' },
  destination: { id: 'destination_id', name: 'name', type: 'type', createdAt: 'date_created' },
};

const providerLoaders = new WeakMap<GqlContext, DataLoader<number, Provider>>();

/** This request's provider loader; reset by mutations like the shared loaders. */
function providerLoader(context: GqlContext): DataLoader<number, Provider> {
  let loader = providerLoaders.get(context);
  if (!loader) {
    loader = new DataLoader<number, Provider>((ids) => context.services.providers.getMany(ids, context.ctx));
    providerLoaders.set(context, loader);
  }
  return loader;
}

const fresh = <A, R>(resolve: (args: A, context: GqlContext) => Promise<R>) => (_: unknown, args: A, context: GqlContext) => {
  providerLoaders.delete(context);
  return resolve(args, context);
};

const deleted = (remove: Promise<void>) => remove.then(() => true);

export const pbxResolvers = {
  Query: {
    extensions: (_: unknown, args: Args, { ctx, services }: GqlContext) => services.extensions.list(listArgs(args, sorts.extension), ctx),
    extension: (_: unknown, { id }: { id: string }, { ctx, services }: GqlContext) => services.extensions.get(id, ctx),
    extensionCheck: (_: unknown, args: { extension: string; tenantId?: number | null }, { ctx, services }: GqlContext) =>
      services.extensions.check(args.extension, args.tenantId ?? undefined, ctx),
    nextAvailableExtension: (_: unknown, args: { start?: number | null; tenantId?: number | null }, { ctx, services }: GqlContext) =>
      services.extensions.nextAvailable(args.start ?? undefined, args.tenantId ?? undefined, ctx),
    extensionsAvailableForFax: (_: unknown, args: Args, { ctx, services }: GqlContext) => services.extensions.availableForFax(listArgs(args, sorts.extension), ctx),
    pbxDomains: (_: unknown, args: Args, { ctx, services }: GqlContext) => services.domains.list(listArgs(args, {}), ctx),
    pbxDomain: (_: unknown, { tenantId }: { tenantId: number }, { ctx, services }: GqlContext) => services.domains.get(tenantId, ctx),
    providers: (_: unknown, args: Args, { ctx, services }: GqlContext) => services.providers.list(listArgs(args, sorts.provider), ctx),
    provider: (_: unknown, { id }: { id: number }, { ctx, services }: GqlContext) => services.providers.get(id, ctx),
    gateway: (_: unknown, { uuid }: { uuid: string }, { ctx, services }: GqlContext) => services.providers.getByGatewayUuid(uuid, ctx),
    routes: (_: unknown, args: Args, { ctx, services }: GqlContext) => services.routes.list(listArgs(args, sorts.route), ctx),
    route: (_: unknown, { id }: { id: number }, { ctx, services }: GqlContext) => services.routes.get(id, ctx),
    routesCsv: (_: unknown, args: Args, { ctx, services }: GqlContext) => services.routes.exportCsv(given(args), ctx),
    dids: (_: unknown, args: Args, { ctx, services }: GqlContext) => services.dids.list(listArgs(args, sorts.did), ctx),
    did: (_: unknown, { id }: { id: number }, { ctx, services }: GqlContext) => services.dids.get(id, ctx),
    callerIds: (_: unknown, args: Args, { ctx, services }: GqlContext) => services.callerIds.list(listArgs(args, sorts.callerId), ctx),
    callerId: (_: unknown, { id }: { id: number }, { ctx, services }: GqlContext) => services.callerIds.get(id, ctx),
    destinations: (_: unknown, args: Args, { ctx, services }: GqlContext) => services.destinations.list(listArgs(args, sorts.destination), ctx),
    destination: (_: unknown, { id }: { id: number }, { ctx, services }: GqlContext) => services.destinations.get(id, ctx),
  },
  Mutation: {
    createExtension: fresh(({ input }: { input: Nullable<ExtensionInput> & { extension: string } }, { ctx, services }) =>
      services.extensions.create({ ...given(input), extension: input.extension }, ctx),
    ),
    updateExtension: fresh(({ id, input }: { id: string; input: Nullable<ExtensionInput> }, { ctx, services }) =>
      services.extensions.update(id, given(input, ['userId']) as ExtensionInput, ctx),
    ),
    deleteExtension: fresh(({ id }: { id: string }, { ctx, services }) => deleted(services.extensions.remove(id, ctx))),
    assignExtension: fresh(({ id, userId }: { id: string; userId?: number | null }, { ctx, services }) => services.extensions.assign(id, userId || null, ctx)),

    createProvider: fresh(({ input }: { input: Nullable<ProviderInput> & { name: string; host: string } }, { ctx, services }) =>
      services.providers.create({ ...given(input), name: input.name, host: input.host }, ctx),
    ),
    updateProvider: fresh(({ id, input }: { id: number; input: Nullable<ProviderInput> }, { ctx, services }) =>
      services.providers.update(id, given(input, ['tenantId']) as ProviderInput, ctx),
    ),
    deleteProvider: fresh(({ id }: { id: number }, { ctx, services }) => deleted(services.providers.remove(id, ctx))),

    createRoute: fresh(({ input }: { input: Nullable<RouteInput> }, { ctx, services }) => services.routes.create(given(input) as RouteInput, ctx)),
    updateRoute: fresh(({ id, input }: { id: number; input: Nullable<RouteInput> }, { ctx, services }) =>
      services.routes.update(id, given(input, ['tenantId']) as RouteInput, ctx),
    ),
    deleteRoute: fresh(({ id }: { id: number }, { ctx, services }) => deleted(services.routes.remove(id, ctx))),
    createRoutes: fresh(({ inputs }: { inputs: Nullable<RouteInput>[] }, { ctx, services }) =>
      services.routes.bulkCreate(inputs.map((i) => given(i) as RouteInput), ctx),
    ),
    importRoutesCsv: fresh(
      ({ csv, ...options }: { csv: string; partial?: boolean | null; serviceFlag?: number | null; providerId?: number | null }, { ctx, services }) =>
        services.routes.importCsv(csv, given(options), ctx),
    ),

    createDid: fresh(({ input }: { input: Nullable<DidInput> & { number: string } }, { ctx, services }) =>
      services.dids.create({ ...given(input), number: input.number }, ctx),
    ),
    updateDid: fresh(({ id, input }: { id: number; input: Nullable<DidInput> }, { ctx, services }) =>
      services.dids.update(id, given(input, ['tenantId', 'providerId']) as DidInput, ctx),
    ),
    assignDid: fresh(
      ({ id, ...assignment }: { id: number; tenantId?: number | null; destinationType?: string | null; destinationValue?: string | null }, { ctx, services }) =>
        services.dids.assign(id, given(assignment, ['tenantId']), ctx),
    ),
    deleteDid: fresh(({ id }: { id: number }, { ctx, services }) => deleted(services.dids.remove(id, ctx))),

    createCallerId: fresh(({ input }: { input: Nullable<CallerIdInput> & { number: string } }, { ctx, services }) =>
      services.callerIds.create({ ...given(input), number: input.number }, ctx),
    ),
    updateCallerId: fresh(({ id, input }: { id: number; input: Nullable<CallerIdInput> }, { ctx, services }) => services.callerIds.update(id, given(input), ctx)),
    deleteCallerId: fresh(({ id }: { id: number }, { ctx, services }) => deleted(services.callerIds.remove(id, ctx))),

    createDestination: fresh(({ input }: { input: Nullable<DestinationInput> & { name: string; type: string; value: string } }, { ctx, services }) =>
      services.destinations.create({ ...given(input), name: input.name, type: input.type, value: input.value }, ctx),
    ),
    updateDestination: fresh(({ id, input }: { id: number; input: Nullable<DestinationInput> }, { ctx, services }) =>
      services.destinations.update(id, given(input), ctx),
    ),
    deleteDestination: fresh(({ id }: { id: number }, { ctx, services }) => deleted(services.destinations.remove(id, ctx))),
  },
  Extension: {
    domainName: (e: Extension) => e.domain,
  },
  Route: {
    provider: (r: Route, _: unknown, context: GqlContext) => providerLoader(context).load(r.providerId),
  },
  Did: {
    provider: (d: Did, _: unknown, context: GqlContext) => (d.providerId === null ? null : providerLoader(context).load(d.providerId)),
  },
};
