// Files Switchyard writes for FreeSWITCH to read (greetings, music on hold), under MEDIA_DIR.
// Every path is built from checked segments, so no name can climb out of the directory, and a
// file appears whole or not at all (written aside, then renamed): FreeSWITCH may open it at any
// moment, from another node on shared storage too.
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { badRequest } from '../errors.ts';

/** A file or directory name: letters, digits and `._@+-`, not starting with a dot. */
const SEGMENT = /^[A-Za-z0-9_@+-][A-Za-z0-9._@+-]{0,127}$/;

export interface MediaStore {
  readonly root: string;
  /** The absolute path of `segments` under the root (what the rendered XML names). */
  pathOf(...segments: string[]): string;
  write(segments: string[], bytes: Uint8Array): Promise<string>;
  /** Removes a file or a directory with what it holds; one that is not there is fine. */
  remove(segments: string[]): Promise<void>;
  /** The names in a directory; none when it is not there. */
  list(segments: string[]): Promise<string[]>;
  /** Creates a directory (and its parents); one already there is fine. */
  makeDir(segments: string[]): Promise<string>;
  /** Moves a file or directory (a renamed music-on-hold class); nothing there moves nothing. */
  move(from: string[], to: string[]): Promise<void>;
}

export function createMediaStore(root: string): MediaStore {
  const pathOf = (...segments: string[]) => {
    for (const s of segments) if (!SEGMENT.test(s)) throw badRequest(`"${s.slice(0, 40)}" cannot name a stored file`);
    return join(root, ...segments);
  };
  return {
    root,
    pathOf,
    async write(segments, bytes) {
      const path = pathOf(...segments);
      await mkdir(dirname(path), { recursive: true });
      const aside = join(dirname(path), `.${randomUUID()}.part`);
      try {
        await writeFile(aside, bytes);
        await rename(aside, path);
      } catch (err) {
        await rm(aside, { force: true });
        throw err;
      }
      return path;
    },
    async remove(segments) {
      await rm(pathOf(...segments), { recursive: true, force: true });
    },
    async list(segments) {
      try {
        return (await readdir(pathOf(...segments))).filter((name) => !name.startsWith('.'));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw err;
      }
    },
    async makeDir(segments) {
      const path = pathOf(...segments);
      await mkdir(path, { recursive: true });
      return path;
    },
    async move(from, to) {
      const source = pathOf(...from);
      const target = pathOf(...to);
      await mkdir(dirname(target), { recursive: true });
      try {
        await rename(source, target);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    },
  };
}
