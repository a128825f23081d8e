// What every resolver receives: the request's Ctx (who is asking; built by the auth plugin from
// the same Bearer JWT as REST), the domain services, this request's loaders, and what the xml_curl
// answerer renders (the dialplans view reads it).
import type { Ctx } from '../../context.ts';
import type { FastifyInstance } from 'fastify';
import type { XmlCurl } from '../../freeswitch/xml-curl/xml-curl.service.ts';
import { createLoaders, type Loaders } from './loaders.ts';

export interface GqlContext {
  ctx: Ctx;
  services: FastifyInstance['services'];
  loaders: Loaders;
  rendered: Pick<XmlCurl, 'dialplanEntries'>;
}

export function buildContext(app: Pick<FastifyInstance, 'services' | 'xmlCurl'>, ctx: Ctx): GqlContext {
  return { ctx, services: app.services, loaders: createLoaders(app.services, ctx), rendered: app.xmlCurl };
}
