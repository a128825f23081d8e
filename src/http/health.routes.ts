// Liveness (the process answers) and readiness (the database answers). Readiness also reports
// each FreeSWITCH node's Event Socket state (name and state only: the route is public); a node
// that is down does not make Switchyard unready, since everything but live call control works.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';

async function health(app: FastifyInstance) {
  app.get('/healthz', { config: { auth: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { auth: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const freeswitch = app.esl.nodes().map((n) => ({ name: n.name, state: n.state }));
    try {
      await app.database.ping();
      return { status: 'ready', database: 'ok', freeswitch };
    } catch (err) {
      request.log.warn({ err }, 'database not reachable');
      return reply.status(503).send({ status: 'not ready', database: 'unreachable', freeswitch });
    }
  });
}

export default fp(health, { name: 'health', dependencies: ['database', 'esl'] });
