// acl.conf needs addresses, and a trunk may name its host. Rendering used to resolve every name
// while FreeSWITCH waited (420 trunks took 42 s; FreeSWITCH gives up after 2 s). Names are now
// resolved in the background, a few at a time, each bounded by a timeout, and kept for a while:
// a fetch renders with what is known, and when a name's addresses change the owner is told
// (onChange), so acl.conf is rendered again and FreeSWITCH told to reload it.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

export interface TrunkAddressesOptions {
  /** Tells that some name resolved to other addresses than before. */
  onChange(): void;
  log: { warn(obj: object, msg: string): void };
  resolve?: (host: string) => Promise<string[]>;
  timeoutMs?: number;
  /** How long an answer is kept before the name is asked again (a failure: a tenth of it). */
  ttlMs?: number;
  /** Lookups at once: getaddrinfo takes a thread of libuv's pool, which password hashing needs too. */
  concurrency?: number;
}

interface Entry {
  addresses: string[];
  /** When to ask again; 0 while a lookup is under way. */
  refreshAt: number;
}

const systemResolve = async (host: string) => (await lookup(host, { all: true })).map((a) => a.address);

export function createTrunkAddresses(options: TrunkAddressesOptions) {
  const { onChange, log, resolve = systemResolve, timeoutMs = 2000, ttlMs = 300_000, concurrency = 2 } = options;
  const entries = new Map<string, Entry>();
  const waiting: string[] = [];
  let running = 0;

  function withTimeout(host: string): Promise<string[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    return Promise.race([resolve(host), timeout]).finally(() => clearTimeout(timer));
  }

  async function run(host: string): Promise<void> {
    const entry = entries.get(host);
    if (!entry) return; // no longer a trunk's host
    let addresses = entry.addresses;
    let ttl = ttlMs;
    try {
      addresses = [...new Set(await withTimeout(host))].sort();
    } catch (err) {
      log.warn({ host, err: (err as Error).message }, 'acl.conf: trunk host does not resolve; its previous addresses (if any) stay');
      ttl = ttlMs / 10;
    }
    const current = entries.get(host);
    if (!current) return;
    const changed = addresses.join() !== current.addresses.join();
    entries.set(host, { addresses, refreshAt: Date.now() + ttl });
    if (changed) onChange();
  }

  function pump(): void {
    while (running < concurrency && waiting.length > 0) {
      const host = waiting.shift()!;
      running++;
      void run(host).finally(() => {
        running--;
        pump();
      });
    }
  }

  return {
    /**
     * The addresses of each host as known now (an address is its own); names not known yet, or
     * due for a refresh, are looked up in the background. Names not in `hosts` are forgotten.
     */
    addressesOf(hosts: readonly string[]): string[] {
      const wanted = new Set(hosts.filter((h) => !isIP(h)));
      for (const host of entries.keys()) if (!wanted.has(host)) entries.delete(host);
      const now = Date.now();
      for (const host of wanted) {
        const entry = entries.get(host);
        if (entry && (entry.refreshAt === 0 || entry.refreshAt > now)) continue;
        entries.set(host, { addresses: entry?.addresses ?? [], refreshAt: 0 });
        waiting.push(host);
      }
      pump();
      return hosts.flatMap((h) => (isIP(h) ? [h] : (entries.get(h)?.addresses ?? [])));
    },
    /** Resolves when no lookup is waiting or under way (tests, start-up warm-up). */
    async settled(): Promise<void> {
      while (running > 0 || waiting.length > 0) await new Promise((r) => setTimeout(r, 10));
    },
  };
}

export type TrunkAddresses = ReturnType<typeof createTrunkAddresses>;
