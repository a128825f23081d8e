// What a phone's configuration file is made of, found by the MAC address the phone asks with.
// There is no signed-in caller here: the provisioning route (src/provisioning/) admits the phone
// by the device's own HTTP credentials and allowlist, which this answers with the rest. A device
// that is disabled, whose profile or tenant is, or that has no vendor is not provisioned: it is
// answered like an unknown MAC. Lines render in their number's order, each number once (the older
// line of a shared number wins), up to what the vendor's template renders, and only while the
// line and its extension are enabled. Each takes its extension's number and SIP password.
import type { SecretBox } from '../../security/secrets.ts';
import type { DevicesRepository } from './devices.repository.ts';
import { vendorNamed, type Vendor } from './vendors.ts';

export interface ProvisionedLine {
  number: number;
  label: string;
  displayName: string;
  userId: string;
  authId: string;
  password: string;
  server: string;
  port: number;
  transport: string;
  expires: number;
}

export interface ProvisionTarget {
  deviceId: string;
  tenantId: number;
  vendor: Vendor;
  /** Who may fetch: the device's HTTP credentials (none when username is '') and allowlist. */
  access: { username: string; password: string; allow: string[] };
  /** The values the vendor's templates are rendered with. */
  data: { mac: string; model: string; label: string; domain: string; lines: ProvisionedLine[] };
}

export function createProvisioning(deps: { repo: DevicesRepository; secrets: SecretBox }) {
  return {
    async target(mac: string): Promise<ProvisionTarget | null> {
      const device = await deps.repo.devices.provisioned(mac);
      const vendor = device ? vendorNamed(device.vendor) : undefined;
      if (!device || !vendor || !device.enabled || !device.tenant.active || device.profile?.enabled === false) return null;
      const numbers = new Set<number>();
      const lines: ProvisionedLine[] = [];
      for (const line of device.lines) {
        if (!line.enabled || !line.extension.enabled || line.lineNumber > vendor.maxLines || numbers.has(line.lineNumber)) continue;
        numbers.add(line.lineNumber);
        const { extension } = line;
        lines.push({
          number: line.lineNumber,
          label: extension.extension,
          displayName: line.displayName || extension.effectiveCallerIdName || extension.extension,
          userId: extension.extension,
          authId: extension.extension,
          password: deps.secrets.open(extension.passwordEnc),
          server: line.serverAddress || device.tenant.domain,
          port: line.sipPort,
          transport: line.sipTransport,
          expires: line.registerExpires,
        });
      }
      const allow = (device.allow || device.profile?.allow || '').split(',').filter(Boolean);
      return {
        deviceId: device.id,
        tenantId: device.tenantId,
        vendor,
        access: { username: device.username, password: device.username ? deps.secrets.open(device.passwordEnc) : '', allow },
        data: { mac: device.address, model: device.model, label: device.label, domain: device.tenant.domain, lines },
      };
    },
  };
}

export type Provisioning = ReturnType<typeof createProvisioning>;
