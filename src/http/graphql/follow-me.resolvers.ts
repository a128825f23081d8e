// Follow-me: arguments map to the same service calls as REST; answers are the follow-me view
// (follow-me.schema.ts).
import type { FollowMeRecord } from '../../domain/follow-me/follow-me.repository.ts';
import { followMeView } from '../../domain/follow-me/follow-me.service.ts';
import type { Page } from '../../domain/shared/list.ts';
import { given, listArgs } from './args.ts';
import type { GqlContext } from './context.ts';
import { deleted, fresh, type Args } from './pbx-helpers.ts';
import type { ResolverModule } from './resolvers.ts';

const sorts = { createdAt: 'date_created', extensionUuid: 'extension_uuid' };
const viewed = (page: Page<FollowMeRecord>) => ({ ...page, items: page.items.map(followMeView) });
type Input = Record<string, unknown>;

export const followMeResolvers: ResolverModule = {
  Query: {
    followMes: async (_: unknown, args: Args, { ctx, services }: GqlContext) => viewed(await services.followMe.list(listArgs(args, sorts), ctx)),
    followMe: async (_: unknown, { id }: { id: string }, { ctx, services }: GqlContext) => followMeView(await services.followMe.get(id, ctx)),
  },
  Mutation: {
    createFollowMe: fresh(async ({ input }: { input: Input }, { ctx, services }) => followMeView(await services.followMe.create(given(input), ctx))),
    updateFollowMe: fresh(async ({ id, input }: { id: string; input: Input }, { ctx, services }) => followMeView(await services.followMe.update(id, given(input), ctx))),
    deleteFollowMe: fresh(({ id }: { id: string }, { ctx, services }) => deleted(services.followMe.remove(id, ctx))),
  },
};
