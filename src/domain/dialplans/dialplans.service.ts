// /dialplans: which tenants' rendered contexts the caller may read. A tenant admin reads its own
// tenant's; the super-admin one tenant's (tenant_id) or every tenant's. The entries themselves
// are what the xml_curl dialplan renders (freeswitch/xml-curl/dialplan/dialplan-entries.ts):
// the adapters read them there for the tenants this answers.
import { authorize, scopeOf, type Ctx } from '../../context.ts';
import { listLimits } from '../shared/list.ts';
import { Id, Input, parse, Type } from '../shared/schema.ts';
import { queriedTenant } from '../shared/tenancy.ts';
import type { TenantsRepository } from '../tenants/tenants.repository.ts';

export const DialplanQuery = Input({ tenantId: Type.Optional(Id({ description: "Super-admin: one tenant's context (default every tenant's)" })) });

export interface DialplanTenant {
  id: number;
  name: string;
  domain: string;
}

export function createDialplansService(deps: { tenants: TenantsRepository }) {
  const { tenants } = deps;
  const exists = async (id: number) => !!(await tenants.findById(id));
  const shown = (t: DialplanTenant): DialplanTenant => ({ id: t.id, name: t.name, domain: t.domain });

  return {
    async tenants(input: unknown, ctx: Ctx): Promise<DialplanTenant[]> {
      authorize(ctx, 'dialplan_list');
      const { tenantId } = parse(DialplanQuery, input ?? {});
      if (scopeOf(ctx.actor).kind === 'all' && tenantId === undefined) {
        const { items } = await tenants.list({}, { skip: 0, take: listLimits.maxLimit, sortField: 'id', order: 'asc' });
        return items.map(shown);
      }
      const tenant = await tenants.findById(await queriedTenant(ctx, tenantId, exists));
      return tenant ? [shown(tenant)] : [];
    },
  };
}

export type DialplansService = ReturnType<typeof createDialplansService>;
