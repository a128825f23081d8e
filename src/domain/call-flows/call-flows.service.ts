// Call flows: a number of the tenant whose calls go to the normal destination while the status is
// true and to the alternate one otherwise, and a toggle feature code that flips the status (the
// dialplan fires an event over the Event Socket; `toggle` below is what Switchyard does with it).
// The super-admin reaches every tenant's, a tenant admin its own; another tenant's is not found.
// The number and the code are free across everything dialable in the tenant; destinations are
// checked by the module owning their kind; a call flow something points at cannot be deleted or
// renumbered (409).
import { authorize, type AuthedCtx, type Ctx } from '../../context.ts';
import { conflict, notFound, validationFailed } from '../../errors.ts';
import type { ChangeBus } from '../../infra/change-bus.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import type { DialableConflict, DialableNumbers } from '../dialable/numbers.ts';
import type { DestinationTargets } from '../dialable/targets.ts';
import { page, paging, splitList, type ListQuery, type Page } from '../shared/list.ts';
import { parse } from '../shared/schema.ts';
import { listTenants, owningTenant, reachesTenant } from '../shared/tenancy.ts';
import { unixSeconds } from '../shared/unix-time.ts';
import type { TenantsRepository } from '../tenants/tenants.repository.ts';
import { dialString, resolveDestination } from '../time-conditions/time-condition-rules.ts';
import type { CallFlowFields, CallFlowRecord, CallFlowsRepository } from './call-flows.repository.ts';
import { CallFlowCreate, CallFlowFilter, CallFlowUpdate, type CallFlowCreateInput, type CallFlowUpdateInput, type CallFlowView } from './call-flows.schema.ts';

const SORTABLE = { call_flow_uuid: 'id', call_flow_name: 'name', call_flow_extension: 'extension', call_flow_enabled: 'enabled', date_created: 'createdAt' };

/** The toggle code a call flow gets when the form leaves it empty (its placeholder: `*<number>`). */
export const defaultFeatureCode = (extension: string) => `*${extension}`;

export function callFlowView(cf: CallFlowRecord): CallFlowView {
  return {
    callFlowUuid: cf.id,
    domainUuid: cf.domainUuid,
    dialplanUuid: cf.id,
    tenantId: cf.tenantId,
    tenantName: cf.tenantName,
    callFlowName: cf.name,
    callFlowExtension: cf.extension,
    callFlowFeatureCode: cf.featureCode,
    callFlowContext: cf.domain,
    callFlowStatus: cf.status,
    callFlowPinNumber: cf.pinNumber,
    callFlowLabel: cf.label,
    callFlowAlternateLabel: cf.alternateLabel,
    callFlowSound: cf.sound,
    callFlowAlternateSound: cf.alternateSound,
    callFlowApp: cf.app,
    callFlowData: dialString(cf.destinationType, cf.destinationValue),
    callFlowDestinationType: cf.destinationType,
    callFlowAlternateApp: cf.alternateApp,
    callFlowAlternateData: dialString(cf.alternateDestinationType, cf.alternateDestinationValue),
    callFlowAlternateDestinationType: cf.alternateDestinationType,
    callFlowDescription: cf.description,
    callFlowEnabled: cf.enabled,
    dateCreated: unixSeconds(cf.createdAt),
    lastUpdated: unixSeconds(cf.updatedAt),
  };
}

const SIDES = [
  { app: 'callFlowApp', sentType: 'callFlowDestinationType', sentValue: 'callFlowData', type: 'destinationType', value: 'destinationValue' },
  { app: 'callFlowAlternateApp', sentType: 'callFlowAlternateDestinationType', sentValue: 'callFlowAlternateData', type: 'alternateDestinationType', value: 'alternateDestinationValue' },
] as const;

export function createCallFlowsService(deps: {
  callFlows: CallFlowsRepository;
  tenants: TenantsRepository;
  dialable: DialableNumbers;
  targets: DestinationTargets;
  changes: ChangeBus;
  activity: ActivityLog;
}) {
  const { callFlows, dialable, targets, changes, activity } = deps;
  const tenantExists = async (id: number) => !!(await deps.tenants.findById(id));

  async function visible(id: string, ctx: Ctx, permission: string): Promise<CallFlowRecord> {
    authorize(ctx, permission);
    const cf = await callFlows.findById(id);
    if (!cf || !reachesTenant(ctx.actor, cf.tenantId)) throw notFound('Call flow');
    return cf;
  }

  async function checkFree(tenantId: number, number: string, except: DialableConflict[] = []): Promise<void> {
    const taken = (await dialable.conflicts(tenantId, number)).filter((c) => !except.some((e) => e.type === c.type && String(e.id) === String(c.id)));
    if (taken.length) throw conflict(`Number ${number} is already in use (${taken.map((c) => c.type).join(', ')})`);
  }

  async function checkUnreferenced(cf: CallFlowRecord, doing: string): Promise<void> {
    const referrers = (await targets.referrers(cf.tenantId, 'call_flow', cf.extension)).filter((r) => !(r.type === 'call_flow' && r.id === cf.id));
    if (referrers.length) throw conflict(`Call flow ${cf.extension} cannot be ${doing}: ${referrers.map((r) => `${r.type} ${r.id}`).join(', ')} points at it`);
  }

  async function fieldsOf(input: CallFlowCreateInput | CallFlowUpdateInput, tenant: { id: number; domain: string }, before: CallFlowRecord | null): Promise<CallFlowFields> {
    if (input.callFlowContext && input.callFlowContext.toLowerCase() !== tenant.domain) {
      throw validationFailed('callFlowContext', `must be the tenant's domain (${tenant.domain}) or empty`);
    }
    const fields: CallFlowFields = Object.fromEntries(
      Object.entries({
        name: input.callFlowName,
        extension: input.callFlowExtension,
        featureCode: input.callFlowFeatureCode || undefined,
        status: input.callFlowStatus,
        pinNumber: input.callFlowPinNumber,
        label: input.callFlowLabel,
        alternateLabel: input.callFlowAlternateLabel,
        sound: input.callFlowSound,
        alternateSound: input.callFlowAlternateSound,
        app: input.callFlowApp,
        alternateApp: input.callFlowAlternateApp,
        description: input.callFlowDescription,
        enabled: input.callFlowEnabled,
      }).filter(([, v]) => v !== undefined),
    );
    const number = fields.extension ?? before?.extension ?? '';
    for (const side of SIDES) {
      const sentType = input[side.sentType];
      const sentValue = input[side.sentValue];
      if (sentType === undefined && sentValue === undefined) continue;
      const stored = before ? { type: before[side.type], value: before[side.value] } : { type: '', value: '' };
      const sent = { type: sentType, value: sentValue ?? dialString(stored.type, stored.value) };
      // The form PUTs back what it read: an unchanged destination is not checked again.
      if (before && sent.value === dialString(stored.type, stored.value) && (sentType === undefined || sentType === stored.type)) continue;
      if (sent.value === number && (sentType === undefined || sentType === 'call_flow')) throw validationFailed(side.sentValue, 'must not be the call flow itself');
      const resolved = await resolveDestination({ targets, dialable }, tenant.id, sent, { type: side.sentType, value: side.sentValue }, '');
      fields[side.type] = resolved.type;
      fields[side.value] = resolved.value;
    }
    return fields;
  }

  async function announce(cf: CallFlowRecord): Promise<void> {
    await changes.publish({ entity: 'call_flow', tenantId: cf.tenantId, id: cf.id, domain: cf.domain });
  }

  async function tenantOf(id: number): Promise<{ id: number; domain: string }> {
    const tenant = await deps.tenants.findById(id);
    if (!tenant) throw validationFailed('tenantId', 'names no tenant');
    return { id, domain: tenant.domain };
  }

  return {
    async list(query: ListQuery & Record<string, unknown>, ctx: Ctx): Promise<Page<CallFlowRecord>> {
      authorize(ctx, 'call_flow_list');
      const { list, filters } = splitList(query);
      const p = paging(list, SORTABLE, 'call_flow_extension');
      const filter = parse(CallFlowFilter, filters);
      const tenants = listTenants(ctx.actor, filter.tenantId);
      if (tenants === false) return page([], 0, p);
      const { items, total } = await callFlows.list(
        { tenantIds: tenants?.tenantIds as number[] | undefined, extension: filter.callFlowExtension, name: filter.callFlowName, enabled: filter.callFlowEnabled },
        p,
      );
      return page(items, total, p);
    },

    get: (id: string, ctx: Ctx) => visible(id, ctx, 'call_flow_read'),

    async create(raw: unknown, ctx: Ctx): Promise<CallFlowRecord> {
      authorize(ctx, 'call_flow_create');
      const input = parse(CallFlowCreate, raw);
      const tenantId = (await owningTenant(ctx, input.tenantId, { shared: false, exists: tenantExists })) as number;
      const fields = await fieldsOf(input, await tenantOf(tenantId), null);
      const featureCode = fields.featureCode ?? defaultFeatureCode(input.callFlowExtension);
      if (featureCode === input.callFlowExtension) throw validationFailed('callFlowFeatureCode', 'must differ from call_flow_extension');
      await checkFree(tenantId, input.callFlowExtension);
      await checkFree(tenantId, featureCode);
      const cf = await callFlows.create({ ...fields, tenantId, name: input.callFlowName, extension: input.callFlowExtension, featureCode });
      await announce(cf);
      await activity.record(ctx as AuthedCtx, 'call_flow_created', `Create Call Flow ${cf.name} (${cf.extension}@${cf.domain}) -ID:${cf.id}`, { tenantId });
      return cf;
    },

    async update(id: string, raw: unknown, ctx: Ctx): Promise<CallFlowRecord> {
      const before = await visible(id, ctx, 'call_flow_update');
      const input = parse(CallFlowUpdate, raw);
      if (input.tenantId !== undefined && input.tenantId !== before.tenantId) {
        throw validationFailed('tenantId', 'cannot be changed: create the call flow in the other tenant');
      }
      const fields = await fieldsOf(input, { id: before.tenantId, domain: before.domain }, before);
      const extension = fields.extension ?? before.extension;
      const featureCode = fields.featureCode ?? before.featureCode;
      if (featureCode === extension) throw validationFailed('callFlowFeatureCode', 'must differ from call_flow_extension');
      const own = [{ type: 'call_flow', id: before.id }, { type: 'feature_code', id: before.featureCode }];
      if (extension !== before.extension) {
        await checkFree(before.tenantId, extension, own);
        await checkUnreferenced(before, 'renumbered');
      }
      if (featureCode !== before.featureCode || (fields.enabled === true && !before.enabled)) await checkFree(before.tenantId, featureCode, own);
      const cf = await callFlows.update(id, fields);
      await announce(cf);
      await activity.record(ctx as AuthedCtx, 'call_flow_updated', `Update Call Flow ${cf.name} (${cf.extension}@${cf.domain}): ${Object.keys(fields).join(', ')}`, {
        tenantId: cf.tenantId,
      });
      return cf;
    },

    async remove(id: string, ctx: Ctx): Promise<void> {
      const cf = await visible(id, ctx, 'call_flow_delete');
      await checkUnreferenced(cf, 'deleted');
      await callFlows.delete(id);
      await announce(cf);
      await activity.record(ctx as AuthedCtx, 'call_flow_deleted', `Delete Call Flow ${cf.name} (${cf.extension}@${cf.domain}) -ID:${cf.id}`, { tenantId: cf.tenantId });
    },

    /**
     * The toggle code was dialled (the switch's event names the call flow): flips the status and
     * announces it. Null when Switchyard knows no such call flow.
     */
    async toggle(id: string): Promise<CallFlowRecord | null> {
      const cf = await callFlows.toggle(id);
      if (cf) await announce(cf);
      return cf;
    },

    /** A phone asks for the lamp of toggle code `featureCode` of the tenant of `domain`: the call flow as it is now, or null. */
    lamp: (domain: string, featureCode: string): Promise<CallFlowRecord | null> => callFlows.byFeatureCode(domain, featureCode),
  };
}

export type CallFlowsService = ReturnType<typeof createCallFlowsService>;
