// GraphiQL's page and assets as app.inject sees them: everything the page loads is served by
// Switchyard from the lockfile's packages, nothing else is, and GRAPHIQL=false serves none of it.
// (test/browser/ runs the page in Chromium.) The database plays no part: SQLite only.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';

const sqlite = databaseKinds.find((kind) => kind.name === 'sqlite')!;
const require = createRequire(import.meta.url);

/** Every URL in the page's src and href attributes. */
const referencesOf = (html: string) => [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]);

describe('GraphiQL at /graphiql', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(sqlite);
  });
  afterAll(() => t?.close());

  it('is a public page that loads only files of its own, by relative URLs', async () => {
    const res = await t.api('GET', '/graphiql');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const references = referencesOf(res.body).filter((url) => !url.startsWith('data:'));
    expect(references.sort()).toEqual([
      'graphiql/assets/graphiql.min.css',
      'graphiql/assets/graphiql.min.js',
      'graphiql/assets/react-dom.production.min.js',
      'graphiql/assets/react.production.min.js',
      'graphiql/assets/switchyard-graphiql.css',
      'graphiql/assets/switchyard-graphiql.js',
    ]);
    expect(res.body).not.toMatch(/https?:\/\//);
    for (const url of references) {
      const asset = await t.api('GET', `/${url}`);
      expect(asset.statusCode, url).toBe(200);
      expect(asset.headers['content-type'], url).toMatch(url.endsWith('.css') ? /^text\/css/ : /^(application|text)\/javascript/);
    }
  });

  it('serves GraphiQL and React as the lockfile installed them', async () => {
    const graphiql = await t.api('GET', '/graphiql/assets/graphiql.min.js');
    expect(graphiql.body).toBe(readFileSync(join(dirname(require.resolve('graphiql/package.json')), 'graphiql.min.js'), 'utf8'));
    const react = await t.api('GET', '/graphiql/assets/react.production.min.js');
    expect(react.body).toContain(`version="${require('react/package.json').version}"`);
  });

  it('answers 304 to a browser that has an asset already', async () => {
    const first = await t.api('GET', '/graphiql/assets/graphiql.min.css');
    const again = await t.api('GET', '/graphiql/assets/graphiql.min.css', { headers: { 'if-none-match': first.headers.etag as string } });
    expect(again.statusCode).toBe(304);
  });

  it('serves no other file of those folders', async () => {
    for (const url of ['/graphiql/assets/package.json', '/graphiql/assets/index.html', '/graphiql/assets/../package.json', '/graphiql/assets/%2e%2e/package.json', '/graphiql/index.html', '/graphiql/main.js', '/graphiql/config.js']) {
      expect((await t.api('GET', url)).statusCode, url).toBe(404);
    }
  });

  it('hands each page a fresh style nonce, which its policy allows, and no one caches', async () => {
    const nonceOf = (res: { body: string }) => /<meta name="sy-style-nonce" content="([0-9a-f]{32})">/.exec(res.body)?.[1];
    const [a, b] = [await t.api('GET', '/graphiql'), await t.api('GET', '/graphiql')];
    expect(nonceOf(a)).toBeTruthy();
    expect(nonceOf(a)).not.toBe(nonceOf(b));
    const styleSrc = (a.headers['content-security-policy'] as string).split(';').find((d) => d.startsWith('style-src '));
    expect(styleSrc).toContain(`'nonce-${nonceOf(a)}'`);
    expect(a.headers['cache-control']).toBe('no-store');
  });
});

describe('GRAPHIQL=false', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(sqlite, { GRAPHIQL: 'false' });
  });
  afterAll(() => t?.close());

  it('serves neither the page nor its assets, and GraphQL still answers', async () => {
    expect((await t.api('GET', '/graphiql')).statusCode).toBe(404);
    expect((await t.api('GET', '/graphiql/assets/graphiql.min.js')).statusCode).toBe(404);
    expect((await t.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });
});
