// Device lines: each puts one of the tenant's extensions on a key (account) of a phone. A line
// belongs to its device's tenant, and its extension must be of that tenant (400 otherwise); the
// phone's file takes the extension's number and SIP password when it is rendered, so a changed
// SIP password reaches the phone at its next fetch and no copy of it is kept here. Deleting an
// extension deletes its lines (the table cascades): the phone loses that account at its next
// fetch. A line number above what the device's vendor's template renders is refused. Numbers are
// not unique per device: the client renumbers its lines with concurrent PUTs, which would trip a
// uniqueness check midway; where two lines share a number the older one is rendered.
import { authorize, type AuthedCtx, type Ctx } from '../../context.ts';
import { notFound, validationFailed } from '../../errors.ts';
import type { ActivityLog } from '../activities/activity-log.ts';
import { page, paging, splitList, type ListQuery, type Page } from '../shared/list.ts';
import { parse } from '../shared/schema.ts';
import { listTenants, reachesTenant } from '../shared/tenancy.ts';
import type { DeviceLineFields, DeviceLineRecord, DeviceRecord, DevicesRepository } from './devices.repository.ts';
import { DeviceLineCreate, DeviceLineFilter, DeviceLineUpdate, type DeviceLineCreateInput, type DeviceLineUpdateInput } from './devices.schema.ts';
import type { DevicesService } from './devices.service.ts';
import { vendorNamed } from './vendors.ts';

const LINE_SORTS = { line_number: 'lineNumber', device_line_uuid: 'id', date_created: 'createdAt' };

export function createDeviceLinesService(deps: { repo: DevicesRepository; devices: DevicesService; activity: ActivityLog }) {
  const { repo, activity } = deps;

  async function visible(id: string, ctx: Ctx, permission: string): Promise<DeviceLineRecord> {
    authorize(ctx, permission);
    const line = await repo.lines.findById(id);
    if (!line || !reachesTenant(ctx.actor, line.device.tenantId)) throw notFound('Device line');
    return line;
  }

  /** The device a line is put on: one the caller reaches, else the field is refused. */
  async function deviceOf(id: string, ctx: Ctx, permission: string): Promise<DeviceRecord> {
    try {
      return await deps.devices.visibleDevice(id, ctx, permission);
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) throw validationFailed('deviceUuid', 'names no device of yours');
      throw err;
    }
  }

  async function checkExtension(tenantId: number, id: string): Promise<void> {
    const extension = await repo.extension(id);
    if (!extension || extension.tenantId !== tenantId) throw validationFailed('extensionUuid', "names no extension of the device's tenant");
  }

  function checkNumber(device: DeviceRecord, lineNumber: number): void {
    const vendor = vendorNamed(device.vendor);
    if (vendor && lineNumber > vendor.maxLines) throw validationFailed('lineNumber', `must be at most ${vendor.maxLines}: the ${vendor.label} template renders ${vendor.maxLines} lines`);
  }

  function fieldsOf(input: DeviceLineCreateInput | DeviceLineUpdateInput): DeviceLineFields {
    const fields: DeviceLineFields = {
      lineNumber: input.lineNumber,
      serverAddress: input.serverAddress,
      displayName: input.displayName,
      sipPort: input.sipPort,
      sipTransport: input.sipTransport,
      registerExpires: input.registerExpires,
      enabled: input.enabled,
    };
    return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as DeviceLineFields;
  }

  const VERBS: Record<string, string> = { device_line_created: 'Create', device_line_updated: 'Update', device_line_deleted: 'Delete' };
  const record = (ctx: AuthedCtx, action: string, line: DeviceLineRecord) =>
    activity.record(ctx, action, `${VERBS[action]} Device Line ${line.lineNumber} (${line.extension.extension}) of device ${line.deviceId} -ID:${line.id}`, { tenantId: line.device.tenantId });

  return {
    async list(query: ListQuery & Record<string, unknown>, ctx: Ctx): Promise<Page<DeviceLineRecord>> {
      authorize(ctx, 'device_line_list');
      const { list, filters } = splitList(query);
      const p = paging(list, LINE_SORTS, 'line_number');
      const filter = parse(DeviceLineFilter, filters);
      const tenants = listTenants(ctx.actor, filter.tenantId);
      if (tenants === false) return page([], 0, p);
      const { items, total } = await repo.lines.list({ tenantIds: tenants?.tenantIds as number[] | undefined, deviceId: filter.deviceUuid, extensionId: filter.extensionUuid }, p);
      return page(items, total, p);
    },

    get: (id: string, ctx: Ctx) => visible(id, ctx, 'device_line_read'),

    async create(raw: unknown, ctx: Ctx): Promise<DeviceLineRecord> {
      authorize(ctx, 'device_line_create');
      const input = parse(DeviceLineCreate, raw);
      const device = await deviceOf(input.deviceUuid, ctx, 'device_line_create');
      await checkExtension(device.tenantId, input.extensionUuid);
      const lineNumber = input.lineNumber ?? (await repo.lines.highest(device.id)) + 1;
      checkNumber(device, lineNumber);
      const line = await repo.lines.create({ ...fieldsOf(input), lineNumber, deviceId: device.id, extensionId: input.extensionUuid });
      await record(ctx, 'device_line_created', line);
      return line;
    },

    async update(id: string, raw: unknown, ctx: Ctx): Promise<DeviceLineRecord> {
      const before = await visible(id, ctx, 'device_line_update');
      const input = parse(DeviceLineUpdate, raw);
      const fields = fieldsOf(input);
      const device = await deviceOf(input.deviceUuid ?? before.deviceId, ctx, 'device_line_update');
      if (device.id !== before.deviceId) fields.deviceId = device.id;
      const extensionId = input.extensionUuid ?? before.extensionId;
      if (extensionId !== before.extensionId || device.tenantId !== before.device.tenantId) await checkExtension(device.tenantId, extensionId);
      if (extensionId !== before.extensionId) fields.extensionId = extensionId;
      checkNumber(device, fields.lineNumber ?? before.lineNumber);
      const line = await repo.lines.update(id, fields);
      await record(ctx as AuthedCtx, 'device_line_updated', line);
      return line;
    },

    async remove(id: string, ctx: Ctx): Promise<void> {
      const line = await visible(id, ctx, 'device_line_delete');
      await repo.lines.delete(id);
      await record(ctx as AuthedCtx, 'device_line_deleted', line);
    },
  };
}

export type DeviceLinesService = ReturnType<typeof createDeviceLinesService>;
