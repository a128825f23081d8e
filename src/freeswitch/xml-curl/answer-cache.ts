// What xml_curl has already answered, per key ("dir:user:acme.test:1000", "dp:ctx:acme.test"),
// each entry labelled with the data it shows ("tenant:3", "extension:<uuid>", "routes:global").
// A change invalidates labels: it stamps each with the time on the cache's own clock, and an entry
// loaded before the latest stamp of one of its labels is stale. Staleness is checked when an entry
// is read, so there is no index from label to keys to keep (with 10,000 users that index was a Set
// per extension, a third of the objects the garbage collector had to walk for the cache). Loads of
// the same key share one promise, and a load that started before an invalidation of its labels is
// answered but not kept, so a slow read can never put stale data back after the change.
// A read answers the value with the labels of what it was read from: the xml_curl listener thread
// keeps whole answers in a cache of its own, labelled the same way. A hit answers the entry itself,
// so a caller that only wants the value pays nothing for the labels.

export interface Loaded<T> {
  value: T;
  tags: readonly string[];
}

export interface AnswerCache {
  /** The value under `key` and its labels, loaded when missing or stale. A hit is the entry itself: never change it. */
  get<T>(key: string, load: () => Promise<Loaded<T>>): Promise<Loaded<T>>;
  /** Keeps the entry under `key` under `alias` too (one entry: stale for both at once). */
  alias(alias: string, key: string): void;
  invalidate(tags: readonly string[]): void;
  clear(): void;
}

interface Entry {
  value: unknown;
  tags: readonly string[];
  /** The clock when its load started. */
  loadedAt: number;
}

/**
 * `text` as one flat string of its own. Keys and labels are concatenated from fields cut out of
 * the request body or read from the database; V8 keeps such strings as ropes of slices, which hold
 * on to the whole 1–8 KB body that first asked and cost the collector several objects instead of one.
 */
const ownCopy = (text: string) => Buffer.from(text, 'utf8').toString('utf8');

export function createAnswerCache(options: { enabled: boolean; maxEntries: number }): AnswerCache {
  const entries = new Map<string, Entry>();
  const loading = new Map<string, Promise<Loaded<unknown>>>();
  /** The latest invalidation of each label, on `clock`. */
  const invalidatedAt = new Map<string, number>();
  /** One copy of each label, shared by the entries that carry it ("tenant:3" by 100 users). */
  const labels = new Map<string, string>();
  let clock = 0;
  let clearedAt = 0;

  function fresh(entry: Entry): boolean {
    if (entry.loadedAt < clearedAt) return false;
    for (const tag of entry.tags) if ((invalidatedAt.get(tag) ?? 0) > entry.loadedAt) return false;
    return true;
  }

  function label(tag: string): string {
    let shared = labels.get(tag);
    if (shared === undefined) {
      // Labels of deleted rows stay here; past a bound, start sharing afresh.
      if (labels.size >= options.maxEntries) labels.clear();
      labels.set((shared = ownCopy(tag)), shared);
    }
    return shared;
  }

  function keep(key: string, entry: Entry): void {
    entries.delete(key);
    // Oldest first: Map iteration follows insertion order.
    while (entries.size >= options.maxEntries) entries.delete(entries.keys().next().value as string);
    entries.set(ownCopy(key), entry);
  }

  function clear(): void {
    clearedAt = ++clock;
    loading.clear();
    entries.clear();
    invalidatedAt.clear();
    labels.clear();
  }

  /** Loads `key` once for every caller asking meanwhile, and keeps it unless a change overtook it. */
  function loadEntry<T>(key: string, load: () => Promise<Loaded<T>>): Promise<Loaded<unknown>> {
    const loadedAt = clock;
    const promise = load()
      .then((loaded) => {
        const entry: Entry = { value: loaded.value, tags: loaded.tags.map(label), loadedAt };
        if (fresh(entry)) keep(key, entry);
        return entry;
      })
      .finally(() => {
        if (loading.get(key) === promise) loading.delete(key);
      });
    loading.set(key, promise);
    return promise;
  }

  return {
    get<T>(key: string, load: () => Promise<Loaded<T>>): Promise<Loaded<T>> {
      const hit = options.enabled ? entries.get(key) : undefined;
      if (hit) {
        if (fresh(hit)) return Promise.resolve(hit as Loaded<T>);
        entries.delete(key);
      }
      if (!options.enabled) return load();
      return (loading.get(key) ?? loadEntry(key, load)) as Promise<Loaded<T>>;
    },

    alias(alias, key) {
      const entry = options.enabled ? entries.get(key) : undefined;
      if (entry && fresh(entry)) keep(alias, entry);
    },

    invalidate(tags) {
      // The stamps of deleted rows' labels would pile up forever; past a bound, forgetting
      // everything once is cheaper than keeping them.
      if (invalidatedAt.size + tags.length > options.maxEntries) return clear();
      const now = ++clock;
      // A load already under way for any key may read data from before this change.
      loading.clear();
      for (const tag of tags) invalidatedAt.set(ownCopy(tag), now);
    },

    clear,
  };
}
