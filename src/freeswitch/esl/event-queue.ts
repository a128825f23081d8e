// Switch events whose handling writes the database (a toggle code dialled) are handled one at a
// time, in arrival order, off the event stream's synchronous delivery; the queue is bounded (an
// event arriving when it is full is dropped and logged) and a failing handler is logged.
import type { EslLogger } from './client.ts';

export function createEventQueue(log: EslLogger, what: string, max = 1000) {
  let queued = 0;
  let chain: Promise<void> = Promise.resolve();
  return {
    push(node: string, handle: () => Promise<void>) {
      if (queued >= max) return log.warn({ node }, `${what} queue full: event dropped`);
      queued++;
      chain = chain
        .then(handle)
        .catch((err: Error) => log.error({ node, err }, `${what} failed`))
        .finally(() => queued--);
    },
    /** Waits for the events already received. */
    idle: () => chain,
  };
}
