// Resolves the bearer token of every request into request.ctx, and enforces each route's
// `config.auth`: 'required' (default), 'optional', 'public', 'mfa' (an MFA-pending token is
// accepted there, and answered 428 anywhere else), or 'none': no identity and no request context at all, for
// mod_xml_curl's hot path, which its own HTTP guard protects.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Ctx } from '../context.ts';
import { mfaRequired, unauthorized } from '../errors.ts';

export type RouteAuth = 'required' | 'optional' | 'public' | 'mfa' | 'none';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx & { mfaUserId?: number };
  }
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
}

function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  // The ICTPBX client sends " Bearer <jwt>" (with a leading space) where browsers do not trim it.
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthorized('Authorization header must be "Bearer <token>"');
  return match[1];
}

async function auth(app: FastifyInstance) {
  app.decorateRequest('ctx', null as unknown as FastifyRequest['ctx']);

  async function identify(request: FastifyRequest, mode: RouteAuth): Promise<void> {
    request.ctx = { actor: null, ip: request.ip, log: request.log };
    // Not-found routes and static assets (docs) need no identity.
    if (mode === 'public' || !request.routeOptions.url) return;
    const token = bearerOf(request);
    if (!token) {
      if (mode === 'optional') return;
      throw unauthorized('Authentication required');
    }
    const bearer = await app.services.auth.resolve(token);
    request.ctx.token = bearer.token;
    if (bearer.kind === 'mfa') {
      if (mode !== 'mfa') throw mfaRequired();
      request.ctx.mfaUserId = bearer.userId;
      return;
    }
    request.ctx.actor = bearer.actor;
  }

  // A callback hook, so that 'none' costs no promise on the hot path.
  app.addHook('onRequest', (request, _reply, done) => {
    const mode: RouteAuth = request.routeOptions.config?.auth ?? 'required';
    if (mode === 'none') return done();
    identify(request, mode).then(() => done(), done);
  });
}

export default fp(auth, { name: 'auth', dependencies: ['services'] });
