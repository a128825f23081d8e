// Call blocks: a tenant admin refuses inbound callers of its tenant by number and/or caller-id
// name pattern, with an action (reject, busy, hangup, hold, voicemail); the super-admin names the
// tenant. Patterns are checked by reading them as FreeSWITCH will be told them
// (shared/caller-pattern.ts); a voicemail action names a box of the tenant. Every change is
// announced at once, so a deleted or disabled block leaves the rendered dialplan at the next call.
import { authorize, type AuthedCtx, type Ctx } from '../../context.ts';
import { notFound, validationFailed } from '../../errors.ts';
import type { ChangeBus } from '../../infra/change-bus.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import type { DestinationTargets } from '../dialable/targets.ts';
import { callerNameExpression, callerNumberExpression, callerPatternProblem } from '../shared/caller-pattern.ts';
import { page, paging, splitList, type ListQuery, type Page } from '../shared/list.ts';
import { parse } from '../shared/schema.ts';
import { listTenants, owningTenant, reachesTenant } from '../shared/tenancy.ts';
import { unixSeconds } from '../shared/unix-time.ts';
import type { TenantsRepository } from '../tenants/tenants.repository.ts';
import type { CallBlockFields, CallBlockRecord, CallBlocksRepository } from './call-blocks.repository.ts';
import { CallBlockCreate, CallBlockFilter, CallBlockUpdate, type CallBlockCreateInput, type CallBlockUpdateInput, type CallBlockView } from './call-blocks.schema.ts';

const SORTABLE = {
  call_block_uuid: 'id',
  call_block_name: 'name',
  call_block_number: 'number',
  call_block_action: 'action',
  call_block_enabled: 'enabled',
  date_created: 'createdAt',
};

export function callBlockView(b: CallBlockRecord): CallBlockView {
  return {
    callBlockUuid: b.id,
    domainUuid: b.tenant.domainUuid,
    tenantId: b.tenantId,
    tenantName: b.tenant.name,
    callBlockName: b.name,
    callBlockNumber: b.number,
    callBlockCallerIdName: b.callerIdName,
    callBlockCountryCode: b.countryCode,
    callBlockDirection: b.direction,
    callBlockAction: b.action,
    callBlockApp: b.action,
    callBlockData: b.data,
    callBlockEnabled: b.enabled,
    callBlockDescription: b.description,
    dateCreated: unixSeconds(b.createdAt),
    lastUpdated: unixSeconds(b.updatedAt),
  };
}

/** The record's fields an input sets. */
function fieldsOf(input: CallBlockCreateInput | CallBlockUpdateInput): CallBlockFields {
  const fields: CallBlockFields = {
    name: input.callBlockName,
    number: input.callBlockNumber,
    callerIdName: input.callBlockCallerIdName,
    countryCode: input.callBlockCountryCode,
    direction: input.callBlockDirection,
    action: input.callBlockAction,
    data: input.callBlockData,
    enabled: input.callBlockEnabled,
    description: input.callBlockDescription,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

type State = Pick<CallBlockRecord, 'tenantId' | 'number' | 'callerIdName' | 'countryCode' | 'action' | 'data'>;

export function createCallBlocksService(deps: { callBlocks: CallBlocksRepository; tenants: TenantsRepository; targets: DestinationTargets; changes: ChangeBus; activity: ActivityLog }) {
  const { callBlocks, targets, changes, activity } = deps;
  const exists = async (id: number) => !!(await deps.tenants.findById(id));

  async function visible(id: string, ctx: Ctx, permission: string): Promise<CallBlockRecord> {
    authorize(ctx, permission);
    const block = await callBlocks.findById(id);
    if (!block || !reachesTenant(ctx.actor, block.tenantId)) throw notFound('Call block');
    return block;
  }

  /** Checks the block as it will be once written; answers the data to store (only voicemail keeps one). */
  async function checkState(state: State): Promise<string> {
    if (!state.number && !state.callerIdName) throw validationFailed('callBlockNumber', 'is required (or call_block_caller_id_name)');
    const numberProblem = state.number ? callerPatternProblem(() => callerNumberExpression(state.number, state.countryCode)) : null;
    if (numberProblem) throw validationFailed('callBlockNumber', numberProblem);
    const nameProblem = state.callerIdName ? callerPatternProblem(() => callerNameExpression(state.callerIdName)) : null;
    if (nameProblem) throw validationFailed('callBlockCallerIdName', nameProblem);
    if (state.action !== 'voicemail') return '';
    if (!state.data) throw validationFailed('callBlockData', 'is required for the voicemail action: the box (an extension of the tenant)');
    await targets.check(state.tenantId, 'voicemail', state.data, 'callBlockData');
    return state.data;
  }

  async function announce(block: CallBlockRecord, ctx: AuthedCtx, action: string, verb: string): Promise<void> {
    await changes.publish({ entity: 'call_block', tenantId: block.tenantId, id: block.id });
    await activity.record(ctx, action, `${verb} call block ${block.name} -ID:${block.id}`, { tenantId: block.tenantId });
  }

  return {
    async list(query: ListQuery & Record<string, unknown>, ctx: Ctx): Promise<Page<CallBlockRecord>> {
      authorize(ctx, 'call_block_list');
      const { list, filters } = splitList(query);
      const p = paging(list, SORTABLE, 'date_created');
      const filter = parse(CallBlockFilter, filters);
      const tenants = listTenants(ctx.actor, filter.tenantId);
      if (tenants === false) return page([], 0, p);
      const { items, total } = await callBlocks.list({ ...tenants, number: filter.callBlockNumber, enabled: filter.callBlockEnabled }, p);
      return page(items, total, p);
    },

    get: (id: string, ctx: Ctx) => visible(id, ctx, 'call_block_read'),

    async create(raw: unknown, ctx: Ctx): Promise<CallBlockRecord> {
      authorize(ctx, 'call_block_create');
      const input = parse(CallBlockCreate, raw);
      const tenantId = (await owningTenant(ctx, input.tenantId, { shared: false, exists })) as number;
      const fields = fieldsOf(input);
      const data = await checkState({ tenantId, number: '', callerIdName: '', countryCode: '', action: 'reject', data: '', ...fields });
      const block = await callBlocks.create({ ...fields, data, tenantId, name: input.callBlockName });
      await announce(block, ctx, 'call_block_created', 'Create');
      return block;
    },

    async update(id: string, raw: unknown, ctx: Ctx): Promise<CallBlockRecord> {
      const before = await visible(id, ctx, 'call_block_update');
      const input = parse(CallBlockUpdate, raw);
      // The edit form sends the tenant it read back: only a move is refused.
      if (input.tenantId !== undefined && input.tenantId !== before.tenantId) throw validationFailed('tenantId', 'cannot change: create the block in the other tenant');
      const fields = fieldsOf(input);
      fields.data = await checkState({ ...before, ...fields });
      const block = await callBlocks.update(id, fields);
      await announce(block, ctx as AuthedCtx, 'call_block_updated', 'Update');
      return block;
    },

    async remove(id: string, ctx: Ctx): Promise<void> {
      const block = await visible(id, ctx, 'call_block_delete');
      await callBlocks.delete(id);
      await announce(block, ctx as AuthedCtx, 'call_block_deleted', 'Delete');
    },
  };
}

export type CallBlocksService = ReturnType<typeof createCallBlocksService>;
