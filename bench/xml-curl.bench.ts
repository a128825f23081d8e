// npm run bench:xml — the xml_curl figures the issue asks for, on this machine:
//   baseline  a bare Fastify app answering a fixed 1 KB XML string (max rate)
//   warm      directory sip_auth for random users of 100 tenants × 100 extensions, all cached
//   p99       warm, at half the baseline's rate
//   cold      the same requests with XML_CURL_CACHE=false (every one reads the database)
//   dialplan  a tenant with 100 extensions and 20 outbound routes, warm
//   rss       the node's resident memory with all 10,000 users cached
// Every request opens a new connection and closes it after the answer, as mod_xml_curl does.
// Bodies are the captured ones (../shared/freeswitch) with the user, domain and number replaced.
// Set BENCH_DATABASE_URL=postgres://… to run on PostgreSQL (the database is dropped and reused),
// BENCH_SECONDS to change the length of each run (default 10).
import { fork, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { domainOf, extensionOf, EXTENSIONS, ROUTES, seed, TENANTS } from './seed.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 16;
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const capture = (file: string) => {
  const raw = readFileSync(here(`../../shared/freeswitch/xml_curl-requests/${file}`), 'latin1');
  return raw.slice(raw.indexOf('\r\n\r\n') + 4);
};

function replaceParams(body: string, values: Record<string, string>): string {
  return body
    .split('&')
    .map((pair) => {
      const key = pair.slice(0, pair.indexOf('='));
      return key in values ? `${key}=${encodeURIComponent(values[key])}` : pair;
    })
    .join('&');
}

const sipAuthTemplate = capture('directory-sip_auth-register.txt');
function sipAuthBody(tenant: number, extension: number): string {
  const domain = domainOf(tenant);
  const user = extensionOf(extension);
  return replaceParams(sipAuthTemplate, {
    key_value: domain,
    domain,
    user,
    sip_auth_username: user,
    sip_auth_realm: domain,
    sip_contact_user: user,
    sip_to_user: user,
    sip_to_host: domain,
    sip_from_user: user,
    sip_from_host: domain,
    sip_request_host: domain,
  });
}

const dialplanTemplate = capture('dialplan-inbound-sip-internal-9196.txt');
function dialplanBody(destination: string): string {
  const domain = domainOf(0);
  return replaceParams(dialplanTemplate, {
    'Caller-Context': domain,
    'Hunt-Context': domain,
    'Caller-Destination-Number': destination,
    'Hunt-Destination-Number': destination,
    variable_user_context: domain,
    variable_domain_name: domain,
  });
}

interface Server {
  port: number;
  child: ChildProcess;
  rss(): Promise<number>;
  memory(): Promise<NodeJS.MemoryUsage>;
  /** The server process's CPU time so far, user + system, in microseconds. */
  cpu(): Promise<number>;
  close(): Promise<void>;
}

function start(script: string, env: Record<string, string>): Promise<Server> {
  const child = fork(here(script), [], { env: { ...process.env, ...env }, execArgv: ['--expose-gc', '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    child.once('message', (m: { port: number }) =>
      resolve({
        port: m.port,
        child,
        rss: () => new Promise((r) => (child.once('message', (x: { rss: number }) => r(x.rss)), child.send('rss'))),
        memory: () => new Promise((r) => (child.once('message', (x: { memory: NodeJS.MemoryUsage }) => r(x.memory)), child.send('rss'))),
        cpu: () => new Promise((r) => (child.once('message', (x: { cpu: { user: number; system: number } }) => r(x.cpu.user + x.cpu.system)), child.send('cpu'))),
        close: () => new Promise((r) => (child.removeAllListeners('exit'), child.once('exit', () => r()), child.send('close'))),
      }),
    );
  });
}

interface Run {
  rate: number;
  p99: number;
  p50: number;
  errors: number;
  total: number;
  /** Server CPU time per answered request, µs (set by measure()). */
  cpuPerRequest?: number;
}

/**
 * One connection per request. autocannon's own `reconnectRate` drops the response that triggers
 * the reconnect from its counts (9.0.0: it resets before emitting 'response'), so each client is
 * made to reconnect right after counting the response instead, and to send its next request on
 * the new connection only.
 */
interface ClientInternals {
  on(event: 'response', listener: () => void): void;
  _doRequest(): void;
  _destroyConnection(): void;
  _connect(): void;
}

function connectionPerRequest(client: ClientInternals): void {
  const doRequest = client._doRequest.bind(client);
  let reconnected = false;
  client._doRequest = () => {
    if (reconnected) reconnected = false;
    else doRequest();
  };
  client.on('response', () => {
    client._destroyConnection();
    client._connect();
    reconnected = true;
  });
}

async function load(port: number, body: () => string, options: { seconds?: number; amount?: number; rate?: number } = {}): Promise<Run> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/freeswitch/xml`,
    connections: CONNECTIONS,
    setupClient: connectionPerRequest as (client: unknown) => void,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? SECONDS }),
    ...(options.rate ? { overallRate: options.rate } : {}),
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'freeswitch-xml/1.0', accept: '*/*' },
        setupRequest: (request: Record<string, unknown>) => ({ ...request, body: body() }),
      },
    ],
  });
  return { rate: result.requests.average, p99: result.latency.p99, p50: result.latency.p50, errors: result.errors + result.non2xx + result.timeouts, total: result.requests.total };
}

/**
 * A load run with the server's CPU time per request. With a new connection per request, the load
 * generator sharing the machine's two cores can cap the rate before the server does; CPU time per
 * request shows what each server itself spends.
 */
async function measure(server: Server, body: () => string, options: { rate?: number } = {}): Promise<Run> {
  const before = await server.cpu();
  const run = await load(server.port, body, options);
  return { ...run, cpuPerRequest: ((await server.cpu()) - before) / Math.max(1, run.total) };
}

/** One fetch on a connection of its own (agent: false), answered in how many ms. */
function fetchOnce(port: number, payload: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/freeswitch/xml',
        agent: false,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`HTTP ${res.statusCode}`))));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * Latency at a fixed rate, open loop: requests leave on a 5 ms clock whatever the answers do.
 * (autocannon's rate limit sends each second's quota as fast as it can and then waits, so its
 * latencies at a given rate are those of bursts at full speed.)
 */
async function paced(port: number, body: () => string, rate: number, seconds = SECONDS): Promise<Run> {
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  let errors = 0;
  const total = Math.round(rate * seconds);
  const started = performance.now();
  for (let sent = 0; sent < total; ) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    for (; sent < due; sent++) pending.push(fetchOnce(port, body()).then((ms) => void latencies.push(ms), () => void errors++));
    await new Promise((r) => setTimeout(r, 5));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Number((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(2));
  return { rate: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), errors, total: latencies.length };
}

const random = (n: number) => Math.floor(Math.random() * n);
const randomSipAuth = () => sipAuthBody(random(TENANTS), random(EXTENSIONS));
const destinations = [
  '9196',
  '*97',
  ...Array.from({ length: EXTENSIONS }, (_, j) => extensionOf(j)),
  ...Array.from({ length: ROUTES / 2 }, (_, p) => `${p}5551234567`),
  '5000',
];
const randomDialplan = () => dialplanBody(destinations[random(destinations.length)]);

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(0)}%`;
const verdict = (ok: boolean) => (ok ? 'meets' : 'SHORT');

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? `file:${join(dataDir, 'bench.db')}`;
  const env = { DATA_DIR: dataDir, DATABASE_URL: databaseUrl, ADMIN_PASSWORD: 'Bench-Passw0rd!', LOG_LEVEL: 'warn' };

  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
  console.log(`database: ${databaseUrl.startsWith('file:') ? 'SQLite' : 'PostgreSQL'}; ${SECONDS} s per run, ${CONNECTIONS} connections, a new connection per request`);
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (anything else running shares the cores)`);
  const seeding = await buildApp(loadConfig(env), { logger: false, announce: () => {} });
  if ((await seeding.database.db.tenant.count()) === 0) await seed(seeding.database.db, seeding.services.secrets);
  await seeding.close();
  console.log(`seeded ${TENANTS} tenants × ${EXTENSIONS} extensions, ${ROUTES} outbound routes on ${domainOf(0)}\n`);

  // The baseline answers the same requests: sip_auth bodies (about 1.1 KB), then dialplan ones (about 6 KB).
  const baselineServer = await start('./baseline-server.ts', {});
  const baselineHalfRate = Math.round((await load(baselineServer.port, randomSipAuth, { seconds: 3 })).rate / 2);
  const baselineHalf = await paced(baselineServer.port, randomSipAuth, baselineHalfRate);
  const baseline = await measure(baselineServer, randomSipAuth);
  const baselineDialplan = await measure(baselineServer, randomDialplan);

  await baselineServer.close();

  const node = await start('./xml-curl-server.ts', { ...env, XML_CURL_CACHE: 'true' });
  const idle = await node.rss();
  const idleMemory = await node.memory();
  let next = 0;
  const everyUser = () => sipAuthBody(Math.floor(next / EXTENSIONS) % TENANTS, next++ % EXTENSIONS);
  await load(node.port, everyUser, { amount: TENANTS * EXTENSIONS });
  const rss = await node.rss();
  const cachedMemory = await node.memory();
  // Latency first, before the full-speed runs leave thousands of loopback sockets in TIME_WAIT.
  const half = await paced(node.port, randomSipAuth, baselineHalfRate);
  const warm = await measure(node, randomSipAuth);
  await load(node.port, randomDialplan, { seconds: 2 });
  const dialplan = await measure(node, randomDialplan);
  const rssAfter = await node.rss();
  await node.close();

  const coldNode = await start('./xml-curl-server.ts', { ...env, XML_CURL_CACHE: 'false' });
  await load(coldNode.port, randomSipAuth, { seconds: 2 });
  const cold = await measure(coldNode, randomSipAuth);
  await coldNode.close();

  const rows: [string, string, string, string][] = [
    ['baseline (bare Fastify, fixed 1 KB)', `${fmt(baseline.rate)} req/s`, `p99 ${baseline.p99} ms`, 'sip_auth bodies'],
    ['baseline, dialplan bodies', `${fmt(baselineDialplan.rate)} req/s`, `p99 ${baselineDialplan.p99} ms`, ''],
    ['warm sip_auth', `${fmt(warm.rate)} req/s`, `${pct(warm.rate, baseline.rate)} of baseline`, `${verdict(warm.rate >= 0.8 * baseline.rate)} ≥ 80%`],
    [`warm at half the baseline rate (${fmt(baselineHalfRate)} req/s)`, `${fmt(half.rate)} req/s`, `p99 ${half.p99} ms (p50 ${half.p50} ms)`, `${verdict(half.p99 <= 5)} ≤ 5 ms`],
    ['  the baseline at that rate', `${fmt(baselineHalf.rate)} req/s`, `p99 ${baselineHalf.p99} ms (p50 ${baselineHalf.p50} ms)`, ''],
    ['cold sip_auth (XML_CURL_CACHE=false)', `${fmt(cold.rate)} req/s`, `p99 ${cold.p99} ms`, `${verdict(cold.rate >= 2000)} ≥ 2,000 req/s`],
    ['dialplan, 100 extensions + 20 routes, warm', `${fmt(dialplan.rate)} req/s`, `${pct(dialplan.rate, baselineDialplan.rate)} of baseline`, `${verdict(dialplan.rate >= 0.7 * baselineDialplan.rate)} ≥ 70%`],
    ['RSS, all 10,000 users cached (after a GC)', `${mb(rss)} MB`, `idle ${mb(idle)} MB, ${mb(rssAfter)} MB after all runs`, `${verdict(rss <= 300 * 2 ** 20)} ≤ 300 MB`],
  ];
  for (const row of rows) console.log(`${row[0].padEnd(48)} ${row[1].padStart(14)}  ${row[2].padEnd(32)} ${row[3]}`);
  const us = (r: Run) => `${Math.round(r.cpuPerRequest ?? 0)} µs`;
  const delta = (key: 'heapUsed' | 'external') => mb(cachedMemory[key] - idleMemory[key]);
  console.log(`\ncaching 10,000 users added ${delta('heapUsed')} MB of heap and ${delta('external')} MB of buffers (the answers); the rest of the RSS growth is the heap's room to grow`);
  console.log(
    `server CPU per request: baseline ${us(baseline)} (sip_auth bodies), ${us(baselineDialplan)} (dialplan bodies); ` +
      `warm sip_auth ${us(warm)}, dialplan ${us(dialplan)}, cold sip_auth ${us(cold)}`,
  );
  const errors = baseline.errors + baselineDialplan.errors + baselineHalf.errors + warm.errors + half.errors + cold.errors + dialplan.errors;
  if (errors) console.log(`\n${errors} requests failed (errors, timeouts or non-2xx)`);
  console.log(`load average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
