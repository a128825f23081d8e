// GraphQL subscriptions over WebSocket at /graphql. A connection authenticates with the same
// Bearer JWT as every request, in connection_init's payload ({ authorization: "Bearer <jwt>" },
// also accepted under payload.headers) or on the upgrade request itself. A payload token that is
// invalid, revoked, expired or MFA-pending refuses the connection; a connection with no token at
// all is acknowledged but every subscription on it answers 401, as a token-less query would.
// Mercurius runs subscription documents without validating them, so they are validated here
// with the rules and limits of queries.
import type { FastifyInstance } from 'fastify';
import type { MercuriusOptions } from 'mercurius';
import { buildContext } from './context.ts';
import { graphqlJs } from './graphql-js.ts';
import { queryLimitRules } from './limits.ts';
import type { SubscriptionContext } from './subscriptions.resolvers.ts';

const { specifiedRules, validate } = graphqlJs;
const BEARER = /^Bearer\s+(\S+)$/i;

function bearerOf(payload: unknown): string | undefined {
  if (!payload || typeof payload !== 'object') return undefined;
  const p = payload as Record<string, unknown>;
  const headers = (p.headers && typeof p.headers === 'object' ? p.headers : {}) as Record<string, unknown>;
  const value = [p.authorization, p.Authorization, headers.authorization, headers.Authorization].find((v) => typeof v === 'string');
  return value ? BEARER.exec(value as string)?.[1] : undefined;
}

export function subscriptionOptions(app: FastifyInstance): Exclude<MercuriusOptions['subscription'], boolean | undefined> {
  const { services } = app;
  const expiryOf = (token: string) => services.tokens.verify(token).exp * 1000;

  return {
    keepAlive: 25_000,
    // Runs first, with the upgrade request the auth plugin has already resolved.
    context: (_socket, request): SubscriptionContext => {
      const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
      const expiresAt = token && request.ctx.actor ? expiryOf(token) : Number.POSITIVE_INFINITY;
      return { ...buildContext(app, request.ctx), expiresAt };
    },
    // Its object is merged over that context: the payload's identity wins.
    onConnect: async ({ payload }) => {
      const token = bearerOf(payload);
      if (!token) return true;
      try {
        const bearer = await services.auth.resolve(token);
        if (bearer.kind !== 'actor') return false;
        return { bearer: bearer.actor, expiresAt: expiryOf(token) } satisfies Partial<SubscriptionContext>;
      } catch {
        return false;
      }
    },
  };
}

/** Mercurius runs subscription documents unvalidated; these get the rules and limits queries get. */
export function validateSubscriptions(app: FastifyInstance): void {
  const { maxDepth, maxCost } = app.config.graphql;
  app.graphql.addHook('preSubscriptionExecution', async (schema, document) => {
    const errors = validate(schema, document, [...specifiedRules, ...queryLimitRules({ maxDepth, maxCost }, {})]);
    if (errors.length) throw errors[0];
  });
}
