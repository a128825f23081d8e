// Turns a stored user into the Actor that services reason about.
import type { Actor } from '../../context.ts';
import type { UserRecord } from '../users/users.repository.ts';

export function actorOf(user: UserRecord): Actor {
  const permissions = new Set(user.permissions);
  return {
    id: user.id,
    username: user.username,
    tenantId: user.tenantId,
    roles: user.roles.map((r) => r.name),
    permissions,
    isAdmin: permissions.has('super_admin'),
    isTenantAdmin: permissions.has('user_admin'),
    mfaEnabled: user.mfaEnabled,
    credit: user.credit,
    tokenVersion: user.tokenVersion,
  };
}
