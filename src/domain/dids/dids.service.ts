// DID numbers. The super-admin creates them and assigns them to tenants; a tenant admin sees its
// own and sets where their calls go (an extension, ring group, IVR, ... checked within the
// tenant). Numbers are stored as digits (a leading + is dropped) and are unique system-wide.
import { authorize, type AuthedCtx, type Ctx } from '../../context.ts';
import { conflict, forbidden, notFound, validationFailed } from '../../errors.ts';
import type { ChangeBus } from '../../infra/change-bus.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import { checkDestination, type DestinationTargets } from '../dialable/targets.ts';
import type { ProvidersService } from '../providers/providers.service.ts';
import { page, paging, type ListQuery, type Page } from '../shared/list.ts';
import { listTenants, owningTenant, reachesTenant } from '../shared/tenancy.ts';
import type { TenantsRepository } from '../tenants/tenants.repository.ts';
import type { DidFields, DidRecord, DidsRepository } from './dids.repository.ts';
import { checkPlainText } from '../shared/switch-syntax.ts';

export type Did = DidRecord;
export type DidInput = DidFields;

export interface DidQuery extends ListQuery {
  tenantId?: number;
  number?: string;
  providerId?: number;
  destinationType?: string;
  active?: boolean;
}

export interface DidAssignment {
  /** Super-admin: the tenant to assign to (null returns the DID to stock). */
  tenantId?: number | null;
  destinationType?: string;
  destinationValue?: string;
}

const SORTABLE = { account_id: 'id', did_id: 'id', number: 'number', tenant_id: 'tenantId', date_created: 'createdAt' };
const NUMBER = /^\+?[0-9]{3,15}$/;

export function normalizeDidNumber(number: string, field = 'number'): string {
  const trimmed = number.trim();
  if (!NUMBER.test(trimmed)) throw validationFailed(field, 'must be an E.164 number: 3 to 15 digits, optional leading +');
  return trimmed.replace(/^\+/, '');
}

export function createDidsService(deps: {
  dids: DidsRepository;
  tenants: TenantsRepository;
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

  async function checkNumberFree(number: string, exceptId?: number): Promise<void> {
    const existing = await dids.findByNumber(number);
    if (existing && existing.id !== exceptId) throw conflict(`DID ${number} already exists`);
  }

  /** Checks the DID as it will be once written. */
  async function checkState(state: DidRecord | (DidFields & { tenantId: number | null }), changed: DidFields): Promise<void> {
    if (changed.providerId != null) await providers.usable(changed.providerId, state.tenantId ?? null, 'providerId');
    if (changed.callerIdPrefix !== undefined && (changed.callerIdPrefix.length > 32 || /\p{Cc}/u.test(changed.callerIdPrefix))) {
      throw validationFailed('callerIdPrefix', 'must be at most 32 characters');
    }
    checkPlainText('callerIdPrefix', changed.callerIdPrefix);
    if (changed.description !== undefined && changed.description.length > 1024) throw validationFailed('description', 'must be at most 1024 characters');
    if (changed.destinationType !== undefined || changed.destinationValue !== undefined || changed.tenantId !== undefined) {
      await checkDestination(targets, state.tenantId ?? null, state.destinationType ?? '', state.destinationValue ?? '');
    }
  }

  async function write(before: DidRecord, fields: DidFields, ctx: AuthedCtx, action: string): Promise<Did> {
    // Clearing the kind clears the value with it.
    if (fields.destinationType === '' && fields.destinationValue === undefined) fields = { ...fields, destinationValue: '' };
    const state = { ...before, ...fields };
    await checkState(state, fields);
    const did = await dids.update(before.id, fields);
    for (const tenantId of new Set([before.tenantId, did.tenantId])) await changes.publish({ entity: 'did', tenantId, id: did.id });
    await activity.record(ctx, action, `${action === 'did_assigned' ? 'Assign' : 'Update'} DID ${did.number}: ${Object.keys(fields).join(', ')}`, {
      tenantId: did.tenantId,
    });
    return did;
  }

  /** Destination fields after a tenant change: the old destination meant something in the old tenant only. */
  function moved(before: DidRecord, fields: DidFields): DidFields {
    if (fields.tenantId === undefined || fields.tenantId === before.tenantId) return fields;
    return { destinationType: '', destinationValue: '', ...fields };
  }

  return {
    async list(query: DidQuery, ctx: Ctx): Promise<Page<Did>> {
      authorize(ctx, 'did_list');
      const p = paging(query, SORTABLE, 'account_id');
      const tenants = listTenants(ctx.actor, query.tenantId);
      if (tenants === false) return page([], 0, p);
      const number = query.number !== undefined ? query.number.replace(/^\+/, '') : undefined;
      const { items, total } = await dids.list(
        { ...tenants, number, providerId: query.providerId, destinationType: query.destinationType, active: query.active },
        p,
      );
      return page(items, total, p);
    },

    get: (id: number, ctx: Ctx) => visible(id, ctx, 'did_read'),

    async create(input: DidInput & { number: string }, ctx: Ctx): Promise<Did> {
      authorize(ctx, 'did_create');
      const tenantId = await owningTenant(ctx, input.tenantId, { shared: true, exists });
      const number = normalizeDidNumber(input.number);
      const fields = { ...input, number, tenantId };
      await checkState(fields, fields);
      await checkNumberFree(number);
      const did = await dids.create(fields);
      await changes.publish({ entity: 'did', tenantId: did.tenantId, id: did.id });
      await activity.record(ctx, 'did_created', `Create DID ${did.number} -ID:${did.id}`, { tenantId: did.tenantId });
      return did;
    },

    async update(id: number, input: DidInput, ctx: Ctx): Promise<Did> {
      const before = await visible(id, ctx, 'did_update');
      const fields: DidFields = { ...input };
      if (!ctx.actor!.isAdmin) {
        const owned = (['number', 'providerId', 'tenantId'] as const).filter((k) => input[k] !== undefined && input[k] !== before[k]);
        if (owned.length) throw forbidden('Only a super-admin may change the number, provider or tenant of a DID');
      }
      if (input.number !== undefined) {
        fields.number = normalizeDidNumber(input.number);
        await checkNumberFree(fields.number, id);
      }
      if (input.tenantId !== undefined && input.tenantId !== before.tenantId) fields.tenantId = await owningTenant(ctx as AuthedCtx, input.tenantId, { shared: true, exists });
      return write(before, moved(before, fields), ctx as AuthedCtx, 'did_updated');
    },

    /** Assigns the DID to a tenant (super-admin) and/or sets its destination (tenant admin: its own DIDs). */
    async assign(id: number, assignment: DidAssignment, ctx: Ctx): Promise<Did> {
      authorize(ctx, 'did_assign');
      const before = await visible(id, ctx, 'did_read');
      const fields: DidFields = {};
      if (assignment.tenantId !== undefined && assignment.tenantId !== before.tenantId) {
        fields.tenantId = await owningTenant(ctx, assignment.tenantId, { shared: true, exists });
      }
      if (assignment.destinationType !== undefined) fields.destinationType = assignment.destinationType;
      if (assignment.destinationValue !== undefined) fields.destinationValue = assignment.destinationValue;
      return write(before, moved(before, fields), ctx, 'did_assigned');
    },

    async remove(id: number, ctx: Ctx): Promise<void> {
      const did = await visible(id, ctx, 'did_delete');
      await dids.delete(id);
      await changes.publish({ entity: 'did', tenantId: did.tenantId, id });
      await activity.record(ctx, 'did_deleted', `Delete DID ${did.number} -ID:${id}`, { tenantId: did.tenantId });
    },
  };
}

export type DidsService = ReturnType<typeof createDidsService>;
