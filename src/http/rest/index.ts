// The ICTPBX-compatible REST layer under /api: one module per resource, mapping only.
import type { FastifyInstance } from 'fastify';
import authRoutes from './auth.routes.ts';
import mfaRoutes from './mfa.routes.ts';
import passwordPolicyRoutes from './password-policy.routes.ts';
import passwordRoutes from './password.routes.ts';
import tenantsRoutes from './tenants.routes.ts';
import usersRoutes from './users.routes.ts';
import userGrantsRoutes from './user-grants.routes.ts';
import userDetailsRoutes from './user-details.routes.ts';
import activitiesRoutes from './activities.routes.ts';
import rolesRoutes from './roles.routes.ts';
import permissionsRoutes from './permissions.routes.ts';
import cdrsRoutes from './cdrs.routes.ts';
import extensionsRoutes from './extensions.routes.ts';
import domainsRoutes from './domains.routes.ts';
import providersRoutes from './providers.routes.ts';
import gatewaysRoutes from './gateways.routes.ts';
import routesRoutes from './routes.routes.ts';
import didsRoutes from './dids.routes.ts';
import callerIdsRoutes from './caller-ids.routes.ts';
import destinationsRoutes from './destinations.routes.ts';
import sipProfilesRoutes from './sip-profiles.routes.ts';
import switchNodesRoutes from './switch-nodes.routes.ts';
import realtimeRoutes from './realtime.routes.ts';

export const restModules = [authRoutes, mfaRoutes, passwordRoutes, passwordPolicyRoutes, tenantsRoutes, usersRoutes, userGrantsRoutes, userDetailsRoutes, activitiesRoutes, rolesRoutes, permissionsRoutes, cdrsRoutes, extensionsRoutes, domainsRoutes, providersRoutes, gatewaysRoutes, routesRoutes, didsRoutes, callerIdsRoutes, destinationsRoutes, sipProfilesRoutes, switchNodesRoutes, realtimeRoutes];

export default async function rest(app: FastifyInstance) {
  for (const routes of restModules) await app.register(routes);
}
