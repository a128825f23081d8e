// A phone's file from its vendor's template: the values each format wants, worked out from the
// device's lines. Every line registers in the tenant's domain (the SIP domain FreeSWITCH's
// directory knows the extension by); a line whose server is another host (the form fills in the
// host the admin browses from) reaches it as the outbound proxy, with the line's port and transport.
import type { ProvisionedLine, ProvisionTarget } from '../domain/devices/provisioning.ts';
import type { VendorFile } from '../domain/devices/vendors.ts';
import type { ProvisionTemplates } from './provision-templates.ts';

/** Yealink's transport_type and Grandstream's P130: 0 UDP, 1 TCP, 2 TLS. */
const TRANSPORT_CODES: Record<string, number> = { udp: 0, tcp: 1, tls: 2 };
/** Polycom's reg.x.server.y.transport. */
const POLYCOM_TRANSPORTS: Record<string, string> = { udp: 'UDPOnly', tcp: 'TCPOnly', tls: 'TLS' };

function shaped(line: ProvisionedLine, domain: string) {
  const viaProxy = line.server.toLowerCase() !== domain.toLowerCase();
  const standardPort = line.port === (line.transport === 'tls' ? 5061 : 5060);
  return {
    ...line,
    domain,
    viaProxy,
    proxyEnable: viaProxy ? 1 : 0,
    proxy: viaProxy ? line.server : '',
    /** Grandstream's SIP server and outbound proxy fields carry the port when it is not the default. */
    gsServer: viaProxy || standardPort ? domain : `${domain}:${line.port}`,
    gsProxy: viaProxy ? `${line.server}:${line.port}` : '',
    transportCode: TRANSPORT_CODES[line.transport] ?? 0,
    polycomTransport: POLYCOM_TRANSPORTS[line.transport] ?? 'UDPOnly',
    expiresMinutes: Math.max(1, Math.ceil(line.expires / 60)),
  };
}

export function renderProvisionFile(templates: ProvisionTemplates, file: VendorFile, target: ProvisionTarget): string {
  const { data, vendor } = target;
  const lines = data.lines.map((l) => shaped(l, data.domain));
  const used = new Set(lines.map((l) => l.number));
  const byNumber = Object.fromEntries(lines.map((l) => [`line${l.number}`, l]));
  return templates.get(file.template).render({
    mac: data.mac,
    model: data.model,
    label: data.label,
    domain: data.domain,
    lines,
    ...byNumber,
    /** The accounts the template could render but no line uses: switched off on the phone. */
    unused: Array.from({ length: vendor.maxLines }, (_, i) => i + 1).filter((n) => !used.has(n)),
    phoneFile: `${data.mac}-phone.cfg`,
  });
}
