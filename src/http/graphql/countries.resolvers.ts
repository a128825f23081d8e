// Regions and countries: the same service calls as REST; answers are the views of countries.schema.ts.
import { countryView, regionView } from '../../domain/countries/countries.service.ts';
import { given } from './args.ts';
import type { GqlContext } from './context.ts';
import type { ResolverModule } from './resolvers.ts';

export const countriesResolvers: ResolverModule = {
  Query: {
    regions: async (_: unknown, __: unknown, { ctx, services }: GqlContext) => (await services.countries.regions(ctx)).map(regionView),
    countries: async (_: unknown, args: Record<string, unknown>, { ctx, services }: GqlContext) => (await services.countries.list(given(args), ctx)).map(countryView),
    country: async (_: unknown, { id }: { id: number }, { ctx, services }: GqlContext) => countryView(await services.countries.get(id, ctx)),
  },
};
