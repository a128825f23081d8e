// Runs inside the xml_curl listener thread. It answers FreeSWITCH from a small heap of its own:
// every answer the app has rendered is kept here whole, under the fields of the fetch, with the
// labels of the data it shows; a miss is asked of the app, and the app's changes invalidate by
// label. The app's heap (every route, GraphQL, Prisma: about 50 MB before the first request)
// is then never marked while a fetch waits; a major GC here marks a few MB.
import { parentPort, workerData } from 'node:worker_threads';
import Fastify from 'fastify';
import { redactPaths } from '../../../logging.ts';
import errorHandler from '../../../plugins/error-handler.ts';
import { createAnswerCache, type AnswerCache, type Loaded } from '../answer-cache.ts';
import { registerFetchRoutes } from '../fetch-routes.ts';
import { FormFields, type FetchParams } from '../form-body.ts';
import type { Xml } from '../xml.ts';
import type { AppMessage, ThreadMessage, ThreadOptions } from './messages.ts';

const options = workerData as ThreadOptions;
const port = parentPort!;
const send = (message: ThreadMessage) => port.postMessage(message);
const fields = new FormFields(options.fields);

const asked = new Map<number, { resolve(loaded: Loaded<Xml>): void; reject(err: Error): void }>();
let lastId = 0;

function askApp(section: string, params: FetchParams): Promise<Loaded<Xml>> {
  return new Promise((resolve, reject) => {
    const id = ++lastId;
    asked.set(id, { resolve, reject });
    send({ type: 'fetch', id, section, params });
  });
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
await app.register(errorHandler);
registerFetchRoutes(app, {
  access: options.access,
  fields,
  answer: (section, params) => {
    const cache = caches.get(section);
    return cache ? cache.get(keyOf(section, params), () => askApp(section, params)) : askApp(section, params).then((l) => l.value);
  },
});

port.on('message', (message: AppMessage) => {
  switch (message.type) {
    case 'answer': {
      const { xml } = message;
      const value = typeof xml === 'string' ? Buffer.from(xml, 'utf8') : Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength);
      asked.get(message.id)?.resolve({ value, tags: message.tags });
      asked.delete(message.id);
      break;
    }
    case 'failed':
      asked.get(message.id)?.reject(new Error('the app could not answer this fetch'));
      asked.delete(message.id);
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
