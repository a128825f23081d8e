// What xml_curl has already answered, per key ("dir:user:acme.test:1000", "dp:ctx:acme.test"),
// each entry labelled with the data it shows ("tenant:3", "extension:<uuid>", "routes:global").
// A change drops exactly the entries carrying one of its labels. Loads of the same key share one
// promise, and a load that started before an invalidation is answered but not kept, so a slow
// read can never put stale data back after the change that made it stale.

export interface Loaded<T> {
  value: T;
  tags: readonly string[];
}

export interface AnswerCache {
  get<T>(key: string, load: () => Promise<Loaded<T>>): Promise<T>;
  invalidate(tags: readonly string[]): void;
  clear(): void;
  readonly size: number;
}

interface Entry {
  value: unknown;
  tags: readonly string[];
}

/**
 * `key` as a string of its own. Keys are built from fields cut out of the request body, and V8
 * keeps a whole string alive behind any slice of it: without the copy every cached user would
 * hold on to the 1–8 KB body that first asked for it. (Concatenating makes a rope; slicing it
 * flattens the rope into a fresh string.)
 */
const ownCopy = (key: string) => ` ${key}`.slice(1);

export function createAnswerCache(options: { enabled: boolean; maxEntries: number }): AnswerCache {
  const entries = new Map<string, Entry>();
  const byTag = new Map<string, Set<string>>();
  const loading = new Map<string, Promise<unknown>>();
  let epoch = 0;

  function drop(key: string): void {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    for (const tag of entry.tags) {
      const keys = byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) byTag.delete(tag);
    }
  }

  function keep(key: string, entry: Entry): void {
    drop(key);
    // Oldest first: Map iteration follows insertion order.
    while (entries.size >= options.maxEntries) drop(entries.keys().next().value as string);
    entries.set(key, entry);
    for (const tag of entry.tags) {
      let keys = byTag.get(tag);
      if (!keys) byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
  }

  return {
    get<T>(key: string, load: () => Promise<Loaded<T>>): Promise<T> {
      if (!options.enabled) return load().then((l) => l.value);
      const hit = entries.get(key);
      if (hit) return Promise.resolve(hit.value as T);
      const pending = loading.get(key);
      if (pending) return pending as Promise<T>;
      const startedAt = epoch;
      const promise = load()
        .then((loaded) => {
          if (startedAt === epoch) keep(ownCopy(key), { value: loaded.value, tags: loaded.tags });
          return loaded.value;
        })
        .finally(() => {
          if (loading.get(key) === promise) loading.delete(key);
        });
      loading.set(key, promise);
      return promise;
    },

    invalidate(tags) {
      epoch++;
      loading.clear();
      for (const tag of tags) {
        const keys = byTag.get(tag);
        if (keys) for (const key of [...keys]) drop(key);
      }
    },

    clear() {
      epoch++;
      loading.clear();
      entries.clear();
      byTag.clear();
    },

    get size() {
      return entries.size;
    },
  };
}
