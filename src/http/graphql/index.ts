// GraphQL at /graphql (GraphiQL at /graphiql) over the same domain services as REST.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import mercurius from 'mercurius';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { resolvers } from './resolvers.ts';

export const schemaText = readFileSync(resolve(import.meta.dirname, '../../../schema.graphql'), 'utf8');

async function graphql(app: FastifyInstance) {
  await app.register(mercurius, {
    schema: schemaText,
    resolvers,
    graphiql: app.config.graphql.graphiql,
    path: '/graphql',
    routes: true,
    context: (request: FastifyRequest) => ({ ctx: request.ctx, services: app.services }),
  });
}

export default fp(graphql, { name: 'graphql', dependencies: ['services', 'auth'] });
