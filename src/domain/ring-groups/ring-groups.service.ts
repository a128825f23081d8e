// Ring groups of a tenant. Scoping: the super-admin reaches all, a tenant admin its tenant's
// (another tenant's group is not found). The group's number is a number of the tenant's dial plan,
// free across everything dialable; members are extensions of the tenant or external numbers; the
// timeout destination is any destination kind, checked by the module that owns it. A group that
// a DID, another group's timeout, ... points at cannot be deleted or renumbered (409).
import { authorize, type AuthedCtx, type Ctx } from '../../context.ts';
import { notFound, validationFailed } from '../../errors.ts';
import type { ChangeBus } from '../../infra/change-bus.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import type { DialableNumbers } from '../dialable/numbers.ts';
import { checkDestination, DESTINATION_TYPES, EXTERNAL_NUMBER, type DestinationTargets, type DestinationType } from '../dialable/targets.ts';
import { page, paging, splitList, type ListQuery, type Page } from '../shared/list.ts';
import { parse } from '../shared/schema.ts';
import { STOCK_GLOBALS } from '../shared/switch-syntax.ts';
import { listTenants, owningTenant, reachesTenant } from '../shared/tenancy.ts';
import { unixSeconds } from '../shared/unix-time.ts';
import type { TenantsRepository } from '../tenants/tenants.repository.ts';
import type { RingGroupFields, RingGroupMemberFields, RingGroupRecord, RingGroupsRepository } from './ring-groups.repository.ts';
import {
  RingGroupCreate,
  RingGroupFilter,
  RingGroupUpdate,
  type RingGroupCreateInput,
  type RingGroupMemberInput,
  type RingGroupUpdateInput,
  type RingGroupView,
} from './ring-groups.schema.ts';

/** The dial string the ICTPBX client stores for a voicemail box (its pbx-destination.service.ts). */
export const VOICEMAIL_DIAL_PREFIX = '*99';

const SORTABLE = {
  ring_group_name: 'name',
  ring_group_extension: 'extension',
  ring_group_strategy: 'strategy',
  ring_group_uuid: 'id',
  date_created: 'createdAt',
  ring_group_enabled: 'enabled',
};

export function ringGroupView(g: RingGroupRecord): RingGroupView {
  return {
    ringGroupUuid: g.id,
    tenantId: g.tenantId,
    tenantName: g.tenant.name,
    domainUuid: g.tenant.domainUuid,
    domainName: g.tenant.domain,
    ringGroupName: g.name,
    ringGroupExtension: g.extension,
    ringGroupStrategy: g.strategy,
    ringGroupCallTimeout: g.callTimeout,
    ringGroupCallerIdName: g.callerIdName,
    ringGroupCallerIdNumber: g.callerIdNumber,
    ringGroupCidNamePrefix: g.cidNamePrefix,
    ringGroupCidNumberPrefix: g.cidNumberPrefix,
    ringGroupTimeoutApp: g.timeoutType,
    ringGroupTimeoutData: g.timeoutType === 'voicemail' ? `${VOICEMAIL_DIAL_PREFIX}${g.timeoutValue}` : g.timeoutValue,
    ringGroupRingback: g.ringback,
    ringGroupContext: g.tenant.domain,
    ringGroupEnabled: g.enabled,
    ringGroupDescription: g.description,
    destinations: g.members.map((m, i) => ({
      ringGroupDestinationUuid: m.id,
      destinationNumber: m.number,
      destinationType: m.kind,
      destinationDelay: m.delay,
      destinationTimeout: m.timeout,
      destinationOrder: i + 1,
      destinationEnabled: m.enabled,
      destinationPrompt: m.prompt,
      destinationDescription: m.description,
    })),
    destinationCount: g.members.length,
    dateCreated: unixSeconds(g.createdAt),
    lastUpdated: unixSeconds(g.updatedAt),
  };
}

export function createRingGroupsService(deps: {
  ringGroups: RingGroupsRepository;
  tenants: TenantsRepository;
  dialable: DialableNumbers;
  targets: DestinationTargets;
  changes: ChangeBus;
  activity: ActivityLog;
}) {
  const { ringGroups, dialable, targets, changes, activity } = deps;
  const tenantExists = async (id: number) => !!(await deps.tenants.findById(id));

  async function visible(id: string, ctx: Ctx, permission: string): Promise<RingGroupRecord> {
    authorize(ctx, permission);
    const group = await ringGroups.findById(id);
    if (!group || !reachesTenant(ctx.actor, group.tenantId)) throw notFound('Ring group');
    return group;
  }



  /** Members in their order, each an extension of the tenant or an external number. */
  async function membersOf(tenantId: number, own: string, given: readonly RingGroupMemberInput[]): Promise<RingGroupMemberFields[]> {
    const ordered = given.map((m, i) => ({ m, i })).sort((a, b) => (a.m.destinationOrder ?? a.i + 1) - (b.m.destinationOrder ?? b.i + 1) || a.i - b.i);
    const numbers = [...new Set(ordered.map(({ m }) => m.destinationNumber))];
    const holders = await Promise.all(numbers.map(async (n) => [n, await dialable.conflicts(tenantId, n)] as const));
    const extensions = new Set(holders.filter(([, held]) => held.some((h) => h.type === 'extension')).map(([n]) => n));
    return ordered.map(({ m, i }) => {
      const field = `destinations/${i}/destinationNumber`;
      if (m.destinationNumber === own) throw validationFailed(field, 'must not be the ring group itself');
      const kind = extensions.has(m.destinationNumber) ? 'extension' : 'external';
      if (kind === 'external' && !EXTERNAL_NUMBER.test(m.destinationNumber)) throw validationFailed(field, 'must be an extension of the tenant or an external number');
      return {
        number: m.destinationNumber,
        kind,
        delay: m.destinationDelay ?? 0,
        timeout: m.destinationTimeout ?? 30,
        position: 0,
        prompt: m.destinationPrompt ?? false,
        enabled: m.destinationEnabled ?? true,
        description: m.destinationDescription ?? '',
      };
    });
  }

  /**
   * The timeout destination as a kind and value: the kind given, or read from the number (*99 and
   * a mailbox is voicemail; else what holds the number in the tenant, or an external number).
   */
  async function timeoutOf(tenantId: number, own: string, app: string, data: string): Promise<{ timeoutType: string; timeoutValue: string }> {
    if (data === '') {
      if (app !== '' && app !== 'transfer') throw validationFailed('ringGroupTimeoutData', 'is required with a timeout kind');
      return { timeoutType: '', timeoutValue: '' };
    }
    let type = app === 'transfer' ? '' : app;
    let value = data;
    if (data.startsWith(VOICEMAIL_DIAL_PREFIX) && (type === '' || type === 'voicemail')) {
      type = 'voicemail';
      value = data.slice(VOICEMAIL_DIAL_PREFIX.length);
    }
    if (type === '') {
      const holders = await dialable.conflicts(tenantId, value);
      const held = holders.find((h) => (DESTINATION_TYPES as readonly string[]).includes(h.type));
      if (held) type = held.type;
      else if (holders.length === 0 && EXTERNAL_NUMBER.test(value)) type = 'external';
      else throw validationFailed('ringGroupTimeoutData', 'names nothing a call can be sent to in the tenant');
    }
    if (type === 'ring_group' && value === own) throw validationFailed('ringGroupTimeoutData', 'must not be the ring group itself');
    await checkDestination(targets, tenantId, type, value, { type: 'ringGroupTimeoutApp', value: 'ringGroupTimeoutData' });
    return { timeoutType: type as DestinationType, timeoutValue: value };
  }

  /** The fields an input writes (members and the timeout destination apart). */
  function fieldsOf(input: RingGroupCreateInput | RingGroupUpdateInput): RingGroupFields {
    // The ringback is rendered as $${name}: only what a stock FreeSWITCH defines.
    if (input.ringGroupRingback && !STOCK_GLOBALS.has(input.ringGroupRingback)) throw validationFailed('ringGroupRingback', 'names no ring tone a stock FreeSWITCH defines');
    const fields: RingGroupFields = {
      name: input.ringGroupName,
      extension: input.ringGroupExtension,
      strategy: input.ringGroupStrategy,
      callTimeout: input.ringGroupCallTimeout,
      callerIdName: input.ringGroupCallerIdName,
      callerIdNumber: input.ringGroupCallerIdNumber,
      cidNamePrefix: input.ringGroupCidNamePrefix,
      cidNumberPrefix: input.ringGroupCidNumberPrefix,
      ringback: input.ringGroupRingback,
      enabled: input.ringGroupEnabled,
      description: input.ringGroupDescription,
    };
    return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as RingGroupFields;
  }

  async function announce(group: RingGroupRecord, ctx: AuthedCtx, action: string, what: string): Promise<void> {
    await changes.publish({ entity: 'ring_group', tenantId: group.tenantId, id: group.id, domain: group.tenant.domain });
    await activity.record(ctx, action, `${what} Ring Group ${group.extension}@${group.tenant.domain} -ID:${group.id}`, { tenantId: group.tenantId });
  }

  return {
    async list(query: ListQuery & Record<string, unknown>, ctx: Ctx): Promise<Page<RingGroupRecord>> {
      authorize(ctx, 'ring_group_list');
      const { list, filters } = splitList(query);
      const p = paging(list, SORTABLE, 'ring_group_extension');
      const filter = parse(RingGroupFilter, filters);
      const tenants = listTenants(ctx.actor, filter.tenantId);
      if (tenants === false) return page([], 0, p);
      const { items, total } = await ringGroups.list(
        { tenantIds: tenants?.tenantIds as number[] | undefined, extension: filter.ringGroupExtension, name: filter.ringGroupName, enabled: filter.ringGroupEnabled },
        p,
      );
      return page(items, total, p);
    },

    get: (id: string, ctx: Ctx) => visible(id, ctx, 'ring_group_read'),

    async create(raw: unknown, ctx: Ctx): Promise<RingGroupRecord> {
      authorize(ctx, 'ring_group_create');
      const input = parse(RingGroupCreate, raw);
      const tenantId = (await owningTenant(ctx, input.tenantId, { shared: false, exists: tenantExists })) as number;
      const number = input.ringGroupExtension;
      const members = await membersOf(tenantId, number, input.destinations ?? []);
      const timeout = await timeoutOf(tenantId, number, input.ringGroupTimeoutApp ?? '', input.ringGroupTimeoutData ?? '');
      await dialable.assertFree(tenantId, number);
      const group = await ringGroups.create({ ...fieldsOf(input), ...timeout, name: input.ringGroupName, extension: number, tenantId }, members);
      await announce(group, ctx, 'ring_group_created', 'Create');
      return group;
    },

    async update(id: string, raw: unknown, ctx: Ctx): Promise<RingGroupRecord> {
      const before = await visible(id, ctx, 'ring_group_update');
      const input = parse(RingGroupUpdate, raw);
      if (input.tenantId !== undefined && input.tenantId !== before.tenantId) throw validationFailed('tenantId', 'cannot be changed: create the ring group in the other tenant');
      const fields = fieldsOf(input);
      const number = fields.extension ?? before.extension;
      if (number !== before.extension) {
        await targets.assertUnreferenced(before.tenantId, 'ring_group', { number: before.extension, id: before.id }, 'Ring group', 'renumbered');
        await dialable.assertFree(before.tenantId, number, { type: 'ring_group', id: before.id });
      }
      const members = input.destinations === undefined ? undefined : await membersOf(before.tenantId, number, input.destinations ?? []);
      const timeoutGiven = input.ringGroupTimeoutApp !== undefined || input.ringGroupTimeoutData !== undefined;
      const timeout = timeoutGiven
        ? await timeoutOf(before.tenantId, number, input.ringGroupTimeoutApp ?? '', input.ringGroupTimeoutData ?? (before.timeoutType === 'voicemail' ? `${VOICEMAIL_DIAL_PREFIX}${before.timeoutValue}` : before.timeoutValue))
        : {};
      const group = await ringGroups.update(id, { ...fields, ...timeout }, members);
      await announce(group, ctx as AuthedCtx, 'ring_group_updated', 'Update');
      return group;
    },

    async remove(id: string, ctx: Ctx): Promise<void> {
      const group = await visible(id, ctx, 'ring_group_delete');
      await targets.assertUnreferenced(group.tenantId, 'ring_group', { number: group.extension, id: group.id }, 'Ring group', 'deleted');
      await ringGroups.delete(id);
      await announce(group, ctx as AuthedCtx, 'ring_group_deleted', 'Delete');
    },
  };
}

export type RingGroupsService = ReturnType<typeof createRingGroupsService>;
