// The legs of one bridge that rings several numbers of a tenant at once or one after the other
// (ring groups, an extension's follow-me), built the same way for both.
//
// A number is a leg: an extension as the local extensions ring it (`user/<ext>@<domain>`; a
// disabled or do-not-disturb extension is left out), an external number through the tenant's
// outbound routes by a loopback leg into the tenant's context (`loopback/<number>/<context>`,
// mod_loopback.c channel_outgoing_channel: what follows the first "/" is the context). Per leg,
// in `[...]`: `leg_timeout` and `leg_delay_start` (switch_ivr_originate.c reads both per leg);
// legs join with "," (all at once) or "|" (one after the other).
import type { LocalExtension } from './dialplan.repository.ts';

export interface Leg {
  target: string;
  delay: number;
  timeout: number;
}

/** A number to ring, as ring group members and follow-me destinations are stored. */
export interface Dialled {
  number: string;
  /** extension or external, decided when written. */
  kind: string;
}

/** The tenant's enabled extensions by number and by number alias. */
export function extensionsByNumber(extensions: readonly LocalExtension[]): Map<string, LocalExtension> {
  const byNumber = new Map<string, LocalExtension>();
  for (const ext of extensions) {
    byNumber.set(ext.extension, ext);
    if (ext.numberAlias) byNumber.set(ext.numberAlias, ext);
  }
  return byNumber;
}

/** The target of a number, or null when it cannot ring (an extension gone, disabled or in do-not-disturb). */
export function targetOf(dialled: Dialled, extensions: Map<string, LocalExtension>, domain: string): string | null {
  if (dialled.kind === 'extension') {
    const ext = extensions.get(dialled.number);
    return ext && !ext.doNotDisturb ? `user/${ext.extension}@${domain}` : null;
  }
  return `loopback/${dialled.number}/${domain}`;
}

/** `k=v` pairs of the positive values, comma separated. */
export const vars = (pairs: [string, number][]) =>
  pairs
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

/** A leg with its own timeout and delay. */
export const perLeg = (l: Leg) => `[${vars([['leg_timeout', l.timeout], ['leg_delay_start', l.delay]])}]${l.target}`;
