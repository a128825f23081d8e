// The xml_curl listener thread, seen from the app (XML_CURL_PORT): starts it, answers the fetches
// it cannot answer from its own cache, passes every change on as labels to invalidate, and starts
// it again if it ever dies, on the same port. Answers still come from `app.xmlCurl`: the thread
// only keeps them.
import { Worker } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import { applyChange } from '../change-tags.ts';
import { FETCH_PARAMS } from '../xml-curl.service.ts';
import type { AppMessage, ThreadMessage, ThreadOptions } from './messages.ts';

const RESTART_DELAY_MS = 1000;
/**
 * A fetch leaves a few KB of garbage, dead by the next scavenge, so a small young generation costs
 * little: with 4 MB, the server with 10,000 users cached took 231–247 MB of RSS instead of 271–284,
 * and scavenges came about ten times as often, each about a quarter as long (README, Benchmarks).
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 4 };
const CLOSE_TIMEOUT_MS = 10_000;
/**
 * How long the thread waits for the app's answer to a fetch it has not cached before it answers
 * "not found" (FreeSWITCH then falls back to its own files): under the 2 s timeout of the
 * xml_curl.conf.xml Switchyard ships (freeswitch/), so that FreeSWITCH hears an answer rather
 * than its own timeout.
 */
const ASK_TIMEOUT_MS = 1500;

export interface XmlCurlThread {
  /** The port it listens on (the one asked for, or the kernel's pick for 0). */
  port: number;
  /** Fetches it has asked the app for (the rest it answered itself). */
  asked(): number;
  /** The thread now running (tests stop it to see it come back). */
  worker(): Worker;
  /** Stops listening once in-flight fetches are answered. */
  close(): Promise<void>;
}

/**
 * The thread runs compiled JavaScript from dist/; under tsx or vitest this module is TypeScript,
 * and so is the thread's entry, which tsx then loads.
 */
function spawn(options: ThreadOptions): Worker {
  const entry = new URL(import.meta.url.endsWith('.ts') ? './thread-main.ts' : './thread-main.js', import.meta.url);
  if (entry.pathname.endsWith('.js')) return new Worker(entry, { workerData: options, resourceLimits: RESOURCE_LIMITS });
  // Resolved from the working directory: `npm run dev` and `npm test` run in the checkout.
  const load = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(load, { eval: true, workerData: options, resourceLimits: RESOURCE_LIMITS });
}

export function startXmlCurlThread(app: FastifyInstance, listen: { host: string; port: number }): Promise<XmlCurlThread> {
  const log = app.log.child({ module: 'xml-curl-thread' });
  const { xmlCurl: config } = app.config;
  const options: ThreadOptions = {
    listen,
    access: { username: config.username, password: config.password, allow: config.allow },
    fields: FETCH_PARAMS.names,
    cache: { enabled: config.cache, maxEntries: config.cacheMaxEntries },
    logLevel: app.config.logLevel,
    askTimeoutMs: ASK_TIMEOUT_MS,
    notFound: app.xmlCurl.notFound,
  };
  let worker: Worker;
  let asked = 0;
  let closing = false;
  let alive = false;
  const post = (message: AppMessage) => worker.postMessage(message);

  /** Answers `to`, the thread that asked: after a restart, its ids mean nothing to the new one. */
  async function answer(to: Worker, id: number, section: string, params: Record<string, string>) {
    asked++;
    try {
      const { xml, tags } = await app.xmlCurl.answer(section, params);
      // A cached answer may be a view on a shared slab; send an exact copy and hand it over.
      const sent = typeof xml === 'string' ? xml : Uint8Array.prototype.slice.call(xml);
      const message: AppMessage = { type: 'answer', id, xml: sent, tags };
      to.postMessage(message, typeof sent === 'string' ? undefined : [sent.buffer as ArrayBuffer]);
    } catch (err) {
      log.error({ err, section }, 'xml_curl: answering for the listener thread failed');
      to.postMessage({ type: 'failed', id } satisfies AppMessage);
    }
  }

  const threadCache = { invalidate: (tags: readonly string[]) => post({ type: 'invalidate', tags }), clear: () => post({ type: 'clear' }) };
  const unsubscribe = app.services.changes.subscribe((change) => worker && applyChange(app.xmlCurl.labelsOf(change), threadCache));

  return new Promise((resolve, reject) => {
    let started = false;
    const run = () => {
      const current = (worker = spawn(options));
      alive = true;
      worker.on('message', (message: ThreadMessage) => {
        if (message.type === 'fetch') void answer(current, message.id, message.section, message.params);
        else if (message.type === 'listening' && !started) {
          started = true;
          // A restart listens where the first one did, also when that was the kernel's pick.
          options.listen = { ...listen, port: message.port };
          log.info({ host: listen.host, port: message.port }, 'xml_curl listener thread listening');
          resolve(thread(message.port));
        }
      });
      let failure: Error | undefined;
      worker.on('error', (err) => {
        failure = err;
        log.error({ err }, 'xml_curl listener thread failed');
      });
      worker.on('exit', (code) => {
        alive = false;
        if (closing) return;
        if (!started) {
          unsubscribe();
          reject(new Error(`the xml_curl listener thread stopped before listening (exit code ${code})`, { cause: failure }));
          return;
        }
        log.error({ code }, `xml_curl listener thread stopped; starting it again in ${RESTART_DELAY_MS} ms`);
        setTimeout(() => closing || run(), RESTART_DELAY_MS).unref();
      });
    };
    run();
  });

  function thread(port: number): XmlCurlThread {
    return {
      port,
      asked: () => asked,
      worker: () => worker,
      async close() {
        if (closing) return;
        closing = true;
        unsubscribe();
        if (!alive) return;
        const exited = new Promise((done) => worker.once('exit', done));
        post({ type: 'close' });
        const timer = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      },
    };
  }
}
