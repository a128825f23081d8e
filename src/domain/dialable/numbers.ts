// Everything a caller can dial inside a tenant shares one number space: extensions now, and ring
// groups, IVR menus, queues, conference rooms as their modules arrive, and the feature codes. Each
// module registers a source here; creating or renumbering anything dialable asks `conflicts`, so a
// number is never taken twice across kinds.
import { conflict } from '../../errors.ts';

export interface DialableConflict {
  /** The kind of thing holding the number: extension, feature_code, ring_group, ... */
  type: string;
  id: string | number;
}

export interface DialableSource {
  type: string;
  /** Which of `numbers` this source holds in the tenant, with the holder's id. */
  holding(tenantId: number, numbers: readonly string[]): Promise<{ number: string; id: string | number }[]>;
  /** Every number this source holds in the tenant (next_available scans these). */
  all(tenantId: number): Promise<string[]>;
}

export interface DialableNumbers {
  register(source: DialableSource): void;
  /** Who holds `number` in the tenant, leaving out `except` (the object being renumbered). */
  conflicts(tenantId: number, number: string, except?: DialableConflict): Promise<DialableConflict[]>;
  /** Throws 409 naming who holds `number` in the tenant, leaving out `except`. */
  assertFree(tenantId: number, number: string, except?: DialableConflict): Promise<void>;
  /** The lowest free number of `start` or more, at most `max`; null when all are taken. */
  nextAvailable(tenantId: number, start: number, max?: number): Promise<string | null>;
}

/** The feature codes register first (domain/feature-codes/catalogue.ts), then each module's numbers. */
export function createDialableNumbers(sources: DialableSource[] = []): DialableNumbers {
  const registered = [...sources];
  async function conflicts(tenantId: number, number: string, except?: DialableConflict): Promise<DialableConflict[]> {
    const found = await Promise.all(
      registered.map(async (source) =>
        (await source.holding(tenantId, [number])).map((h) => ({ type: source.type, id: h.id })),
      ),
    );
    return found.flat().filter((c) => !(except && c.type === except.type && String(c.id) === String(except.id)));
  }
  return {
    register(source) {
      registered.push(source);
    },
    conflicts,
    async assertFree(tenantId, number, except) {
      const taken = await conflicts(tenantId, number, except);
      if (taken.length) throw conflict(`Number ${number} is already in use (${taken.map((c) => c.type).join(', ')})`);
    },
    async nextAvailable(tenantId, start, max = 9_999_999_999) {
      const taken = new Set((await Promise.all(registered.map((s) => s.all(tenantId)))).flat());
      for (let n = start; n <= max; n++) if (!taken.has(String(n))) return String(n);
      return null;
    },
  };
}
