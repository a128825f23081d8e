// A call flow's toggle code was dialled on some node: the dialplan fired CUSTOM
// switchyard::call_flow with the call flow's uuid (xml-templates/dialplan/call-flow-toggle.xml).
// Switchyard flips the status in its database (the service announces it, so the rendered number
// switches at once) and lights or clears the BLF lamps of the toggle code on every node.
//
// The lamps are FusionPBX's (app/scripts/resources/scripts/call_flow.lua turns them with
// resources/functions/presence_in.lua turn_lamp): a PRESENCE_IN for `<code>@<domain>` (proto sip)
// and for `flow+<code>@<domain>` (proto flow, user `<code>@<domain>`), headers proto, event_type
// presence, alt_event_type dialog, Presence-Call-Direction outbound, from, login, unique-id (the
// call flow's uuid), status "Active (1 waiting)", and answer-state confirmed (with rpid unknown and
// event_count 1) while the alternate destination is in use, terminated otherwise.
//
// A phone that subscribes to the lamp later (BLF key `flow+<code>@<domain>` or `<code>@<domain>`)
// makes mod_sofia fire PRESENCE_PROBE (sofia_presence.c sofia_presence_handle_sip_i_subscribe:
// headers proto, login, from, to, event_type presence, alt_event_type dialog, expires, and
// proto-specific-event-name / probe-type / presence-source by the subscribed event): Switchyard
// answers it on that node with the same PRESENCE_IN events, carrying the call flow's state now (as
// FusionPBX's call_flow_monitor.lua keeps sending). No PRESENCE_PROBE was captured from a real
// FreeSWITCH (../shared/freeswitch/esl-transcripts has none): its shape is read from mod_sofia's
// source. Probes for anything else (every extension's BLF) are looked up and ignored.
//
// An event of another shape, or for a call flow Switchyard does not know, is ignored and logged
// without its values. Toggles run one at a time, in arrival order, and so do probes; the queues
// are bounded.
import type { EslLogger } from './client.ts';
import { createEventQueue } from './event-queue.ts';
import type { SwitchManager } from './manager.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a toggle left: the call flow's code, domain and new status. */
export interface ToggledCallFlow {
  id: string;
  featureCode: string;
  domain: string;
  status: boolean;
}

/** The PRESENCE_IN events that show a call flow's state to BLF phones. */
export function callFlowPresence(cf: ToggledCallFlow): Record<string, string>[] {
  const lit = !cf.status;
  const user = `${cf.featureCode}@${cf.domain}`;
  return ['sip', 'flow'].map((proto) => ({
    proto,
    event_type: 'presence',
    alt_event_type: 'dialog',
    'Presence-Call-Direction': 'outbound',
    from: user,
    login: user,
    'unique-id': cf.id,
    status: 'Active (1 waiting)',
    ...(lit ? { 'answer-state': 'confirmed', rpid: 'unknown', event_count: '1' } : { 'answer-state': 'terminated' }),
  }));
}

/**
 * The call flow lamp a probe asks about: `to` as mod_sofia writes it for a SUBSCRIBE to
 * `flow+<code>@<domain>` (proto flow: "flow+<code>@<domain>") or to `<code>@<domain>` (proto sip:
 * "<code>@<domain>"); null when it cannot name a toggle code.
 */
export function probedCode(proto: string | null, to: string | null): { featureCode: string; domain: string } | null {
  if (!to || (proto !== 'sip' && proto !== 'flow')) return null;
  const m = /^(?:flow\+)?(\*?[0-9]{2,8})@([a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?)$/i.exec(to);
  if (!m || (proto === 'flow') !== to.toLowerCase().startsWith('flow+')) return null;
  return { featureCode: m[1], domain: m[2].toLowerCase() };
}

export function createCallFlowToggles(deps: {
  manager: SwitchManager;
  toggle: (uuid: string) => Promise<ToggledCallFlow | null>;
  /** The call flow whose toggle code is `featureCode` in the tenant of `domain`, as it is now. */
  lamp: (domain: string, featureCode: string) => Promise<ToggledCallFlow | null>;
  log: EslLogger;
}) {
  const { manager, toggle, lamp, log } = deps;
  const queue = createEventQueue(log, 'call flow toggle');
  const probes = createEventQueue(log, 'call flow presence probe');

  /** A phone subscribed to a toggle code's lamp: the node it subscribed on is told the state. */
  async function answerProbe(node: string, proto: string | null, to: string | null) {
    const probed = probedCode(proto, to);
    if (!probed) return;
    const cf = await lamp(probed.domain, probed.featureCode);
    if (!cf) return;
    for (const headers of callFlowPresence(cf)) {
      await manager
        .client(node)
        ?.sendEvent('PRESENCE_IN', headers)
        .catch((err: Error) => log.warn({ node, err }, 'call flow presence not sent'));
    }
  }

  async function handle(node: string, uuid: string | null) {
    if (!uuid || !UUID.test(uuid)) {
      log.warn({ node }, 'call flow toggle event without a call flow uuid: ignored');
      return;
    }
    const cf = await toggle(uuid);
    if (!cf) {
      log.warn({ node }, 'call flow toggle event for an unknown call flow: ignored');
      return;
    }
    for (const headers of callFlowPresence(cf)) {
      for (const r of await manager.sendEventEverywhere('PRESENCE_IN', headers)) {
        if (r.error) log.warn({ node: r.node, err: r.error }, 'call flow presence not sent');
      }
    }
  }

  let unsubscribe: (() => void) | null = null;
  return {
    start() {
      unsubscribe = manager.events.subscribe((event) => {
        if (event.kind === 'call_flow') queue.push(event.node, () => handle(event.node, event.callFlowUuid));
        if (event.kind === 'presence_probe') probes.push(event.node, () => answerProbe(event.node, event.proto, event.to));
      });
    },
    /** Waits for the toggles and probes already received. */
    idle: async () => {
      await Promise.all([queue.idle(), probes.idle()]);
    },
    stop() {
      unsubscribe?.();
      unsubscribe = null;
    },
  };
}
