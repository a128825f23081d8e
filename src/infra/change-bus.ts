// Announces writes that change what FreeSWITCH is told (xml_curl answers, ESL cache flushes) and
// what a bearer token resolves to. Domain services publish after each such write; subscribers (the
// xml_curl cache, the ESL flusher, the bearer cache) react. This in-process bus serves one node; a PostgreSQL LISTEN/NOTIFY transport
// carries the same messages to every node.

export type ChangedEntity =
  | 'tenant'
  | 'extension'
  | 'provider'
  | 'route'
  | 'did'
  | 'call_block'
  | 'ring_group'
  | 'caller_id'
  | 'destination'
  | 'sip_profile'
  | 'switch_node'
  | 'time_condition'
  | 'ivr_menu'
  | 'follow_me'
  | 'call_flow'
  | 'conference'
  /** A voicemail box or its greetings (the id is the box's extension). */
  | 'voicemail'
  /** A music-on-hold class or its files (local_stream.conf; `streams` says which streams FreeSWITCH must start, stop or reload). */
  | 'music_on_hold'
  | 'call_queue'
  /** A trunk's host name resolved to other addresses (acl.conf). */
  | 'trunk_addresses'
  /** A user's or a role's access (token version, activity, roles, permissions): bearer caches drop it. */
  | 'user'
  | 'role'
  /** Anything may have changed (a node missed notices while its bus was reconnecting): drop every cache. */
  | 'resync';

export interface Change {
  entity: ChangedEntity;
  /** The tenant whose FreeSWITCH data changed; null for shared data (e.g. a global provider). */
  tenantId: number | null;
  id?: string | number;
  /** The tenant's domain, when known, so directory caches can drop exactly its keys. */
  domain?: string;
  /** mod_local_stream streams the change started, stopped or changed (music_on_hold). */
  streams?: StreamChanges;
}

export interface StreamChanges {
  started: string[];
  stopped: string[];
  reloaded: string[];
}

export type ChangeListener = (change: Change) => void;

export interface ChangeBus {
  publish(change: Change): Promise<void>;
  subscribe(listener: ChangeListener): () => void;
}

export function createLocalChangeBus(): ChangeBus & { deliver(change: Change): void } {
  const listeners = new Set<ChangeListener>();
  const deliver = (change: Change) => {
    for (const listener of listeners) listener(change);
  };
  return {
    deliver,
    async publish(change) {
      deliver(change);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
