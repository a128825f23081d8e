// Call flows: arguments map to the same service calls as REST; answers are the call flow view
// (call-flows.schema.ts).
import type { CallFlowRecord } from '../../domain/call-flows/call-flows.repository.ts';
import { callFlowView } from '../../domain/call-flows/call-flows.service.ts';
import type { Page } from '../../domain/shared/list.ts';
import { given, listArgs } from './args.ts';
import type { GqlContext } from './context.ts';
import { deleted, fresh, type Args } from './pbx-helpers.ts';
import type { ResolverModule } from './resolvers.ts';

const sorts = { id: 'call_flow_uuid', name: 'call_flow_name', extension: 'call_flow_extension', createdAt: 'date_created' };
const viewed = (page: Page<CallFlowRecord>) => ({ ...page, items: page.items.map(callFlowView) });
type Input = Record<string, unknown>;

export const callFlowsResolvers: ResolverModule = {
  Query: {
    callFlows: async (_: unknown, args: Args, { ctx, services }: GqlContext) => viewed(await services.callFlows.list(listArgs(args, sorts), ctx)),
    callFlow: async (_: unknown, { id }: { id: string }, { ctx, services }: GqlContext) => callFlowView(await services.callFlows.get(id, ctx)),
  },
  Mutation: {
    createCallFlow: fresh(async ({ input }: { input: Input }, { ctx, services }) => callFlowView(await services.callFlows.create(given(input), ctx))),
    updateCallFlow: fresh(async ({ id, input }: { id: string; input: Input }, { ctx, services }) => callFlowView(await services.callFlows.update(id, given(input), ctx))),
    deleteCallFlow: fresh(({ id }: { id: string }, { ctx, services }) => deleted(services.callFlows.remove(id, ctx))),
  },
};
