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
import { limitErrors, queryLimitRules, traitsOf } from './limits.ts';
import { coreResolvers, mergeResolvers, type ResolverModule } from './resolvers.ts';
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
/** Parsed and validated documents kept by their text: a client sends the same few again and again. */
const DOCUMENT_CACHE_SIZE = 1024;

export const schemaText = readFileSync(resolve(import.meta.dirname, '../../../schema.graphql'), 'utf8');

async function graphql(app: FastifyInstance, options: { modules: readonly { graphql: ResolverModule }[] }) {
  const { maxDepth, maxCost, maxAliases, introspection, graphiql } = app.config.graphql;
  const limits = { maxDepth, maxCost, maxAliases };
  app.addHook('onRoute', (route) => {
    // Mercurius' response schema would serialize extensions.code as a string and path indexes as
    // strings; ours keeps the numbers.
    if (route.url === '/graphql' && route.schema) route.schema = { ...route.schema, response: graphqlResponse };
  });
  await app.register(mercurius, {
    schema: schemaText,
    resolvers: mergeResolvers([...coreResolvers, ...options.modules.map((m) => m.graphql)]),
    // Mercurius' own GraphiQL page loads React and GraphiQL from a CDN; ours serves them itself.
    graphiql: false,
    path: '/graphql',
    routes: true,
    additionalRouteOptions: { config: { auth: 'optional' } },
    context: (request: FastifyRequest) => buildContext(app, request.ctx),
    errorFormatter: formatErrors,
    // A document of more tokens than this is refused before it is parsed into a tree.
    graphql: { parseOptions: { maxTokens: MAX_TOKENS } },
    // Parsing and validation are done once per document text, the limits included as far as the
    // text decides them; what depends on the request (who asks, and the cost of a page whose
    // `limit` comes in a variable) is checked in preExecution below, which every request passes.
    validationRules: queryLimitRules(limits),
    cache: DOCUMENT_CACHE_SIZE,
    // A document seen before runs as the function graphql-jit compiled for it the first time.
    jit: 1,
    subscription: subscriptionOptions(app),
  });
  validateSubscriptions(app);
  if (graphiql) await app.register(graphiqlPage);
  app.graphql.addHook('preExecution', async (schema, document, context, variables) => {
    const traits = traitsOf(document);
    if (introspection !== 'public' && traits.asksForSchema) {
      if (introspection === 'off') throw forbidden('Introspection is turned off (GRAPHQL_INTROSPECTION)');
      requireActor((context as unknown as GqlContext).ctx);
    }
    if (traits.pricedByVariables) {
      const refused = limitErrors(schema, document, limits, variables ?? {});
      // Rendered as mercurius' validation errors are: 400, each with its reason.
      if (refused.length) throw Object.assign(new Error('Query refused by its limits'), { errors: refused, statusCode: 400 });
    }
    // PostgreSQL's text cannot hold NUL: refused on either database, as REST refuses it.
    const found = nulIn(variables, 'variables') ?? (traits.holdsNul ? 'query' : null);
    if (found) throw nulRefused(found);
  });
}

export default fp(graphql, { name: 'graphql', dependencies: ['services', 'auth'] });
