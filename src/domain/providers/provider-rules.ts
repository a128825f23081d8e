// What the provider and gateway schemas cannot say: an IPv6 address's grammar, the secrets policy,
// where calls from a trunk may enter the dialplan, and ICTCore's `active` and FusionPBX's
// `enabled` as one switch.
import { isIP } from 'node:net';
import { validationFailed } from '../../errors.ts';
import { checkNoExpansion } from '../shared/switch-syntax.ts';

/** The schema lets through what looks like an IPv6 address; this holds it to the grammar. */
export function checkAddress(field: string, value: string | undefined): void {
  if (value?.includes(':') && isIP(value.replace(/^\[|\]$/g, '')) !== 6) throw validationFailed(field, 'must be a host name or an IP address');
}

export function checkTrunkPassword(password: string | undefined): void {
  checkNoExpansion('password', password);
}

/** The dialplan context calls from a trunk enter: public (DIDs route them), or the trunk's own tenant's. */
export function checkContext(context: string | undefined, tenantDomain: string | null): void {
  if (context === undefined || context === 'public' || context === tenantDomain) return;
  throw validationFailed('context', tenantDomain === null ? "must be 'public' for a shared trunk" : `must be 'public' or the tenant's domain (${tenantDomain})`);
}

/**
 * ICTCore's `active` and FusionPBX's `enabled` are one switch here (whether the trunk is in
 * service). The provider form sends both; when they disagree, the one that differs from the stored
 * state is the one the user changed, and it wins (on create, where the stored state is "on", off wins).
 */
export function inService(active: boolean | undefined, enabled: boolean | undefined, stored: boolean): boolean | undefined {
  if (active === undefined) return enabled;
  if (enabled === undefined || enabled === active) return active;
  return !stored;
}
