// Starts Switchyard: validated config, the app, listen; SIGTERM/SIGINT close it gracefully
// (in-flight requests finish, then the xml_curl listener thread stops, then the database closes).
import { setFlagsFromString } from 'node:v8';
import { loadConfig, ConfigError } from './config.ts';
import { buildApp } from './app.ts';

// Node's HTTP server leaves about 1.5 KB of every connection to the old generation, so at
// thousands of mod_xml_curl fetches a second it fills quickly. V8 grows a fast-collected heap by
// only 1.1–1.5× its live size, so a major GC came every 2–3 s, each stalling answers for 10–25 ms
// on Switchyard's ~55 MB heap. Growing to twice the live size makes them about four times rarer
// for about 50 MB (README, Benchmarks). V8 reads this flag at every GC, so setting it here holds.
// `npm start` also gives node --v8-pool-size=1, which can only be set at launch: V8's default of
// four GC helper threads outnumbered a 2-vCPU machine's cores during a major GC and took them from
// the event loop (p99 at 3,000 fetches/s over 30 s: 14 ms with four helpers, 4.3–4.7 ms with one).
setFlagsFromString('--heap-growing-percent=100');

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`switchyard: configuration error: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const app = await buildApp(config);
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, async () => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down');
      const timer = setTimeout(() => process.exit(1), 10_000);
      timer.unref();
      await app.close();
      app.log.info('closed');
      process.exit(0);
    });
  }
  // Registrations come in bursts (a restarted FreeSWITCH re-registers every phone at once). When
  // the accept queue is full the kernel drops the SYN and the caller retries only after 1 s, then
  // 3 s, so a short stall turns into seconds-long fetches; Node's default queue of 511 holds a
  // tenth of a second at 4,000 fetches/s. The kernel caps this at net.core.somaxconn.
  await app.listen({ port: config.port, host: config.host, backlog: 4096 });
}

main().catch((err) => {
  console.error('switchyard: failed to start', err);
  process.exit(1);
});
