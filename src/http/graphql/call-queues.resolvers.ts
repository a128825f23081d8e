// Call queues: arguments map to the same service calls as REST; answers are the call queue view
// (call-queues.schema.ts).
import type { CallQueueRecord } from '../../domain/call-queues/call-queues.repository.ts';
import { callQueueView } from '../../domain/call-queues/call-queues.service.ts';
import type { Page } from '../../domain/shared/list.ts';
import { given, listArgs } from './args.ts';
import type { GqlContext } from './context.ts';
import { deleted, fresh, type Args } from './pbx-helpers.ts';
import type { ResolverModule } from './resolvers.ts';

const sorts = { extension: 'queue_extension', name: 'queue_name', strategy: 'queue_strategy', createdAt: 'date_created' };
const viewed = (page: Page<CallQueueRecord>) => ({ ...page, items: page.items.map(callQueueView) });
type Input = Record<string, unknown>;

export const callQueuesResolvers: ResolverModule = {
  Query: {
    callQueues: async (_: unknown, args: Args, { ctx, services }: GqlContext) => viewed(await services.callQueues.list(listArgs(args, sorts), ctx)),
    callQueue: async (_: unknown, { id }: { id: string }, { ctx, services }: GqlContext) => callQueueView(await services.callQueues.get(id, ctx)),
  },
  Mutation: {
    createCallQueue: fresh(async ({ input }: { input: Input }, { ctx, services }) => callQueueView(await services.callQueues.create(given(input), ctx))),
    updateCallQueue: fresh(async ({ id, input }: { id: string; input: Input }, { ctx, services }) => callQueueView(await services.callQueues.update(id, given(input), ctx))),
    setCallQueueAgentStatus: fresh(async ({ id, agentId, agentStatus }: { id: string; agentId: string; agentStatus: string }, { ctx, services }) =>
      callQueueView(await services.callQueues.setAgentStatus(id, agentId, { agentStatus }, ctx)),
    ),
    deleteCallQueue: fresh(({ id }: { id: string }, { ctx, services }) => deleted(services.callQueues.remove(id, ctx))),
  },
};
