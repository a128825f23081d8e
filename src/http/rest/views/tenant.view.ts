// A tenant as the ICTPBX API shows it.
import type { TenantRecord } from '../../../domain/tenants/tenants.repository.ts';
import { flag, unixSeconds } from '../shared.ts';

export const tenantSchema = {
  type: 'object',
  properties: {
    tenant_id: { type: 'integer' },
    name: { type: 'string' },
    domain: { type: 'string' },
    domain_uuid: { type: 'string' },
    description: { type: 'string' },
    email: { type: 'string' },
    phone: { type: 'string' },
    active: { type: 'integer' },
    credit: { type: 'number' },
    max_concurrent_calls: { type: 'integer' },
    credit_alert_threshold: { type: 'number' },
    date_created: { type: 'integer' },
    last_updated: { type: 'integer' },
    tenant_permissions: {
      type: 'array',
      items: { type: 'object', properties: { permission_id: { type: 'integer' }, name: { type: 'string' } } },
    },
  },
} as const;

export function tenantView(t: TenantRecord) {
  return {
    tenant_id: t.id,
    name: t.name,
    domain: t.domain,
    domain_uuid: t.domainUuid,
    description: t.description,
    email: t.email,
    phone: t.phone,
    active: flag(t.active),
    credit: t.credit,
    max_concurrent_calls: t.maxConcurrentCalls,
    credit_alert_threshold: t.creditAlertThreshold,
    date_created: unixSeconds(t.createdAt),
    last_updated: unixSeconds(t.updatedAt),
    tenant_permissions: t.permissions.map((p) => ({ permission_id: p.id, name: p.name })),
  };
}
