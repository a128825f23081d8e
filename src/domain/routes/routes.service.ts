// Outbound routes: calls to a destination (ICTCore's dialling prefix) or matching a pattern
// leave through the route's provider. Shared routes (no tenant) are the super-admin's; a tenant
// admin manages its tenant's routes, which may use its own or shared providers and any
// destination. Batches (bulk, CSV) are validated whole and written all or nothing, unless a CSV
// import asks for `partial`. Every input is checked against routes.schema.ts first.
import { authorize, type AuthedCtx, type Ctx } from '../../context.ts';
import { AppError, invalidItems, notFound, validationFailed, type ItemError } from '../../errors.ts';
import type { ChangeBus } from '../../infra/change-bus.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import type { ProvidersService } from '../providers/providers.service.ts';
import { page, paging, splitList, type ListQuery, type Page } from '../shared/list.ts';
import { parse } from '../shared/schema.ts';
import { flagsWith } from '../shared/service-flags.ts';
import { assertWritable, listTenants, owningTenant, reachesTenant } from '../shared/tenancy.ts';
import type { TenantsRepository } from '../tenants/tenants.repository.ts';
import { itemError, readRoutesCsv, routesToCsv, sampleCsv, type CsvRow } from './route-csv.ts';
import { checkRoute } from './route-rules.ts';
import type { NewRoute, RouteFields, RouteRecord, RoutesRepository } from './routes.repository.ts';
import { RouteCreate, RouteFilter, RouteUpdate, type RouteView } from './routes.schema.ts';
import { unixSeconds } from '../shared/unix-time.ts';

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

const SORTABLE = { route_id: 'id', name: 'name', destination_id: 'destinationId', pattern: 'pattern', priority: 'priority', cost: 'cost', provider_id: 'providerId', date_created: 'createdAt' };

/** ICTCore's services, by bit. */
const SERVICES: Record<number, string> = { 1: 'voice', 2: 'fax', 4: 'sms', 8: 'email', 16: 'video' };

export function serviceNames(flag: number): string {
  const names: string[] = [];
  for (let bit = 1; bit <= flag; bit <<= 1) if (flag & bit) names.push(SERVICES[bit] ?? String(bit));
  return names.join(',');
}

export function routeView(r: RouteRecord): RouteView {
  return {
    routeId: r.id,
    tenantId: r.tenantId,
    name: r.name,
    destinationId: r.destinationId,
    destination: r.destination?.name ?? null,
    prefix: r.destination?.prefix ?? null,
    providerId: r.providerId,
    provider: r.provider.name,
    serviceFlag: r.serviceFlag,
    service: serviceNames(r.serviceFlag),
    pattern: r.pattern,
    strip: r.strip,
    prepend: r.prepend,
    priority: r.priority,
    tollType: r.tollType,
    cost: r.cost,
    active: r.active,
    description: r.description,
    dateCreated: unixSeconds(r.createdAt),
    lastUpdated: unixSeconds(r.updatedAt),
  };
}

/** Only the catalogue's client errors describe a bad item; anything else is a real failure. */
function asItemError(err: unknown, at: { line: number } | { index: number }): ItemError {
  if (err instanceof AppError && err.statusCode < 500) return itemError(err, at);
  throw err;
}

/** The fields a parsed input writes (its read-only echoes are gone). */
const fieldsOf = (input: object): RouteFields => input as RouteFields;

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

  async function checkDestination(destinationId: string | null | undefined): Promise<void> {
    if (destinationId != null && !(await routes.destinationExists(destinationId))) throw validationFailed('destinationId', 'names no destination');
  }

  /** A new route as it will be written: tenant settled, destination and provider usable, valid. */
  async function prepareNew(raw: unknown, ctx: AuthedCtx): Promise<NewRoute> {
    const input = fieldsOf(parse(RouteCreate, raw)) as NewRoute;
    const tenantId = await owningTenant(ctx, input.tenantId, { shared: true, exists });
    checkRoute({ destinationId: input.destinationId ?? null, pattern: input.pattern ?? '', serviceFlag: input.serviceFlag ?? 1 });
    await checkDestination(input.destinationId);
    await providers.usable(input.providerId, tenantId, 'providerId');
    return { ...input, tenantId };
  }

  async function prepareUpdate(before: RouteRecord, raw: unknown, ctx: AuthedCtx): Promise<RouteFields> {
    assertWritable(ctx.actor, before.tenantId, 'route');
    const fields = fieldsOf(parse(RouteUpdate, raw));
    // Naming a destination clears the pattern, and a pattern the destination, unless both are given.
    if (fields.destinationId && fields.pattern === undefined) fields.pattern = '';
    if (fields.pattern && fields.destinationId === undefined) fields.destinationId = null;
    if (fields.tenantId !== undefined && fields.tenantId !== before.tenantId) fields.tenantId = await owningTenant(ctx, fields.tenantId, { shared: true, exists });
    checkRoute({ ...before, ...fields } as RouteRecord);
    if (fields.destinationId !== before.destinationId) await checkDestination(fields.destinationId);
    const tenantId = fields.tenantId === undefined ? before.tenantId : fields.tenantId;
    if (fields.providerId !== undefined || tenantId !== before.tenantId) await providers.usable(fields.providerId ?? before.providerId, tenantId, 'providerId');
    return fields;
  }

  async function announce(tenantIds: Iterable<number | null>, id?: number): Promise<void> {
    for (const tenantId of new Set(tenantIds)) await changes.publish({ entity: 'route', tenantId, ...(id !== undefined ? { id } : {}) });
  }

  /** The list filter the actor may see (false: nothing). */
  function scopedFilter(raw: Record<string, unknown>, ctx: AuthedCtx) {
    const { routeId, tenantId, serviceFlag, ...filter } = parse(RouteFilter, raw);
    const tenants = listTenants(ctx.actor, tenantId, true);
    if (tenants === false) return false;
    return { ...tenants, ...filter, ids: routeId === undefined ? undefined : [routeId], serviceFlags: serviceFlag === undefined ? undefined : flagsWith(serviceFlag) };
  }

  return {
    async list(query: ListQuery & Record<string, unknown>, ctx: Ctx): Promise<Page<RouteRecord>> {
      authorize(ctx, 'route_list');
      const { list, filters } = splitList(query);
      const p = paging(list, SORTABLE, 'route_id');
      const filter = scopedFilter(filters, ctx);
      if (filter === false) return page([], 0, p);
      const { items, total } = await routes.list(filter, p);
      return page(items, total, p);
    },

    get: (id: number, ctx: Ctx) => visible(id, ctx, 'route_read'),

    async create(raw: unknown, ctx: Ctx): Promise<RouteRecord> {
      authorize(ctx, 'route_create');
      const route = await routes.create(await prepareNew(raw, ctx));
      await announce([route.tenantId], route.id);
      await activity.record(ctx, 'route_created', `Create Route ${route.name} -ID:${route.id}`, { tenantId: route.tenantId });
      return route;
    },

    async update(id: number, raw: unknown, ctx: Ctx): Promise<RouteRecord> {
      const before = await visible(id, ctx, 'route_update');
      const fields = await prepareUpdate(before, raw, ctx as AuthedCtx);
      const route = await routes.update(id, fields);
      await announce([before.tenantId, route.tenantId], id);
      await activity.record(ctx, 'route_updated', `Update Route ${route.name} -ID:${id}: ${Object.keys(fields).join(', ')}`, { tenantId: route.tenantId });
      return route;
    },

    async remove(id: number, ctx: Ctx): Promise<void> {
      const route = await visible(id, ctx, 'route_delete');
      assertWritable(ctx.actor!, route.tenantId, 'route');
      await routes.delete(id);
      await announce([route.tenantId], id);
      await activity.record(ctx, 'route_deleted', `Delete Route ${route.name} -ID:${id}`, { tenantId: route.tenantId });
    },

    /** Creates every route or none (ICTCore's POST /routes/bulk); problems are reported per index (0-based). */
    async bulkCreate(inputs: readonly unknown[], ctx: Ctx): Promise<RouteRecord[]> {
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

    async exportCsv(query: Record<string, unknown>, ctx: Ctx): Promise<string> {
      authorize(ctx, 'route_list');
      const filter = scopedFilter(query, ctx);
      return routesToCsv(filter === false ? [] : await routes.all(filter));
    },

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

function differs(before: RouteRecord, input: Record<string, unknown>): boolean {
  return Object.keys(input).some((k) => input[k] !== (before as unknown as Record<string, unknown>)[k]);
}

function withPathValues(row: CsvRow, options: CsvImportOptions): Record<string, unknown> {
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
