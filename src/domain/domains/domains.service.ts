// FreeSWITCH domains (FusionPBX's v_domains): one per tenant, read-only here; a tenant's domain
// is set through /tenants. The super-admin sees all, a tenant admin its own.
import { authorize, scopeOf, type Ctx } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { page, paging, splitList, type ListQuery, type Page } from '../shared/list.ts';
import { parse } from '../shared/schema.ts';
import type { TenantRecord, TenantsRepository } from '../tenants/tenants.repository.ts';
import { DomainFilter, type DomainView } from './domains.schema.ts';

const SORTABLE = { tenant_id: 'id', domain_name: 'domain' };

export const domainView = (t: TenantRecord): DomainView => ({
  tenantId: t.id,
  tenantName: t.name,
  domainUuid: t.domainUuid,
  domainName: t.domain,
  domainEnabled: t.active,
  domainDescription: t.description,
});

export function createDomainsService(deps: { tenants: TenantsRepository }) {
  return {
    async list(query: ListQuery & Record<string, unknown>, ctx: Ctx): Promise<Page<TenantRecord>> {
      authorize(ctx, 'fpbx_domain_list');
      const { list, filters } = splitList(query);
      const p = paging(list, SORTABLE, 'tenant_id');
      const filter = parse(DomainFilter, filters);
      const scope = scopeOf(ctx.actor);
      if (scope.kind === 'self' && scope.tenantId === null) return page([], 0, p);
      const id = scope.kind === 'all' ? undefined : (scope.tenantId as number);
      const { items, total } = await deps.tenants.list({ id, domain: filter.domainName, active: filter.domainEnabled }, p);
      return page(items, total, p);
    },

    async get(tenantId: number, ctx: Ctx): Promise<TenantRecord> {
      authorize(ctx, 'fpbx_domain_read');
      const scope = scopeOf(ctx.actor);
      const tenant = await deps.tenants.findById(tenantId);
      if (!tenant || (scope.kind !== 'all' && scope.tenantId !== tenant.id)) throw notFound('Domain');
      return tenant;
    },
  };
}

export type DomainsService = ReturnType<typeof createDomainsService>;
