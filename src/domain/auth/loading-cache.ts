// A bounded map of loads that expire: what resolving a token reads, kept between requests.
// Concurrent requests for a key share one load. A key deleted while its load is in flight is not
// refilled by that load: its result may predate the write that deleted it.

export interface LoadingCacheOptions<K, V> {
  load(key: K): Promise<V>;
  /** How long a loaded value is used; the safety net should an invalidation never arrive. */
  ttlMs: number;
  /** Beyond this many keys the oldest loaded goes first. */
  maxEntries: number;
  now?: () => number;
}

interface Entry<V> {
  value: Promise<V>;
  loadedAt: number;
  /** Set once the load succeeds, for deleteWhere. */
  settled?: { value: V };
}

export interface LoadingCache<K, V> {
  get(key: K): Promise<V>;
  delete(key: K): void;
  /** Deletes the entries whose loaded value matches, and every entry still loading. */
  deleteWhere(matches: (value: V) => boolean): void;
  clear(): void;
  readonly size: number;
}

export function createLoadingCache<K, V>({ load, ttlMs, maxEntries, now = Date.now }: LoadingCacheOptions<K, V>): LoadingCache<K, V> {
  const entries = new Map<K, Entry<V>>();

  function fill(key: K, at: number): Promise<V> {
    const entry: Entry<V> = { value: load(key), loadedAt: at };
    entries.set(key, entry);
    // Map keeps insertion order, so the first key is the oldest load.
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value as K);
    entry.value.then(
      (value) => void (entry.settled = { value }),
      () => entries.get(key) === entry && entries.delete(key),
    );
    return entry.value;
  }

  return {
    get(key) {
      const at = now();
      const entry = entries.get(key);
      if (entry && at - entry.loadedAt < ttlMs) return entry.value;
      if (entry) entries.delete(key);
      return fill(key, at);
    },
    delete: (key) => void entries.delete(key),
    deleteWhere(matches) {
      for (const [key, entry] of entries) if (!entry.settled || matches(entry.settled.value)) entries.delete(key);
    },
    clear: () => entries.clear(),
    get size() {
      return entries.size;
    },
  };
}
