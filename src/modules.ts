// The resource modules of the PBX, each with its adapters: the one list every wiring point
// iterates (the services, the permission catalogue, the xml_curl change labels and dialplan
// pieces, the REST routes, the GraphQL resolvers). Order matters where a module uses another's
// service (routes and DIDs use providers', inbound routes DIDs'). docs/adding-a-module.md says how to add one.
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { callBlocksModule } from './domain/call-blocks/call-blocks.module.ts';
import { callerIdsModule } from './domain/caller-ids/caller-ids.module.ts';
import { countriesModule } from './domain/countries/countries.module.ts';
import { destinationsModule } from './domain/destinations/destinations.module.ts';
import { dialplansModule } from './domain/dialplans/dialplans.module.ts';
import { didsModule } from './domain/dids/dids.module.ts';
import { devicesModule } from './domain/devices/devices.module.ts';
import { domainsModule } from './domain/domains/domains.module.ts';
import { extensionsModule } from './domain/extensions/extensions.module.ts';
import { callFlowsModule } from './domain/call-flows/call-flows.module.ts';
import { conferencesModule } from './domain/conferences/conferences.module.ts';
import { callQueuesModule } from './domain/call-queues/call-queues.module.ts';
import { ivrMenusModule } from './domain/ivr-menus/ivr-menus.module.ts';
import { inboundRoutesModule } from './domain/inbound-routes/inbound-routes.module.ts';
import { followMeModule } from './domain/follow-me/follow-me.module.ts';
import { voicemailsModule } from './domain/voicemails/voicemails.module.ts';
import { musicOnHoldModule } from './domain/music-on-hold/music-on-hold.module.ts';
import { featureCodesModule } from './domain/feature-codes/feature-codes.module.ts';
import type { AnyModule } from './domain/module.ts';
import { providersModule } from './domain/providers/providers.module.ts';
import { ringGroupsModule } from './domain/ring-groups/ring-groups.module.ts';
import { routesModule } from './domain/routes/routes.module.ts';
import { timeConditionsModule } from './domain/time-conditions/time-conditions.module.ts';
import type { ServicesWith } from './domain/services.ts';
import type { SwitchingServices } from './freeswitch/control/switching.ts';
import type { DialplanPieces } from './freeswitch/xml-curl/xml-curl.service.ts';
import { callBlocksProvider } from './freeswitch/xml-curl/dialplan/call-blocks.ts';
import { featureCodesProvider } from './freeswitch/xml-curl/dialplan/feature-codes.ts';
import { inboundDidsProvider } from './freeswitch/xml-curl/dialplan/inbound-dids.ts';
import { callFlowsProvider } from './freeswitch/xml-curl/dialplan/call-flows.ts';
import { conferencesProvider } from './freeswitch/xml-curl/dialplan/conferences.ts';
import { callQueuesProvider } from './freeswitch/xml-curl/dialplan/call-queues.ts';
import { ivrMenusProvider } from './freeswitch/xml-curl/dialplan/ivr-menus.ts';
import { localExtensionsProvider } from './freeswitch/xml-curl/dialplan/local-extensions.ts';
import { followMeToggleProvider } from './freeswitch/xml-curl/dialplan/follow-me-toggle.ts';
import { outboundRoutesProvider } from './freeswitch/xml-curl/dialplan/outbound-routes.ts';
import { callBlocksResolvers } from './http/graphql/call-blocks.resolvers.ts';
import { ringGroupsProvider } from './freeswitch/xml-curl/dialplan/ring-groups.ts';
import { timeConditionsProvider } from './freeswitch/xml-curl/dialplan/time-conditions.ts';
import { callerIdsResolvers } from './http/graphql/caller-ids.resolvers.ts';
import { countriesResolvers } from './http/graphql/countries.resolvers.ts';
import { destinationsResolvers } from './http/graphql/destinations.resolvers.ts';
import { didsResolvers } from './http/graphql/dids.resolvers.ts';
import { devicesResolvers } from './http/graphql/devices.resolvers.ts';
import { domainsResolvers } from './http/graphql/domains.resolvers.ts';
import { extensionsResolvers } from './http/graphql/extensions.resolvers.ts';
import { ivrMenusResolvers } from './http/graphql/ivr-menus.resolvers.ts';
import { inboundRoutesResolvers } from './http/graphql/inbound-routes.resolvers.ts';
import { callFlowsResolvers } from './http/graphql/call-flows.resolvers.ts';
import { conferencesResolvers } from './http/graphql/conferences.resolvers.ts';
import { callQueuesResolvers } from './http/graphql/call-queues.resolvers.ts';
import { followMeResolvers } from './http/graphql/follow-me.resolvers.ts';
import { musicOnHoldResolvers } from './http/graphql/music-on-hold.resolvers.ts';
import { dialplansResolvers, featureCodesResolvers } from './http/graphql/feature-codes.resolvers.ts';
import { providersResolvers } from './http/graphql/providers.resolvers.ts';
import { ringGroupsResolvers } from './http/graphql/ring-groups.resolvers.ts';
import { routesResolvers } from './http/graphql/routes.resolvers.ts';
import callBlocksRoutes from './http/rest/call-blocks.routes.ts';
import { timeConditionsResolvers } from './http/graphql/time-conditions.resolvers.ts';
import callerIdsRoutes from './http/rest/caller-ids.routes.ts';
import countriesRoutes from './http/rest/countries.routes.ts';
import destinationsRoutes from './http/rest/destinations.routes.ts';
import dialplansRoutes from './http/rest/dialplans.routes.ts';
import didsRoutes from './http/rest/dids.routes.ts';
import devicesRoutes from './http/rest/devices.routes.ts';
import domainsRoutes from './http/rest/domains.routes.ts';
import extensionsRoutes from './http/rest/extensions.routes.ts';
import callFlowsRoutes from './http/rest/call-flows.routes.ts';
import conferencesRoutes from './http/rest/conferences.routes.ts';
import callQueuesRoutes from './http/rest/call-queues.routes.ts';
import followMeRoutes from './http/rest/follow-me.routes.ts';
import voicemailsRoutes from './http/rest/voicemails.routes.ts';
import { voicemailsResolvers } from './http/graphql/voicemails.resolvers.ts';
import musicOnHoldRoutes from './http/rest/music-on-hold.routes.ts';
import featureCodesRoutes from './http/rest/feature-codes.routes.ts';
import gatewaysRoutes from './http/rest/gateways.routes.ts';
import ivrMenusRoutes from './http/rest/ivr-menus.routes.ts';
import inboundRoutesRoutes from './http/rest/inbound-routes.routes.ts';
import providersRoutes from './http/rest/providers.routes.ts';
import ringGroupsRoutes from './http/rest/ring-groups.routes.ts';
import routesRoutes from './http/rest/routes.routes.ts';
import timeConditionsRoutes from './http/rest/time-conditions.routes.ts';

export interface ModuleEntry {
  domain: AnyModule;
  /** Its REST routes, registered under /api. */
  rest: ((app: FastifyInstance) => Promise<void>)[];
  /** Its GraphQL resolvers (their types are in schema.graphql). */
  graphql: Record<string, Record<string, unknown>>;
  /** Its pieces of the dialplan contexts. */
  dialplan?: Partial<DialplanPieces>;
}

const entry = <D extends AnyModule>(e: ModuleEntry & { domain: D }) => e;

export const modules = [
  // First: the feature codes every tenant has, and the catalogue later modules add theirs to.
  entry({ domain: featureCodesModule, rest: [featureCodesRoutes], graphql: featureCodesResolvers, dialplan: { tenant: [() => featureCodesProvider] } }),
  entry({ domain: extensionsModule, rest: [extensionsRoutes], graphql: extensionsResolvers, dialplan: { tenant: [localExtensionsProvider] } }),
  entry({ domain: domainsModule, rest: [domainsRoutes], graphql: domainsResolvers }),
  entry({ domain: providersModule, rest: [providersRoutes, gatewaysRoutes], graphql: providersResolvers }),
  entry({ domain: countriesModule, rest: [countriesRoutes], graphql: countriesResolvers }),
  entry({ domain: destinationsModule, rest: [destinationsRoutes], graphql: destinationsResolvers }),
  entry({ domain: routesModule, rest: [routesRoutes], graphql: routesResolvers, dialplan: { tenant: [outboundRoutesProvider] } }),
  entry({ domain: didsModule, rest: [didsRoutes], graphql: didsResolvers, dialplan: { public: [inboundDidsProvider] } }),
  // The DIDs' routing in FusionPBX's words: after DIDs, whose service it writes through.
  entry({ domain: inboundRoutesModule, rest: [inboundRoutesRoutes], graphql: inboundRoutesResolvers }),
  entry({ domain: ringGroupsModule, rest: [ringGroupsRoutes], graphql: ringGroupsResolvers, dialplan: { tenant: [ringGroupsProvider] } }),
  entry({ domain: callerIdsModule, rest: [callerIdsRoutes], graphql: callerIdsResolvers }),
  entry({ domain: callBlocksModule, rest: [callBlocksRoutes], graphql: callBlocksResolvers, dialplan: { public: [callBlocksProvider] } }),
  entry({ domain: timeConditionsModule, rest: [timeConditionsRoutes], graphql: timeConditionsResolvers, dialplan: { tenant: [timeConditionsProvider] } }),
  entry({ domain: ivrMenusModule, rest: [ivrMenusRoutes], graphql: ivrMenusResolvers, dialplan: { tenant: [ivrMenusProvider] } }),
  entry({ domain: callFlowsModule, rest: [callFlowsRoutes], graphql: callFlowsResolvers, dialplan: { tenant: [callFlowsProvider] } }),
  entry({ domain: conferencesModule, rest: [conferencesRoutes], graphql: conferencesResolvers, dialplan: { tenant: [conferencesProvider] } }),
  entry({ domain: callQueuesModule, rest: [callQueuesRoutes], graphql: callQueuesResolvers, dialplan: { tenant: [callQueuesProvider] } }),
  // Rendered by the local extensions' piece (an extension's entry rings its follow-me); its own piece is the toggle code.
  entry({ domain: followMeModule, rest: [followMeRoutes], graphql: followMeResolvers, dialplan: { tenant: [followMeToggleProvider] } }),
  // Phones and their provisioning (lines name extensions; nothing FreeSWITCH is told changes).
  entry({ domain: devicesModule, rest: [devicesRoutes], graphql: devicesResolvers }),
  // Rendered by the directory (its extension's user) and the local extensions' piece (the chosen greeting).
  entry({ domain: voicemailsModule, rest: [voicemailsRoutes], graphql: voicemailsResolvers }),
  // local_stream.conf (freeswitch/xml-curl/configuration) renders its classes.
  entry({ domain: musicOnHoldModule, rest: [musicOnHoldRoutes], graphql: musicOnHoldResolvers }),
  // Last: a read-only view of what the pieces above render.
  entry({ domain: dialplansModule, rest: [dialplansRoutes], graphql: dialplansResolvers }),
];

type DomainModules = (typeof modules)[number]['domain'][];

/** The modules' domain descriptors, in list order. */
export const domainModules = (): DomainModules => modules.map((m) => m.domain);

/** The modules' pieces of the dialplan, in list order. */
export const dialplanPieces = (): DialplanPieces => ({
  tenant: modules.flatMap((m) => m.dialplan?.tenant ?? []),
  public: modules.flatMap((m) => m.dialplan?.public ?? []),
});

export type Services = ServicesWith<DomainModules> & SwitchingServices;

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    services: Services;
  }
}
