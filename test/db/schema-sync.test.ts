// The one schema stays the source of truth: the PostgreSQL twin is derived from it, and every
// change to it comes with a migration (the snapshot beside the migrations is the schema they build).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prismaPaths } from '../../src/db/migrations.ts';
import { postgresTwin } from '../../scripts/db-generate.ts';

describe('prisma schema', () => {
  it('the PostgreSQL schema is the generated twin of prisma/schema.prisma', () => {
    expect(readFileSync(prismaPaths.postgresql.schema, 'utf8')).toBe(postgresTwin(readFileSync(prismaPaths.sqlite.schema, 'utf8')));
  });

  it.each(['sqlite', 'postgresql'] as const)('the %s migrations build the current schema (npm run db:migration after a change)', (provider) => {
    const { schema, migrations } = prismaPaths[provider];
    expect(readFileSync(`${migrations}/schema.snapshot.prisma`, 'utf8')).toBe(readFileSync(schema, 'utf8'));
  });
});
