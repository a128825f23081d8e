// FreeSWITCH domains (FusionPBX's v_domains): one per tenant, read-only here; a tenant's domain
// is set through /tenants. The super-admin sees all, a tenant admin its own.
import { authorize, scopeOf, type Ctx } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { page, paging, type ListQuery, type Page } from '../shared/list.ts';
import type { TenantRecord, TenantsRepository } from '../tenants/tenants.repository.ts';

export interface PbxDomain {
  tenantId: number;
  domainName: string;
  domainUuid: string;
  enabled: boolean;
  description: string;
}

const SORTABLE = { tenant_id: 'id', domain_name: 'domain' };

const toDomain = (t: TenantRecord): PbxDomain => ({
  tenantId: t.id,
  domainName: t.domain,
  domainUuid: t.domainUuid,
  enabled: t.active,
  description: t.description,
});

export function createDomainsService(deps: { tenants: TenantsRepository }) {
  return {
    async list(query: ListQuery & { domainName?: string; enabled?: boolean }, ctx: Ctx): Promise<Page<PbxDomain>> {
      authorize(ctx, 'fpbx_domain_list');
      const p = paging(query, SORTABLE, 'tenant_id');
      const scope = scopeOf(ctx.actor);
      if (scope.kind === 'self' && scope.tenantId === null) return page([], 0, p);
      const id = scope.kind === 'all' ? undefined : (scope.tenantId as number);
      const { items, total } = await deps.tenants.list({ id, domain: query.domainName, active: query.enabled }, p);
      return page(items.map(toDomain), total, p);
    },

    async get(tenantId: number, ctx: Ctx): Promise<PbxDomain> {
      authorize(ctx, 'fpbx_domain_read');
      const scope = scopeOf(ctx.actor);
      const tenant = await deps.tenants.findById(tenantId);
      if (!tenant || (scope.kind !== 'all' && scope.tenantId !== tenant.id)) throw notFound('Domain');
      return toDomain(tenant);
    },
  };
}

export type DomainsService = ReturnType<typeof createDomainsService>;
