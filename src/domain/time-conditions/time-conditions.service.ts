// Time conditions: a number of the tenant whose calls go to the open destination while the
// schedule holds (weekdays, time of day, an optional date range, never on a holiday) and to the
// closed one otherwise, judged in the time condition's own timezone. The super-admin reaches every
// tenant's, a tenant admin its own; another tenant's is not found. The number is free across
// everything dialable in the tenant; destinations are checked by the module owning their kind; a
// time condition that something points at cannot be deleted or renumbered (409).
import { authorize, type AuthedCtx, type Ctx } from '../../context.ts';
import { conflict, notFound, validationFailed } from '../../errors.ts';
import type { ChangeBus } from '../../infra/change-bus.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import type { DialableNumbers } from '../dialable/numbers.ts';
import type { DestinationTargets } from '../dialable/targets.ts';
import { page, paging, splitList, type ListQuery, type Page } from '../shared/list.ts';
import { parse } from '../shared/schema.ts';
import { listTenants, owningTenant, reachesTenant } from '../shared/tenancy.ts';
import { unixSeconds } from '../shared/unix-time.ts';
import type { TenantsRepository } from '../tenants/tenants.repository.ts';
import { checkSchedule, checkTimezone, dialString, resolveDestination } from './time-condition-rules.ts';
import type { TimeConditionFields, TimeConditionRecord, TimeConditionsRepository } from './time-conditions.repository.ts';
import {
  TimeConditionCreate,
  TimeConditionFilter,
  TimeConditionUpdate,
  type TimeConditionCreateInput,
  type TimeConditionUpdateInput,
  type TimeConditionView,
} from './time-conditions.schema.ts';

const SORTABLE = { dialplan_uuid: 'id', tc_name: 'name', tc_extension: 'extension', tc_enabled: 'enabled', date_created: 'createdAt' };

export function timeConditionView(tc: TimeConditionRecord): TimeConditionView {
  return {
    dialplanUuid: tc.id,
    domainUuid: tc.domainUuid,
    tenantId: tc.tenantId,
    tenantName: tc.tenantName,
    tcName: tc.name,
    tcExtension: tc.extension,
    tcContext: tc.domain,
    tcDescription: tc.description,
    tcEnabled: tc.enabled,
    tcTimeStart: tc.timeStart,
    tcTimeStop: tc.timeStop,
    tcWdayStart: tc.wdayStart,
    tcWdayStop: tc.wdayStop,
    tcOpenDestination: dialString(tc.openDestinationType, tc.openDestinationValue),
    tcOpenDestinationType: tc.openDestinationType,
    tcClosedDestination: dialString(tc.closedDestinationType, tc.closedDestinationValue),
    tcClosedDestinationType: tc.closedDestinationType,
    tcTimezone: tc.timezone,
    tcDateStart: tc.dateStart,
    tcDateStop: tc.dateStop,
    tcHolidays: tc.holidays,
    dateCreated: unixSeconds(tc.createdAt),
    lastUpdated: unixSeconds(tc.updatedAt),
  };
}

const SIDES = [
  { side: 'open', type: 'openDestinationType', value: 'openDestinationValue', fields: { type: 'tcOpenDestinationType', value: 'tcOpenDestination' } },
  { side: 'closed', type: 'closedDestinationType', value: 'closedDestinationValue', fields: { type: 'tcClosedDestinationType', value: 'tcClosedDestination' } },
] as const;

export function createTimeConditionsService(deps: {
  timeConditions: TimeConditionsRepository;
  tenants: TenantsRepository;
  dialable: DialableNumbers;
  targets: DestinationTargets;
  changes: ChangeBus;
  activity: ActivityLog;
}) {
  const { timeConditions, dialable, targets, changes, activity } = deps;
  const tenantExists = async (id: number) => !!(await deps.tenants.findById(id));

  async function visible(id: string, ctx: Ctx, permission: string): Promise<TimeConditionRecord> {
    authorize(ctx, permission);
    const tc = await timeConditions.findById(id);
    if (!tc || !reachesTenant(ctx.actor, tc.tenantId)) throw notFound('Time condition');
    return tc;
  }


  /** What points at the time condition's number (DIDs, other time conditions, ...). */
  async function checkUnreferenced(tc: TimeConditionRecord, doing: string): Promise<void> {
    const referrers = (await targets.referrers(tc.tenantId, 'time_condition', tc.extension)).filter((r) => !(r.type === 'time_condition' && r.id === tc.id));
    if (referrers.length) throw conflict(`Time condition ${tc.extension} cannot be ${doing}: ${referrers.map((r) => `${r.type} ${r.id}`).join(', ')} points at it`);
  }

  /** The fields an input writes, its context and destinations checked against the tenant. */
  async function fieldsOf(
    input: TimeConditionCreateInput | TimeConditionUpdateInput,
    tenant: { id: number; domain: string },
    before: TimeConditionRecord | null,
  ): Promise<TimeConditionFields> {
    const { tenantId: _tenant, tcContext, ...rest } = input;
    if (tcContext && tcContext.toLowerCase() !== tenant.domain) throw validationFailed('tcContext', `must be the tenant's domain (${tenant.domain}) or empty`);
    const fields: TimeConditionFields = Object.fromEntries(
      Object.entries({
        name: rest.tcName,
        extension: rest.tcExtension,
        description: rest.tcDescription,
        enabled: rest.tcEnabled,
        timezone: rest.tcTimezone === undefined ? undefined : checkTimezone(rest.tcTimezone),
        wdayStart: rest.tcWdayStart,
        wdayStop: rest.tcWdayStop,
        timeStart: rest.tcTimeStart,
        timeStop: rest.tcTimeStop,
        dateStart: rest.tcDateStart,
        dateStop: rest.tcDateStop,
        holidays: rest.tcHolidays,
      }).filter(([, v]) => v !== undefined),
    );
    const state = { timeStart: '08:00', timeStop: '17:00', dateStart: '', dateStop: '', holidays: [], ...before, ...fields };
    checkSchedule(state);
    const number = state.extension ?? '';
    for (const { side, type, value, fields: names } of SIDES) {
      const sentType = side === 'open' ? rest.tcOpenDestinationType : rest.tcClosedDestinationType;
      const sentValue = side === 'open' ? rest.tcOpenDestination : rest.tcClosedDestination;
      if (sentType === undefined && sentValue === undefined) continue;
      const stored = before ? { type: before[type], value: before[value] } : { type: '', value: '' };
      const sent = { type: sentType, value: sentValue ?? dialString(stored.type, stored.value) };
      // The form PUTs back what it read: an unchanged destination is not checked again.
      if (before && sent.value === dialString(stored.type, stored.value) && (sentType === undefined || sentType === stored.type)) continue;
      const resolved = await resolveDestination({ targets, dialable }, tenant.id, sent, names, number);
      fields[type] = resolved.type;
      fields[value] = resolved.value;
    }
    return fields;
  }

  async function announce(tc: TimeConditionRecord): Promise<void> {
    await changes.publish({ entity: 'time_condition', tenantId: tc.tenantId, id: tc.id, domain: tc.domain });
  }

  async function tenantOf(id: number): Promise<{ id: number; domain: string }> {
    const tenant = await deps.tenants.findById(id);
    if (!tenant) throw validationFailed('tenantId', 'names no tenant');
    return { id, domain: tenant.domain };
  }

  return {
    async list(query: ListQuery & Record<string, unknown>, ctx: Ctx): Promise<Page<TimeConditionRecord>> {
      authorize(ctx, 'time_condition_list');
      const { list, filters } = splitList(query);
      const p = paging(list, SORTABLE, 'tc_extension');
      const filter = parse(TimeConditionFilter, filters);
      const tenants = listTenants(ctx.actor, filter.tenantId);
      if (tenants === false) return page([], 0, p);
      const { items, total } = await timeConditions.list(
        { tenantIds: tenants?.tenantIds as number[] | undefined, extension: filter.tcExtension, name: filter.tcName, enabled: filter.tcEnabled },
        p,
      );
      return page(items, total, p);
    },

    get: (id: string, ctx: Ctx) => visible(id, ctx, 'time_condition_read'),

    async create(raw: unknown, ctx: Ctx): Promise<TimeConditionRecord> {
      authorize(ctx, 'time_condition_create');
      const input = parse(TimeConditionCreate, raw);
      const tenantId = (await owningTenant(ctx, input.tenantId, { shared: false, exists: tenantExists })) as number;
      const fields = await fieldsOf(input, await tenantOf(tenantId), null);
      await dialable.assertFree(tenantId, input.tcExtension);
      const tc = await timeConditions.create({ ...fields, tenantId, name: input.tcName, extension: input.tcExtension });
      await announce(tc);
      await activity.record(ctx as AuthedCtx, 'time_condition_created', `Create Time Condition ${tc.name} (${tc.extension}@${tc.domain}) -ID:${tc.id}`, { tenantId });
      return tc;
    },

    async update(id: string, raw: unknown, ctx: Ctx): Promise<TimeConditionRecord> {
      const before = await visible(id, ctx, 'time_condition_update');
      const input = parse(TimeConditionUpdate, raw);
      if (input.tenantId !== undefined && input.tenantId !== before.tenantId) {
        throw validationFailed('tenantId', 'cannot be changed: create the time condition in the other tenant');
      }
      const fields = await fieldsOf(input, { id: before.tenantId, domain: before.domain }, before);
      if (fields.extension !== undefined && fields.extension !== before.extension) {
        await dialable.assertFree(before.tenantId, fields.extension, { type: 'time_condition', id: before.id });
        await checkUnreferenced(before, 'renumbered');
      }
      const tc = await timeConditions.update(id, fields);
      await announce(tc);
      await activity.record(ctx as AuthedCtx, 'time_condition_updated', `Update Time Condition ${tc.name} (${tc.extension}@${tc.domain}): ${Object.keys(fields).join(', ')}`, {
        tenantId: tc.tenantId,
      });
      return tc;
    },

    async remove(id: string, ctx: Ctx): Promise<void> {
      const tc = await visible(id, ctx, 'time_condition_delete');
      await checkUnreferenced(tc, 'deleted');
      await timeConditions.delete(id);
      await announce(tc);
      await activity.record(ctx as AuthedCtx, 'time_condition_deleted', `Delete Time Condition ${tc.name} (${tc.extension}@${tc.domain}) -ID:${tc.id}`, { tenantId: tc.tenantId });
    },
  };
}

export type TimeConditionsService = ReturnType<typeof createTimeConditionsService>;
