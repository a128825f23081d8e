// Destinations (ICTCore's dialling prefixes): arguments map to the same service calls as REST;
// answers are the destination view (destinations.schema.ts).
import type { DestinationRecord } from '../../domain/destinations/destinations.repository.ts';
import { destinationView } from '../../domain/destinations/destinations.service.ts';
import type { Page } from '../../domain/shared/list.ts';
import { given, listArgs } from './args.ts';
import type { GqlContext } from './context.ts';
import { deleted, fresh, type Args } from './pbx-helpers.ts';
import type { ResolverModule } from './resolvers.ts';

const sorts = { id: 'destination_id', name: 'name', prefix: 'prefix', countryId: 'country_id', createdAt: 'date_created' };
const viewed = (page: Page<DestinationRecord>) => ({ ...page, items: page.items.map(destinationView) });
type Input = Record<string, unknown>;

export const destinationsResolvers: ResolverModule = {
  Query: {
    destinations: async (_: unknown, args: Args, { ctx, services }: GqlContext) => viewed(await services.destinations.list(listArgs(args, sorts), ctx)),
    destination: async (_: unknown, { id }: { id: string }, { ctx, services }: GqlContext) => destinationView(await services.destinations.get(id, ctx)),
  },
  Mutation: {
    createDestination: fresh(async ({ input }: { input: Input }, { ctx, services }) => destinationView(await services.destinations.create(given(input), ctx))),
    updateDestination: fresh(async ({ id, input }: { id: string; input: Input }, { ctx, services }) =>
      destinationView(await services.destinations.update(id, given(input, ['countryId']), ctx)),
    ),
    deleteDestination: fresh(({ id }: { id: string }, { ctx, services }) => deleted(services.destinations.remove(id, ctx))),
  },
};
