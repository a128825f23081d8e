// What every domain service receives beside its input: who is asking, from where, and a logger.
// Services never see Fastify or GraphQL types.
import type { FastifyBaseLogger } from 'fastify';
import { forbidden, unauthorized } from './errors.ts';

export interface Actor {
  id: number;
  username: string;
  tenantId: number | null;
  roles: string[];
  /** Effective permission names: direct grants plus those of every role. */
  permissions: Set<string>;
  /** Holds `super_admin`: sees and manages everything. */
  isAdmin: boolean;
  /** Holds `user_admin`: manages its own tenant. */
  isTenantAdmin: boolean;
  mfaEnabled: boolean;
  credit: number;
  tokenVersion: number;
}

export interface Ctx {
  actor: Actor | null;
  ip: string;
  log: FastifyBaseLogger;
  /** The bearer token the request came with (a password change keeps it alive). */
  token?: TokenRef;
}

/** A token by its jti and expiry (unix seconds). */
export interface TokenRef {
  id: string;
  exp: number;
}

export interface AuthedCtx extends Ctx {
  actor: Actor;
}

export function requireActor(ctx: Ctx): asserts ctx is AuthedCtx {
  if (!ctx.actor) throw unauthorized('Authentication required');
}

/**
 * ICTCore's rule: permissions are hierarchical by prefix, so holding `user` grants `user_create`;
 * `super_admin` grants everything.
 */
export function can(actor: Actor, permission: string): boolean {
  if (actor.isAdmin) return true;
  if (actor.permissions.has(permission)) return true;
  const parts = permission.split('_');
  for (let i = 1; i < parts.length; i++) if (actor.permissions.has(parts.slice(0, i).join('_'))) return true;
  return false;
}

export function authorize(ctx: Ctx, ...permissions: string[]): asserts ctx is AuthedCtx {
  requireActor(ctx);
  for (const permission of permissions) {
    if (!can(ctx.actor, permission)) throw forbidden(`User not permitted (${permission}) to perform required action`);
  }
}

/** Passes when the actor holds at least one of the permissions (e.g. `role_list` or `role_read` to list roles). */
export function authorizeAny(ctx: Ctx, ...permissions: string[]): asserts ctx is AuthedCtx {
  requireActor(ctx);
  if (!permissions.some((p) => can(ctx.actor, p))) {
    throw forbidden(`User not permitted (${permissions.join(' or ')}) to perform required action`);
  }
}

/** How far an actor reaches (reference §3.5): everything, one tenant, or only its own objects. */
export type Scope = { kind: 'all' } | { kind: 'tenant'; tenantId: number } | { kind: 'self'; userId: number; tenantId: number | null };

export function scopeOf(actor: Actor): Scope {
  if (actor.isAdmin) return { kind: 'all' };
  if (actor.isTenantAdmin && actor.tenantId !== null) return { kind: 'tenant', tenantId: actor.tenantId };
  return { kind: 'self', userId: actor.id, tenantId: actor.tenantId };
}
