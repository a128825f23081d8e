// Caller ids a tenant may present (ICTCore's cid accounts): created by its admins, unique within
// the tenant, owned by one of its users when assigned. Every input is checked against the schema
// (caller-ids.schema.ts) first.
import { authorize, type Ctx } from '../../context.ts';
import { conflict, notFound, validationFailed } from '../../errors.ts';
import type { ChangeBus } from '../../infra/change-bus.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import { page, paging, splitList, type ListQuery, type Page } from '../shared/list.ts';
import { parse } from '../shared/schema.ts';
import { listTenants, owningTenant, reachesTenant } from '../shared/tenancy.ts';
import type { TenantsRepository } from '../tenants/tenants.repository.ts';
import type { UsersRepository } from '../users/users.repository.ts';
import type { CallerIdFields, CallerIdRecord, CallerIdsRepository } from './caller-ids.repository.ts';
import { CallerIdCreate, CallerIdFilter, CallerIdUpdate, type CallerIdCreateInput, type CallerIdUpdateInput, type CallerIdView } from './caller-ids.schema.ts';
import { unixSeconds } from '../shared/unix-time.ts';

const SORTABLE = { account_id: 'id', cid_id: 'id', id: 'id', phone: 'phone', number: 'phone', first_name: 'firstName', date_created: 'createdAt' };

export function callerIdView(c: CallerIdRecord): CallerIdView {
  return {
    accountId: c.id,
    id: c.id,
    type: 'cid',
    phone: c.phone,
    username: c.username,
    firstName: c.firstName,
    lastName: c.lastName,
    description: c.description,
    tenantId: c.tenantId,
    tenantName: c.tenant?.name ?? null,
    userId: c.userId,
    createdBy: c.userId,
    active: c.active,
    dateCreated: unixSeconds(c.createdAt),
    lastUpdated: unixSeconds(c.updatedAt),
  };
}

/** The fields an input sets (the tenant is worked out apart). */
const fieldsOf = ({ type: _type, tenantId: _tenant, ...fields }: CallerIdCreateInput | CallerIdUpdateInput): CallerIdFields => fields;

export function createCallerIdsService(deps: { callerIds: CallerIdsRepository; tenants: TenantsRepository; users: UsersRepository; changes: ChangeBus; activity: ActivityLog }) {
  const { callerIds, changes, activity } = deps;
  const exists = async (id: number) => !!(await deps.tenants.findById(id));

  async function visible(id: number, ctx: Ctx, permission: string): Promise<CallerIdRecord> {
    authorize(ctx, permission);
    const cid = await callerIds.findById(id);
    if (!cid || !reachesTenant(ctx.actor, cid.tenantId)) throw notFound('Caller id');
    return cid;
  }

  const announce = (c: CallerIdRecord) => changes.publish({ entity: 'caller_id', tenantId: c.tenantId, id: c.id });
  const taken = (phone: string) => conflict(`Caller id ${phone} already exists in the tenant`);

  async function write(before: CallerIdRecord, fields: CallerIdFields, ctx: Ctx, action: string): Promise<CallerIdRecord> {
    const cid = await callerIds.update(before.id, fields);
    await announce(cid);
    await activity.record(ctx, action, `Update Caller ID ${cid.phone}: ${Object.keys(fields).join(', ')}`, { tenantId: cid.tenantId });
    return cid;
  }

  return {
    async list(query: ListQuery & Record<string, unknown>, ctx: Ctx): Promise<Page<CallerIdRecord>> {
      authorize(ctx, 'cid_list');
      const { list, filters } = splitList(query);
      const p = paging(list, SORTABLE, 'account_id');
      const filter = parse(CallerIdFilter, filters);
      const tenants = listTenants(ctx.actor, filter.tenantId);
      if (tenants === false) return page([], 0, p);
      const tenantId = tenants === null ? undefined : (tenants.tenantIds[0] as number);
      const { items, total } = await callerIds.list({ ...filter, tenantId }, p);
      return page(items, total, p);
    },

    get: (id: number, ctx: Ctx) => visible(id, ctx, 'cid_read'),

    async create(raw: unknown, ctx: Ctx): Promise<CallerIdRecord> {
      authorize(ctx, 'cid_create');
      const input = parse(CallerIdCreate, raw);
      const tenantId = (await owningTenant(ctx, input.tenantId, { shared: false, exists })) as number;
      if (await callerIds.taken(tenantId, input.phone)) throw taken(input.phone);
      const cid = await callerIds.create({ ...fieldsOf(input), phone: input.phone, tenantId });
      await announce(cid);
      await activity.record(ctx, 'cid_created', `Create Caller ID ${cid.phone} -ID:${cid.id}`, { tenantId });
      return cid;
    },

    async update(id: number, raw: unknown, ctx: Ctx): Promise<CallerIdRecord> {
      const before = await visible(id, ctx, 'cid_update');
      const input = parse(CallerIdUpdate, raw);
      if (input.tenantId !== undefined && input.tenantId !== before.tenantId) throw validationFailed('tenantId', 'cannot be changed');
      if (input.phone !== undefined && (await callerIds.taken(before.tenantId, input.phone, id))) throw taken(input.phone);
      return write(before, fieldsOf(input), ctx, 'cid_updated');
    },

    /** Gives the caller id to one of its tenant's users (ICTCore's PUT /accounts/:id/users/:user_id), or to none. */
    async setOwner(id: number, userId: number | null, ctx: Ctx): Promise<CallerIdRecord> {
      const before = await visible(id, ctx, 'cid_update');
      if (userId !== null) {
        const user = await deps.users.findById(userId);
        if (!user || user.tenantId !== before.tenantId) throw notFound('User');
      }
      return write(before, { userId }, ctx, 'cid_updated');
    },

    async remove(id: number, ctx: Ctx): Promise<void> {
      const cid = await visible(id, ctx, 'cid_delete');
      await callerIds.delete(id);
      await announce(cid);
      await activity.record(ctx, 'cid_deleted', `Delete Caller ID ${cid.phone} -ID:${id}`, { tenantId: cid.tenantId });
    },
  };
}

export type CallerIdsService = ReturnType<typeof createCallerIdsService>;
