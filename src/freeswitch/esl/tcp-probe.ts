// Whether a node accepts TCP connections, without speaking to it. While a node is down the client
// knocks with this at a steady short interval instead of backing off: a refused connection costs
// the node nothing, and after a FreeSWITCH restart (its Event Socket refuses connections until the
// core is up, then accepts at once) the link is back within one interval.
import { connect } from 'node:net';

export interface TcpProbe {
  cancel(): void;
}

/** Calls `done(null)` once the port accepts a connection (closed at once), or `done(reason)`. */
export function probeTcp(host: string, port: number, timeoutMs: number, done: (failure: string | null) => void): TcpProbe {
  const socket = connect({ host, port });
  let settled = false;
  const finish = (failure: string | null) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    socket.destroy();
    done(failure);
  };
  const timer = setTimeout(() => finish('connect timed out'), timeoutMs);
  socket.once('connect', () => finish(null));
  socket.once('error', (err) => finish(err.message));
  socket.once('close', () => finish('connection closed'));
  return {
    cancel() {
      settled = true;
      clearTimeout(timer);
      socket.destroy();
    },
  };
}
