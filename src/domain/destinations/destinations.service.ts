// Named routing destinations of a tenant: a kind (extension, ring_group, ivr, ...) and a value,
// checked within the tenant as DID destinations are.
import { authorize, type Ctx } from '../../context.ts';
import { notFound, validationFailed } from '../../errors.ts';
import type { ChangeBus } from '../../infra/change-bus.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import { checkDestination, type DestinationTargets } from '../dialable/targets.ts';
import { page, paging, type ListQuery, type Page } from '../shared/list.ts';
import { listTenants, owningTenant, reachesTenant } from '../shared/tenancy.ts';
import type { TenantsRepository } from '../tenants/tenants.repository.ts';
import type { DestinationFields, DestinationRecord, DestinationsRepository } from './destinations.repository.ts';

export type Destination = DestinationRecord;
export type DestinationInput = DestinationFields;

export interface DestinationQuery extends ListQuery {
  tenantId?: number;
  name?: string;
  type?: string;
}

const SORTABLE = { destination_id: 'id', name: 'name', type: 'type', date_created: 'createdAt' };
const FIELDS = { type: 'type', value: 'value' };

function checkFields(f: DestinationFields): void {
  if (f.name !== undefined && (f.name.trim() === '' || f.name.length > 64)) throw validationFailed('name', 'must be 1 to 64 characters');
  if (f.description !== undefined && f.description.length > 1024) throw validationFailed('description', 'must be at most 1024 characters');
}

export function createDestinationsService(deps: {
  destinations: DestinationsRepository;
  tenants: TenantsRepository;
  targets: DestinationTargets;
  changes: ChangeBus;
  activity: ActivityLog;
}) {
  const { destinations, targets, changes, activity } = deps;
  const exists = async (id: number) => !!(await deps.tenants.findById(id));

  async function visible(id: number, ctx: Ctx, permission: string): Promise<DestinationRecord> {
    authorize(ctx, permission);
    const destination = await destinations.findById(id);
    if (!destination || !reachesTenant(ctx.actor, destination.tenantId)) throw notFound('Destination');
    return destination;
  }

  const announce = (d: DestinationRecord) => changes.publish({ entity: 'destination', tenantId: d.tenantId, id: d.id });

  return {
    async list(query: DestinationQuery, ctx: Ctx): Promise<Page<Destination>> {
      authorize(ctx, 'destination_list');
      const p = paging(query, SORTABLE, 'destination_id');
      const tenants = listTenants(ctx.actor, query.tenantId);
      if (tenants === false) return page([], 0, p);
      const tenantId = tenants === null ? undefined : (tenants.tenantIds[0] as number);
      const { items, total } = await destinations.list({ tenantId, name: query.name, type: query.type }, p);
      return page(items, total, p);
    },

    get: (id: number, ctx: Ctx) => visible(id, ctx, 'destination_read'),

    async create(input: DestinationInput & { name: string; type: string; value: string }, ctx: Ctx): Promise<Destination> {
      authorize(ctx, 'destination_create');
      const tenantId = (await owningTenant(ctx, input.tenantId, { shared: false, exists })) as number;
      checkFields(input);
      if (input.type === '') throw validationFailed('type', 'is required');
      await checkDestination(targets, tenantId, input.type, input.value, FIELDS);
      const destination = await destinations.create({ ...input, tenantId });
      await announce(destination);
      await activity.record(ctx, 'destination_created', `Create Destination ${destination.name} -ID:${destination.id}`, { tenantId });
      return destination;
    },

    async update(id: number, input: DestinationInput, ctx: Ctx): Promise<Destination> {
      const before = await visible(id, ctx, 'destination_update');
      if (input.tenantId !== undefined && input.tenantId !== before.tenantId) throw validationFailed('tenantId', 'cannot be changed');
      checkFields(input);
      if (input.type === '') throw validationFailed('type', 'is required');
      if (input.type !== undefined || input.value !== undefined) {
        await checkDestination(targets, before.tenantId, input.type ?? before.type, input.value ?? before.value, FIELDS);
      }
      const destination = await destinations.update(id, input);
      await announce(destination);
      await activity.record(ctx, 'destination_updated', `Update Destination ${destination.name}: ${Object.keys(input).join(', ')}`, {
        tenantId: destination.tenantId,
      });
      return destination;
    },

    async remove(id: number, ctx: Ctx): Promise<void> {
      const destination = await visible(id, ctx, 'destination_delete');
      await destinations.delete(id);
      await announce(destination);
      await activity.record(ctx, 'destination_deleted', `Delete Destination ${destination.name} -ID:${id}`, { tenantId: destination.tenantId });
    },
  };
}

export type DestinationsService = ReturnType<typeof createDestinationsService>;
