// Call queues in the database, with their tenant's domain and name and their agents (each bound
// to an extension of the tenant) in tier order.
import type { Db, Prisma } from '../../db/database.ts';
import type { Paging } from '../shared/list.ts';

export interface CallQueueAgentRecord {
  id: string;
  extensionId: string;
  name: string;
  type: string;
  callTimeout: number;
  status: string;
  maxNoAnswer: number;
  wrapUpTime: number;
  rejectDelayTime: number;
  busyDelayTime: number;
  noAnswerDelayTime: number;
  tierLevel: number;
  tierPosition: number;
  description: string;
  extension: { extension: string };
}

export interface CallQueueRecord {
  id: string;
  tenantId: number;
  name: string;
  extension: string;
  strategy: string;
  mohSound: string;
  timeBaseScore: string;
  timeBaseScoreSec: number;
  maxWaitTime: number;
  maxWaitTimeWithNoAgent: number;
  maxWaitTimeWithNoAgentTimeReached: number;
  tierRulesApply: boolean;
  tierRuleWaitSecond: number;
  tierRuleWaitMultiplyLevel: boolean;
  tierRuleNoAgentNoWait: boolean;
  discardAbandonedAfter: number;
  abandonedResumeAllowed: boolean;
  announceSound: string;
  announceFrequency: number;
  announcePositionFrequency: number;
  announceRoundSeconds: number;
  announceHoldtime: string;
  cidPrefix: string;
  terminateOnCancel: boolean;
  agentsCanReject: boolean;
  ringProgressivelyDelay: number;
  timeoutType: string;
  timeoutValue: string;
  enabled: boolean;
  description: string;
  createdAt: Date;
  updatedAt: Date;
  agents: CallQueueAgentRecord[];
  tenant: { domain: string; domainUuid: string; name: string; active: boolean };
}

export type CallQueueFields = Partial<Omit<CallQueueRecord, 'id' | 'createdAt' | 'updatedAt' | 'agents' | 'tenant'>>;
export type CallQueueAgentFields = Omit<CallQueueAgentRecord, 'extension'>;

export interface CallQueueFilter {
  tenantIds?: number[];
  extension?: string;
  name?: string;
  enabled?: boolean;
}

const agentSelect = {
  id: true,
  extensionId: true,
  name: true,
  type: true,
  callTimeout: true,
  status: true,
  maxNoAnswer: true,
  wrapUpTime: true,
  rejectDelayTime: true,
  busyDelayTime: true,
  noAnswerDelayTime: true,
  tierLevel: true,
  tierPosition: true,
  description: true,
  extension: { select: { extension: true } },
} as const;

const select = {
  id: true,
  tenantId: true,
  name: true,
  extension: true,
  strategy: true,
  mohSound: true,
  timeBaseScore: true,
  timeBaseScoreSec: true,
  maxWaitTime: true,
  maxWaitTimeWithNoAgent: true,
  maxWaitTimeWithNoAgentTimeReached: true,
  tierRulesApply: true,
  tierRuleWaitSecond: true,
  tierRuleWaitMultiplyLevel: true,
  tierRuleNoAgentNoWait: true,
  discardAbandonedAfter: true,
  abandonedResumeAllowed: true,
  announceSound: true,
  announceFrequency: true,
  announcePositionFrequency: true,
  announceRoundSeconds: true,
  announceHoldtime: true,
  cidPrefix: true,
  terminateOnCancel: true,
  agentsCanReject: true,
  ringProgressivelyDelay: true,
  timeoutType: true,
  timeoutValue: true,
  enabled: true,
  description: true,
  createdAt: true,
  updatedAt: true,
  agents: { select: agentSelect, orderBy: [{ tierLevel: 'asc' }, { tierPosition: 'asc' }, { id: 'asc' }] },
  tenant: { select: { domain: true, domainUuid: true, name: true, active: true } },
} satisfies Prisma.CallQueueSelect;

function where(filter: CallQueueFilter): Prisma.CallQueueWhereInput {
  return {
    tenantId: filter.tenantIds === undefined ? undefined : { in: filter.tenantIds },
    extension: filter.extension,
    name: filter.name === undefined ? undefined : { contains: filter.name },
    enabled: filter.enabled,
  };
}

/** The agents as written: ids kept for agents that stay, new ones for the others. */
const agentRows = (agents: readonly CallQueueAgentFields[]) => agents.map((a) => ({ ...a }));

export function callQueuesRepository(db: Db) {
  return {
    findById: (id: string): Promise<CallQueueRecord | null> => db.callQueue.findUnique({ where: { id }, select }),
    /** Every queue (mod_callcenter's module load), or a tenant's. */
    all: (tenantId?: number): Promise<CallQueueRecord[]> => db.callQueue.findMany({ where: { tenantId }, select, orderBy: [{ tenantId: 'asc' }, { extension: 'asc' }] }),
    /** The enabled queue of a live tenant named <extension>@<domain> in mod_callcenter. */
    async byFreeswitchName(extension: string, domain: string): Promise<CallQueueRecord | null> {
      return db.callQueue.findFirst({ where: { extension, tenant: { domain } }, select });
    },
    /** Which of `numbers` queues of the tenant hold. */
    async holding(tenantId: number, numbers: readonly string[]): Promise<{ number: string; id: string }[]> {
      const rows = await db.callQueue.findMany({ where: { tenantId, extension: { in: [...numbers] } }, select: { id: true, extension: true } });
      return rows.map((r) => ({ number: r.extension, id: r.id }));
    },
    async numbers(tenantId: number): Promise<string[]> {
      return (await db.callQueue.findMany({ where: { tenantId }, select: { extension: true } })).map((r) => r.extension);
    },
    /** The tenant's queues whose timeout destination is (type, value). */
    async pointingAt(tenantId: number, type: string, value: string): Promise<string[]> {
      const rows = await db.callQueue.findMany({ where: { tenantId, timeoutType: type, timeoutValue: value }, select: { id: true } });
      return rows.map((r) => r.id);
    },
    /** The numbers of the tenant's queues whose moh sound is the music-on-hold class `name`. */
    async playingHoldMusic(tenantId: number, name: string): Promise<string[]> {
      const rows = await db.callQueue.findMany({ where: { tenantId, mohSound: name }, select: { extension: true }, orderBy: { extension: 'asc' } });
      return rows.map((r) => r.extension);
    },
    /** The tenant's extensions among `numbers`, by number. */
    async extensionsOf(tenantId: number, numbers: readonly string[]): Promise<Map<string, string>> {
      const rows = await db.extension.findMany({ where: { tenantId, extension: { in: [...numbers] } }, select: { id: true, extension: true } });
      return new Map(rows.map((r) => [r.extension, r.id]));
    },
    async list(filter: CallQueueFilter, p: Paging) {
      const [items, total] = await Promise.all([
        db.callQueue.findMany({ where: where(filter), select, skip: p.skip, take: p.take, orderBy: [{ [p.sortField]: p.order }, { id: 'asc' }] }),
        db.callQueue.count({ where: where(filter) }),
      ]);
      return { items, total };
    },
    create(data: CallQueueFields & { tenantId: number; name: string; extension: string }, agents: readonly CallQueueAgentFields[]): Promise<CallQueueRecord> {
      return db.callQueue.create({ data: { ...data, agents: { create: agentRows(agents) } }, select });
    },
    /** Updates the queue; `agents`, when given, replaces its agents (keeping the ids given). */
    update(id: string, data: CallQueueFields, agents?: readonly CallQueueAgentFields[]): Promise<CallQueueRecord> {
      const replace = agents === undefined ? {} : { agents: { deleteMany: {}, create: agentRows(agents) } };
      return db.callQueue.update({ where: { id }, data: { ...data, ...replace }, select });
    },
    async setAgentStatus(queueId: string, agentId: string, status: string): Promise<boolean> {
      const { count } = await db.callQueueAgent.updateMany({ where: { id: agentId, queueId }, data: { status } });
      return count > 0;
    },
    /** The queue of agent `agentId` (agent ids are unique across queues), or null. */
    async queueOfAgent(agentId: string): Promise<string | null> {
      return (await db.callQueueAgent.findUnique({ where: { id: agentId }, select: { queueId: true } }))?.queueId ?? null;
    },
    /** Sets the agent's status unless it holds it already: whether it changed. */
    async changeAgentStatus(agentId: string, status: string): Promise<boolean> {
      const { count } = await db.callQueueAgent.updateMany({ where: { id: agentId, status: { not: status } }, data: { status } });
      return count > 0;
    },
    async delete(id: string): Promise<void> {
      await db.callQueue.delete({ where: { id } });
    },
  };
}

export type CallQueuesRepository = ReturnType<typeof callQueuesRepository>;
