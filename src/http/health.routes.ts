// Liveness (the process answers) and readiness (the database answers).
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';

async function health(app: FastifyInstance) {
  app.get('/healthz', { config: { auth: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { auth: 'public' }, schema: { hide: true } }, async (request, reply) => {
    try {
      await app.database.ping();
      return { status: 'ready', database: 'ok' };
    } catch (err) {
      request.log.warn({ err }, 'database not reachable');
      return reply.status(503).send({ status: 'not ready', database: 'unreachable' });
    }
  });
}

export default fp(health, { name: 'health', dependencies: ['database'] });
