// The ICTPBX-compatible REST layer under /api: one module per resource, mapping only.
import type { FastifyInstance } from 'fastify';
import authRoutes from './auth.routes.ts';
import tenantsRoutes from './tenants.routes.ts';
import usersRoutes from './users.routes.ts';

export const restModules = [authRoutes, tenantsRoutes, usersRoutes];

export default async function rest(app: FastifyInstance) {
  for (const routes of restModules) await app.register(routes);
}
