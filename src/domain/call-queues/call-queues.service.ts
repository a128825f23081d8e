// Call queues of a tenant (mod_callcenter). Scoping: the super-admin reaches all, a tenant admin
// its tenant's (another tenant's queue is not found). The queue's number is a number of the
// tenant's dial plan, free across everything dialable; each agent is an extension of the tenant
// (at most once per queue); the timeout destination is any destination kind, checked by the
// module that owns it; the music on hold is a music-on-hold class of the tenant or a stock stream,
// stored as its name (the view and FreeSWITCH get what plays: local_stream://<domain>/<name>). A
// queue that a DID, a ring group's timeout, ... points at cannot be deleted or renumbered (409).
// Agents' statuses change here too (the running mod_callcenter learns every change from the
// change bus: freeswitch/esl/call-queue-sync.ts).
import { randomUUID } from 'node:crypto';
import { authorize, type AuthedCtx, type Ctx } from '../../context.ts';
import { notFound, validationFailed } from '../../errors.ts';
import type { ChangeBus } from '../../infra/change-bus.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import type { DialableNumbers } from '../dialable/numbers.ts';
import { checkDestination, DESTINATION_TYPES, EXTERNAL_NUMBER, type DestinationTargets } from '../dialable/targets.ts';
import type { HoldMusicChecker } from '../music-on-hold/music-on-hold.service.ts';
import { holdMusicSource } from '../music-on-hold/streams.ts';
import { page, paging, splitList, type ListQuery, type Page } from '../shared/list.ts';
import { parse } from '../shared/schema.ts';
import { listTenants, owningTenant, reachesTenant } from '../shared/tenancy.ts';
import { unixSeconds } from '../shared/unix-time.ts';
import type { TenantsRepository } from '../tenants/tenants.repository.ts';
import type { CallQueueAgentFields, CallQueueFields, CallQueueRecord, CallQueuesRepository } from './call-queues.repository.ts';
import {
  AgentStatusInput,
  CallQueueCreate,
  CallQueueFilter,
  CallQueueUpdate,
  type AgentStatus,
  type CallQueueAgentInput,
  type CallQueueCreateInput,
  type CallQueueUpdateInput,
  type CallQueueView,
} from './call-queues.schema.ts';

/** The dial string the ICTPBX client stores for a voicemail box (its pbx-destination.service.ts). */
const VOICEMAIL_DIAL_PREFIX = '*99';

const SORTABLE = {
  queue_name: 'name',
  queue_extension: 'extension',
  queue_strategy: 'strategy',
  call_center_queue_uuid: 'id',
  date_created: 'createdAt',
  queue_enabled: 'enabled',
};

/** The queue's name in mod_callcenter: unique across tenants, as FusionPBX names them. */
export const freeswitchQueueName = (q: { extension: string; tenant: { domain: string } }) => `${q.extension}@${q.tenant.domain}`;

const timeoutDial = (q: CallQueueRecord) => (q.timeoutType === 'voicemail' ? `${VOICEMAIL_DIAL_PREFIX}${q.timeoutValue}` : q.timeoutValue);

export function callQueueView(q: CallQueueRecord): CallQueueView {
  return {
    callCenterQueueUuid: q.id,
    tenantId: q.tenantId,
    tenantName: q.tenant.name,
    domainUuid: q.tenant.domainUuid,
    domainName: q.tenant.domain,
    queueName: q.name,
    queueExtension: q.extension,
    queueFreeswitchName: freeswitchQueueName(q),
    queueStrategy: q.strategy,
    queueMohSound: holdMusicSource(q.mohSound, q.tenant.domain),
    queueTimeBaseScore: q.timeBaseScore,
    queueTimeBaseScoreSec: q.timeBaseScoreSec,
    queueMaxWaitTime: q.maxWaitTime,
    queueMaxWaitTimeWithNoAgent: q.maxWaitTimeWithNoAgent,
    queueMaxWaitTimeWithNoAgentTimeReached: q.maxWaitTimeWithNoAgentTimeReached,
    queueTierRulesApply: q.tierRulesApply,
    queueTierRuleWaitSecond: q.tierRuleWaitSecond,
    queueTierRuleWaitMultiplyLevel: q.tierRuleWaitMultiplyLevel,
    queueTierRuleNoAgentNoWait: q.tierRuleNoAgentNoWait,
    queueDiscardAbandonedAfter: q.discardAbandonedAfter,
    queueAbandonedResumeAllowed: q.abandonedResumeAllowed,
    queueAnnounceSound: q.announceSound,
    queueAnnounceFrequency: q.announceFrequency,
    queueAnnouncePositionFrequency: q.announcePositionFrequency,
    queueAnnounceRoundSeconds: q.announceRoundSeconds,
    queueAnnounceHoldtime: q.announceHoldtime,
    queueCidPrefix: q.cidPrefix,
    queueTerminateOnCancel: q.terminateOnCancel,
    queueAgentsCanReject: q.agentsCanReject,
    queueRingProgressivelyDelay: q.ringProgressivelyDelay,
    queueTimeoutAction: q.timeoutType ? `transfer:${timeoutDial(q)}` : 'hangup:',
    queueTimeoutType: q.timeoutType,
    queueTimeoutValue: q.timeoutValue,
    queueDescription: q.description,
    queueEnabled: q.enabled,
    agents: q.agents.map((a) => ({
      callCenterAgentUuid: a.id,
      agentName: a.name,
      agentType: a.type,
      agentCallTimeout: a.callTimeout,
      agentContact: `user/${a.extension.extension}@${q.tenant.domain}`,
      agentExtension: a.extension.extension,
      agentStatus: a.status,
      agentMaxNoAnswer: a.maxNoAnswer,
      agentWrapUpTime: a.wrapUpTime,
      agentRejectDelayTime: a.rejectDelayTime,
      agentBusyDelayTime: a.busyDelayTime,
      agentNoAnswerDelayTime: a.noAnswerDelayTime,
      agentDescription: a.description,
      tierLevel: a.tierLevel,
      tierPosition: a.tierPosition,
    })),
    agentCount: q.agents.length,
    dateCreated: unixSeconds(q.createdAt),
    lastUpdated: unixSeconds(q.updatedAt),
  };
}

/** The extension number of a contact as the client writes it (user/1001@host) or a bare number. */
const extensionOfContact = (contact: string) => contact.replace(/^user\//, '').replace(/@.*$/, '');

export function createCallQueuesService(deps: {
  callQueues: CallQueuesRepository;
  tenants: TenantsRepository;
  dialable: DialableNumbers;
  targets: DestinationTargets;
  changes: ChangeBus;
  activity: ActivityLog;
  /** What the moh sound may name: a music-on-hold class of the tenant or a stock stream (music-on-hold.service.ts). */
  holdMusic: HoldMusicChecker;
}) {
  const { callQueues, dialable, targets, changes, activity } = deps;
  const tenantExists = async (id: number) => !!(await deps.tenants.findById(id));

  async function visible(id: string, ctx: Ctx, permission: string): Promise<CallQueueRecord> {
    authorize(ctx, permission);
    const queue = await callQueues.findById(id);
    if (!queue || !reachesTenant(ctx.actor, queue.tenantId)) throw notFound('Call queue');
    return queue;
  }



  /** The agents, each an extension of the tenant once; an agent sent with one of the queue's ids keeps it. */
  async function agentsOf(tenantId: number, given: readonly CallQueueAgentInput[], before?: CallQueueRecord): Promise<CallQueueAgentFields[]> {
    const numbers = given.map((a) => extensionOfContact(a.agentContact));
    const extensions = await callQueues.extensionsOf(tenantId, numbers);
    const previous = new Map((before?.agents ?? []).map((a) => [a.id, a]));
    const byExtension = new Map((before?.agents ?? []).map((a) => [a.extension.extension, a]));
    const seen = new Set<string>();
    const taken = new Set<string>();
    return given.map((a, i) => {
      const number = numbers[i]!;
      const extensionId = extensions.get(number);
      if (!extensionId) throw validationFailed(`agents/${i}/agentContact`, `names no extension of the tenant (${number})`);
      if (seen.has(number)) throw validationFailed(`agents/${i}/agentContact`, `extension ${number} is already an agent of this queue`);
      seen.add(number);
      const sentId = a.callCenterAgentUuid ?? undefined;
      // An id is kept once: an agent moved to another extension and a new one on its old number differ.
      const kept = [sentId && previous.get(sentId), byExtension.get(number)].find((k) => k && !taken.has(k.id)) || undefined;
      if (kept) taken.add(kept.id);
      return {
        id: kept?.id ?? randomUUID(),
        extensionId,
        name: a.agentName ?? kept?.name ?? '',
        type: a.agentType ?? kept?.type ?? 'callback',
        callTimeout: a.agentCallTimeout ?? kept?.callTimeout ?? 20,
        status: a.agentStatus ?? kept?.status ?? 'Available',
        maxNoAnswer: a.agentMaxNoAnswer ?? kept?.maxNoAnswer ?? 3,
        wrapUpTime: a.agentWrapUpTime ?? kept?.wrapUpTime ?? 10,
        rejectDelayTime: a.agentRejectDelayTime ?? kept?.rejectDelayTime ?? 30,
        busyDelayTime: a.agentBusyDelayTime ?? kept?.busyDelayTime ?? 60,
        noAnswerDelayTime: a.agentNoAnswerDelayTime ?? kept?.noAnswerDelayTime ?? 10,
        tierLevel: a.tierLevel ?? kept?.tierLevel ?? 1,
        tierPosition: a.tierPosition ?? kept?.tierPosition ?? i + 1,
        description: a.agentDescription ?? kept?.description ?? '',
      };
    });
  }

  /**
   * The timeout destination as a kind and value, from `transfer:<number>` (the kind read from the
   * number, unique in the tenant's number space: *99 and a mailbox is voicemail; else what holds
   * it in the tenant, or an external number) or `hangup:` (none).
   */
  async function timeoutOf(tenantId: number, own: string, action: string): Promise<{ timeoutType: string; timeoutValue: string }> {
    if (action === '' || action.startsWith('hangup')) return { timeoutType: '', timeoutValue: '' };
    let type = '';
    let value = action.slice('transfer:'.length);
    if (value.startsWith(VOICEMAIL_DIAL_PREFIX)) {
      type = 'voicemail';
      value = value.slice(VOICEMAIL_DIAL_PREFIX.length);
    }
    if (type === '' && value === own) throw validationFailed('queueTimeoutAction', 'must not be the queue itself');
    if (type === '') {
      const holders = await dialable.conflicts(tenantId, value);
      const held = holders.find((h) => (DESTINATION_TYPES as readonly string[]).includes(h.type));
      if (held) type = held.type;
      else if (holders.length === 0 && EXTERNAL_NUMBER.test(value)) type = 'external';
      else throw validationFailed('queueTimeoutAction', 'names nothing a call can be sent to in the tenant');
    }
    await checkDestination(targets, tenantId, type, value, { type: 'queueTimeoutAction', value: 'queueTimeoutAction' });
    return { timeoutType: type, timeoutValue: value };
  }

  function fieldsOf(input: CallQueueCreateInput | CallQueueUpdateInput): CallQueueFields {
    const fields: CallQueueFields = {
      name: input.queueName,
      extension: input.queueExtension,
      strategy: input.queueStrategy,
      mohSound: input.queueMohSound,
      timeBaseScore: input.queueTimeBaseScore,
      timeBaseScoreSec: input.queueTimeBaseScoreSec,
      maxWaitTime: input.queueMaxWaitTime,
      maxWaitTimeWithNoAgent: input.queueMaxWaitTimeWithNoAgent,
      maxWaitTimeWithNoAgentTimeReached: input.queueMaxWaitTimeWithNoAgentTimeReached,
      tierRulesApply: input.queueTierRulesApply,
      tierRuleWaitSecond: input.queueTierRuleWaitSecond,
      tierRuleWaitMultiplyLevel: input.queueTierRuleWaitMultiplyLevel,
      tierRuleNoAgentNoWait: input.queueTierRuleNoAgentNoWait,
      discardAbandonedAfter: input.queueDiscardAbandonedAfter,
      abandonedResumeAllowed: input.queueAbandonedResumeAllowed,
      announceSound: input.queueAnnounceSound,
      announceFrequency: input.queueAnnounceFrequency,
      announcePositionFrequency: input.queueAnnouncePositionFrequency,
      announceRoundSeconds: input.queueAnnounceRoundSeconds,
      announceHoldtime: input.queueAnnounceHoldtime === '' ? undefined : input.queueAnnounceHoldtime,
      cidPrefix: input.queueCidPrefix,
      terminateOnCancel: input.queueTerminateOnCancel,
      agentsCanReject: input.queueAgentsCanReject,
      ringProgressivelyDelay: input.queueRingProgressivelyDelay,
      enabled: input.queueEnabled,
      description: input.queueDescription,
    };
    return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as CallQueueFields;
  }

  async function announce(queue: CallQueueRecord, ctx: AuthedCtx, action: string, what: string): Promise<void> {
    await changes.publish({ entity: 'call_queue', tenantId: queue.tenantId, id: queue.id, domain: queue.tenant.domain });
    await activity.record(ctx, action, `${what} Call Queue ${freeswitchQueueName(queue)} -ID:${queue.id}`, { tenantId: queue.tenantId });
  }

  return {
    async list(query: ListQuery & Record<string, unknown>, ctx: Ctx): Promise<Page<CallQueueRecord>> {
      authorize(ctx, 'call_queue_list');
      const { list, filters } = splitList(query);
      const p = paging(list, SORTABLE, 'queue_extension');
      const filter = parse(CallQueueFilter, filters);
      const tenants = listTenants(ctx.actor, filter.tenantId);
      if (tenants === false) return page([], 0, p);
      const { items, total } = await callQueues.list(
        { tenantIds: tenants?.tenantIds as number[] | undefined, extension: filter.queueExtension, name: filter.queueName, enabled: filter.queueEnabled },
        p,
      );
      return page(items, total, p);
    },

    get: (id: string, ctx: Ctx) => visible(id, ctx, 'call_queue_read'),

    async create(raw: unknown, ctx: Ctx): Promise<CallQueueRecord> {
      authorize(ctx, 'call_queue_create');
      const input = parse(CallQueueCreate, raw);
      const tenantId = (await owningTenant(ctx, input.tenantId, { shared: false, exists: tenantExists })) as number;
      const number = input.queueExtension;
      const fields = fieldsOf(input);
      if (fields.mohSound !== undefined) fields.mohSound = await deps.holdMusic(tenantId, fields.mohSound, 'queueMohSound');
      const agents = await agentsOf(tenantId, input.agents ?? []);
      const timeout = await timeoutOf(tenantId, number, input.queueTimeoutAction ?? '');
      await dialable.assertFree(tenantId, number);
      const queue = await callQueues.create({ ...fields, ...timeout, name: input.queueName, extension: number, tenantId }, agents);
      await announce(queue, ctx, 'call_queue_created', 'Create');
      return queue;
    },

    async update(id: string, raw: unknown, ctx: Ctx): Promise<CallQueueRecord> {
      const before = await visible(id, ctx, 'call_queue_update');
      const input = parse(CallQueueUpdate, raw);
      if (input.tenantId !== undefined && input.tenantId !== before.tenantId) throw validationFailed('tenantId', 'cannot be changed: create the queue in the other tenant');
      const fields = fieldsOf(input);
      if (fields.mohSound !== undefined) fields.mohSound = await deps.holdMusic(before.tenantId, fields.mohSound, 'queueMohSound', before.mohSound);
      const number = fields.extension ?? before.extension;
      if (number !== before.extension) {
        await targets.assertUnreferenced(before.tenantId, 'queue', { number: before.extension, id: before.id }, 'Call queue', 'renumbered');
        await dialable.assertFree(before.tenantId, number, { type: 'queue', id: before.id });
      }
      const agents = input.agents === undefined ? undefined : await agentsOf(before.tenantId, input.agents ?? [], before);
      // Checked again on a renumbering too: the queue must not become its own timeout destination.
      const action = input.queueTimeoutAction ?? (before.timeoutType ? `transfer:${timeoutDial(before)}` : '');
      const timeout = input.queueTimeoutAction !== undefined || number !== before.extension ? await timeoutOf(before.tenantId, number, action) : {};
      const queue = await callQueues.update(id, { ...fields, ...timeout }, agents);
      await announce(queue, ctx as AuthedCtx, 'call_queue_updated', 'Update');
      return queue;
    },

    /** An agent's status (Available, On Break, Logged Out, ...), told to mod_callcenter at once. */
    async setAgentStatus(id: string, agentId: string, raw: unknown, ctx: Ctx): Promise<CallQueueRecord> {
      const before = await visible(id, ctx, 'call_queue_update');
      const input = parse(AgentStatusInput, raw);
      if (!(await callQueues.setAgentStatus(before.id, agentId, input.agentStatus))) throw notFound('Call queue agent');
      const queue = (await callQueues.findById(before.id))!;
      await announce(queue, ctx as AuthedCtx, 'call_queue_agent_status', `Agent ${agentId} ${input.agentStatus} in`);
      return queue;
    },

    /**
     * mod_callcenter on some node set an agent's status (the *22/*23 codes, its own no-answer
     * break, ...: freeswitch/esl/call-queue-sync.ts): stored and announced (every node is then told,
     * the GUI shows it) unless it is the stored one already. `unknown` when Switchyard has no such agent.
     */
    async storeAgentStatus(agentId: string, status: AgentStatus): Promise<'unknown' | 'same' | 'changed'> {
      const queueId = await callQueues.queueOfAgent(agentId);
      if (!queueId) return 'unknown';
      if (!(await callQueues.changeAgentStatus(agentId, status))) return 'same';
      const queue = await callQueues.findById(queueId);
      if (queue) await changes.publish({ entity: 'call_queue', tenantId: queue.tenantId, id: queue.id, domain: queue.tenant.domain });
      return 'changed';
    },

    /** The queue as stored, for no caller: what the Event Socket sync tells mod_callcenter. */
    stored: (id: string): Promise<CallQueueRecord | null> => callQueues.findById(id),
    storedAll: (): Promise<CallQueueRecord[]> => callQueues.all(),

    async remove(id: string, ctx: Ctx): Promise<void> {
      const queue = await visible(id, ctx, 'call_queue_delete');
      await targets.assertUnreferenced(queue.tenantId, 'queue', { number: queue.extension, id: queue.id }, 'Call queue', 'deleted');
      await callQueues.delete(id);
      await announce(queue, ctx as AuthedCtx, 'call_queue_deleted', 'Delete');
    },
  };
}

export type CallQueuesService = ReturnType<typeof createCallQueuesService>;
