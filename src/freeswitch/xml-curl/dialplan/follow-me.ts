// An extension's follow-me, rendered into how the extension is dialled, as FusionPBX renders it
// into the extension's dial string (app/calls/resources/classes/follow_me.php set(): every
// destination a leg joined with ",", each with its leg_delay_start and leg_timeout, behind
// {ignore_early_media=true}, with fail_on_single_reject=USER_BUSY unless busy is ignored).
//
// The extension itself rings at once for its call timeout, first, unless a destination names it
// (then it rings where and as that destination says); the destinations follow in their order, each
// a leg as ring groups build them (legs.ts). The originate as a whole is bounded by the caller's
// call_timeout (mod_dptools.c audio_bridge_function passes SWITCH_CALL_TIMEOUT_VARIABLE to
// switch_ivr_originate as its timelimit), so it is set to when the last leg stops ringing.
// fail_on_single_reject is read by switch_ivr_originate from the `{...}` variables (true, or the
// causes that end the attempt): a leg refusing with USER_BUSY ends the call for all (then the
// extension's busy forward or voicemail), as FusionPBX's follow-me does.
// The prompt (FusionPBX's group_confirm through its confirm.lua) is kept, not rendered.
import type { DialplanFollowMe, LocalExtension } from './dialplan.repository.ts';
import { perLeg, targetOf, type Leg } from './legs.ts';

export interface FollowMeBridge {
  /** The bridge's data. */
  bridge: string;
  /** Seconds the originate may last: when the last leg stops ringing. */
  callTimeout: number;
  cidNamePrefix: string;
  cidNumberPrefix: string;
}

/** The bridge ringing `ext` with its follow-me, or null when nothing but the extension would ring. */
export function followMeBridge(ext: LocalExtension, followMe: DialplanFollowMe, extensions: Map<string, LocalExtension>, domain: string): FollowMeBridge | null {
  const own = `user/${ext.extension}@${domain}`;
  const isOwn = (number: string) => number === ext.extension || (ext.numberAlias !== '' && number === ext.numberAlias);
  const legs: Leg[] = followMe.destinations.flatMap((d) => {
    // The extension itself rings as the destination says even in its own list (do-not-disturb is
    // decided before any bridge).
    const target = d.kind === 'extension' && isOwn(d.number) ? own : targetOf(d, extensions, domain);
    return target ? [{ target, delay: d.delay, timeout: d.timeout }] : [];
  });
  if (!legs.some((l) => l.target === own)) legs.unshift({ target: own, delay: 0, timeout: ext.callTimeout });
  if (legs.length === 1) return null;
  const globals = ['ignore_early_media=true', ...(followMe.ignoreBusy ? [] : ['fail_on_single_reject=USER_BUSY'])];
  return {
    bridge: `{${globals.join(',')}}${legs.map(perLeg).join(',')}`,
    callTimeout: Math.max(...legs.map((l) => l.delay + l.timeout)),
    cidNamePrefix: followMe.cidNamePrefix,
    cidNumberPrefix: followMe.cidNumberPrefix,
  };
}
