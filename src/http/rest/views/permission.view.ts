// A permission of the catalogue, and a user's effective permission with where it comes from.
import type { PermissionRecord } from '../../../domain/permissions/permissions.repository.ts';
import type { EffectivePermission } from '../../../domain/users/user-grants.service.ts';

export const permissionSchema = {
  type: 'object',
  properties: {
    permission_id: { type: 'integer' },
    name: { type: 'string' },
    description: { type: 'string' },
  },
} as const;

export function permissionView(p: PermissionRecord) {
  return { permission_id: p.id, name: p.name, description: p.description };
}

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
