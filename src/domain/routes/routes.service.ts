// Outbound routes: destinations matching `pattern` leave through the route's provider. Shared
// routes (no tenant) are the super-admin's; a tenant admin manages its tenant's routes, which
// may use its own or shared providers. Batches (bulk, CSV) are validated whole and written all
// or nothing, unless a CSV import asks for `partial`.
import { authorize, type AuthedCtx, type Ctx } from '../../context.ts';
import { AppError, invalidItems, notFound, validationFailed, type ItemError } from '../../errors.ts';
import type { ChangeBus } from '../../infra/change-bus.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import type { ProvidersService } from '../providers/providers.service.ts';
import { page, paging, type ListQuery, type Page } from '../shared/list.ts';
import { flagsWith } from '../shared/service-flags.ts';
import { assertWritable, listTenants, owningTenant, reachesTenant } from '../shared/tenancy.ts';
import type { TenantsRepository } from '../tenants/tenants.repository.ts';
import { itemError, readRoutesCsv, routesToCsv, sampleCsv, type CsvRow } from './route-csv.ts';
import { checkRouteFields } from './route-rules.ts';
import type { NewRoute, RouteFields, RouteRecord, RoutesRepository } from './routes.repository.ts';

export type RouteInput = RouteFields;
export type Route = RouteRecord;

export interface RouteQuery extends ListQuery {
  tenantId?: number;
  providerId?: number;
  /** Bitwise: routes carrying all of these services. */
  serviceFlag?: number;
  name?: string;
  tollType?: string;
  active?: boolean;
}

export interface CsvImportOptions {
  /** Import the valid rows even when others are invalid. */
  partial?: boolean;
  /** Given by /routes/:service_flag/:provider_id/csv: fills blank cells, and other values are errors. */
  serviceFlag?: number;
  providerId?: number;
}

export interface CsvImportResult {
  created: number[];
  updated: number[];
  /** Rows with a route_id whose values equal the stored route. */
  unchanged: number[];
  errors: ItemError[];
}

const SORTABLE = { route_id: 'id', name: 'name', pattern: 'pattern', priority: 'priority', cost: 'cost', provider_id: 'providerId', date_created: 'createdAt' };

/** Only the catalogue's client errors describe a bad row; anything else is a real failure. */
function asItemError(err: unknown, at: { line: number } | { index: number }): ItemError {
  if (err instanceof AppError && err.statusCode < 500) return itemError(err, at);
  throw err;
}

export function createRoutesService(deps: {
  routes: RoutesRepository;
  tenants: TenantsRepository;
  providers: ProvidersService;
  changes: ChangeBus;
  activity: ActivityLog;
}) {
  const { routes, providers, changes, activity } = deps;
  const exists = async (id: number) => !!(await deps.tenants.findById(id));

  async function visible(id: number, ctx: Ctx, permission: string): Promise<RouteRecord> {
    authorize(ctx, permission);
    const route = await routes.findById(id);
    if (!route || !reachesTenant(ctx.actor, route.tenantId, true)) throw notFound('Route');
    return route;
  }

  /** A new route as it will be written: tenant settled, provider usable, fields valid. */
  async function prepareNew(input: RouteInput, ctx: AuthedCtx): Promise<NewRoute> {
    const tenantId = await owningTenant(ctx, input.tenantId, { shared: true, exists });
    checkRouteFields(input);
    if (input.name === undefined) throw validationFailed('name', 'is required');
    if (input.pattern === undefined) throw validationFailed('pattern', 'is required');
    if (input.providerId === undefined) throw validationFailed('providerId', 'is required');
    await providers.usable(input.providerId, tenantId, 'providerId');
    return { ...input, tenantId } as NewRoute;
  }

  async function prepareUpdate(before: RouteRecord, input: RouteInput, ctx: AuthedCtx): Promise<RouteFields> {
    assertWritable(ctx.actor, before.tenantId, 'route');
    const fields = { ...input };
    if (input.tenantId !== undefined && input.tenantId !== before.tenantId) fields.tenantId = await owningTenant(ctx, input.tenantId, { shared: true, exists });
    checkRouteFields(fields);
    const tenantId = fields.tenantId === undefined ? before.tenantId : fields.tenantId;
    if (fields.providerId !== undefined || tenantId !== before.tenantId) await providers.usable(fields.providerId ?? before.providerId, tenantId, 'providerId');
    return fields;
  }

  async function announce(tenantIds: Iterable<number | null>, id?: number): Promise<void> {
    for (const tenantId of new Set(tenantIds)) await changes.publish({ entity: 'route', tenantId, ...(id !== undefined ? { id } : {}) });
  }

  async function exportCsv(query: RouteQuery, ctx: Ctx): Promise<string> {
    authorize(ctx, 'route_list');
    const tenants = listTenants(ctx.actor, query.tenantId, true);
    if (tenants === false) return routesToCsv([]);
    const serviceFlags = query.serviceFlag !== undefined ? flagsWith(query.serviceFlag) : undefined;
    return routesToCsv(await routes.all({ ...tenants, serviceFlags, providerId: query.providerId, active: query.active }));
  }

  return {
    async list(query: RouteQuery, ctx: Ctx): Promise<Page<Route>> {
      authorize(ctx, 'route_list');
      const p = paging(query, SORTABLE, 'route_id');
      const tenants = listTenants(ctx.actor, query.tenantId, true);
      if (tenants === false) return page([], 0, p);
      const serviceFlags = query.serviceFlag !== undefined ? flagsWith(query.serviceFlag) : undefined;
      const { items, total } = await routes.list(
        { ...tenants, serviceFlags, providerId: query.providerId, name: query.name, tollType: query.tollType, active: query.active },
        p,
      );
      return page(items, total, p);
    },

    get: (id: number, ctx: Ctx) => visible(id, ctx, 'route_read'),

    async create(input: RouteInput, ctx: Ctx): Promise<Route> {
      authorize(ctx, 'route_create');
      const route = await routes.create(await prepareNew(input, ctx));
      await announce([route.tenantId], route.id);
      await activity.record(ctx, 'route_created', `Create Route ${route.name} -ID:${route.id}`, { tenantId: route.tenantId });
      return route;
    },

    async update(id: number, input: RouteInput, ctx: Ctx): Promise<Route> {
      const before = await visible(id, ctx, 'route_update');
      const route = await routes.update(id, await prepareUpdate(before, input, ctx as AuthedCtx));
      await announce([before.tenantId, route.tenantId], id);
      await activity.record(ctx, 'route_updated', `Update Route ${route.name} -ID:${id}: ${Object.keys(input).join(', ')}`, { tenantId: route.tenantId });
      return route;
    },

    async remove(id: number, ctx: Ctx): Promise<void> {
      const route = await visible(id, ctx, 'route_delete');
      assertWritable(ctx.actor!, route.tenantId, 'route');
      await routes.delete(id);
      await announce([route.tenantId], id);
      await activity.record(ctx, 'route_deleted', `Delete Route ${route.name} -ID:${id}`, { tenantId: route.tenantId });
    },

    /** Creates every route or none; problems are reported per index (0-based). */
    async bulkCreate(inputs: RouteInput[], ctx: Ctx): Promise<Route[]> {
      authorize(ctx, 'route_create');
      const prepared: NewRoute[] = [];
      const errors: ItemError[] = [];
      for (const [index, input] of inputs.entries()) {
        try {
          prepared.push(await prepareNew(input, ctx));
        } catch (err) {
          errors.push(asItemError(err, { index }));
        }
      }
      if (errors.length) throw invalidItems(`${errors.length} of ${inputs.length} routes are invalid; none was created: ${errors.map((e) => e.message).join('; ')}`, errors);
      const { created } = await routes.saveAll(prepared, []);
      await announce(created.map((r) => r.tenantId));
      await activity.record(ctx, 'routes_created', `Create ${created.length} Routes (bulk)`);
      return created;
    },

    exportCsv,
    sampleCsv: () => sampleCsv(),

    /** Imports a route CSV: every row validated, nothing written when any is invalid (unless `partial`). */
    async importCsv(text: string, options: CsvImportOptions, ctx: Ctx): Promise<CsvImportResult> {
      authorize(ctx, 'route_create');
      const { rows, errors } = readRoutesCsv(text);
      const creates: NewRoute[] = [];
      const updates: { id: number; data: RouteFields }[] = [];
      const touched: (number | null)[] = [];
      const unchanged: number[] = [];
      for (const row of rows) {
        try {
          const input = withPathValues(row, options);
          if (row.routeId === undefined) {
            creates.push(await prepareNew(input, ctx));
          } else {
            const before = await visible(row.routeId, ctx, 'route_update').catch((err) => {
              throw err instanceof AppError && err.statusCode === 404 ? validationFailed('route_id', 'names no route of yours') : err;
            });
            // Unchanged rows (an export read back, shared routes included) are left alone.
            if (!differs(before, input)) {
              unchanged.push(before.id);
              continue;
            }
            updates.push({ id: before.id, data: await prepareUpdate(before, input, ctx) });
            touched.push(before.tenantId);
          }
        } catch (err) {
          errors.push(asItemError(err, { line: row.line }));
        }
      }
      errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
      if (errors.length && !options.partial) {
        throw invalidItems(`${errors.length} row(s) of the CSV are invalid; nothing was imported: ${errors.map((e) => e.message).join('; ')}`, errors);
      }
      const { created, updated } = await routes.saveAll(creates, updates);
      await announce([...created.map((r) => r.tenantId), ...updated.map((r) => r.tenantId), ...touched]);
      await activity.record(ctx, 'routes_imported', `Import Routes CSV: ${created.length} created, ${updated.length} updated, ${errors.length} rejected`);
      return { created: created.map((r) => r.id), updated: updated.map((r) => r.id), unchanged, errors };
    },
  };
}

function differs(before: RouteRecord, input: RouteInput): boolean {
  return (Object.keys(input) as (keyof RouteInput)[]).some((k) => input[k] !== before[k]);
}

function withPathValues(row: CsvRow, options: CsvImportOptions): RouteInput {
  const input = { ...row.input };
  if (options.providerId !== undefined) {
    if (input.providerId !== undefined && input.providerId !== options.providerId) throw validationFailed('provider_id', 'differs from the provider of the import');
    input.providerId = options.providerId;
  }
  if (options.serviceFlag !== undefined) {
    if (input.serviceFlag !== undefined && input.serviceFlag !== options.serviceFlag) throw validationFailed('service_flag', 'differs from the service of the import');
    input.serviceFlag = options.serviceFlag;
  }
  return input;
}

export type RoutesService = ReturnType<typeof createRoutesService>;
