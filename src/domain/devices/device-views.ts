// The views of devices, profiles, lines and vendors: what REST (snake_case) and GraphQL
// (camelCase) answer. No view carries a password: a device's provisioning password and a line's
// SIP password are written into the phone's file only.
import { unixSeconds } from '../shared/unix-time.ts';
import type { DeviceLineRecord, DeviceProfileRecord, DeviceRecord } from './devices.repository.ts';
import type { DeviceLineView, DeviceProfileView, DeviceVendorView, DeviceView } from './devices.schema.ts';
import type { Vendor } from './vendors.ts';

export function deviceProfileView(p: DeviceProfileRecord): DeviceProfileView {
  return {
    deviceProfileUuid: p.id,
    tenantId: p.tenantId,
    tenantName: p.tenant.name,
    domainUuid: p.tenant.domainUuid,
    domainName: p.tenant.domain,
    deviceProfileName: p.name,
    deviceProfileDescription: p.description,
    deviceProfileEnabled: p.enabled,
    deviceProfileAllowedAddresses: p.allow,
    deviceCount: p._count.devices,
    dateCreated: unixSeconds(p.createdAt),
    lastUpdated: unixSeconds(p.updatedAt),
  };
}

export function deviceView(d: DeviceRecord): DeviceView {
  return {
    deviceUuid: d.id,
    tenantId: d.tenantId,
    tenantName: d.tenant.name,
    domainUuid: d.tenant.domainUuid,
    domainName: d.tenant.domain,
    deviceAddress: d.address,
    deviceLabel: d.label,
    deviceVendor: d.vendor,
    deviceModel: d.model,
    deviceTemplate: d.template,
    deviceFirmwareVersion: d.firmwareVersion,
    deviceSerialNumber: d.serialNumber,
    deviceLocation: d.location,
    deviceUsername: d.username,
    devicePassword: '',
    deviceAllowedAddresses: d.allow,
    deviceProfileUuid: d.profileId,
    deviceProfileName: d.profile?.name ?? '',
    deviceDescription: d.description,
    deviceEnabled: d.enabled,
    deviceLineCount: d._count.lines,
    dateCreated: unixSeconds(d.createdAt),
    lastUpdated: unixSeconds(d.updatedAt),
  };
}

export function deviceLineView(l: DeviceLineRecord): DeviceLineView {
  return {
    deviceLineUuid: l.id,
    deviceUuid: l.deviceId,
    extensionUuid: l.extensionId,
    extension: l.extension.extension,
    tenantId: l.device.tenantId,
    lineNumber: l.lineNumber,
    serverAddress: l.serverAddress,
    userId: l.extension.extension,
    authId: l.extension.extension,
    password: '',
    displayName: l.displayName,
    sipPort: l.sipPort,
    sipTransport: l.sipTransport,
    registerExpires: l.registerExpires,
    enabled: l.enabled,
    dateCreated: unixSeconds(l.createdAt),
    lastUpdated: unixSeconds(l.updatedAt),
  };
}

export const deviceVendorView = (v: Vendor): DeviceVendorView => ({
  name: v.name,
  label: v.label,
  models: [...v.models],
  maxLines: v.maxLines,
  files: v.files.map((f) => f.name('<mac>')),
});
