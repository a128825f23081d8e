// DIDs: arguments map to the same service calls as REST; answers are the DID view (dids.schema.ts).
import type { DidRecord } from '../../domain/dids/dids.repository.ts';
import type { DidView } from '../../domain/dids/dids.schema.ts';
import { didView } from '../../domain/dids/dids.service.ts';
import type { Page } from '../../domain/shared/list.ts';
import { given, listArgs } from './args.ts';
import type { GqlContext } from './context.ts';
import { deleted, fresh, providerLoader, type Args } from './pbx-helpers.ts';
import type { ResolverModule } from './resolvers.ts';

const sorts = { id: 'account_id', phone: 'phone', firstName: 'first_name', createdAt: 'date_created' };
const viewed = (page: Page<DidRecord>) => ({ ...page, items: page.items.map(didView) });
type Input = Record<string, unknown>;

export const didsResolvers: ResolverModule = {
  Query: {
    dids: async (_: unknown, args: Args, { ctx, services }: GqlContext) => viewed(await services.dids.list(listArgs(args, sorts), ctx)),
    did: async (_: unknown, { id }: { id: number }, { ctx, services }: GqlContext) => didView(await services.dids.get(id, ctx)),
  },
  Mutation: {
    createDid: fresh(async ({ input }: { input: Input }, { ctx, services }) => didView(await services.dids.create(given(input), ctx))),
    updateDid: fresh(async ({ id, input }: { id: number; input: Input }, { ctx, services }) =>
      didView(await services.dids.update(id, given(input, ['tenantId', 'providerId']), ctx)),
    ),
    assignDid: fresh(async ({ id, ...assignment }: { id: number } & Input, { ctx, services }) => didView(await services.dids.assign(id, given(assignment, ['tenantId']), ctx))),
    setDidOwner: fresh(async ({ id, userId }: { id: number; userId?: number | null }, { ctx, services }) => didView(await services.dids.setOwner(id, userId ?? null, ctx))),
    deleteDid: fresh(({ id }: { id: number }, { ctx, services }) => deleted(services.dids.remove(id, ctx))),
  },
  Did: {
    provider: (d: DidView, _: unknown, context: GqlContext) => (d.providerId === null ? null : providerLoader(context).load(d.providerId)),
  },
};
