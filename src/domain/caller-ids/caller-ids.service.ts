// Caller-id numbers (ICTPBX /cids): numbers a tenant may present on outbound calls. The
// super-admin names the tenant; a tenant admin manages its own tenant's numbers.
import { authorize, type Ctx } from '../../context.ts';
import { conflict, notFound, validationFailed } from '../../errors.ts';
import type { ChangeBus } from '../../infra/change-bus.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import { page, paging, type ListQuery, type Page } from '../shared/list.ts';
import { listTenants, owningTenant, reachesTenant } from '../shared/tenancy.ts';
import type { TenantsRepository } from '../tenants/tenants.repository.ts';
import type { CallerIdFields, CallerIdRecord, CallerIdsRepository } from './caller-ids.repository.ts';
import { checkPlainText } from '../shared/switch-syntax.ts';

export type CallerId = CallerIdRecord;
export type CallerIdInput = CallerIdFields;

export interface CallerIdQuery extends ListQuery {
  tenantId?: number;
  number?: string;
  active?: boolean;
}

const SORTABLE = { cid_id: 'id', number: 'number', name: 'name', date_created: 'createdAt' };
const NUMBER = /^\+?[0-9]{3,20}$/;

function checkFields(f: CallerIdFields): void {
  if (f.number !== undefined && !NUMBER.test(f.number)) throw validationFailed('number', 'must be 3 to 20 digits, optional leading +');
  if (f.name !== undefined && f.name.length > 64) throw validationFailed('name', 'must be at most 64 characters');
  checkPlainText('name', f.name);
  if (f.description !== undefined && f.description.length > 1024) throw validationFailed('description', 'must be at most 1024 characters');
}

export function createCallerIdsService(deps: { callerIds: CallerIdsRepository; tenants: TenantsRepository; changes: ChangeBus; activity: ActivityLog }) {
  const { callerIds, changes, activity } = deps;
  const exists = async (id: number) => !!(await deps.tenants.findById(id));

  async function visible(id: number, ctx: Ctx, permission: string): Promise<CallerIdRecord> {
    authorize(ctx, permission);
    const cid = await callerIds.findById(id);
    if (!cid || !reachesTenant(ctx.actor, cid.tenantId)) throw notFound('Caller id');
    return cid;
  }

  const announce = (c: CallerIdRecord) => changes.publish({ entity: 'caller_id', tenantId: c.tenantId, id: c.id });

  return {
    async list(query: CallerIdQuery, ctx: Ctx): Promise<Page<CallerId>> {
      authorize(ctx, 'cid_list');
      const p = paging(query, SORTABLE, 'cid_id');
      const tenants = listTenants(ctx.actor, query.tenantId);
      if (tenants === false) return page([], 0, p);
      const tenantId = tenants === null ? undefined : (tenants.tenantIds[0] as number);
      const { items, total } = await callerIds.list({ tenantId, number: query.number, active: query.active }, p);
      return page(items, total, p);
    },

    get: (id: number, ctx: Ctx) => visible(id, ctx, 'cid_read'),

    async create(input: CallerIdInput & { number: string }, ctx: Ctx): Promise<CallerId> {
      authorize(ctx, 'cid_create');
      const tenantId = (await owningTenant(ctx, input.tenantId, { shared: false, exists })) as number;
      checkFields(input);
      if (await callerIds.taken(tenantId, input.number)) throw conflict(`Caller id ${input.number} already exists in the tenant`);
      const cid = await callerIds.create({ ...input, tenantId });
      await announce(cid);
      await activity.record(ctx, 'cid_created', `Create Caller ID ${cid.number} -ID:${cid.id}`, { tenantId });
      return cid;
    },

    async update(id: number, input: CallerIdInput, ctx: Ctx): Promise<CallerId> {
      const before = await visible(id, ctx, 'cid_update');
      if (input.tenantId !== undefined && input.tenantId !== before.tenantId) throw validationFailed('tenantId', 'cannot be changed');
      checkFields(input);
      if (input.number !== undefined && (await callerIds.taken(before.tenantId, input.number, id))) throw conflict(`Caller id ${input.number} already exists in the tenant`);
      const cid = await callerIds.update(id, input);
      await announce(cid);
      await activity.record(ctx, 'cid_updated', `Update Caller ID ${cid.number}: ${Object.keys(input).join(', ')}`, { tenantId: cid.tenantId });
      return cid;
    },

    async remove(id: number, ctx: Ctx): Promise<void> {
      const cid = await visible(id, ctx, 'cid_delete');
      await callerIds.delete(id);
      await announce(cid);
      await activity.record(ctx, 'cid_deleted', `Delete Caller ID ${cid.number} -ID:${id}`, { tenantId: cid.tenantId });
    },
  };
}

export type CallerIdsService = ReturnType<typeof createCallerIdsService>;
