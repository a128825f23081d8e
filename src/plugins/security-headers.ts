// Security headers (@fastify/helmet) on every answer a browser may read: nosniff, no framing, no
// referrer, and a Content-Security-Policy that allows this origin only. The two pages Switchyard
// serves (Swagger UI at /api/docs, GraphiQL at /graphiql) load every script, style, font and image
// from Switchyard itself; neither has an inline script. Their two inline stylesheets are allowed one
// by one: Swagger UI's logo by the hash of its fixed text, GraphiQL's scroll lock (its text depends
// on the window) by a nonce of its page (graphiql.ts). The browser tests record any violation.
// FreeSWITCH's routes (/freeswitch/*) skip helmet (`helmet: false`): FreeSWITCH is no browser, and
// on /freeswitch/xml, the hot path, helmet's headers cost about a third of a bare route's rate. (The
// xml_curl listener thread is a Fastify of its own, without this plugin.) Answers that carry a
// token, a TOTP secret or a password-reset outcome are `Cache-Control: no-store`.
import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import type { FastifyInstance, onRequestHookHandler, RouteOptions } from 'fastify';

/**
 * The <style> inside Swagger UI's logo (swagger-ui-standalone-preset.js):
 * `.logo_small_svg__cls-2{fill:#fff}.logo_small_svg__cls-3{fill:#85ea2d}`.
 */
const SWAGGER_UI_LOGO_STYLE = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

/** The Content-Security-Policy of every answer (GraphiQL's page adds its nonce). */
function cspDirectives({ upgradeInsecureRequests }: { upgradeInsecureRequests: boolean }): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'none'"],
    // fetch and the GraphQL subscriptions' WebSocket: 'self' covers ws:/wss: on the same host.
    'connect-src': ["'self'"],
    // GraphiQL's stylesheet embeds its fonts and icons as data: URLs; Swagger UI its icons.
    'font-src': ["'self'", 'data:'],
    'img-src': ["'self'", 'data:'],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'object-src': ["'none'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", SWAGGER_UI_LOGO_STYLE],
    // Only where the server is reached over TLS: on plain HTTP it would send every asset request
    // to an https:// URL that nothing answers.
    ...(upgradeInsecureRequests ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/** Routes whose answers carry a bearer token, a TOTP secret or a password-reset outcome. */
const NO_STORE = new Set([
  'POST /api/authenticate',
  'POST /api/user/totp/verify',
  'POST /api/user/totpqrcode',
  'GET /api/users/:user_id/token',
  'POST /api/forgot_password',
  'PUT /api/update_password',
  // The `login` mutation answers a token; queries may answer anything a user sees.
  'GET /graphql',
  'POST /graphql',
]);

const noStore: onRequestHookHandler = (_request, reply, done) => {
  reply.header('cache-control', 'no-store');
  done();
};

function methodsOf(route: RouteOptions): string[] {
  return Array.isArray(route.method) ? route.method : [route.method];
}

function hooksOf(hooks: RouteOptions['onRequest']): onRequestHookHandler[] {
  if (!hooks) return [];
  return Array.isArray(hooks) ? hooks : [hooks as onRequestHookHandler];
}

async function securityHeaders(app: FastifyInstance) {
  const { hstsMaxAge } = app.config;
  // Before helmet's own onRoute hook, which reads `route.helmet`.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/freeswitch/')) route.helmet = false;
    if (methodsOf(route).some((method) => NO_STORE.has(`${method} ${route.url}`))) {
      route.onRequest = [...hooksOf(route.onRequest), noStore];
    }
  });
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives({ upgradeInsecureRequests: hstsMaxAge > 0 }) },
    strictTransportSecurity: hstsMaxAge > 0 ? { maxAge: hstsMaxAge, includeSubDomains: false } : false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}

export default fp(securityHeaders, { name: 'security-headers', dependencies: ['services'] });
