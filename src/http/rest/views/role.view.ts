// A role as the ICTPBX API shows it, with the permissions attached to it.
import type { RoleRecord } from '../../../domain/roles/roles.repository.ts';
import { flag, unixSeconds } from '../shared.ts';

export const roleSchema = {
  type: 'object',
  properties: {
    role_id: { type: 'integer' },
    name: { type: 'string' },
    description: { type: 'string' },
    built_in: { type: 'integer', description: '1 for the built-in roles (admin, tenant, user), which cannot be renamed or deleted' },
    permissions: {
      type: 'array',
      items: { type: 'object', properties: { permission_id: { type: 'integer' }, name: { type: 'string' } } },
    },
    date_created: { type: 'integer' },
    last_updated: { type: 'integer' },
  },
} as const;

export function roleView(r: RoleRecord) {
  return {
    role_id: r.id,
    name: r.name,
    description: r.description,
    built_in: flag(r.builtIn),
    permissions: r.permissions.map((p) => ({ permission_id: p.id, name: p.name })),
    date_created: unixSeconds(r.createdAt),
    last_updated: unixSeconds(r.updatedAt),
  };
}
