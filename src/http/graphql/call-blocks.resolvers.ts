// Call blocks: arguments map to the same service calls as REST; answers are the call block view
// (call-blocks.schema.ts).
import type { CallBlockRecord } from '../../domain/call-blocks/call-blocks.repository.ts';
import { callBlockView } from '../../domain/call-blocks/call-blocks.service.ts';
import type { Page } from '../../domain/shared/list.ts';
import { given, listArgs } from './args.ts';
import type { GqlContext } from './context.ts';
import { deleted, fresh, type Args } from './pbx-helpers.ts';
import type { ResolverModule } from './resolvers.ts';

const sorts = { name: 'call_block_name', number: 'call_block_number', action: 'call_block_action', createdAt: 'date_created' };
const viewed = (page: Page<CallBlockRecord>) => ({ ...page, items: page.items.map(callBlockView) });
type Input = Record<string, unknown>;

export const callBlocksResolvers: ResolverModule = {
  Query: {
    callBlocks: async (_: unknown, args: Args, { ctx, services }: GqlContext) => viewed(await services.callBlocks.list(listArgs(args, sorts), ctx)),
    callBlock: async (_: unknown, { id }: { id: string }, { ctx, services }: GqlContext) => callBlockView(await services.callBlocks.get(id, ctx)),
  },
  Mutation: {
    createCallBlock: fresh(async ({ input }: { input: Input }, { ctx, services }) => callBlockView(await services.callBlocks.create(given(input), ctx))),
    updateCallBlock: fresh(async ({ id, input }: { id: string; input: Input }, { ctx, services }) => callBlockView(await services.callBlocks.update(id, given(input), ctx))),
    deleteCallBlock: fresh(({ id }: { id: string }, { ctx, services }) => deleted(services.callBlocks.remove(id, ctx))),
  },
};
