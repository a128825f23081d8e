// What every resolver receives: the request's Ctx (who is asking; built by the auth plugin from
// the same Bearer JWT as REST), the domain services, and this request's loaders.
import type { Ctx } from '../../context.ts';
import type { FastifyInstance } from 'fastify';
import { createLoaders, type Loaders } from './loaders.ts';

export interface GqlContext {
  ctx: Ctx;
  services: FastifyInstance['services'];
  loaders: Loaders;
}

export function buildContext(services: FastifyInstance['services'], ctx: Ctx): GqlContext {
  return { ctx, services, loaders: createLoaders(services, ctx) };
}
