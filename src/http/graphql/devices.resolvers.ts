// Devices, device profiles, device lines and vendors: arguments map to the same service calls as
// REST; answers are the views (domain/devices/device-views.ts).
import { deviceLineView, deviceProfileView, deviceView } from '../../domain/devices/device-views.ts';
import type { Page } from '../../domain/shared/list.ts';
import { given, listArgs } from './args.ts';
import type { GqlContext } from './context.ts';
import { deleted, fresh, type Args } from './pbx-helpers.ts';
import type { ResolverModule } from './resolvers.ts';

type Input = Record<string, unknown>;
const viewed = <R, V>(page: Page<R>, view: (r: R) => V) => ({ ...page, items: page.items.map(view) });
const profileSorts = { name: 'device_profile_name', createdAt: 'date_created' };
const deviceSorts = { address: 'device_address', label: 'device_label', vendor: 'device_vendor', model: 'device_model', createdAt: 'date_created' };
const lineSorts = { lineNumber: 'line_number', createdAt: 'date_created' };

export const devicesResolvers: ResolverModule = {
  Query: {
    deviceProfiles: async (_: unknown, args: Args, { ctx, services }: GqlContext) => viewed(await services.devices.profiles.list(listArgs(args, profileSorts), ctx), deviceProfileView),
    deviceProfile: async (_: unknown, { id }: { id: string }, { ctx, services }: GqlContext) => deviceProfileView(await services.devices.profiles.get(id, ctx)),
    devices: async (_: unknown, args: Args, { ctx, services }: GqlContext) => viewed(await services.devices.devices.list(listArgs(args, deviceSorts), ctx), deviceView),
    device: async (_: unknown, { id }: { id: string }, { ctx, services }: GqlContext) => deviceView(await services.devices.devices.get(id, ctx)),
    deviceLines: async (_: unknown, args: Args, { ctx, services }: GqlContext) => viewed(await services.devices.lines.list(listArgs(args, lineSorts), ctx), deviceLineView),
    deviceLine: async (_: unknown, { id }: { id: string }, { ctx, services }: GqlContext) => deviceLineView(await services.devices.lines.get(id, ctx)),
    deviceVendors: (_: unknown, __: unknown, { ctx, services }: GqlContext) => services.devices.vendors(ctx),
  },
  Mutation: {
    createDeviceProfile: fresh(async ({ input }: { input: Input }, { ctx, services }) => deviceProfileView(await services.devices.profiles.create(given(input), ctx))),
    updateDeviceProfile: fresh(async ({ id, input }: { id: string; input: Input }, { ctx, services }) => deviceProfileView(await services.devices.profiles.update(id, given(input), ctx))),
    deleteDeviceProfile: fresh(({ id }: { id: string }, { ctx, services }) => deleted(services.devices.profiles.remove(id, ctx))),
    createDevice: fresh(async ({ input }: { input: Input }, { ctx, services }) => deviceView(await services.devices.devices.create(given(input), ctx))),
    updateDevice: fresh(async ({ id, input }: { id: string; input: Input }, { ctx, services }) => deviceView(await services.devices.devices.update(id, given(input, ['deviceProfileUuid']), ctx))),
    deleteDevice: fresh(({ id }: { id: string }, { ctx, services }) => deleted(services.devices.devices.remove(id, ctx))),
    createDeviceLine: fresh(async ({ input }: { input: Input }, { ctx, services }) => deviceLineView(await services.devices.lines.create(given(input), ctx))),
    updateDeviceLine: fresh(async ({ id, input }: { id: string; input: Input }, { ctx, services }) => deviceLineView(await services.devices.lines.update(id, given(input), ctx))),
    deleteDeviceLine: fresh(({ id }: { id: string }, { ctx, services }) => deleted(services.devices.lines.remove(id, ctx))),
  },
};
