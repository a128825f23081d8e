// What the app and the xml_curl listener thread say to each other over the worker's port. One
// port carries both answers and invalidations, in order, so an answer read before a change always
// reaches the thread before that change's invalidation does.
import type { FreeswitchHttpAccess } from '../../../config.ts';

export interface ThreadOptions {
  listen: { host: string; port: number };
  access: FreeswitchHttpAccess;
  /** FETCH_PARAMS' names: the fields a fetch is parsed for, and what its answer depends on. */
  fields: readonly string[];
  cache: { enabled: boolean; maxEntries: number };
  logLevel: string;
  /** How long a fetch waits for the app before it is answered `notFound`. */
  askTimeoutMs: number;
  /** The "not found" document. */
  notFound: Uint8Array;
}

/** From the thread. */
export type ThreadMessage =
  | { type: 'listening'; port: number }
  | { type: 'fetch'; id: number; section: string; params: Record<string, string> };

/** To the thread. `xml` is an exact-size copy, transferred rather than copied again. */
export type AppMessage =
  | { type: 'answer'; id: number; xml: Uint8Array | string; tags: readonly string[] }
  | { type: 'failed'; id: number }
  | { type: 'invalidate'; tags: readonly string[] }
  | { type: 'clear' }
  | { type: 'close' };
