// Per-request DataLoaders: relations asked for by many parents in one query are fetched with one
// batched service call per relation, whatever the number of parents. They go through the
// services, so the batch is scoped exactly as a single read would be.
import DataLoader from 'dataloader';
import type { Ctx } from '../../context.ts';
import type { FastifyInstance } from 'fastify';
import type { ListQuery, Page } from '../../domain/shared/list.ts';
import type { RoleRecord } from '../../domain/roles/roles.repository.ts';
import type { TenantRecord } from '../../domain/tenants/tenants.repository.ts';
import type { UserFilter, UserRecord } from '../../domain/users/users.repository.ts';
import { notFound } from '../../errors.ts';

export type TenantUsersQuery = ListQuery & Omit<UserFilter, 'tenantId'>;

export function createLoaders(services: FastifyInstance['services'], ctx: Ctx) {
  const tenantUsers = new Map<string, DataLoader<number, Page<UserRecord>>>();
  const loaders = {
    tenant: new DataLoader<number, TenantRecord>((ids) => services.tenants.loadMany(ids, ctx)),
    role: new DataLoader<number, RoleRecord>(async (ids) => {
      const found = new Map((await services.roles.getMany(ids, ctx)).map((r) => [r.id, r]));
      return ids.map((id) => found.get(id) ?? notFound('Role'));
    }),
    /** Pages of Tenant.users: tenants asked for the same page (same arguments) share one batch. */
    tenantUsers(query: TenantUsersQuery): DataLoader<number, Page<UserRecord>> {
      const key = JSON.stringify(query);
      let loader = tenantUsers.get(key);
      if (!loader) {
        loader = new DataLoader((tenantIds) => services.users.listByTenants(tenantIds, query, ctx));
        tenantUsers.set(key, loader);
      }
      return loader;
    },
    /** Forgets everything loaded so far: a mutation may have changed it. */
    clear() {
      loaders.tenant.clearAll();
      loaders.role.clearAll();
      tenantUsers.clear();
    },
  };
  return loaders;
}

export type Loaders = ReturnType<typeof createLoaders>;
