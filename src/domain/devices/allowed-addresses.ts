// A provisioning allowlist as written: IPv4/IPv6 addresses or CIDRs separated by commas, kept
// normalised ("10.0.0.0/8,192.0.2.7").
import { isIP } from 'node:net';
import { validationFailed } from '../../errors.ts';

export function allowedAddresses(field: string, given: string): string {
  const list = given.split(',').map((c) => c.trim()).filter(Boolean);
  for (const cidr of list) {
    const [address, bits, extra] = cidr.split('/');
    const family = isIP(address);
    const max = family === 6 ? 128 : 32;
    const ok = family !== 0 && extra === undefined && (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max));
    if (!ok) throw validationFailed(field, `must be IP addresses or CIDRs separated by commas ("${cidr}" is neither)`);
  }
  if (list.length > 32) throw validationFailed(field, 'must hold at most 32 addresses or CIDRs');
  return list.join(',');
}
