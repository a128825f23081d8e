// The lines the golden phone files are rendered from: one on the tenant's domain, one through
// another host (the outbound proxy) on TCP, with values that need XML escaping.
import type { ProvisionedLine } from '../../src/domain/devices/provisioning.ts';

export const GOLDEN_LINES: ProvisionedLine[] = [
  { number: 1, label: '1001', displayName: 'Ann & Co <Sales>', userId: '1001', authId: '1001', password: 'S3cret"pass', server: 'acme.test', port: 5060, transport: 'udp', expires: 3600 },
  { number: 2, label: '1002', displayName: 'Bob', userId: '1002', authId: '1002', password: 'Other-pass-2', server: 'pbx.example.test', port: 5070, transport: 'tcp', expires: 1800 },
];
