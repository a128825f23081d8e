// Extensions: arguments map to the same service calls as REST; answers are the extension view
// (extensions.schema.ts).
import { extensionView, type Extension } from '../../domain/extensions/extensions.service.ts';
import type { Page } from '../../domain/shared/list.ts';
import { given, listArgs } from './args.ts';
import type { GqlContext } from './context.ts';
import type { ResolverModule } from './resolvers.ts';
import { deleted, fresh, type Args } from './pbx-helpers.ts';

const sorts = { extension: 'extension', displayName: 'display_name', createdAt: 'date_created' };
const viewed = (page: Page<Extension>) => ({ ...page, items: page.items.map(extensionView) });
type Input = Record<string, unknown>;

export const extensionsResolvers: ResolverModule = {
  Query: {
    extensions: async (_: unknown, args: Args, { ctx, services }: GqlContext) => viewed(await services.extensions.list(listArgs(args, sorts), ctx)),
    extension: async (_: unknown, { id }: { id: string }, { ctx, services }: GqlContext) => extensionView(await services.extensions.get(id, ctx)),
    extensionCheck: (_: unknown, args: { extension: string; tenantId?: number | null }, { ctx, services }: GqlContext) =>
      services.extensions.check(args.extension, args.tenantId ?? undefined, ctx),
    nextAvailableExtension: (_: unknown, args: { start?: number | null; tenantId?: number | null }, { ctx, services }: GqlContext) =>
      services.extensions.nextAvailable(args.start ?? undefined, args.tenantId ?? undefined, ctx),
    extensionsAvailableForFax: async (_: unknown, args: Args, { ctx, services }: GqlContext) => viewed(await services.extensions.availableForFax(listArgs(args, sorts), ctx)),
  },
  Mutation: {
    createExtension: fresh(async ({ input }: { input: Input }, { ctx, services }) => extensionView(await services.extensions.create(given(input), ctx))),
    updateExtension: fresh(async ({ id, input }: { id: string; input: Input }, { ctx, services }) => extensionView(await services.extensions.update(id, given(input, ['userId']), ctx))),
    deleteExtension: fresh(({ id }: { id: string }, { ctx, services }) => deleted(services.extensions.remove(id, ctx))),
    assignExtension: fresh(async ({ id, userId }: { id: string; userId?: number | null }, { ctx, services }) =>
      extensionView(await services.extensions.assign(id, { userId: userId ?? null }, ctx)),
    ),
  },
};
