// The OpenAPI 3 document, generated from the route schemas, at /api/openapi.json, and Swagger UI
// at /api/docs. Both are public: the document describes the API, it grants nothing.
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

async function openapi(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Switchyard API',
        version: '1.0.0',
        description: 'ICTPBX / ICTCore-compatible REST API of Switchyard. Errors: { "error": { "code", "reason", "message" } }. Lists answer a JSON array with the total in the X-Total-Count header.',
      },
      servers: [{ url: '/' }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    hideUntagged: true,
  });
  await app.register(async (docs) => {
    docs.addHook('onRoute', (route) => {
      route.config = { ...route.config, auth: 'public' };
    });
    await docs.register(swaggerUi, { routePrefix: '/api/docs' });
    docs.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  });
}

export default fp(openapi, { name: 'openapi' });
