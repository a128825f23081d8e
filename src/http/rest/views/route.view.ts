// An outbound route as ICTCore shows it.
import type { Route } from '../../../domain/routes/routes.service.ts';
import { flag, unixSeconds } from '../shared.ts';

const int = { type: 'integer' } as const;
const str = { type: 'string' } as const;

export const routeSchema = {
  type: 'object',
  properties: {
    route_id: int,
    tenant_id: { type: ['integer', 'null'] },
    provider_id: int,
    name: str,
    pattern: str,
    strip: int,
    prepend: str,
    priority: int,
    service_flag: int,
    toll_type: str,
    cost: { type: 'number' },
    active: int,
    description: str,
    date_created: int,
    last_updated: int,
  },
} as const;

export function routeView(r: Route) {
  return {
    route_id: r.id,
    tenant_id: r.tenantId,
    provider_id: r.providerId,
    name: r.name,
    pattern: r.pattern,
    strip: r.strip,
    prepend: r.prepend,
    priority: r.priority,
    service_flag: r.serviceFlag,
    toll_type: r.tollType,
    cost: r.cost,
    active: flag(r.active),
    description: r.description,
    date_created: unixSeconds(r.createdAt),
    last_updated: unixSeconds(r.updatedAt),
  };
}
