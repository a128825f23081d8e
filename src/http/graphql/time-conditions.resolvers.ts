// Time conditions: arguments map to the same service calls as REST; answers are the time condition
// view (time-conditions.schema.ts).
import type { Page } from '../../domain/shared/list.ts';
import type { TimeConditionRecord } from '../../domain/time-conditions/time-conditions.repository.ts';
import { timeConditionView } from '../../domain/time-conditions/time-conditions.service.ts';
import { given, listArgs } from './args.ts';
import type { GqlContext } from './context.ts';
import { deleted, fresh, type Args } from './pbx-helpers.ts';
import type { ResolverModule } from './resolvers.ts';

const sorts = { id: 'dialplan_uuid', name: 'tc_name', extension: 'tc_extension', createdAt: 'date_created' };
const viewed = (page: Page<TimeConditionRecord>) => ({ ...page, items: page.items.map(timeConditionView) });
type Input = Record<string, unknown>;

export const timeConditionsResolvers: ResolverModule = {
  Query: {
    timeConditions: async (_: unknown, args: Args, { ctx, services }: GqlContext) => viewed(await services.timeConditions.list(listArgs(args, sorts), ctx)),
    timeCondition: async (_: unknown, { id }: { id: string }, { ctx, services }: GqlContext) => timeConditionView(await services.timeConditions.get(id, ctx)),
  },
  Mutation: {
    createTimeCondition: fresh(async ({ input }: { input: Input }, { ctx, services }) => timeConditionView(await services.timeConditions.create(given(input), ctx))),
    updateTimeCondition: fresh(async ({ id, input }: { id: string; input: Input }, { ctx, services }) =>
      timeConditionView(await services.timeConditions.update(id, given(input), ctx)),
    ),
    deleteTimeCondition: fresh(({ id }: { id: string }, { ctx, services }) => deleted(services.timeConditions.remove(id, ctx))),
  },
};
