// GraphQL at /graphql (GraphiQL at /graphiql, see graphiql.ts) over the same domain services as
// REST. The route accepts a missing token (only `login` works without one; everything else reaches
// a service that answers 401); an MFA-pending token is refused by the auth plugin as on every
// route but /api/user/totp/verify.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import mercurius from 'mercurius';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { requireActor } from '../../context.ts';
import { forbidden } from '../../errors.ts';
import { nulIn, nulRefused } from '../../domain/shared/nul-characters.ts';
import { buildContext, type GqlContext } from './context.ts';
import { formatErrors } from './errors.ts';
import graphiqlPage from './graphiql.ts';
import { asksForSchema, literalsHoldNul, queryLimitRules } from './limits.ts';
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

const MAX_TOKENS = 20_000;

export const schemaText = readFileSync(resolve(import.meta.dirname, '../../../schema.graphql'), 'utf8');

async function graphql(app: FastifyInstance) {
  const { maxDepth, maxCost, maxAliases, introspection, graphiql } = app.config.graphql;
  app.addHook('onRoute', (route) => {
    // Mercurius' response schema would serialize extensions.code as a string and path indexes as
    // strings; ours keeps the numbers.
    if (route.url === '/graphql' && route.schema) route.schema = { ...route.schema, response: graphqlResponse };
  });
  await app.register(mercurius, {
    schema: schemaText,
    resolvers,
    // Mercurius' own GraphiQL page loads React and GraphiQL from a CDN; ours serves them itself.
    graphiql: false,
    path: '/graphql',
    routes: true,
    additionalRouteOptions: { config: { auth: 'optional' } },
    context: (request: FastifyRequest) => buildContext(app.services, request.ctx),
    errorFormatter: formatErrors,
    // The cost of a page depends on its `limit`, which may come in a variable; rules that see the
    // variables cannot be combined with mercurius' validated-query cache.
    validationRules: ({ variables }) => queryLimitRules({ maxDepth, maxCost, maxAliases }, variables ?? {}),
    // A document of more tokens than this is refused before it is parsed into a tree.
    graphql: { parseOptions: { maxTokens: MAX_TOKENS } },
    cache: false,
    subscription: subscriptionOptions(app),
  });
  validateSubscriptions(app);
  if (graphiql) await app.register(graphiqlPage);
  app.graphql.addHook('preValidation', async (_schema, document, context) => {
    if (introspection === 'public' || !asksForSchema(document)) return;
    if (introspection === 'off') throw forbidden('Introspection is turned off (GRAPHQL_INTROSPECTION)');
    requireActor((context as unknown as GqlContext).ctx);
  });
  // PostgreSQL's text cannot hold NUL: refused on either database, as REST refuses it.
  app.graphql.addHook('preExecution', async (_schema, document, _context, variables) => {
    const found = nulIn(variables, 'variables') ?? (literalsHoldNul(document) ? 'query' : null);
    if (found) throw nulRefused(found);
  });
}

export default fp(graphql, { name: 'graphql', dependencies: ['services', 'auth'] });
