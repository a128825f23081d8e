// Destinations (ICTCore's dialling prefixes): everyone who routes lists and reads them; the
// super-admin creates, edits and deletes them (they are shared by every tenant's routes). A
// destination a route uses is not deleted (409, naming the routes). Every input is checked
// against destinations.schema.ts.
import { authorize, type AuthedCtx, type Ctx } from '../../context.ts';
import { conflict, forbidden, notFound, validationFailed } from '../../errors.ts';
import type { ChangeBus } from '../../infra/change-bus.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import { page, paging, splitList, type ListQuery, type Page } from '../shared/list.ts';
import { parse } from '../shared/schema.ts';
import type { DestinationFields, DestinationRecord, DestinationsRepository } from './destinations.repository.ts';
import { DestinationCreate, DestinationFilter, DestinationUpdate, type DestinationView } from './destinations.schema.ts';
import { unixSeconds } from '../shared/unix-time.ts';

const SORTABLE = { destination_id: 'id', name: 'name', prefix: 'prefix', country_id: 'countryId', date_created: 'createdAt' };

export function destinationView(d: DestinationRecord): DestinationView {
  return {
    destinationId: d.id,
    name: d.name,
    prefix: d.prefix,
    countryId: d.countryId,
    country: d.country?.name ?? null,
    dateCreated: unixSeconds(d.createdAt),
    lastUpdated: unixSeconds(d.updatedAt),
  };
}

/** Every leading part of a dialled number, longest first: the codes a destination may have. */
const leadingParts = (phone: string) => {
  const digits = phone.replace(/^\+/, '');
  return Array.from({ length: digits.length }, (_, i) => digits.slice(0, digits.length - i));
};

export function createDestinationsService(deps: { destinations: DestinationsRepository; changes: ChangeBus; activity: ActivityLog }) {
  const { destinations, changes, activity } = deps;

  /** Destinations are shared by every tenant: only the super-admin changes them. */
  function keeper(ctx: Ctx, permission: string): asserts ctx is AuthedCtx {
    authorize(ctx, permission);
    if (!ctx.actor.isAdmin) throw forbidden('Destinations are shared by every tenant and kept by the super-admin');
  }

  async function found(id: string): Promise<DestinationRecord> {
    const destination = await destinations.findById(id);
    if (!destination) throw notFound('Destination');
    return destination;
  }

  async function checkCountry(countryId: number | null | undefined): Promise<void> {
    if (countryId != null && !(await destinations.countryExists(countryId))) throw validationFailed('countryId', 'names no country');
  }

  // A prefix change moves every route to the destination, in every tenant's dialplan.
  const announce = (d: DestinationRecord) => changes.publish({ entity: 'destination', tenantId: null, id: d.id });

  return {
    async list(query: ListQuery & Record<string, unknown>, ctx: Ctx): Promise<Page<DestinationRecord>> {
      authorize(ctx, 'destination_list');
      const { list, filters } = splitList(query);
      const p = paging(list, SORTABLE, 'name');
      const { phone, ...filter } = parse(DestinationFilter, filters);
      if (phone === undefined) {
        const { items, total } = await destinations.list(filter, p);
        return page(items, total, p);
      }
      const codes = leadingParts(phone);
      const { items } = await destinations.list({ ...filter, ids: codes }, { ...p, skip: 0, take: codes.length });
      const longestFirst = items.sort((a, b) => b.id.length - a.id.length);
      return page(longestFirst.slice(p.skip, p.skip + p.take), longestFirst.length, p);
    },

    async get(id: string, ctx: Ctx): Promise<DestinationRecord> {
      authorize(ctx, 'destination_read');
      return found(id);
    },

    getMany: (ids: readonly string[]) => destinations.findByIds(ids),

    async create(raw: unknown, ctx: Ctx): Promise<DestinationRecord> {
      keeper(ctx, 'destination_create');
      const { destinationId, ...input } = parse(DestinationCreate, raw);
      if (await destinations.findById(destinationId)) throw conflict(`Destination ${destinationId} already exists`);
      await checkCountry(input.countryId);
      const destination = await destinations.create({ ...input, id: destinationId, prefix: input.prefix ?? destinationId });
      await announce(destination);
      await activity.record(ctx, 'destination_created', `Create Destination ${destination.name} -ID:${destination.id}`);
      return destination;
    },

    async update(id: string, raw: unknown, ctx: Ctx): Promise<DestinationRecord> {
      keeper(ctx, 'destination_update');
      await found(id);
      const fields: DestinationFields = parse(DestinationUpdate, raw);
      await checkCountry(fields.countryId);
      const destination = await destinations.update(id, fields);
      await announce(destination);
      await activity.record(ctx, 'destination_updated', `Update Destination ${destination.name}: ${Object.keys(fields).join(', ')}`);
      return destination;
    },

    async remove(id: string, ctx: Ctx): Promise<void> {
      keeper(ctx, 'destination_delete');
      const destination = await found(id);
      const routes = await destinations.routesUsing(id);
      if (routes.length) throw conflict(`Cannot delete destination: Route(s) '${routes.join("', '")}' use this destination. Delete those routes first.`);
      await destinations.delete(id);
      await announce(destination);
      await activity.record(ctx, 'destination_deleted', `Delete Destination ${destination.name} -ID:${id}`);
    },
  };
}

export type DestinationsService = ReturnType<typeof createDestinationsService>;
