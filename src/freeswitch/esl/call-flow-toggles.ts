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
// An event of another shape, or for a call flow Switchyard does not know, is ignored and logged
// without its values. Toggles run one at a time, in arrival order; the queue is bounded.
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

export function createCallFlowToggles(deps: { manager: SwitchManager; toggle: (uuid: string) => Promise<ToggledCallFlow | null>; log: EslLogger }) {
  const { manager, toggle, log } = deps;
  const queue = createEventQueue(log, 'call flow toggle');

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
      });
    },
    /** Waits for the toggles already received. */
    idle: queue.idle,
    stop() {
      unsubscribe?.();
      unsubscribe = null;
    },
  };
}
