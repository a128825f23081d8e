// What the PBX modules' resolvers share: argument types, a per-request provider loader (Route.provider
// and Did.provider are batched through it; it answers the provider view), and mutations that start
// from fresh loaders.
import DataLoader from 'dataloader';
import type { ProviderView } from '../../domain/providers/providers.schema.ts';
import { providerView } from '../../domain/providers/providers.service.ts';
import type { PageArgs } from './args.ts';
import type { GqlContext } from './context.ts';

export type Args = PageArgs & Record<string, unknown>;
export type Nullable<T> = { [K in keyof T]?: T[K] | null };

const providerLoaders = new WeakMap<GqlContext, DataLoader<number, ProviderView>>();

/** This request's provider loader; reset by mutations like the shared loaders. */
export function providerLoader(context: GqlContext): DataLoader<number, ProviderView> {
  let loader = providerLoaders.get(context);
  if (!loader) {
    loader = new DataLoader<number, ProviderView>(async (ids) =>
      (await context.services.providers.getMany(ids, context.ctx)).map((p) => (p instanceof Error ? p : providerView(p))),
    );
    providerLoaders.set(context, loader);
  }
  return loader;
}

export const fresh = <A, R>(resolve: (args: A, context: GqlContext) => Promise<R>) => (_: unknown, args: A, context: GqlContext) => {
  providerLoaders.delete(context);
  return resolve(args, context);
};

export const deleted = (remove: Promise<void>) => remove.then(() => true);
