// What resolving a bearer token checks, kept in memory so that the common request reads nothing:
// each user's token version, activity, tenant and Actor, and each tenant's activity. Every write
// that changes any of it announces itself on the change bus (users and roles through
// access-writes.ts, tenants through their service), on every node when PostgreSQL carries the bus,
// and the entries it touches are dropped at once. A TTL bounds how long an entry can outlive a
// notice that never arrived (a node's bus connection lost and not yet back, when it resyncs).
import type { Actor } from '../../context.ts';
import type { Change, ChangeBus } from '../../infra/change-bus.ts';
import type { UserRecord } from '../users/users.repository.ts';
import { actorOf } from './actor.ts';
import { createLoadingCache } from './loading-cache.ts';

export interface UserAccess {
  id: number;
  tokenVersion: number;
  active: boolean;
  tenantId: number | null;
  /** Shared by every request of the user until the user changes; never mutated. */
  actor: Actor;
}

export interface BearerCacheDeps {
  users: { findById(id: number): Promise<UserRecord | null> };
  tenants: { isActive(id: number): Promise<boolean> };
  changes: ChangeBus;
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

const BEARER_CACHE_TTL_MS = 15_000;

function accessOf(user: UserRecord): UserAccess {
  return { id: user.id, tokenVersion: user.tokenVersion, active: user.active, tenantId: user.tenantId, actor: Object.freeze(actorOf(user)) };
}

export function createBearerCache({ users, tenants, changes, ttlMs = BEARER_CACHE_TTL_MS, maxEntries = 10_000, now }: BearerCacheDeps) {
  const byUser = createLoadingCache<number, UserAccess | null>({
    load: async (id) => {
      const user = await users.findById(id);
      return user && accessOf(user);
    },
    ttlMs,
    maxEntries,
    now,
  });
  const tenantActive = createLoadingCache<number, boolean>({ load: (id) => tenants.isActive(id), ttlMs, maxEntries, now });

  function forget(change: Change): void {
    switch (change.entity) {
      case 'user':
        if (change.id === undefined) byUser.clear();
        else byUser.delete(Number(change.id));
        return;
      case 'role':
        // A role's name or permissions are in the Actor of everyone holding it.
        byUser.clear();
        return;
      case 'tenant': {
        const id = change.id ?? change.tenantId;
        if (id === undefined || id === null) {
          tenantActive.clear();
          byUser.clear();
          return;
        }
        tenantActive.delete(Number(id));
        // Deleting a tenant deletes its users (ON DELETE CASCADE) without a notice of their own.
        byUser.deleteWhere((user) => user?.tenantId === Number(id));
        return;
      }
      case 'resync':
        tenantActive.clear();
        byUser.clear();
    }
  }
  changes.subscribe(forget);

  return {
    /** The user's access as last read, or null when there is no such user. */
    user: (id: number) => byUser.get(id),
    tenantActive: (id: number) => tenantActive.get(id),
  };
}

export type BearerCache = ReturnType<typeof createBearerCache>;
