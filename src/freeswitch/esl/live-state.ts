// What is live on every node right now: channels, registrations and gateway states, kept from
// events. Each resynchronisation after a (re)connect replaces a node's channels and registrations
// (`show channels as json`, `show registrations as json`); `sofia xmlstatus` updates its gateways.
// Reads never touch FreeSWITCH.
import { mergeChannel, registrationKey, type GatewayStatus, type LiveChannel, type LiveRegistration } from './normalise.ts';

export interface StateFilter {
  /** Only these nodes. */
  node?: string;
  /** Only this tenant domain (lower case). */
  domain?: string;
  /** Only these extensions (with `domain`). */
  extensions?: string[];
}

interface NodeState {
  channels: Map<string, LiveChannel>;
  registrations: Map<string, LiveRegistration>;
  gateways: Map<string, GatewayStatus>;
}

function matchesChannel(c: LiveChannel, f: StateFilter): boolean {
  if (f.domain !== undefined && (c.domain ?? c.context.toLowerCase()) !== f.domain) return false;
  if (f.extensions !== undefined && (c.extension === null || !f.extensions.includes(c.extension))) return false;
  return true;
}

function matchesRegistration(r: LiveRegistration, f: StateFilter): boolean {
  if (f.domain !== undefined && r.domain !== f.domain) return false;
  if (f.extensions !== undefined && !f.extensions.includes(r.user)) return false;
  return true;
}

export type LiveState = ReturnType<typeof createLiveState>;

export function createLiveState() {
  const nodes = new Map<string, NodeState>();

  const of = (node: string): NodeState => {
    let s = nodes.get(node);
    if (!s) nodes.set(node, (s = { channels: new Map(), registrations: new Map(), gateways: new Map() }));
    return s;
  };
  const selected = (f: StateFilter) => (f.node !== undefined ? [nodes.get(f.node)].filter((s): s is NodeState => !!s) : [...nodes.values()]);

  return {
    /** Applies a channel event; answers the merged record. */
    upsertChannel(channel: LiveChannel): LiveChannel {
      const map = of(channel.node).channels;
      const merged = mergeChannel(map.get(channel.uuid), channel);
      map.set(channel.uuid, merged);
      return merged;
    },

    /** Removes a channel; answers what was known of it merged with the final event. */
    removeChannel(channel: LiveChannel): LiveChannel {
      const map = of(channel.node).channels;
      const merged = mergeChannel(map.get(channel.uuid), channel);
      map.delete(channel.uuid);
      return merged;
    },

    upsertRegistration(registration: LiveRegistration): void {
      of(registration.node).registrations.set(registrationKey(registration), registration);
    },

    /**
     * Removes a registration: the one with the same call id, else the user's with the same contact
     * (an unREGISTER may come with a new Call-ID, as in the captured run). Answers what it removed.
     */
    removeRegistration(registration: LiveRegistration): LiveRegistration | null {
      const map = of(registration.node).registrations;
      const mine = [...map].filter(([, r]) => r.user === registration.user && r.domain === registration.domain);
      const found = mine.find(([, r]) => registration.callId !== '' && r.callId === registration.callId) ?? mine.find(([, r]) => r.contact === registration.contact);
      if (!found) return null;
      map.delete(found[0]);
      return found[1];
    },

    setGateway(gateway: GatewayStatus): void {
      const map = of(gateway.node).gateways;
      const before = map.get(gateway.name);
      map.set(gateway.name, { ...gateway, profile: gateway.profile ?? before?.profile ?? null, data: gateway.data ?? before?.data ?? null });
    },

    /** Replaces a node's channels and registrations with a fresh snapshot, keeping known details. */
    replace(node: string, snapshot: { channels: LiveChannel[]; registrations: LiveRegistration[] }): void {
      const s = of(node);
      const channels = new Map<string, LiveChannel>();
      for (const c of snapshot.channels) channels.set(c.uuid, mergeChannel(s.channels.get(c.uuid), c));
      s.channels = channels;
      s.registrations = new Map(snapshot.registrations.map((r) => [registrationKey(r), r]));
    },


    /** Forgets a node (disconnected or removed): nothing it reported is known any more. */
    clear(node: string): void {
      nodes.delete(node);
    },

    channel(uuid: string): LiveChannel | null {
      for (const s of nodes.values()) {
        const c = s.channels.get(uuid);
        if (c) return c;
      }
      return null;
    },

    channels(filter: StateFilter = {}): LiveChannel[] {
      return selected(filter)
        .flatMap((s) => [...s.channels.values()])
        .filter((c) => matchesChannel(c, filter))
        .sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0) || a.uuid.localeCompare(b.uuid));
    },

    registrations(filter: StateFilter = {}): LiveRegistration[] {
      return selected(filter)
        .flatMap((s) => [...s.registrations.values()])
        .filter((r) => matchesRegistration(r, filter))
        .sort((a, b) => a.domain.localeCompare(b.domain) || a.user.localeCompare(b.user) || a.node.localeCompare(b.node));
    },

    gateways(node?: string): GatewayStatus[] {
      return selected({ node }).flatMap((s) => [...s.gateways.values()]);
    },

    counts() {
      let channels = 0;
      let registrations = 0;
      for (const s of nodes.values()) {
        channels += s.channels.size;
        registrations += s.registrations.size;
      }
      return { channels, registrations };
    },
  };
}
