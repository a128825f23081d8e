// Devices and device profiles of a tenant. Scoping: the super-admin reaches all, a tenant admin
// its tenant's (another tenant's device or profile is not found). A device's MAC address is
// accepted in the usual spellings and kept as 12 lowercase hex digits, unique across every tenant
// (the phone fetches its file by MAC alone): a MAC already held answers 409. Its vendor and model
// are the catalogue's (vendors.ts); its HTTP password is sealed like every recoverable secret and
// never answered. A profile that devices use cannot be deleted (409).
import { authorize, type AuthedCtx, type Ctx } from '../../context.ts';
import { conflict, notFound, validationFailed } from '../../errors.ts';
import type { SecretBox } from '../../security/secrets.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import { page, paging, splitList, type ListQuery, type Page } from '../shared/list.ts';
import { parse } from '../shared/schema.ts';
import { listTenants, owningTenant, reachesTenant } from '../shared/tenancy.ts';
import type { TenantsRepository } from '../tenants/tenants.repository.ts';
import { allowedAddresses } from './allowed-addresses.ts';
import type { DeviceFields, DeviceProfileFields, DeviceProfileRecord, DeviceRecord, DevicesRepository } from './devices.repository.ts';
import {
  DeviceCreate,
  DeviceFilter,
  DeviceProfileCreate,
  DeviceProfileFilter,
  DeviceProfileUpdate,
  DeviceUpdate,
  type DeviceCreateInput,
  type DeviceProfileCreateInput,
  type DeviceProfileUpdateInput,
  type DeviceUpdateInput,
} from './devices.schema.ts';
import { normaliseMac } from './mac-address.ts';
import { VENDORS, vendorNamed } from './vendors.ts';

const PROFILE_SORTS = { device_profile_name: 'name', device_profile_uuid: 'id', date_created: 'createdAt', device_profile_enabled: 'enabled' };
const DEVICE_SORTS = { device_address: 'address', device_label: 'label', device_vendor: 'vendor', device_model: 'model', device_uuid: 'id', date_created: 'createdAt', device_enabled: 'enabled' };
const MIN_PASSWORD = 8;

const defined = <T extends object>(fields: T): T => Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as T;

export function createDevicesService(deps: { repo: DevicesRepository; tenants: TenantsRepository; secrets: SecretBox; activity: ActivityLog }) {
  const { repo, secrets, activity } = deps;
  const tenantExists = async (id: number) => !!(await deps.tenants.findById(id));

  async function visibleProfile(id: string, ctx: Ctx, permission: string): Promise<DeviceProfileRecord> {
    authorize(ctx, permission);
    const profile = await repo.profiles.findById(id);
    if (!profile || !reachesTenant(ctx.actor, profile.tenantId)) throw notFound('Device profile');
    return profile;
  }

  async function visibleDevice(id: string, ctx: Ctx, permission: string): Promise<DeviceRecord> {
    authorize(ctx, permission);
    const device = await repo.devices.findById(id);
    if (!device || !reachesTenant(ctx.actor, device.tenantId)) throw notFound('Device');
    return device;
  }

  function profileFields(input: DeviceProfileCreateInput | DeviceProfileUpdateInput): DeviceProfileFields {
    return defined({
      name: input.deviceProfileName,
      description: input.deviceProfileDescription,
      enabled: input.deviceProfileEnabled,
      allow: input.deviceProfileAllowedAddresses === undefined ? undefined : allowedAddresses('deviceProfileAllowedAddresses', input.deviceProfileAllowedAddresses),
    });
  }

  /** The MAC address normalised, free across every tenant (but for the device itself). */
  async function addressOf(given: string, except?: string): Promise<string> {
    const address = normaliseMac(given);
    if (!address) throw validationFailed('deviceAddress', 'must be a MAC address: 12 hex digits, bare or in pairs split by : or -');
    const holder = await repo.devices.holder(address);
    if (holder && holder.id !== except) throw conflict(`MAC address ${address} is already in use`);
    return address;
  }

  /** Vendor and model as the catalogue names them (any case given), '' for none. */
  function vendorAndModel(input: DeviceCreateInput | DeviceUpdateInput, before?: DeviceRecord): { vendor?: string; model?: string } {
    if (input.deviceVendor === undefined && input.deviceModel === undefined) return {};
    const vendorName = (input.deviceVendor ?? before?.vendor ?? '').toLowerCase();
    const model = (input.deviceModel ?? (input.deviceVendor === undefined ? before?.model : '') ?? '').toLowerCase();
    if (vendorName === '') {
      if (model !== '') throw validationFailed('deviceModel', 'needs a vendor');
      return { vendor: '', model: '' };
    }
    const vendor = vendorNamed(vendorName);
    if (!vendor) throw validationFailed('deviceVendor', `must be one of ${VENDORS.map((v) => v.name).join(', ')}`);
    if (model !== '' && !vendor.models.includes(model)) throw validationFailed('deviceModel', `must be one of ${vendor.name}'s models: ${vendor.models.join(', ')}`);
    return { vendor: vendor.name, model };
  }

  async function profileOf(tenantId: number, id: string | null | undefined): Promise<string | null | undefined> {
    if (id === undefined || id === null || id === '') return id === '' ? null : id;
    const profile = await repo.profiles.findById(id);
    if (!profile || profile.tenantId !== tenantId) throw validationFailed('deviceProfileUuid', 'names no device profile of the tenant');
    return id;
  }

  /** The HTTP credentials: a username needs a password (given, or stored before); no username, none. */
  function credentials(input: DeviceCreateInput | DeviceUpdateInput, before?: DeviceRecord): Pick<DeviceFields, 'username' | 'passwordEnc'> {
    const username = input.deviceUsername ?? before?.username ?? '';
    const given = input.devicePassword || undefined;
    if (username === '') {
      if (given !== undefined) throw validationFailed('deviceUsername', 'is required with a password');
      return input.deviceUsername === undefined ? {} : { username: '', passwordEnc: '' };
    }
    if (given === undefined) {
      if (!before?.passwordEnc) throw validationFailed('devicePassword', 'is required with a username');
      return defined({ username: input.deviceUsername });
    }
    if (given.length < MIN_PASSWORD) throw validationFailed('devicePassword', `must be at least ${MIN_PASSWORD} characters`);
    return { username, passwordEnc: secrets.seal(given) };
  }

  function deviceFields(input: DeviceCreateInput | DeviceUpdateInput): DeviceFields {
    return defined({
      label: input.deviceLabel,
      template: input.deviceTemplate,
      firmwareVersion: input.deviceFirmwareVersion,
      serialNumber: input.deviceSerialNumber,
      location: input.deviceLocation,
      description: input.deviceDescription,
      enabled: input.deviceEnabled,
      allow: input.deviceAllowedAddresses === undefined ? undefined : allowedAddresses('deviceAllowedAddresses', input.deviceAllowedAddresses),
    });
  }

  const record = (ctx: AuthedCtx, action: string, detail: string, tenantId: number) => activity.record(ctx, action, detail, { tenantId });

  const profiles = {
    async list(query: ListQuery & Record<string, unknown>, ctx: Ctx): Promise<Page<DeviceProfileRecord>> {
      authorize(ctx, 'device_profile_list');
      const { list, filters } = splitList(query);
      const p = paging(list, PROFILE_SORTS, 'device_profile_name');
      const filter = parse(DeviceProfileFilter, filters);
      const tenants = listTenants(ctx.actor, filter.tenantId);
      if (tenants === false) return page([], 0, p);
      const { items, total } = await repo.profiles.list({ tenantIds: tenants?.tenantIds as number[] | undefined, name: filter.deviceProfileName, enabled: filter.deviceProfileEnabled }, p);
      return page(items, total, p);
    },
    get: (id: string, ctx: Ctx) => visibleProfile(id, ctx, 'device_profile_read'),
    async create(raw: unknown, ctx: Ctx): Promise<DeviceProfileRecord> {
      authorize(ctx, 'device_profile_create');
      const input = parse(DeviceProfileCreate, raw);
      const tenantId = (await owningTenant(ctx, input.tenantId, { shared: false, exists: tenantExists })) as number;
      const profile = await repo.profiles.create({ ...profileFields(input), name: input.deviceProfileName, tenantId });
      await record(ctx, 'device_profile_created', `Create Device Profile ${profile.name} -ID:${profile.id}`, tenantId);
      return profile;
    },
    async update(id: string, raw: unknown, ctx: Ctx): Promise<DeviceProfileRecord> {
      const before = await visibleProfile(id, ctx, 'device_profile_update');
      const input = parse(DeviceProfileUpdate, raw);
      if (input.tenantId !== undefined && input.tenantId !== before.tenantId) throw validationFailed('tenantId', 'cannot be changed');
      const profile = await repo.profiles.update(id, profileFields(input));
      await record(ctx as AuthedCtx, 'device_profile_updated', `Update Device Profile ${profile.name} -ID:${profile.id}`, profile.tenantId);
      return profile;
    },
    async remove(id: string, ctx: Ctx): Promise<void> {
      const profile = await visibleProfile(id, ctx, 'device_profile_delete');
      if (profile._count.devices > 0) throw conflict(`Device profile ${profile.name} cannot be deleted: ${profile._count.devices} device(s) use it`);
      await repo.profiles.delete(id);
      await record(ctx as AuthedCtx, 'device_profile_deleted', `Delete Device Profile ${profile.name} -ID:${profile.id}`, profile.tenantId);
    },
  };

  const devices = {
    async list(query: ListQuery & Record<string, unknown>, ctx: Ctx): Promise<Page<DeviceRecord>> {
      authorize(ctx, 'device_list');
      const { list, filters } = splitList(query);
      const p = paging(list, DEVICE_SORTS, 'device_address');
      const filter = parse(DeviceFilter, filters);
      const tenants = listTenants(ctx.actor, filter.tenantId);
      if (tenants === false) return page([], 0, p);
      const address = filter.deviceAddress === undefined ? undefined : (normaliseMac(filter.deviceAddress) ?? filter.deviceAddress);
      const { items, total } = await repo.devices.list(
        { tenantIds: tenants?.tenantIds as number[] | undefined, address, vendor: filter.deviceVendor?.toLowerCase(), profileId: filter.deviceProfileUuid, enabled: filter.deviceEnabled },
        p,
      );
      return page(items, total, p);
    },
    get: (id: string, ctx: Ctx) => visibleDevice(id, ctx, 'device_read'),
    async create(raw: unknown, ctx: Ctx): Promise<DeviceRecord> {
      authorize(ctx, 'device_create');
      const input = parse(DeviceCreate, raw);
      const tenantId = (await owningTenant(ctx, input.tenantId, { shared: false, exists: tenantExists })) as number;
      const fields = { ...deviceFields(input), ...vendorAndModel(input), ...credentials(input) };
      const profileId = await profileOf(tenantId, input.deviceProfileUuid);
      const address = await addressOf(input.deviceAddress);
      const device = await repo.devices.create({ ...fields, profileId: profileId ?? null, address, tenantId });
      await record(ctx, 'device_created', `Create Device ${device.address} -ID:${device.id}`, tenantId);
      return device;
    },
    async update(id: string, raw: unknown, ctx: Ctx): Promise<DeviceRecord> {
      const before = await visibleDevice(id, ctx, 'device_update');
      const input = parse(DeviceUpdate, raw);
      if (input.tenantId !== undefined && input.tenantId !== before.tenantId) throw validationFailed('tenantId', 'cannot be changed');
      const fields: DeviceFields = { ...deviceFields(input), ...vendorAndModel(input, before), ...credentials(input, before) };
      const vendor = fields.vendor ? vendorNamed(fields.vendor) : undefined;
      if (vendor && fields.vendor !== before.vendor) {
        const highest = await repo.lines.highest(before.id);
        if (highest > vendor.maxLines) throw validationFailed('deviceVendor', `cannot be ${vendor.name}: the device has line ${highest}, and its template renders ${vendor.maxLines}`);
      }
      const profileId = await profileOf(before.tenantId, input.deviceProfileUuid);
      if (profileId !== undefined) fields.profileId = profileId;
      if (input.deviceAddress !== undefined) fields.address = await addressOf(input.deviceAddress, before.id);
      const device = await repo.devices.update(id, fields);
      await record(ctx as AuthedCtx, 'device_updated', `Update Device ${device.address} -ID:${device.id}`, device.tenantId);
      return device;
    },
    async remove(id: string, ctx: Ctx): Promise<void> {
      const device = await visibleDevice(id, ctx, 'device_delete');
      await repo.devices.delete(id);
      await record(ctx as AuthedCtx, 'device_deleted', `Delete Device ${device.address} -ID:${device.id}`, device.tenantId);
    },
  };

  return { profiles, devices, visibleDevice };
}

export type DevicesService = ReturnType<typeof createDevicesService>;
