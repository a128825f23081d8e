// Music on hold: arguments map to the same service calls as REST; answers are the class view
// (music-on-hold.schema.ts). A rate given as null means any rate, so null is kept for it.
import { musicOnHoldView, type MusicOnHold } from '../../domain/music-on-hold/music-on-hold.service.ts';
import type { Page } from '../../domain/shared/list.ts';
import { given, listArgs } from './args.ts';
import type { GqlContext } from './context.ts';
import { deleted, fresh, type Args } from './pbx-helpers.ts';
import type { ResolverModule } from './resolvers.ts';

const sorts = { name: 'music_on_hold_name', rate: 'music_on_hold_rate', createdAt: 'date_created' };
const viewed = (page: Page<MusicOnHold>) => ({ ...page, items: page.items.map(musicOnHoldView) });
type Input = Record<string, unknown>;
const KEEP_NULL = ['musicOnHoldRate'];

export const musicOnHoldResolvers: ResolverModule = {
  Query: {
    musicOnHolds: async (_: unknown, args: Args, { ctx, services }: GqlContext) => viewed(await services.musicOnHold.list(listArgs(args, sorts), ctx)),
    musicOnHold: async (_: unknown, { id }: { id: string }, { ctx, services }: GqlContext) => musicOnHoldView(await services.musicOnHold.get(id, ctx)),
    musicOnHoldFiles: async (_: unknown, { id }: { id: string }, { ctx, services }: GqlContext) => services.musicOnHold.files(id, ctx),
  },
  Mutation: {
    createMusicOnHold: fresh(async ({ input }: { input: Input }, { ctx, services }) => musicOnHoldView(await services.musicOnHold.create(given(input, KEEP_NULL), ctx))),
    updateMusicOnHold: fresh(async ({ id, input }: { id: string; input: Input }, { ctx, services }) => musicOnHoldView(await services.musicOnHold.update(id, given(input, KEEP_NULL), ctx))),
    deleteMusicOnHold: fresh(({ id }: { id: string }, { ctx, services }) => deleted(services.musicOnHold.remove(id, ctx))),
    deleteMusicOnHoldFile: fresh(({ id, fileName }: { id: string; fileName: string }, { ctx, services }) => deleted(services.musicOnHold.removeFile(id, fileName, ctx))),
  },
};
