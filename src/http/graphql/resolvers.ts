// Resolvers map arguments to service calls and records to GraphQL types; nothing more. One
// module per resource, as under src/http/rest; this merges them into mercurius' resolver map.
import type { IResolvers } from 'mercurius';
import { activitiesResolvers } from './activities.resolvers.ts';
import { authResolvers } from './auth.resolvers.ts';
import { eslResolvers } from './esl.resolvers.ts';
import type { GqlContext } from './context.ts';
import { rolesResolvers } from './roles.resolvers.ts';
import { scalarResolvers } from './scalars.ts';
import { subscriptionResolvers } from './subscriptions.resolvers.ts';
import { tenantsResolvers } from './tenants.resolvers.ts';
import { usersResolvers } from './users.resolvers.ts';

export type ResolverModule = Record<string, Record<string, unknown>>;
type Resolver = (parent: unknown, args: unknown, context: GqlContext, info: unknown) => unknown;

/** The core's resolvers; the resource modules' come with them (src/modules.ts). */
export const coreResolvers: ResolverModule[] = [scalarResolvers, authResolvers, tenantsResolvers, usersResolvers, rolesResolvers, activitiesResolvers, subscriptionResolvers, eslResolvers];

/** A mutation may change what the loaders already hold, so each one starts from a clean slate. */
function freshLoaders(resolve: Resolver): Resolver {
  return (parent, args, context, info) => {
    context.loaders.clear();
    return resolve(parent, args, context, info);
  };
}

export function mergeResolvers(modules: ResolverModule[]): IResolvers {
  const merged: ResolverModule = {};
  for (const module of modules) {
    for (const [type, fields] of Object.entries(module)) {
      for (const name of Object.keys(fields)) {
        if (merged[type]?.[name]) throw new Error(`GraphQL resolver ${type}.${name} is defined twice`);
      }
      merged[type] = { ...merged[type], ...fields };
    }
  }
  for (const [name, resolve] of Object.entries(merged.Mutation ?? {})) merged.Mutation[name] = freshLoaders(resolve as Resolver);
  return merged as IResolvers;
}

