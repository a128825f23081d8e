import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMediaStore } from '../../src/infra/media-store.ts';

describe('media store', () => {
  const root = mkdtempSync(join(tmpdir(), 'switchyard-media-'));
  const store = createMediaStore(root);

  it('writes a file whole under the root, lists and removes it', async () => {
    const path = await store.write(['voicemail', 't1.example.com', '1001', 'greeting_1.wav'], Buffer.from('abc'));
    expect(path).toBe(join(root, 'voicemail', 't1.example.com', '1001', 'greeting_1.wav'));
    expect(readFileSync(path, 'utf8')).toBe('abc');
    expect(readdirSync(join(root, 'voicemail', 't1.example.com', '1001'))).toEqual(['greeting_1.wav']);
    expect(await store.list(['voicemail', 't1.example.com', '1001'])).toEqual(['greeting_1.wav']);
    await store.remove(['voicemail', 't1.example.com']);
    expect(await store.list(['voicemail', 't1.example.com', '1001'])).toEqual([]);
  });

  it('makes a directory, and moves one with its files (nothing there moves nothing)', async () => {
    const dir = await store.makeDir(['music', 'u1', 'jazz', '8000']);
    expect(readdirSync(dir)).toEqual([]);
    await store.write(['music', 'u1', 'jazz', '8000', 'a.wav'], Buffer.from('a'));
    await store.move(['music', 'u1', 'jazz', '8000'], ['music', 'u1', 'blues', '16000']);
    expect(await store.list(['music', 'u1', 'blues', '16000'])).toEqual(['a.wav']);
    expect(await store.list(['music', 'u1', 'jazz', '8000'])).toEqual([]);
    await store.move(['music', 'u1', 'none'], ['music', 'u1', 'other']);
    expect(await store.list(['music', 'u1'])).toEqual(['blues', 'jazz']);
    await expect(store.move(['music', 'u1', 'blues'], ['..', 'x'])).rejects.toMatchObject({ statusCode: 400 });
  });

  it.each(['..', '.hidden', 'a/b', 'a\\b', '', 'x'.repeat(129), 'nul\0']) ('refuses the segment %j with a 400', async (segment) => {
    await expect(store.write(['music', segment], Buffer.from('x'))).rejects.toMatchObject({ statusCode: 400 });
    expect(() => store.pathOf('music', segment)).toThrow(expect.objectContaining({ statusCode: 400 }));
  });
});
