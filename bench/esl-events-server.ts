// The Switchyard process of `npm run bench:events`: the real app on a fresh SQLite database,
// connected to the benchmark's fake FreeSWITCH (BENCH_ESL_PORT), with one tenant per domain the
// events name. Reports its port, then its CPU time, memory and the events it has carried when asked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-bench-events-'));
const config = loadConfig({
  DATA_DIR: dataDir,
  DATABASE_URL: `file:${join(dataDir, 'bench.db')}`,
  ADMIN_USERNAME: 'admin',
  ADMIN_PASSWORD: process.env.BENCH_ADMIN_PASSWORD ?? 'Bench-Passw0rd!',
  LOG_LEVEL: 'warn',
  FREESWITCH_ESL: `127.0.0.1:${process.env.BENCH_ESL_PORT}:ClueCon`,
});
const app = await buildApp(config, { announce: () => {} });
for (const domain of (process.env.BENCH_DOMAINS ?? '').split(',').filter(Boolean)) {
  await app.database.db.tenant.create({ data: { name: domain, domain, domainUuid: crypto.randomUUID() } });
}
// Counts every event the stream carries, so the benchmark can pace itself without subscribers.
let events = 0;
app.esl.events.subscribe(() => events++);
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.send!({ port: typeof address === 'object' && address ? address.port : 0 });

process.on('message', async (message) => {
  if (message === 'usage') {
    process.send!({ cpu: process.cpuUsage(), rss: process.memoryUsage().rss, events, subscribers: app.esl.events.listenerCount() });
  } else if (message === 'memory') {
    // After a full collection (the benchmark runs this process with --expose-gc), so that runs compare.
    globalThis.gc?.();
    process.send!({ heap: process.memoryUsage().heapUsed, rss: process.memoryUsage().rss });
  } else if (message === 'close') {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  }
});
