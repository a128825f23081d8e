// The rules of xml_curl's answer cache: what a change drops, what it leaves, and that a read
// already under way when a change lands is answered but never kept.
import { describe, expect, it } from 'vitest';
import { createAnswerCache, type AnswerCache, type Loaded } from '../../../src/freeswitch/xml-curl/answer-cache.ts';

/** A loader that counts its calls and answers `value` with `tags`. */
function loader(value: string, tags: string[]) {
  const load = async (): Promise<Loaded<string>> => {
    load.calls++;
    return { value, tags };
  };
  load.calls = 0;
  return load;
}

/** The value under `key`, without its labels. */
const valueOf = async (cache: AnswerCache, key: string, load: () => Promise<Loaded<string>>) => (await cache.get(key, load)).value;

/** Loads `key` with a read that `change` overtakes: the change lands while the read is under way. */
async function overtaken(cache: AnswerCache, key: string, value: string, tags: string[], change: () => void): Promise<string> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const answer = valueOf(cache, key, async () => (await released, { value, tags }));
  change();
  release();
  return answer;
}

describe('the xml_curl answer cache', () => {
  const cache = () => createAnswerCache({ enabled: true, maxEntries: 100 });

  it('answers a key from memory until a change touches one of its labels', async () => {
    const c = cache();
    const load = loader('v1', [`tenant:${3}`, 'extension:a']);
    expect(await valueOf(c, 'k', load)).toBe('v1');
    expect(await valueOf(c, 'k', load)).toBe('v1');
    expect(load.calls).toBe(1);
    c.invalidate(['tenant:4', 'extension:b']);
    await c.get('k', load);
    expect(load.calls).toBe(1);
    c.invalidate(['extension:a']);
    await c.get('k', load);
    expect(load.calls).toBe(2);
    c.clear();
    await c.get('k', load);
    expect(load.calls).toBe(3);
  });

  it('shares one load between callers of the same key', async () => {
    const c = cache();
    const load = loader('v', ['x']);
    expect(await Promise.all([valueOf(c, 'k', load), valueOf(c, 'k', load)])).toEqual(['v', 'v']);
    expect(load.calls).toBe(1);
  });

  it('answers, but does not keep, a load that a change overtook', async () => {
    const c = cache();
    expect(await overtaken(c, 'k', 'old', ['extension:a'], () => c.invalidate(['extension:a']))).toBe('old');
    const load = loader('new', ['extension:a']);
    expect(await valueOf(c, 'k', load)).toBe('new');
    expect(load.calls).toBe(1);
  });

  it('keeps a load that only an unrelated change overtook, and not one a clear overtook', async () => {
    const c = cache();
    await overtaken(c, 'k', 'v', ['extension:a'], () => c.invalidate(['extension:b']));
    const again = loader('reloaded', ['extension:a']);
    expect(await valueOf(c, 'k', again)).toBe('v');

    expect(await overtaken(c, 'other', 'before clear', ['extension:a'], () => c.clear())).toBe('before clear');
    expect(await valueOf(c, 'other', loader('after clear', []))).toBe('after clear');
  });

  it('holds at most maxEntries, dropping the oldest', async () => {
    const c = createAnswerCache({ enabled: true, maxEntries: 2 });
    const loads = ['a', 'b', 'c'].map((v) => loader(v, []));
    for (const [i, load] of loads.entries()) await c.get(`k${i}`, load);
    await c.get('k2', loads[2]);
    await c.get('k1', loads[1]);
    expect(loads.map((l) => l.calls)).toEqual([1, 1, 1]);
    await c.get('k0', loads[0]);
    expect(loads[0].calls).toBe(2);
  });

  it('reads through when disabled', async () => {
    const c = createAnswerCache({ enabled: false, maxEntries: 100 });
    const load = loader('v', []);
    await c.get('k', load);
    await c.get('k', load);
    expect(load.calls).toBe(2);
  });

  it('tells a caller the labels of what it was answered from: loaded, shared with a load under way, kept, or uncached', async () => {
    const c = cache();
    const tags = ['tenant:3', 'extension:a'];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const loading = c.get('k', async () => (await released, { value: 'v', tags }));
    const sharing = c.get('k', loader('other', ['tenant:9']));
    release();
    const answered = (read: Loaded<string>) => ({ value: read.value, tags: [...read.tags] });
    expect([answered(await loading), answered(await sharing)]).toEqual([{ value: 'v', tags }, { value: 'v', tags }]);
    expect(answered(await c.get('k', loader('other', ['tenant:9'])))).toEqual({ value: 'v', tags });
    const uncached = await createAnswerCache({ enabled: false, maxEntries: 100 }).get('k', loader('v', tags));
    expect(answered(uncached)).toEqual({ value: 'v', tags });
  });
});
