// A user as the ICTPBX API shows it (ICTCore's field names; never the password hash or secrets).
import type { UserRecord } from '../../../domain/users/users.repository.ts';
import { flag, unixSeconds } from '../shared.ts';

export const userSchema = {
  type: 'object',
  properties: {
    user_id: { type: 'integer' },
    tenant_id: { type: ['integer', 'null'] },
    username: { type: 'string' },
    first_name: { type: 'string' },
    last_name: { type: 'string' },
    email: { type: 'string' },
    phone: { type: 'string' },
    mobile: { type: 'string' },
    address: { type: 'string' },
    company: { type: 'string' },
    country_id: { type: ['integer', 'null'] },
    timezone_id: { type: ['integer', 'null'] },
    active: { type: 'integer' },
    credit: { type: 'number' },
    status: { type: 'string' },
    roles: { type: 'string', description: 'Comma-separated role names (ICTCore)' },
    role_ids: { type: 'array', items: { type: 'integer' } },
    is_admin: { type: 'string' },
    is_tenant: { type: 'string' },
    user_permission: { type: 'string', description: 'Comma-separated effective permission names' },
    mfa_enabled: { type: 'integer' },
    date_created: { type: 'integer' },
    last_updated: { type: 'integer' },
    last_login: { type: ['integer', 'null'] },
  },
} as const;

export function userView(u: UserRecord) {
  return {
    user_id: u.id,
    tenant_id: u.tenantId,
    username: u.username,
    first_name: u.firstName,
    last_name: u.lastName,
    email: u.email,
    phone: u.phone,
    mobile: u.mobile,
    address: u.address,
    company: u.company,
    country_id: u.countryId,
    timezone_id: u.timezoneId,
    active: flag(u.active),
    credit: u.credit,
    status: u.status,
    roles: u.roles.map((r) => r.name).join(','),
    role_ids: u.roles.map((r) => r.id),
    is_admin: u.permissions.includes('super_admin') ? '1' : '0',
    is_tenant: u.permissions.includes('user_admin') ? '1' : '0',
    user_permission: u.permissions.join(','),
    mfa_enabled: flag(u.mfaEnabled),
    date_created: unixSeconds(u.createdAt),
    last_updated: unixSeconds(u.updatedAt),
    last_login: unixSeconds(u.lastLoginAt),
  };
}
