// Devices, their profiles and their lines in the database. A device's MAC address is unique
// across every tenant; the provisioning read fetches a device by it with what its file needs.
import type { Db, Prisma } from '../../db/database.ts';
import type { Paging } from '../shared/list.ts';

type TenantOf = { domain: string; domainUuid: string; name: string };

export interface DeviceProfileRecord {
  id: string;
  tenantId: number;
  name: string;
  description: string;
  enabled: boolean;
  allow: string;
  createdAt: Date;
  updatedAt: Date;
  tenant: TenantOf;
  _count: { devices: number };
}

export interface DeviceRecord {
  id: string;
  tenantId: number;
  address: string;
  label: string;
  vendor: string;
  model: string;
  template: string;
  firmwareVersion: string;
  serialNumber: string;
  location: string;
  username: string;
  passwordEnc: string;
  allow: string;
  profileId: string | null;
  description: string;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
  tenant: TenantOf;
  profile: { name: string } | null;
  _count: { lines: number };
}

export interface DeviceLineRecord {
  id: string;
  deviceId: string;
  extensionId: string;
  lineNumber: number;
  serverAddress: string;
  displayName: string;
  sipPort: number;
  sipTransport: string;
  registerExpires: number;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
  device: { tenantId: number; vendor: string };
  extension: { extension: string };
}

/** What a phone's file is rendered from. */
export interface ProvisionedDevice {
  id: string;
  tenantId: number;
  address: string;
  vendor: string;
  model: string;
  label: string;
  username: string;
  passwordEnc: string;
  allow: string;
  enabled: boolean;
  tenant: { domain: string; active: boolean };
  profile: { enabled: boolean; allow: string } | null;
  lines: {
    lineNumber: number;
    serverAddress: string;
    displayName: string;
    sipPort: number;
    sipTransport: string;
    registerExpires: number;
    enabled: boolean;
    extension: { extension: string; passwordEnc: string; effectiveCallerIdName: string; enabled: boolean };
  }[];
}

export type DeviceProfileFields = Partial<Pick<DeviceProfileRecord, 'name' | 'description' | 'enabled' | 'allow'>>;
export type DeviceFields = Partial<Omit<DeviceRecord, 'id' | 'tenantId' | 'createdAt' | 'updatedAt' | 'tenant' | 'profile' | '_count'>>;
export type DeviceLineFields = Partial<Omit<DeviceLineRecord, 'id' | 'deviceId' | 'createdAt' | 'updatedAt' | 'device' | 'extension'>> & { deviceId?: string };

const tenant = { select: { domain: true, domainUuid: true, name: true } } as const;

const profileSelect = {
  id: true,
  tenantId: true,
  name: true,
  description: true,
  enabled: true,
  allow: true,
  createdAt: true,
  updatedAt: true,
  tenant,
  _count: { select: { devices: true } },
} satisfies Prisma.DeviceProfileSelect;

const deviceSelect = {
  id: true,
  tenantId: true,
  address: true,
  label: true,
  vendor: true,
  model: true,
  template: true,
  firmwareVersion: true,
  serialNumber: true,
  location: true,
  username: true,
  passwordEnc: true,
  allow: true,
  profileId: true,
  description: true,
  enabled: true,
  createdAt: true,
  updatedAt: true,
  tenant,
  profile: { select: { name: true } },
  _count: { select: { lines: true } },
} satisfies Prisma.DeviceSelect;

const lineSelect = {
  id: true,
  deviceId: true,
  extensionId: true,
  lineNumber: true,
  serverAddress: true,
  displayName: true,
  sipPort: true,
  sipTransport: true,
  registerExpires: true,
  enabled: true,
  createdAt: true,
  updatedAt: true,
  device: { select: { tenantId: true, vendor: true } },
  extension: { select: { extension: true } },
} satisfies Prisma.DeviceLineSelect;

const provisionSelect = {
  id: true,
  tenantId: true,
  address: true,
  vendor: true,
  model: true,
  label: true,
  username: true,
  passwordEnc: true,
  allow: true,
  enabled: true,
  tenant: { select: { domain: true, active: true } },
  profile: { select: { enabled: true, allow: true } },
  lines: {
    select: {
      lineNumber: true,
      serverAddress: true,
      displayName: true,
      sipPort: true,
      sipTransport: true,
      registerExpires: true,
      enabled: true,
      extension: { select: { extension: true, passwordEnc: true, effectiveCallerIdName: true, enabled: true } },
    },
    orderBy: [{ lineNumber: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
  },
} satisfies Prisma.DeviceSelect;

export interface DeviceProfileFilter {
  tenantIds?: number[];
  name?: string;
  enabled?: boolean;
}
export interface DeviceFilter {
  tenantIds?: number[];
  address?: string;
  vendor?: string;
  profileId?: string;
  enabled?: boolean;
}
export interface DeviceLineFilter {
  tenantIds?: number[];
  deviceId?: string;
  extensionId?: string;
}

const within = (tenantIds?: number[]) => (tenantIds === undefined ? undefined : { in: tenantIds });

export function devicesRepository(db: Db) {
  const listed = async <T>(rows: Promise<T[]>, count: Promise<number>) => {
    const [items, total] = await Promise.all([rows, count]);
    return { items, total };
  };
  return {
    profiles: {
      findById: (id: string): Promise<DeviceProfileRecord | null> => db.deviceProfile.findUnique({ where: { id }, select: profileSelect }),
      list(filter: DeviceProfileFilter, p: Paging) {
        const where: Prisma.DeviceProfileWhereInput = { tenantId: within(filter.tenantIds), name: filter.name === undefined ? undefined : { contains: filter.name }, enabled: filter.enabled };
        return listed(db.deviceProfile.findMany({ where, select: profileSelect, skip: p.skip, take: p.take, orderBy: [{ [p.sortField]: p.order }, { id: 'asc' }] }), db.deviceProfile.count({ where }));
      },
      create: (data: DeviceProfileFields & { tenantId: number; name: string }): Promise<DeviceProfileRecord> => db.deviceProfile.create({ data, select: profileSelect }),
      update: (id: string, data: DeviceProfileFields): Promise<DeviceProfileRecord> => db.deviceProfile.update({ where: { id }, data, select: profileSelect }),
      async delete(id: string): Promise<void> {
        await db.deviceProfile.delete({ where: { id } });
      },
    },
    devices: {
      findById: (id: string): Promise<DeviceRecord | null> => db.device.findUnique({ where: { id }, select: deviceSelect }),
      findByIds: (ids: readonly string[]): Promise<DeviceRecord[]> => db.device.findMany({ where: { id: { in: [...ids] } }, select: deviceSelect }),
      /** The device holding `address`, in whichever tenant. */
      async holder(address: string): Promise<{ id: string } | null> {
        return db.device.findUnique({ where: { address }, select: { id: true } });
      },
      list(filter: DeviceFilter, p: Paging) {
        const where: Prisma.DeviceWhereInput = { tenantId: within(filter.tenantIds), address: filter.address, vendor: filter.vendor, profileId: filter.profileId, enabled: filter.enabled };
        return listed(db.device.findMany({ where, select: deviceSelect, skip: p.skip, take: p.take, orderBy: [{ [p.sortField]: p.order }, { id: 'asc' }] }), db.device.count({ where }));
      },
      create: (data: DeviceFields & { tenantId: number; address: string }): Promise<DeviceRecord> => db.device.create({ data, select: deviceSelect }),
      update: (id: string, data: DeviceFields): Promise<DeviceRecord> => db.device.update({ where: { id }, data, select: deviceSelect }),
      async delete(id: string): Promise<void> {
        await db.device.delete({ where: { id } });
      },
      /** A device and everything its configuration file is rendered from, by MAC address. */
      provisioned: (address: string): Promise<ProvisionedDevice | null> => db.device.findUnique({ where: { address }, select: provisionSelect }),
    },
    lines: {
      findById: (id: string): Promise<DeviceLineRecord | null> => db.deviceLine.findUnique({ where: { id }, select: lineSelect }),
      list(filter: DeviceLineFilter, p: Paging) {
        const where: Prisma.DeviceLineWhereInput = { device: filter.tenantIds === undefined ? undefined : { tenantId: within(filter.tenantIds) }, deviceId: filter.deviceId, extensionId: filter.extensionId };
        return listed(db.deviceLine.findMany({ where, select: lineSelect, skip: p.skip, take: p.take, orderBy: [{ [p.sortField]: p.order }, { id: 'asc' }] }), db.deviceLine.count({ where }));
      },
      /** The highest line number a device's lines use. */
      async highest(deviceId: string): Promise<number> {
        const row = await db.deviceLine.findFirst({ where: { deviceId }, select: { lineNumber: true }, orderBy: { lineNumber: 'desc' } });
        return row?.lineNumber ?? 0;
      },
      create: (data: DeviceLineFields & { deviceId: string; extensionId: string; lineNumber: number }): Promise<DeviceLineRecord> => db.deviceLine.create({ data, select: lineSelect }),
      update: (id: string, data: DeviceLineFields): Promise<DeviceLineRecord> => db.deviceLine.update({ where: { id }, data, select: lineSelect }),
      async delete(id: string): Promise<void> {
        await db.deviceLine.delete({ where: { id } });
      },
    },
    /** An extension's tenant and number, to check a line's reference. */
    extension: (id: string): Promise<{ tenantId: number; extension: string } | null> => db.extension.findUnique({ where: { id }, select: { tenantId: true, extension: true } }),
  };
}

export type DevicesRepository = ReturnType<typeof devicesRepository>;
