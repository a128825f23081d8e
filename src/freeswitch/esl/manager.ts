// Every FreeSWITCH node Switchyard controls: the FREESWITCH_ESL default plus the enabled switch
// node rows. One client per node; their events update the live state and then go out on the
// event stream; each (re)connect resynchronises the node's channels, registrations and gateways,
// and has the node reload its network lists (acl.conf), which it may have read while Switchyard
// was away or before writes this link missed.
import type { EslConfig } from '../../config.ts';
import { createNodeClient, type ApiResult, type ClientOptions, type EslLogger, type NodeClient, type NodeStatus, type NodeTarget } from './client.ts';
import { commands, parseChannels, parseRegistrations, parseXmlStatusGateways } from './commands.ts';
import { EslTimeoutError, EslUnavailableError } from './errors.ts';
import { createEventStream, type EventStream } from './event-stream.ts';
import type { RawEvent } from './event-parser.ts';
import { createLiveState } from './live-state.ts';
import { CALL_FLOW_SUBCLASS, CALLCENTER_SUBCLASS, FOLLOW_ME_SUBCLASS, NORMALISED_HEADERS, normalise, VOICEMAIL_SUBCLASS } from './normalise.ts';

/** The manager runs on the validated ESL settings (FREESWITCH_ESL and the ESL_* timings). */
export type EslSettings = EslConfig;

/** What Switchyard listens to. CUSTOM subclasses are sent last (see link.ts). */
export const SUBSCRIBED_EVENTS = [
  'CHANNEL_CREATE',
  'CHANNEL_PROGRESS',
  'CHANNEL_PROGRESS_MEDIA',
  'CHANNEL_ANSWER',
  'CHANNEL_BRIDGE',
  'CHANNEL_UNBRIDGE',
  'CHANNEL_HOLD',
  'CHANNEL_UNHOLD',
  'CHANNEL_CALLSTATE',
  'CHANNEL_HANGUP',
  'CHANNEL_HANGUP_COMPLETE',
  'CHANNEL_DESTROY',
  'BACKGROUND_JOB',
  'HEARTBEAT',
  // Answered for call flows' BLF lamps (call-flow-toggles.ts).
  'PRESENCE_PROBE',
];
export const SUBSCRIBED_SUBCLASSES = ['sofia::register', 'sofia::unregister', 'sofia::expire', 'sofia::gateway_state', 'conference::maintenance', CALL_FLOW_SUBCLASS, FOLLOW_ME_SUBCLASS, CALLCENTER_SUBCLASS, VOICEMAIL_SUBCLASS];

const silent: EslLogger = { debug() {}, info() {}, warn() {}, error() {} };

export interface BroadcastResult {
  node: string;
  result?: ApiResult;
  error?: string;
}

export type SwitchManager = ReturnType<typeof createSwitchManager>;

export function createSwitchManager(settings: EslSettings) {
  const state = createLiveState();
  let log = silent;
  const stream = createEventStream(() => log);
  const clients = new Map<string, NodeClient>();
  let loadNodes: () => Promise<NodeTarget[]> = async () => [];
  let started = false;
  let reloading: Promise<void> = Promise.resolve();

  function onEvent(client: NodeClient, raw: RawEvent) {
    const node = client.target.name;
    const event = normalise(node, raw);
    if (!event) return;
    const at = Date.now();
    switch (event.kind) {
      case 'channel': {
        const channel = event.action === 'hangup' ? state.removeChannel(event.channel) : state.upsertChannel(event.channel);
        stream.emit({ kind: 'channel', node, at, action: event.action, eventName: event.eventName, domain: channel.domain, channel, hangupCause: event.hangupCause });
        break;
      }
      case 'registration': {
        const registration = event.action === 'register' ? event.registration : (state.removeRegistration(event.registration) ?? event.registration);
        if (event.action === 'register') state.upsertRegistration(registration);
        stream.emit({ kind: 'registration', node, at, action: event.action, domain: registration.domain, registration });
        break;
      }
      case 'gateway':
        state.setGateway(event.gateway);
        stream.emit({ kind: 'gateway', node, at, gateway: event.gateway });
        break;
      case 'conference':
        stream.emit({ ...event, node, at });
        break;
      case 'job':
      case 'call_flow':
      case 'follow_me':
      case 'presence_probe':
      case 'agent_status':
      case 'voicemail_left':
        stream.emit({ ...event, node, at });
        break;
      case 'heartbeat':
        break;
    }
  }

  /** Clients that were connected before: a reconnect may have missed cache flushes. */
  const seen = new WeakSet<NodeClient>();

  async function resync(client: NodeClient) {
    const node = client.target.name;
    if (seen.has(client)) {
      // Writes made while the link was down never reached this node's directory cache.
      await client.api(commands.flushAllUsers()).catch((err: Error) => log.warn({ node, err }, 'directory cache flush after reconnect failed'));
    }
    seen.add(client);
    try {
      const [channels, registrations] = await Promise.all([client.api(commands.showChannels()), client.api(commands.showRegistrations())]);
      state.replace(node, { channels: parseChannels(node, channels.body), registrations: parseRegistrations(node, registrations.body) });
      const counts = { channels: state.channels({ node }).length, registrations: state.registrations({ node }).length };
      stream.emit({ kind: 'resync', node, at: Date.now(), ...counts });
      log.info({ node, ...counts }, 'resynchronised live state');
    } catch (err) {
      log.warn({ node, err }, 'live state resynchronisation failed');
      // A node that does not answer is no better than a disconnected one: start over. (A reply
      // that does not parse would only fail again; the events keep the state meanwhile.)
      if (err instanceof EslTimeoutError) {
        client.reconnect('resynchronisation timed out');
        return;
      }
    }
    await refreshGateways(client);
    await client.api(commands.reloadAcl()).catch((err: Error) => log.warn({ node, err }, 'reloadacl after connecting failed'));
  }

  async function refreshGateways(client: NodeClient) {
    const node = client.target.name;
    try {
      const status = await client.api(commands.sofiaXmlStatus());
      // Upserted, not replaced: a gateway's later sofia::gateway_state may already be here, and
      // a node's gateways are forgotten with the node when it disconnects.
      if (status.ok) for (const gateway of parseXmlStatusGateways(node, status.body)) state.setGateway(gateway);
    } catch (err) {
      log.warn({ node, err }, 'sofia xmlstatus failed');
    }
  }

  const clientOptions = (): ClientOptions => ({
    connectTimeoutMs: settings.connectTimeoutMs,
    commandTimeoutMs: settings.commandTimeoutMs,
    jobTimeoutMs: settings.jobTimeoutMs,
    reconnectMinMs: settings.reconnectMinMs,
    reconnectMaxMs: settings.reconnectMaxMs,
    reconnectProbeMs: settings.reconnectProbeMs,
    idleProbeMs: settings.idleProbeMs,
    format: 'json',
    events: SUBSCRIBED_EVENTS,
    subclasses: SUBSCRIBED_SUBCLASSES,
    headers: NORMALISED_HEADERS,
    log,
  });

  const hooks = {
    onEvent,
    onConnected: (client: NodeClient) => void resync(client),
    onDisconnected: (client: NodeClient) => {
      state.clear(client.target.name);
      stream.emit({ kind: 'resync', node: client.target.name, at: Date.now(), channels: 0, registrations: 0 });
    },
    onStatus: (client: NodeClient) => stream.emit({ kind: 'node', node: client.target.name, at: Date.now(), state: client.status().state }),
  };

  const sameTarget = (a: NodeTarget, b: NodeTarget) => a.name === b.name && a.host === b.host && a.port === b.port && a.password === b.password;

  async function reconcile() {
    const wanted: NodeTarget[] = [];
    if (settings.defaultNode) wanted.push({ key: 'env', source: 'env', ...settings.defaultNode });
    try {
      wanted.push(...(await loadNodes()));
    } catch (err) {
      log.error({ err }, 'could not load switch nodes; keeping the current connections');
      wanted.push(...[...clients.values()].map((c) => c.target).filter((t) => t.source === 'db'));
    }
    for (const [key, client] of clients) {
      const target = wanted.find((t) => t.key === key);
      if (target && sameTarget(target, client.target)) continue;
      client.stop();
      clients.delete(key);
      state.clear(client.target.name);
    }
    for (const target of wanted) {
      if (clients.has(target.key)) continue;
      const client = createNodeClient(target, clientOptions(), hooks);
      clients.set(target.key, client);
      client.start();
    }
  }

  const byName = (name: string) => [...clients.values()].find((c) => c.target.name === name) ?? null;

  const events: EventStream = { subscribe: stream.subscribe, listenerCount: stream.listenerCount };

  return {
    /** Normalised channel, registration, gateway, conference, job and node events. */
    events,

    /** The live channels, registrations and gateway states of every connected node. */
    state: {
      channel: state.channel,
      channels: state.channels,
      registrations: state.registrations,
      gateways: state.gateways,
      counts: state.counts,
    },

    /** Connects the configured nodes; `nodes` reads the database's enabled switch nodes. */
    async start(options: { log: EslLogger; nodes: () => Promise<NodeTarget[]> }) {
      log = options.log;
      loadNodes = options.nodes;
      started = true;
      await (reloading = reloading.then(reconcile));
    },

    /** Re-reads the node list and applies it to the live connections (added, changed, removed). */
    async reload() {
      if (!started) return;
      await (reloading = reloading.then(reconcile));
    },

    async stop() {
      started = false;
      await reloading;
      for (const client of clients.values()) {
        client.stop();
        state.clear(client.target.name);
      }
      clients.clear();
    },

    nodes(): NodeStatus[] {
      return [...clients.values()].map((c) => c.status()).sort((a, b) => a.name.localeCompare(b.name));
    },

    client: byName,

    connected: () => [...clients.values()].filter((c) => c.isConnected()),

    /** `api <command>` on one node. */
    async api(node: string, command: string): Promise<ApiResult> {
      const client = byName(node);
      if (!client) throw new EslUnavailableError(node);
      return client.api(command);
    },

    /** `api <command>` on every connected node; failures are reported per node, never thrown. */
    async broadcast(command: string): Promise<BroadcastResult[]> {
      return Promise.all(
        [...clients.values()]
          .filter((c) => c.isConnected())
          .map(async (c) => {
            try {
              return { node: c.target.name, result: await c.api(command) };
            } catch (err) {
              return { node: c.target.name, error: (err as Error).message };
            }
          }),
      );
    },

    /**
     * `sendevent <name>` with `headers` on every connected node (PRESENCE_IN for BLF lamps);
     * failures are reported per node, never thrown.
     */
    async sendEventEverywhere(name: string, headers: Record<string, string>): Promise<BroadcastResult[]> {
      return Promise.all(
        [...clients.values()]
          .filter((c) => c.isConnected())
          .map(async (c) => {
            try {
              return { node: c.target.name, result: await c.sendEvent(name, headers) };
            } catch (err) {
              return { node: c.target.name, error: (err as Error).message };
            }
          }),
      );
    },

    /** Re-reads `sofia xmlstatus` on every connected node. */
    async refreshGateways() {
      await Promise.all([...clients.values()].filter((c) => c.isConnected()).map(refreshGateways));
    },

  };
}
