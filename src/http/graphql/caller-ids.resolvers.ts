// Caller ids: arguments map to the same service calls as REST; answers are the caller-id view.
import type { CallerIdRecord } from '../../domain/caller-ids/caller-ids.repository.ts';
import { callerIdView } from '../../domain/caller-ids/caller-ids.service.ts';
import type { Page } from '../../domain/shared/list.ts';
import { given, listArgs } from './args.ts';
import type { GqlContext } from './context.ts';
import { deleted, fresh, type Args } from './pbx-helpers.ts';
import type { ResolverModule } from './resolvers.ts';

const sorts = { id: 'account_id', phone: 'phone', firstName: 'first_name', createdAt: 'date_created' };
const viewed = (page: Page<CallerIdRecord>) => ({ ...page, items: page.items.map(callerIdView) });
type Input = Record<string, unknown>;

export const callerIdsResolvers: ResolverModule = {
  Query: {
    callerIds: async (_: unknown, args: Args, { ctx, services }: GqlContext) => viewed(await services.callerIds.list(listArgs(args, sorts), ctx)),
    callerId: async (_: unknown, { id }: { id: number }, { ctx, services }: GqlContext) => callerIdView(await services.callerIds.get(id, ctx)),
  },
  Mutation: {
    createCallerId: fresh(async ({ input }: { input: Input }, { ctx, services }) => callerIdView(await services.callerIds.create(given(input), ctx))),
    updateCallerId: fresh(async ({ id, input }: { id: number; input: Input }, { ctx, services }) => callerIdView(await services.callerIds.update(id, given(input), ctx))),
    setCallerIdOwner: fresh(async ({ id, userId }: { id: number; userId?: number | null }, { ctx, services }) =>
      callerIdView(await services.callerIds.setOwner(id, userId ?? null, ctx)),
    ),
    deleteCallerId: fresh(({ id }: { id: number }, { ctx, services }) => deleted(services.callerIds.remove(id, ctx))),
  },
};
