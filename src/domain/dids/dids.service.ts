// DID numbers. The super-admin creates them and assigns them to tenants; a tenant admin sees its
// own, sets where their calls go (an extension, ring group, IVR, ... checked within the tenant) and
// which of its users owns each. Numbers are stored as digits (a leading + is dropped) and are
// unique system-wide. Every input is checked against the schema (dids.schema.ts) first.
import { authorize, scopeOf, type AuthedCtx, type Ctx } from '../../context.ts';
import { conflict, forbidden, notFound, validationFailed } from '../../errors.ts';
import type { ChangeBus } from '../../infra/change-bus.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import { checkDestination, type DestinationTargets } from '../dialable/targets.ts';
import type { ProvidersService } from '../providers/providers.service.ts';
import { page, paging, splitList, type ListQuery, type Page } from '../shared/list.ts';
import { parse } from '../shared/schema.ts';
import { listTenants, owningTenant, reachesTenant } from '../shared/tenancy.ts';
import type { TenantsRepository } from '../tenants/tenants.repository.ts';
import type { UsersRepository } from '../users/users.repository.ts';
import type { DidFields, DidRecord, DidsRepository } from './dids.repository.ts';
import { DidAssign, DidCreate, DidFilter, DidUpdate, type DidCreateInput, type DidUpdateInput, type DidView } from './dids.schema.ts';
import { unixSeconds } from '../shared/unix-time.ts';

const SORTABLE = { account_id: 'id', did_id: 'id', id: 'id', phone: 'phone', number: 'phone', first_name: 'firstName', tenant_id: 'tenantId', date_created: 'createdAt' };

export function didView(d: DidRecord): DidView {
  return {
    accountId: d.id,
    id: d.id,
    uuid: d.uuid,
    type: 'did',
    phone: d.phone,
    username: d.username,
    firstName: d.firstName,
    lastName: d.lastName,
    description: d.description,
    tenantId: d.tenantId,
    tenantName: d.tenant?.name ?? null,
    domain: d.tenant?.domain ?? '',
    userId: d.userId,
    createdBy: d.userId,
    active: d.active,
    faxAccountId: null,
    faxAccountName: null,
    providerId: d.providerId,
    destinationType: d.destinationType,
    destinationValue: d.destinationValue,
    callerIdPrefix: d.callerIdPrefix,
    dateCreated: unixSeconds(d.createdAt),
    lastUpdated: unixSeconds(d.updatedAt),
  };
}

export function createDidsService(deps: {
  dids: DidsRepository;
  tenants: TenantsRepository;
  users: UsersRepository;
  providers: ProvidersService;
  targets: DestinationTargets;
  changes: ChangeBus;
  activity: ActivityLog;
}) {
  const { dids, providers, targets, changes, activity } = deps;
  const exists = async (id: number) => !!(await deps.tenants.findById(id));

  async function visible(id: number, ctx: Ctx, permission: string): Promise<DidRecord> {
    authorize(ctx, permission);
    const did = await dids.findById(id);
    if (!did || !reachesTenant(ctx.actor, did.tenantId)) throw notFound('DID');
    return did;
  }

  async function checkPhoneFree(phone: string, exceptId?: number): Promise<void> {
    const existing = await dids.findByPhone(phone);
    if (existing && existing.id !== exceptId) throw conflict(`DID ${phone} already exists`);
  }

  /** The tenant a `domain` names, which must agree with `tenantId` when both are given. */
  async function tenantOfDomain(domain: string | undefined, tenantId: number | null | undefined): Promise<number | null | undefined> {
    if (!domain) return tenantId;
    const tenant = await deps.tenants.findByDomain(domain.toLowerCase());
    if (!tenant) throw validationFailed('domain', 'names no tenant');
    if (tenantId !== undefined && tenantId !== tenant.id) throw validationFailed('domain', 'names another tenant than tenant_id');
    return tenant.id;
  }

  /** Checks the DID as it will be once written. */
  async function checkState(state: { tenantId: number | null; destinationType: string; destinationValue: string }, changed: DidFields): Promise<void> {
    if (changed.providerId != null) await providers.usable(changed.providerId, state.tenantId, 'providerId');
    if (changed.destinationType !== undefined || changed.destinationValue !== undefined || changed.tenantId !== undefined) {
      await checkDestination(targets, state.tenantId, state.destinationType, state.destinationValue);
    }
  }

  async function write(before: DidRecord, fields: DidFields, ctx: AuthedCtx, action: string): Promise<DidRecord> {
    // Clearing the kind clears the value with it; a new tenant clears a destination of the old one.
    if (fields.destinationType === '' && fields.destinationValue === undefined) fields = { ...fields, destinationValue: '' };
    if (fields.tenantId !== undefined && fields.tenantId !== before.tenantId) fields = { destinationType: '', destinationValue: '', userId: null, ...fields };
    await checkState({ ...before, ...fields }, fields);
    const did = await dids.update(before.id, fields);
    for (const tenantId of new Set([before.tenantId, did.tenantId])) await changes.publish({ entity: 'did', tenantId, id: did.id });
    await activity.record(ctx, action, `${action === 'did_assigned' ? 'Assign' : 'Update'} DID ${did.phone}: ${Object.keys(fields).join(', ')}`, {
      tenantId: did.tenantId,
    });
    return did;
  }

  /** The fields an input sets, the title under its one name (the tenant is worked out apart). */
  function fieldsOf({ label, domain: _domain, type: _type, tenantId: _tenant, ...fields }: DidCreateInput | DidUpdateInput): DidFields {
    return label !== undefined && fields.firstName === undefined ? { ...fields, firstName: label } : fields;
  }

  return {
    async list(query: ListQuery & Record<string, unknown>, ctx: Ctx): Promise<Page<DidRecord>> {
      authorize(ctx, 'did_list');
      const { list, filters } = splitList(query);
      const p = paging(list, SORTABLE, 'account_id');
      const filter = parse(DidFilter, filters);
      const tenants = listTenants(ctx.actor, filter.tenantId);
      if (tenants === false) return page([], 0, p);
      const { tenantId: _tenant, phone, ...rest } = filter;
      const { items, total } = await dids.list({ ...tenants, ...rest, phone: phone?.replace(/^\+/, '') }, p);
      return page(items, total, p);
    },

    get: (id: number, ctx: Ctx) => visible(id, ctx, 'did_read'),

    async create(raw: unknown, ctx: Ctx): Promise<DidRecord> {
      authorize(ctx, 'did_create');
      const input = parse(DidCreate, raw);
      const tenantId = await owningTenant(ctx, await tenantOfDomain(input.domain, input.tenantId), { shared: true, exists });
      const fields = { ...fieldsOf(input), phone: input.phone, tenantId };
      await checkState({ tenantId, destinationType: fields.destinationType ?? '', destinationValue: fields.destinationValue ?? '' }, fields);
      await checkPhoneFree(input.phone);
      const did = await dids.create(fields);
      await changes.publish({ entity: 'did', tenantId: did.tenantId, id: did.id });
      await activity.record(ctx, 'did_created', `Create DID ${did.phone} -ID:${did.id}`, { tenantId: did.tenantId });
      return did;
    },

    async update(id: number, raw: unknown, ctx: Ctx): Promise<DidRecord> {
      const before = await visible(id, ctx, 'did_update');
      const input = parse(DidUpdate, raw);
      const fields = fieldsOf(input);
      const tenantId = await tenantOfDomain(input.domain, input.tenantId);
      if (!ctx.actor!.isAdmin) {
        const changed = { phone: input.phone, providerId: input.providerId, tenantId };
        const owned = (Object.keys(changed) as (keyof typeof changed)[]).filter((k) => changed[k] !== undefined && changed[k] !== before[k]);
        if (owned.length) throw forbidden('Only a super-admin may change the number, provider or tenant of a DID');
      }
      if (input.phone !== undefined && input.phone !== before.phone) await checkPhoneFree(input.phone, id);
      if (tenantId !== undefined && tenantId !== before.tenantId) fields.tenantId = await owningTenant(ctx as AuthedCtx, tenantId, { shared: true, exists });
      return write(before, fields, ctx as AuthedCtx, 'did_updated');
    },

    /** Assigns the DID to a tenant (super-admin) and/or sets its destination (tenant admin: its own DIDs). */
    async assign(id: number, raw: unknown, ctx: Ctx): Promise<DidRecord> {
      authorize(ctx, 'did_assign');
      const before = await visible(id, ctx, 'did_read');
      const input = parse(DidAssign, raw);
      // Fax accounts arrive with the fax module: until then a DID is linked to none.
      if (input.faxAccountId) throw validationFailed('faxAccountId', 'names no fax account');
      const fields: DidFields = {};
      if (input.tenantId !== undefined && input.tenantId !== before.tenantId) fields.tenantId = await owningTenant(ctx, input.tenantId, { shared: true, exists });
      if (input.destinationType !== undefined) fields.destinationType = input.destinationType;
      if (input.destinationValue !== undefined) fields.destinationValue = input.destinationValue;
      return write(before, fields, ctx, 'did_assigned');
    },

    /** Gives the DID to one of its tenant's users (ICTCore's PUT /accounts/:id/users/:user_id), or to none. */
    async setOwner(id: number, userId: number | null, ctx: Ctx): Promise<DidRecord> {
      authorize(ctx, 'did_assign');
      const before = await visible(id, ctx, 'did_read');
      if (userId !== null) {
        const user = await deps.users.findById(userId);
        const sameTenant = user && (before.tenantId === null ? scopeOf(ctx.actor).kind === 'all' : user.tenantId === before.tenantId);
        if (!user || !sameTenant || !reachesTenant(ctx.actor, user.tenantId)) throw notFound('User');
      }
      return write(before, { userId }, ctx, 'did_assigned');
    },

    async remove(id: number, ctx: Ctx): Promise<void> {
      const did = await visible(id, ctx, 'did_delete');
      await dids.delete(id);
      await changes.publish({ entity: 'did', tenantId: did.tenantId, id });
      await activity.record(ctx, 'did_deleted', `Delete DID ${did.phone} -ID:${id}`, { tenantId: did.tenantId });
    },
  };
}

export type DidsService = ReturnType<typeof createDidsService>;
