// Tenants: the super-admin manages all of them; a tenant admin reads its own.
import { randomUUID } from 'node:crypto';
import type { Config } from '../../config.ts';
import { authorize, scopeOf, type Ctx } from '../../context.ts';
import { conflict, editionGated, notFound, validationFailed, type AppError } from '../../errors.ts';
import { page, paging, type ListQuery, type Page } from '../shared/list.ts';
import type { ChangeBus } from '../../infra/change-bus.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import type { PermissionsRepository } from '../permissions/permissions.repository.ts';
import type { TenantFields, TenantFilter, TenantRecord, TenantsRepository } from './tenants.repository.ts';

export interface TenantInput extends TenantFields {
  /** Names of tenant features (tenant_permissions); replaces the set when given. */
  permissions?: string[];
}

const SORTABLE = { tenant_id: 'id', id: 'id', name: 'name', domain: 'domain', date_created: 'createdAt' };
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

export function deriveDomain(name: string, suffix: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  return `${slug || 'tenant'}${suffix}`;
}

export function createTenantsService(deps: {
  config: Config;
  tenants: TenantsRepository;
  permissions: PermissionsRepository;
  activity: ActivityLog;
  changes: ChangeBus;
}) {
  const { tenants, activity, changes } = deps;

  async function permissionIds(names: string[] | undefined): Promise<number[] | undefined> {
    if (!names) return undefined;
    const found = await deps.permissions.findByNames(names);
    const missing = names.filter((n) => !found.some((p) => p.name === n));
    if (missing.length) throw validationFailed('permissions', `names unknown permission(s): ${missing.join(', ')}`);
    return found.map((p) => p.id);
  }

  async function checkDomain(domain: string, exceptId?: number): Promise<string> {
    const normalized = domain.trim().toLowerCase();
    if (!DOMAIN.test(normalized)) throw validationFailed('domain', 'must be a valid DNS domain name');
    if (await tenants.domainTaken(normalized, exceptId)) throw conflict(`Domain ${normalized} is already in use`);
    return normalized;
  }

  /** The tenant if the actor may see it; 404 otherwise, never its data. */
  async function visible(id: number, ctx: Ctx): Promise<TenantRecord> {
    authorize(ctx, 'tenant_read');
    const tenant = await tenants.findById(id);
    const scope = scopeOf(ctx.actor);
    if (!tenant || (scope.kind !== 'all' && scope.tenantId !== tenant.id)) throw notFound('Tenant');
    return tenant;
  }

  return {
    async list(query: ListQuery & TenantFilter, ctx: Ctx): Promise<Page<TenantRecord>> {
      authorize(ctx, 'tenant_read');
      const scope = scopeOf(ctx.actor);
      const p = paging(query, SORTABLE, 'tenant_id');
      const filter: TenantFilter = { id: query.id, name: query.name, domain: query.domain, active: query.active };
      if (scope.kind !== 'all') {
        if (filter.id !== undefined && filter.id !== scope.tenantId) return page([], 0, p);
        filter.id = scope.tenantId ?? -1;
      }
      const { items, total } = await tenants.list(filter, p);
      return page(items, total, p);
    },

    get: visible,

    /** Tenants by id for batching (GraphQL): each id answers its tenant, or the 404 get() would give. */
    async loadMany(ids: readonly number[], ctx: Ctx): Promise<(TenantRecord | AppError)[]> {
      authorize(ctx, 'tenant_read');
      const scope = scopeOf(ctx.actor);
      const found = new Map((await tenants.findByIds(ids)).map((t) => [t.id, t]));
      return ids.map((id) => {
        const tenant = found.get(id);
        return tenant && (scope.kind === 'all' || scope.tenantId === tenant.id) ? tenant : notFound('Tenant');
      });
    },

    async create(input: TenantInput & { name: string }, ctx: Ctx): Promise<TenantRecord> {
      authorize(ctx, 'tenant_create');
      if (deps.config.edition === 'community' && (await tenants.count()) >= 1) throw editionGated('More than one tenant');
      const domain = await checkDomain(input.domain ?? deriveDomain(input.name, deps.config.tenantDomainSuffix));
      const { permissions, ...fields } = input;
      const tenant = await tenants.create({ ...fields, domain, domainUuid: randomUUID() }, (await permissionIds(permissions)) ?? []);
      await changes.publish({ entity: 'tenant', tenantId: tenant.id, id: tenant.id, domain: tenant.domain });
      await activity.record(ctx, 'tenant_created', `Add New Tenant ${tenant.name} (${tenant.domain})`, { tenantId: ctx.actor?.tenantId ?? null });
      return tenant;
    },

    async update(id: number, input: TenantInput, ctx: Ctx): Promise<TenantRecord> {
      authorize(ctx, 'tenant_update');
      const { permissions, ...fields } = input;
      if (fields.domain !== undefined) fields.domain = await checkDomain(fields.domain, id);
      const before = await visible(id, ctx);
      const tenant = await tenants.update(id, fields, await permissionIds(permissions));
      await changes.publish({ entity: 'tenant', tenantId: id, id, domain: before.domain });
      if (before.domain !== tenant.domain) await changes.publish({ entity: 'tenant', tenantId: id, id, domain: tenant.domain });
      await activity.record(ctx, 'tenant_updated', `Update Tenant ${tenant.name}: ${Object.keys(input).join(', ')}`, { tenantId: ctx.actor?.tenantId ?? null });
      return tenant;
    },

    async remove(id: number, ctx: Ctx): Promise<void> {
      const tenant = await visible(id, ctx);
      authorize(ctx, 'tenant_delete');
      await tenants.delete(id);
      await changes.publish({ entity: 'tenant', tenantId: id, id, domain: tenant.domain });
      await activity.record(ctx, 'tenant_deleted', `Delete Tenant ${tenant.name} (${tenant.domain})`, { tenantId: ctx.actor?.tenantId ?? null });
    },
  };
}

export type TenantsService = ReturnType<typeof createTenantsService>;
