// A permission of the catalogue (its schema, domain/permissions/permissions.schema.ts, in the
// ICTPBX client's words), and a user's effective permission with where it comes from.
import type { PermissionRecord } from '../../../domain/permissions/permissions.repository.ts';
import { PermissionView } from '../../../domain/permissions/permissions.schema.ts';
import { permissionView as domainPermissionView } from '../../../domain/permissions/permissions.service.ts';
import type { EffectivePermission } from '../../../domain/users/user-grants.service.ts';
import { toWire, wireSchema } from '../wire.ts';

export const permissionSchema = wireSchema(PermissionView) as { type: 'object'; properties: Record<string, object> };

export const permissionView = (p: PermissionRecord) => toWire(domainPermissionView(p));

export const effectivePermissionSchema = {
  type: 'object',
  properties: {
    ...permissionSchema.properties,
    source: { type: 'string', enum: ['direct', 'role'], description: '"direct" when granted to the user itself, else "role"' },
    roles: { type: 'array', items: { type: 'string' }, description: "Names of the user's roles that carry it" },
  },
} as const;

export function effectivePermissionView(p: EffectivePermission) {
  return { ...permissionView(p), source: p.direct ? 'direct' : 'role', roles: p.roles };
}
