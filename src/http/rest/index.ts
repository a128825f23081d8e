// The ICTPBX-compatible REST layer under /api: one module per resource, mapping only. The core's
// routes are listed here; the resource modules' come with them (src/modules.ts).
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
import sipProfilesRoutes from './sip-profiles.routes.ts';
import switchNodesRoutes from './switch-nodes.routes.ts';
import realtimeRoutes from './realtime.routes.ts';
import accountsRoutes from './accounts.routes.ts';
import { registerUploads } from './uploads.ts';

export const restModules = [authRoutes, mfaRoutes, passwordRoutes, passwordPolicyRoutes, tenantsRoutes, usersRoutes, userGrantsRoutes, userDetailsRoutes, activitiesRoutes, rolesRoutes, permissionsRoutes, cdrsRoutes, sipProfilesRoutes, switchNodesRoutes, realtimeRoutes, accountsRoutes];

export default async function rest(app: FastifyInstance, options: { modules: readonly { rest: ((app: FastifyInstance) => Promise<void>)[] }[] }) {
  await registerUploads(app);
  for (const routes of [...restModules, ...options.modules.flatMap((m) => m.rest)]) await app.register(routes);
}
