// GraphiQL at /graphiql, served whole by Switchyard: the page and its small script come from
// public/graphiql/, GraphiQL and React from their npm packages in the lockfile (the UMD builds,
// which need no bundler). Nothing is fetched from anywhere else, so the page works on a network
// without internet and under the app's self-only Content-Security-Policy. Only the files named
// here are served. The page and its assets are public: they grant nothing.
//
// GraphiQL's menus and dialogs lock the page's scroll with a <style> element whose text depends
// on the window (react-remove-scroll), so no hash can allow it: each page carries a fresh nonce
// in its Content-Security-Policy's style-src, handed to that library as `__webpack_nonce__`.
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const pageDir = resolve(import.meta.dirname, '../../../public/graphiql');

/** Each asset the page loads, by the name it asks for: [folder, file in it]. */
const ASSETS: [name: string, root: string, file: string][] = [
  ['react.production.min.js', packageDir('react'), 'umd/react.production.min.js'],
  ['react-dom.production.min.js', packageDir('react-dom'), 'umd/react-dom.production.min.js'],
  ['graphiql.min.js', packageDir('graphiql'), 'graphiql.min.js'],
  ['graphiql.min.css', packageDir('graphiql'), 'graphiql.min.css'],
  ['switchyard-graphiql.js', pageDir, 'switchyard-graphiql.js'],
  ['switchyard-graphiql.css', pageDir, 'switchyard-graphiql.css'],
];

const NONCE = '{{style-nonce}}';

export default async function graphiql(app: FastifyInstance) {
  const [before, after] = readFileSync(join(pageDir, 'index.html'), 'utf8').split(NONCE);
  // A config object per route: @fastify/helmet writes a route's own options into it.
  const options = () => ({ config: { auth: 'public' as const }, schema: { hide: true } });
  app.get('/graphiql', { ...options(), helmet: { enableCSPNonces: true } }, (_request, reply) =>
    reply
      .header('content-type', 'text/html; charset=utf-8')
      // A nonce is good for one answer only.
      .header('cache-control', 'no-store')
      .send(before + reply.cspNonce.style + after),
  );
  // reply.sendFile (ETag, Last-Modified, 304s) without serving any folder as a whole.
  await app.register(fastifyStatic, { root: pageDir, serve: false });
  for (const [name, root, file] of ASSETS) {
    app.get(`/graphiql/assets/${name}`, options(), (_request, reply) => reply.sendFile(file, root));
  }
}
