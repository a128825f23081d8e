// A fax account (ICTCore `account`) as the ICTPBX API shows it.
import type { AccountRecord } from '../../../domain/accounts/accounts.repository.ts';
import { flag, unixSeconds } from '../shared.ts';

export const accountSchema = {
  type: 'object',
  properties: {
    account_id: { type: 'integer' },
    tenant_id: { type: ['integer', 'null'] },
    user_id: { type: ['integer', 'null'] },
    created_by: { type: ['integer', 'null'], description: 'ICTCore: the owning user' },
    type: { type: 'string' },
    username: { type: 'string' },
    first_name: { type: 'string' },
    last_name: { type: 'string' },
    phone: { type: 'string' },
    email: { type: 'string' },
    description: { type: 'string' },
    active: { type: 'integer' },
    date_created: { type: 'integer' },
    last_updated: { type: 'integer' },
  },
} as const;

export function accountView(a: AccountRecord) {
  return {
    account_id: a.id,
    tenant_id: a.tenantId,
    user_id: a.userId,
    created_by: a.userId,
    type: a.type,
    username: a.username,
    first_name: a.firstName,
    last_name: a.lastName,
    phone: a.phone,
    email: a.email,
    description: a.description,
    active: flag(a.active),
    date_created: unixSeconds(a.createdAt),
    last_updated: unixSeconds(a.updatedAt),
  };
}
