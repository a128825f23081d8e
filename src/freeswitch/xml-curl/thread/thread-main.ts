// Runs inside the xml_curl listener thread. It answers FreeSWITCH from a small heap of its own:
// every answer the app has rendered is kept here whole, under the fields of the fetch, with the
// labels of the data it shows; a miss is asked of the app, and the app's changes invalidate by
// label. The app's heap (every route, GraphQL, Prisma: about 50 MB before the first request)
// is then never marked while a fetch waits; a major GC here marks a few MB. A miss the app does
// not answer within ASK_TIMEOUT_MS is answered "not found" (FreeSWITCH falls back to its own
// files), and the app's late answer is dropped.
import { parentPort, workerData } from 'node:worker_threads';
import Fastify from 'fastify';
import { redactPaths } from '../../../logging.ts';
import { setErrorReplies } from '../../../error-replies.ts';
import { createAnswerCache, type AnswerCache, type Loaded } from '../answer-cache.ts';
import { followUpOf } from '../directory/follow-up-fetches.ts';
import { registerFetchRoutes } from '../fetch-routes.ts';
import { FormFields, type FetchParams } from '../form-body.ts';
import type { Xml } from '../xml.ts';
import type { AppMessage, ThreadMessage, ThreadOptions } from './messages.ts';

const options = workerData as ThreadOptions;
const port = parentPort!;
const send = (message: ThreadMessage) => port.postMessage(message);
const fields = new FormFields(options.fields);
const notFound: Xml = Buffer.from(options.notFound);

/** The app did not answer a fetch within ASK_TIMEOUT_MS. */
class AppTooSlow extends Error {}

interface Asked {
  resolve(loaded: Loaded<Xml>): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}
const asked = new Map<number, Asked>();
let lastId = 0;

function askApp(section: string, params: FetchParams): Promise<Loaded<Xml>> {
  return new Promise((resolve, reject) => {
    const id = ++lastId;
    const timer = setTimeout(() => {
      asked.delete(id);
      app.log.warn({ section, timeoutMs: options.askTimeoutMs }, 'xml_curl: the app did not answer in time; answered not found');
      reject(new AppTooSlow());
    }, options.askTimeoutMs);
    asked.set(id, { resolve, reject, timer });
    send({ type: 'fetch', id, section, params });
  });
}

/** The pending ask `id`, now settled; none for an answer that came after its timeout. */
function settle(id: number): Asked | undefined {
  const pending = asked.get(id);
  if (!pending) return undefined;
  asked.delete(id);
  clearTimeout(pending.timer);
  return pending;
}

const documentOf = (loaded: Loaded<Xml>) => loaded.value;
/** "Not found" for a fetch the app was too slow for; never kept, so the next fetch asks again. */
function notFoundIfTooSlow(err: unknown): Xml {
  if (err instanceof AppTooSlow) return notFound;
  throw err;
}

/**
 * Directory and configuration answers are as many as the users, domains and files they show. A
 * dialplan answer is keyed by the number dialled, which has no bound, so only the latest
 * DIALPLAN_ANSWERS of them are kept; the app keeps each context compiled for the rest.
 */
const DIALPLAN_ANSWERS = 10_000;
const caches = new Map<string, AnswerCache>([
  ['directory', createAnswerCache(options.cache)],
  ['configuration', createAnswerCache(options.cache)],
  ['dialplan', createAnswerCache({ ...options.cache, maxEntries: Math.min(options.cache.maxEntries, DIALPLAN_ANSWERS) })],
]);

/** A fetch's answer depends on its section and the fields it was parsed for, nothing else. */
function keyOf(section: string, params: FetchParams): string {
  return JSON.stringify([section, ...fields.names.map((name) => params[name] ?? null)]);
}

// The routes log at 'warn' whatever the app's level, so a silent app means no logger at all.
const logger = options.logLevel === 'silent' ? false : { level: options.logLevel, redact: { paths: redactPaths, censor: '[redacted]' } };
const app = Fastify({ logger });
setErrorReplies(app);
registerFetchRoutes(app, {
  access: options.access,
  fields,
  answer: (section, params) => {
    const cache = caches.get(section);
    if (!cache) return askApp(section, params).then(documentOf, notFoundIfTooSlow);
    const key = keyOf(section, params);
    const followUp = followUpOf(section, params);
    return cache.get(key, () => askApp(section, params)).then((loaded) => {
      if (followUp && !loaded.value.equals(notFound)) cache.alias(keyOf(section, followUp), key);
      return loaded.value;
    }, notFoundIfTooSlow);
  },
});

port.on('message', (message: AppMessage) => {
  switch (message.type) {
    case 'answer': {
      const { xml } = message;
      const value = typeof xml === 'string' ? Buffer.from(xml, 'utf8') : Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength);
      settle(message.id)?.resolve({ value, tags: message.tags });
      break;
    }
    case 'failed':
      settle(message.id)?.reject(new Error('the app could not answer this fetch'));
      break;
    case 'invalidate':
      for (const cache of caches.values()) cache.invalidate(message.tags);
      break;
    case 'clear':
      for (const cache of caches.values()) cache.clear();
      break;
    case 'close':
      // In-flight fetches finish; the app answers them until the thread has gone.
      void app.close().then(() => port.close());
      break;
  }
});

await app.listen({ host: options.listen.host, port: options.listen.port, backlog: 4096 });
send({ type: 'listening', port: (app.server.address() as { port: number }).port });
