// Follow-me's toggle code was dialled on some node: the dialplan fired CUSTOM switchyard::follow_me
// with the tenant's domain, the caller's extension number and the state the caller was told
// (xml-templates/dialplan/follow-me-toggle.xml). Switchyard writes that state as the extension's
// follow_me_enabled (the follow-me service announces it: the extension's next call rings as set,
// and the GUI shows it). Setting the state heard, rather than flipping, keeps what the caller was
// told true when a code is dialled twice before the first event arrives.
//
// An event of another shape, or for an extension without a follow-me, is ignored and logged
// without its values. Events are handled one at a time, in arrival order; the queue is bounded.
import type { EslLogger } from './client.ts';
import { createEventQueue } from './event-queue.ts';
import type { SwitchManager } from './manager.ts';

const DOMAIN = /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/i;
const EXTENSION = /^[0-9]{2,10}$/;
const STATES: Record<string, boolean> = { true: true, false: false };

/** Sets the follow-me of `extension`@`domain`; false when there is no such follow-me. */
export type SetFollowMe = (domain: string, extension: string, enabled: boolean) => Promise<boolean>;

export function createFollowMeToggles(deps: { manager: SwitchManager; set: SetFollowMe; log: EslLogger }) {
  const { manager, set, log } = deps;
  const queue = createEventQueue(log, 'follow-me toggle');

  async function handle(node: string, domain: string | null, extension: string | null, enabled: string | null) {
    if (!domain || !DOMAIN.test(domain) || !extension || !EXTENSION.test(extension) || !enabled || !(enabled in STATES)) {
      log.warn({ node }, 'follow-me toggle event without a domain, extension and state: ignored');
      return;
    }
    if (!(await set(domain.toLowerCase(), extension, STATES[enabled]))) log.warn({ node }, 'follow-me toggle event for an extension without a follow-me: ignored');
  }

  let unsubscribe: (() => void) | null = null;
  return {
    start() {
      unsubscribe = manager.events.subscribe((event) => {
        if (event.kind === 'follow_me') queue.push(event.node, () => handle(event.node, event.domain, event.extension, event.enabled));
      });
    },
    /** Waits for the events already received. */
    idle: queue.idle,
    stop() {
      unsubscribe?.();
      unsubscribe = null;
    },
  };
}
