// Conference rooms: arguments map to the same service calls as REST; answers are the conference
// room view (conferences.schema.ts).
import type { ConferenceRecord } from '../../domain/conferences/conferences.repository.ts';
import { conferenceView } from '../../domain/conferences/conferences.service.ts';
import type { Page } from '../../domain/shared/list.ts';
import { given, listArgs } from './args.ts';
import type { GqlContext } from './context.ts';
import { deleted, fresh, type Args } from './pbx-helpers.ts';
import type { ResolverModule } from './resolvers.ts';

const sorts = { extension: 'conference_center_extension', name: 'conference_center_name', createdAt: 'date_created' };
const viewed = (page: Page<ConferenceRecord>) => ({ ...page, items: page.items.map(conferenceView) });
type Input = Record<string, unknown>;

export const conferencesResolvers: ResolverModule = {
  Query: {
    conferences: async (_: unknown, args: Args, { ctx, services }: GqlContext) => viewed(await services.conferences.list(listArgs(args, sorts), ctx)),
    conference: async (_: unknown, { id }: { id: string }, { ctx, services }: GqlContext) => conferenceView(await services.conferences.get(id, ctx)),
  },
  Mutation: {
    createConference: fresh(async ({ input }: { input: Input }, { ctx, services }) => conferenceView(await services.conferences.create(given(input), ctx))),
    updateConference: fresh(async ({ id, input }: { id: string; input: Input }, { ctx, services }) => conferenceView(await services.conferences.update(id, given(input), ctx))),
    deleteConference: fresh(({ id }: { id: string }, { ctx, services }) => deleted(services.conferences.remove(id, ctx))),
  },
};
