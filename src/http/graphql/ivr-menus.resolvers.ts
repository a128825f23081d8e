// IVR menus: arguments map to the same service calls as REST; answers are the IVR menu view
// (ivr-menus.schema.ts).
import type { IvrMenuRecord } from '../../domain/ivr-menus/ivr-menus.repository.ts';
import { ivrMenuView } from '../../domain/ivr-menus/ivr-menus.service.ts';
import type { Page } from '../../domain/shared/list.ts';
import { given, listArgs } from './args.ts';
import type { GqlContext } from './context.ts';
import { deleted, fresh, type Args } from './pbx-helpers.ts';
import type { ResolverModule } from './resolvers.ts';

const sorts = { extension: 'ivr_menu_extension', name: 'ivr_menu_name', language: 'ivr_menu_language', createdAt: 'date_created' };
const viewed = (page: Page<IvrMenuRecord>) => ({ ...page, items: page.items.map(ivrMenuView) });
type Input = Record<string, unknown>;

export const ivrMenusResolvers: ResolverModule = {
  Query: {
    ivrMenus: async (_: unknown, args: Args, { ctx, services }: GqlContext) => viewed(await services.ivrMenus.list(listArgs(args, sorts), ctx)),
    ivrMenu: async (_: unknown, { id }: { id: string }, { ctx, services }: GqlContext) => ivrMenuView(await services.ivrMenus.get(id, ctx)),
  },
  Mutation: {
    createIvrMenu: fresh(async ({ input }: { input: Input }, { ctx, services }) => ivrMenuView(await services.ivrMenus.create(given(input), ctx))),
    updateIvrMenu: fresh(async ({ id, input }: { id: string; input: Input }, { ctx, services }) => ivrMenuView(await services.ivrMenus.update(id, given(input), ctx))),
    deleteIvrMenu: fresh(({ id }: { id: string }, { ctx, services }) => deleted(services.ivrMenus.remove(id, ctx))),
  },
};
