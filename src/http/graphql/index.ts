// GraphQL at /graphql (GraphiQL at /graphiql) over the same domain services as REST. The route
// accepts a missing token (only `login` works without one; everything else reaches a service
// that answers 401); an MFA-pending token is refused by the auth plugin as on every route but
// /api/user/totp/verify. GraphiQL's page and assets are public: they grant nothing.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import mercurius from 'mercurius';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildContext } from './context.ts';
import { formatErrors } from './errors.ts';
import { queryLimitRules } from './limits.ts';
import { resolvers } from './resolvers.ts';
import { subscriptionOptions, validateSubscriptions } from './subscriptions.ts';

const graphqlResponse = {
  '2xx': {
    type: 'object',
    properties: {
      data: { type: ['object', 'null'], additionalProperties: true },
      errors: { type: 'array', items: { type: 'object', additionalProperties: true } },
      extensions: { type: 'object', additionalProperties: true },
    },
  },
};

export const schemaText = readFileSync(resolve(import.meta.dirname, '../../../schema.graphql'), 'utf8');

async function graphql(app: FastifyInstance) {
  const { maxDepth, maxCost, graphiql } = app.config.graphql;
  app.addHook('onRoute', (route) => {
    if (route.url === '/graphiql' || route.url.startsWith('/graphiql/')) route.config = { ...route.config, auth: 'public' };
    // Mercurius' response schema would serialize extensions.code as a string and path indexes as
    // strings; ours keeps the numbers.
    if (route.url === '/graphql' && route.schema) route.schema = { ...route.schema, response: graphqlResponse };
  });
  await app.register(mercurius, {
    schema: schemaText,
    resolvers,
    graphiql,
    path: '/graphql',
    routes: true,
    additionalRouteOptions: { config: { auth: 'optional' } },
    context: (request: FastifyRequest) => buildContext(app.services, request.ctx),
    errorFormatter: formatErrors,
    // The cost of a page depends on its `limit`, which may come in a variable; rules that see the
    // variables cannot be combined with mercurius' validated-query cache.
    validationRules: ({ variables }) => queryLimitRules({ maxDepth, maxCost }, variables ?? {}),
    cache: false,
    subscription: subscriptionOptions(app),
  });
  validateSubscriptions(app);
}

export default fp(graphql, { name: 'graphql', dependencies: ['services', 'auth'] });
