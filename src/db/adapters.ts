// The Prisma driver adapter for a database URL: better-sqlite3 for `file:` URLs, pg for
// `postgres://`. No native query engine either way.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { Provider } from './migrations.ts';

export function providerOf(url: string): Provider {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgresql' : 'sqlite';
}

function sqlitePath(url: string): string {
  const path = url.replace(/^file:(\/\/)?/, '').split('?')[0];
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  return path;
}

export function adapterFor(provider: Provider, url: string) {
  if (provider === 'sqlite') return new PrismaBetterSqlite3({ url: sqlitePath(url), timeout: 5000 });
  return new PrismaPg({ connectionString: url, max: 10 });
}
