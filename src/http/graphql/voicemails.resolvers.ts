// Voicemail boxes, greetings and messages: arguments map to the same service calls as REST;
// answers are the views of voicemails.schema.ts. Greetings are uploaded by REST (multipart).
import type { GreetingRecord } from '../../domain/voicemails/voicemails.repository.ts';
import { greetingView, voicemailView, type Voicemail } from '../../domain/voicemails/voicemails.service.ts';
import type { Page } from '../../domain/shared/list.ts';
import { given, listArgs } from './args.ts';
import type { GqlContext } from './context.ts';
import { deleted, fresh, type Args } from './pbx-helpers.ts';
import type { ResolverModule } from './resolvers.ts';

const sorts = { voicemailId: 'voicemail_id', createdAt: 'date_created' };
const viewed = (page: Page<Voicemail>) => ({ ...page, items: page.items.map(voicemailView) });
const greetingsViewed = (page: Page<GreetingRecord>) => ({ ...page, items: page.items.map(greetingView) });
type Input = Record<string, unknown>;

export const voicemailsResolvers: ResolverModule = {
  Query: {
    voicemails: async (_: unknown, args: Args, { ctx, services }: GqlContext) => viewed(await services.voicemails.list(listArgs(args, sorts), ctx)),
    voicemail: async (_: unknown, { id }: { id: string }, { ctx, services }: GqlContext) => voicemailView(await services.voicemails.get(id, ctx)),
    voicemailGreetings: async (_: unknown, args: Args, { ctx, services }: GqlContext) => greetingsViewed(await services.voicemails.greetings(listArgs(args, {}), ctx)),
    voicemailGreeting: async (_: unknown, { id }: { id: string }, { ctx, services }: GqlContext) => greetingView(await services.voicemails.greeting(id, ctx)),
    voicemailMessages: async (_: unknown, { voicemailUuid }: { voicemailUuid: string }, { ctx, services }: GqlContext) => services.voicemailMessages.list(voicemailUuid, ctx),
  },
  Mutation: {
    createVoicemail: fresh(async ({ input }: { input: Input }, { ctx, services }) => voicemailView(await services.voicemails.create(given(input), ctx))),
    updateVoicemail: fresh(async ({ id, input }: { id: string; input: Input }, { ctx, services }) => voicemailView(await services.voicemails.update(id, given(input, ['greetingId']), ctx))),
    deleteVoicemail: fresh(({ id }: { id: string }, { ctx, services }) => deleted(services.voicemails.remove(id, ctx))),
    deleteVoicemailGreeting: fresh(({ id }: { id: string }, { ctx, services }) => deleted(services.voicemails.removeGreeting(id, ctx))),
    deleteVoicemailMessage: fresh(({ voicemailUuid, messageUuid }: { voicemailUuid: string; messageUuid: string }, { ctx, services }) =>
      deleted(services.voicemailMessages.remove(voicemailUuid, messageUuid, ctx)),
    ),
  },
};
