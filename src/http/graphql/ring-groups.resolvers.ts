// Ring groups: arguments map to the same service calls as REST; answers are the ring group view
// (ring-groups.schema.ts).
import type { RingGroupRecord } from '../../domain/ring-groups/ring-groups.repository.ts';
import { ringGroupView } from '../../domain/ring-groups/ring-groups.service.ts';
import type { Page } from '../../domain/shared/list.ts';
import { given, listArgs } from './args.ts';
import type { GqlContext } from './context.ts';
import { deleted, fresh, type Args } from './pbx-helpers.ts';
import type { ResolverModule } from './resolvers.ts';

const sorts = { extension: 'ring_group_extension', name: 'ring_group_name', strategy: 'ring_group_strategy', createdAt: 'date_created' };
const viewed = (page: Page<RingGroupRecord>) => ({ ...page, items: page.items.map(ringGroupView) });
type Input = Record<string, unknown>;

export const ringGroupsResolvers: ResolverModule = {
  Query: {
    ringGroups: async (_: unknown, args: Args, { ctx, services }: GqlContext) => viewed(await services.ringGroups.list(listArgs(args, sorts), ctx)),
    ringGroup: async (_: unknown, { id }: { id: string }, { ctx, services }: GqlContext) => ringGroupView(await services.ringGroups.get(id, ctx)),
  },
  Mutation: {
    createRingGroup: fresh(async ({ input }: { input: Input }, { ctx, services }) => ringGroupView(await services.ringGroups.create(given(input), ctx))),
    updateRingGroup: fresh(async ({ id, input }: { id: string; input: Input }, { ctx, services }) => ringGroupView(await services.ringGroups.update(id, given(input), ctx))),
    deleteRingGroup: fresh(({ id }: { id: string }, { ctx, services }) => deleted(services.ringGroups.remove(id, ctx))),
  },
};
