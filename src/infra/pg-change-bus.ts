// The change bus across nodes sharing one PostgreSQL database: publish delivers to this node at
// once and NOTIFYs the others; a dedicated connection LISTENs and delivers what other nodes
// publish. When that connection drops, it reconnects with a growing delay and then delivers a
// `resync`, since notices sent while it was away are lost and caches must not trust them.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createLocalChangeBus, type Change, type ChangeBus } from './change-bus.ts';

export const CHANGE_CHANNEL = 'switchyard_changes';
/** How the listening connection shows in pg_stat_activity. */
export const LISTENER_NAME = 'switchyard-change-bus';

interface Logger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface PgChangeBusOptions {
  url: string;
  log: Logger;
  channel?: string;
  /** First reconnect delay; doubles up to maxDelayMs. */
  retryDelayMs?: number;
  maxDelayMs?: number;
}

export interface PgChangeBus extends ChangeBus {
  close(): Promise<void>;
}

interface Notice {
  origin: string;
  change: Change;
}

export async function createPgChangeBus({ url, log, channel = CHANGE_CHANNEL, retryDelayMs = 250, maxDelayMs = 10_000 }: PgChangeBusOptions): Promise<PgChangeBus> {
  const local = createLocalChangeBus();
  const origin = randomUUID();
  const publisher = new pg.Pool({ connectionString: url, max: 2 });
  publisher.on('error', (err) => log.warn({ err: err.message }, 'change bus: idle publisher connection failed'));
  let listener: pg.Client | null = null;
  let closing = false;
  let timer: NodeJS.Timeout | undefined;
  let delay = retryDelayMs;

  function onNotification(message: pg.Notification): void {
    if (message.channel !== channel || !message.payload) return;
    let notice: Notice;
    try {
      notice = JSON.parse(message.payload) as Notice;
    } catch {
      log.warn({ channel }, 'change bus: ignoring a notice that is not JSON');
      return;
    }
    if (notice.origin !== origin && notice.change?.entity) local.deliver(notice.change);
  }

  async function listen(): Promise<void> {
    const client = new pg.Client({ connectionString: url, application_name: LISTENER_NAME });
    client.on('notification', onNotification);
    client.on('error', (err) => {
      log.warn({ err: err.message }, 'change bus: listening connection failed; reconnecting');
      lost(client);
    });
    client.on('end', () => lost(client));
    await client.connect();
    await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
    listener = client;
  }

  function lost(client: pg.Client): void {
    if (listener !== client || closing) return;
    listener = null;
    client.removeAllListeners('notification');
    client.end().catch(() => {});
    schedule();
  }

  function schedule(): void {
    if (closing || timer) return;
    timer = setTimeout(async () => {
      timer = undefined;
      try {
        await listen();
        delay = retryDelayMs;
        local.deliver({ entity: 'resync', tenantId: null });
      } catch (err) {
        log.warn({ err: (err as Error).message, retryInMs: delay }, 'change bus: reconnect failed');
        delay = Math.min(delay * 2, maxDelayMs);
        schedule();
      }
    }, delay);
  }

  await listen();

  return {
    subscribe: local.subscribe,
    async publish(change) {
      local.deliver(change);
      try {
        await publisher.query('SELECT pg_notify($1, $2)', [channel, JSON.stringify({ origin, change } satisfies Notice)]);
      } catch (err) {
        // The write is done; the other nodes resync when their own connections recover.
        log.error({ err: (err as Error).message, entity: change.entity }, 'change bus: could not notify other nodes');
      }
    },
    async close() {
      closing = true;
      clearTimeout(timer);
      const client = listener;
      listener = null;
      await Promise.allSettled([client?.end(), publisher.end()]);
    },
  };
}
