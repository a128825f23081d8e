// Which tenant a PBX object belongs to (reference §3.5): a super-admin names it with tenant_id
// (or leaves it out to make a shared object where sharing exists); a tenant admin's objects belong
// to its own tenant; naming another tenant is refused rather than silently ignored.
import { scopeOf, type Actor, type AuthedCtx } from '../../context.ts';
import { forbidden, validationFailed } from '../../errors.ts';

export interface TenantChoice {
  /** Whether the object may belong to no tenant (shared by all: providers, routes, DIDs in stock). */
  shared: boolean;
  exists(tenantId: number): Promise<boolean>;
  field?: string;
}

export async function owningTenant(ctx: AuthedCtx, named: number | null | undefined, choice: TenantChoice): Promise<number | null> {
  const field = choice.field ?? 'tenantId';
  const scope = scopeOf(ctx.actor);
  if (scope.kind === 'all') {
    const id = named === undefined ? (choice.shared ? null : ctx.actor.tenantId) : named;
    if (id === null) {
      if (choice.shared) return null;
      throw validationFailed(field, 'is required: a super-admin names the tenant');
    }
    if (!(await choice.exists(id))) throw validationFailed(field, 'names no tenant');
    return id;
  }
  if (scope.kind === 'tenant') {
    if (named !== undefined && named !== scope.tenantId) throw forbidden('Only a super-admin may name another tenant');
    return scope.tenantId;
  }
  throw forbidden('Only an administrator may manage PBX objects');
}

/** The tenant a query is about: the super-admin's choice, anyone else's own. */
export async function queriedTenant(ctx: AuthedCtx, named: number | undefined, exists: (id: number) => Promise<boolean>): Promise<number> {
  const scope = scopeOf(ctx.actor);
  if (scope.kind !== 'all') {
    if (scope.tenantId === null) throw validationFailed('tenantId', 'names no tenant of yours');
    if (named !== undefined && named !== scope.tenantId) throw forbidden('Only a super-admin may name another tenant');
    return scope.tenantId;
  }
  const id = named ?? ctx.actor.tenantId;
  if (id === null) throw validationFailed('tenantId', 'is required: a super-admin names the tenant');
  if (!(await exists(id))) throw validationFailed('tenantId', 'names no tenant');
  return id;
}

/** Whether the actor reaches an object of `tenantId` (null: shared, visible to every tenant when `sharedVisible`). */
export function reachesTenant(actor: Actor, tenantId: number | null, sharedVisible = false): boolean {
  const scope = scopeOf(actor);
  if (scope.kind === 'all') return true;
  if (scope.kind === 'tenant') return tenantId === scope.tenantId || (sharedVisible && tenantId === null);
  return false;
}

/** Whether the actor may change an object it reaches: shared objects belong to the super-admin. */
export function assertWritable(actor: Actor, tenantId: number | null, what: string): void {
  if (tenantId === null && !actor.isAdmin) throw forbidden(`Shared ${what}s are managed by the super-admin`);
}

/**
 * The tenant filter of a list: null for everything (super-admin, unless it asks for one tenant),
 * else the actor's tenant, with shared objects when `sharedVisible`. An out-of-reach request
 * answers `false` (an empty page).
 */
export function listTenants(actor: Actor, named: number | undefined, sharedVisible = false): { tenantIds: (number | null)[] } | null | false {
  const scope = scopeOf(actor);
  if (scope.kind === 'all') return named === undefined ? null : { tenantIds: [named] };
  if (scope.kind === 'self' || scope.tenantId === null) return false;
  if (named !== undefined) return named === scope.tenantId ? { tenantIds: [named] } : false;
  return { tenantIds: sharedVisible ? [scope.tenantId, null] : [scope.tenantId] };
}
