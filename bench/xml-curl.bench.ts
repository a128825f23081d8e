// npm run bench:xml — the xml_curl figures the issue asks for, on this machine:
//   baseline  a bare Fastify app answering a fixed 1 KB XML string (max rate)
//   first     every one of the 10,000 users fetched once, the cache empty (first touch)
//   warm      a REGISTER's fetches for random users of 100 tenants × 100 extensions, all cached:
//             the sip_auth and the message-count mod_voicemail asks for after it, one each
//   p99       warm, at half the baseline's rate, open loop (bench/paced-load.c; needs a C compiler)
//   cold      the same requests with XML_CURL_CACHE=false (every one reads the database)
//   dialplan  a tenant with 100 extensions and 20 outbound routes, warm
//   rss       the node's resident memory with all 10,000 users cached, after all the load
// Every request opens a new connection and closes it after the answer, as mod_xml_curl does.
// The baseline and Switchyard run side by side and are measured in turn; each figure is the median
// run (3 for throughput, 5 for p99), and every run is printed.
// Bodies are the captured ones (../shared/freeswitch) with the user, domain and number replaced.
// Set BENCH_DATABASE_URL=postgres://… to run on PostgreSQL (everything in its public schema is dropped first),
// BENCH_SECONDS to change the length of each run (default 10).
import { execFileSync, spawn } from 'node:child_process';
import { connect, createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result as LoadResult } from 'autocannon';
import pg from 'pg';
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

const messageCountTemplate = capture('directory-message-count-after-register.txt');
function messageCountBody(tenant: number, extension: number): string {
  const domain = domainOf(tenant);
  return replaceParams(messageCountTemplate, { key_value: domain, domain, user: extensionOf(extension) });
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
  /** Resident memory, bytes, as `ps` shows it. */
  rss(): number;
  /** CPU time so far, user + system, in microseconds. */
  cpu(): number;
  close(): Promise<void>;
}

/** A free loopback port, as the kernel hands one out. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** Whether something listens on the loopback port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

const proc = (pid: number, file: string) => readFileSync(`/proc/${pid}/${file}`, 'utf8');
const TICKS_PER_SECOND = 100; // USER_HZ, the unit of utime and stime in /proc/<pid>/stat

/**
 * A server in a process of its own, started as an operator starts it, ready once its port answers.
 * The port fetches are sent to is the one `fetchPort` names (PORT, or XML_CURL_PORT beside it).
 */
async function start(command: string, args: string[], env: Record<string, string>, fetchPort = 'PORT'): Promise<Server> {
  const port = await freePort();
  const ports = { PORT: String(fetchPort === 'PORT' ? port : await freePort()), [fetchPort]: String(port) };
  const child = spawn(command, args, { cwd: here('..'), env: { ...process.env, ...env, ...ports }, stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pid = child.pid!;
  while (!(await accepts(port))) {
    if (child.exitCode !== null) throw new Error(`${[command, ...args].join(' ')} exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    rss: () => Number(/VmRSS:\s+(\d+) kB/.exec(proc(pid, 'status'))![1]) * 1024,
    cpu() {
      // Fields after the command name (which is in parentheses): utime and stime are the 12th and 13th.
      const stat = proc(pid, 'stat');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1e6;
    },
    close: () => (child.kill('SIGTERM'), exited),
  };
}

interface Run {
  rate: number;
  p99: number;
  errors: number;
  total: number;
  /** Server CPU time per answered request, µs (set by measure()). */
  cpuPerRequest?: number;
  /** Connections dropped by a full accept queue during the run (set by pacedRun()). */
  overflows?: number;
  /** Answers slower than 5 ms (set by pacedRun()). */
  over5ms?: number;
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

async function load(port: number, body: () => string, options: { seconds?: number; amount?: number } = {}): Promise<Run> {
  const started = performance.now();
  let lastAnswer = started;
  const result = await new Promise<LoadResult>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}/freeswitch/xml`,
        connections: CONNECTIONS,
        setupClient: connectionPerRequest as (client: unknown) => void,
        ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? SECONDS }),
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'freeswitch-xml/1.0', accept: '*/*' },
            setupRequest: (request: Record<string, unknown>) => ({ ...request, body: body() }),
          },
        ],
      },
      (err, done) => (err ? reject(err) : resolve(done)),
    );
    instance.on('response', () => (lastAnswer = performance.now()));
  });
  // A run of a fixed amount is timed to its last answer: autocannon ends it on its next one-second
  // tick, and its per-second average counted that last second whole (first touch read 20,000
  // requests / 5 = 4,000/s for any run of 4–5 s). A run of a fixed duration is its per-second average.
  const rate = options.amount ? result.requests.total / ((lastAnswer - started) / 1000) : result.requests.average;
  return { rate, p99: result.latency.p99, errors: result.errors + result.non2xx + result.timeouts, total: result.requests.total };
}

/**
 * A load run with the server's CPU time per request. With a new connection per request, the load
 * generator sharing the machine's two cores can cap the rate before the server does; CPU time per
 * request shows what each server itself spends.
 */
async function measure(server: Server, body: () => string, options: { amount?: number } = {}): Promise<Run> {
  const before = server.cpu();
  const run = await load(server.port, body, options);
  return { ...run, cpuPerRequest: (server.cpu() - before) / Math.max(1, run.total) };
}

/**
 * Latency at a fixed rate, open loop, measured by bench/paced-load.c (compiled here with `cc`):
 * requests leave on schedule whatever the answers do, as registrations from many phones arrive,
 * and each counts from its scheduled moment. The first WARMUP seconds are not counted.
 */
const WARMUP = 2;
const PACED_RUNS = 5;
const THROUGHPUT_RUNS = 3;
/** The requests for paced-load: each whole, preceded by its length (4 bytes, little-endian). */
function requestsFile(workDir: string, body: () => string): string {
  const wire = Array.from({ length: 5000 }, () => {
    const payload = body();
    const request = Buffer.from(
      `POST /freeswitch/xml HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: freeswitch-xml/1.0\r\nAccept: */*\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`,
    );
    const length = Buffer.alloc(4);
    length.writeUInt32LE(request.length);
    return Buffer.concat([length, request]);
  });
  const file = join(workDir, 'requests.bin');
  writeFileSync(file, Buffer.concat(wire));
  return file;
}

/**
 * Connections the kernel dropped because a listener's accept queue was full (Linux, all sockets).
 * Each costs its caller a SYN retry 1 s later, so a run with any shows it in its p99.
 */
function listenOverflows(): number {
  const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
  const names = lines.find((line) => line.startsWith('TcpExt:'))?.split(/\s+/) ?? [];
  const values = lines.filter((line) => line.startsWith('TcpExt:'))[1]?.split(/\s+/) ?? [];
  return Number(values[names.indexOf('ListenOverflows')] ?? 0);
}

function pacedRun(loader: string, port: number, requests: string, rate: number): Run {
  const before = listenOverflows();
  const out = execFileSync(loader, [String(port), String(rate), String(SECONDS), String(WARMUP), requests], { encoding: 'utf8' });
  const result = JSON.parse(out) as { answered: number; failed: number; rate: number; p99: number; over5ms: number };
  return { rate: result.rate, p99: result.p99, errors: result.failed, total: result.answered, overflows: listenOverflows() - before, over5ms: result.over5ms };
}

/** paced-load, compiled once per benchmark, and its requests file (the same for both servers). */
function pacedLoader(workDir: string, body: () => string): (port: number, rate: number) => Run {
  const loader = join(workDir, 'paced-load');
  execFileSync('cc', ['-O2', '-o', loader, here('./paced-load.c')]);
  const requests = requestsFile(workDir, body);
  return (port, rate) => pacedRun(loader, port, requests, rate);
}

/**
 * The baseline and Switchyard measured in turn, `times` each. A shared machine drifts over minutes
 * (the load generators, other tenants of the host); taking the two in turn puts that drift on both
 * alike, where measuring one after the other would charge it to whichever came second.
 */
async function inTurn(times: number, baseline: () => Run | Promise<Run>, switchyard: () => Run | Promise<Run>) {
  const runs = { baseline: [] as Run[], switchyard: [] as Run[] };
  for (let i = 0; i < times; i++) {
    runs.baseline.push(await baseline());
    runs.switchyard.push(await switchyard());
  }
  return runs;
}

/**
 * The median run by `figure`, with every run's figure (in run order), the errors and dropped SYNs
 * of all, and the share of all their answers slower than 5 ms (the p99 target holds where it is ≤ 1%).
 */
function median(runs: Run[], figure: (r: Run) => number): Run & { all: number[]; slowShare: number } {
  const sorted = [...runs].sort((a, b) => figure(a) - figure(b));
  const sum = (field: (r: Run) => number) => runs.reduce((n, r) => n + field(r), 0);
  return {
    ...sorted[Math.floor(sorted.length / 2)],
    errors: sum((r) => r.errors),
    overflows: sum((r) => r.overflows ?? 0),
    slowShare: sum((r) => r.over5ms ?? 0) / Math.max(1, sum((r) => r.total)),
    all: runs.map(figure),
  };
}

const random = (n: number) => Math.floor(Math.random() * n);
const randomSipAuth = () => sipAuthBody(random(TENANTS), random(EXTENSIONS));
/** What FreeSWITCH fetches per REGISTER: the sip_auth, then mod_voicemail's message-count (in turn). */
let registerStep = 0;
const randomRegister = () => (registerStep++ % 2 === 0 ? randomSipAuth() : messageCountBody(random(TENANTS), random(EXTENSIONS)));
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
/** A figure meets its target only if no request of its runs failed. */
const verdict = (ok: boolean, run?: Run) => (ok && !run?.errors ? 'meets' : 'SHORT');

async function emptyPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public');
  await client.end();
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? `file:${join(dataDir, 'bench.db')}`;
  const env = { DATA_DIR: dataDir, DATABASE_URL: databaseUrl, ADMIN_PASSWORD: 'Bench-Passw0rd!', LOG_LEVEL: 'warn' };

  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
  console.log(`database: ${databaseUrl.startsWith('file:') ? 'SQLite' : 'PostgreSQL'}; ${SECONDS} s per run, ${CONNECTIONS} connections, a new connection per request`);
  console.log(`fetches go to ${process.env.BENCH_XML_CURL_THREAD === '0' ? "the API's port (BENCH_XML_CURL_THREAD=0)" : 'the xml_curl listener thread (XML_CURL_PORT)'}`);
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (anything else running shares the cores)`);
  // Each run seals the seeded SIP passwords with a key of its own (in dataDir), so a database left by
  // an earlier run could not be read: start from an empty one.
  if (!databaseUrl.startsWith('file:')) await emptyPostgres(databaseUrl);
  const seeding = await buildApp(loadConfig(env), { logger: false, announce: () => {} });
  await seed(seeding.database.db, seeding.services.secrets);
  await seeding.close();
  console.log(`seeded ${TENANTS} tenants × ${EXTENSIONS} extensions, ${ROUTES} outbound routes on ${domainOf(0)}\n`);

  // The baseline answers the same requests: sip_auth bodies (about 1.1 KB), then dialplan ones (about 6 KB).
  const baselineServer = await start(process.execPath, ['--import', 'tsx', 'bench/baseline-server.ts'], {});
  // Switchyard exactly as `npm start` runs it (its script ends in `exec node …`, so the shell's
  // process becomes the server's).
  const { scripts } = JSON.parse(readFileSync(here('../package.json'), 'utf8')) as { scripts: { start: string } };
  // FreeSWITCH's own listener thread (XML_CURL_PORT), as the README recommends; BENCH_XML_CURL_THREAD=0
  // sends the fetches to the API's port instead.
  const fetchPort = process.env.BENCH_XML_CURL_THREAD === '0' ? 'PORT' : 'XML_CURL_PORT';
  const switchyard = (extra: Record<string, string>) => start('sh', ['-c', scripts.start], { ...env, ...extra }, fetchPort);
  const node = await switchyard({ XML_CURL_CACHE: 'true' });
  const idle = node.rss();
  let next = 0;
  // Each user's REGISTER fetches in the order FreeSWITCH makes them: the sip_auth, then the message-count.
  const everyUser = () => {
    const user = Math.floor(next / 2);
    return (next++ % 2 === 0 ? sipAuthBody : messageCountBody)(Math.floor(user / EXTENSIONS) % TENANTS, user % EXTENSIONS);
  };
  await load(baselineServer.port, randomSipAuth, { seconds: 3 });
  // First touch: every user once, none cached yet, against the baseline just before and after.
  const firstBaselines = [await measure(baselineServer, randomSipAuth)];
  const firstTouch = await measure(node, everyUser, { amount: 2 * TENANTS * EXTENSIONS });
  firstBaselines.push(await measure(baselineServer, randomSipAuth));
  const firstBaseline = firstBaselines[0].rate + firstBaselines[1].rate;
  await load(node.port, randomRegister, { seconds: 3 });

  const sipAuth = await inTurn(THROUGHPUT_RUNS, () => measure(baselineServer, randomSipAuth), () => measure(node, randomRegister));
  const baseline = median(sipAuth.baseline, (r) => r.rate);
  const warm = median(sipAuth.switchyard, (r) => r.rate);
  const halfRate = Math.round(baseline.rate / 2);
  const pacedAt = pacedLoader(dataDir, randomRegister);
  const halves = await inTurn(PACED_RUNS, () => pacedAt(baselineServer.port, halfRate), () => pacedAt(node.port, halfRate));
  const baselineHalf = median(halves.baseline, (r) => r.p99);
  const half = median(halves.switchyard, (r) => r.p99);
  await load(node.port, randomDialplan, { seconds: 2 });
  const dialplans = await inTurn(THROUGHPUT_RUNS, () => measure(baselineServer, randomDialplan), () => measure(node, randomDialplan));
  const baselineDialplan = median(dialplans.baseline, (r) => r.rate);
  const dialplan = median(dialplans.switchyard, (r) => r.rate);
  const rss = node.rss();
  await node.close();
  await baselineServer.close();

  const coldNode = await switchyard({ XML_CURL_CACHE: 'false' });
  await load(coldNode.port, randomSipAuth, { seconds: 2 });
  const cold = await measure(coldNode, randomSipAuth);
  await coldNode.close();

  const rates = (r: { all: number[] }) => `runs ${r.all.map(fmt).join(' / ')}`;
  const p99s = (r: { all: number[]; overflows?: number; slowShare: number }) =>
    `runs ${r.all.join(' / ')}; ${(r.slowShare * 100).toFixed(2)}% of all their answers over 5 ms${r.overflows ? `; ${r.overflows} SYNs dropped (accept queue full)` : ''}`;
  const rows: [string, string, string, string][] = [
    ['baseline (bare Fastify, fixed 1 KB)', `${fmt(baseline.rate)} req/s`, `p99 ${baseline.p99} ms`, `sip_auth bodies; ${rates(baseline)}`],
    ['baseline, dialplan bodies', `${fmt(baselineDialplan.rate)} req/s`, `p99 ${baselineDialplan.p99} ms`, rates(baselineDialplan)],
    ['first touch (10,000 REGISTERs, cache empty)', `${fmt(firstTouch.rate)} req/s`, `${pct(firstTouch.rate, firstBaseline / 2)} of baseline`, `${verdict(firstTouch.rate >= 0.6 * (firstBaseline / 2), firstTouch)} ≥ 60%; baseline before/after ${firstBaselines.map((r) => fmt(r.rate)).join(' / ')}`],
    ['warm REGISTER fetches (sip_auth + message-count)', `${fmt(warm.rate)} req/s`, `${pct(warm.rate, baseline.rate)} of baseline`, `${verdict(warm.rate >= 0.9 * baseline.rate, warm)} ≥ 90%; ${rates(warm)}`],
    [`warm at half the baseline rate (${fmt(halfRate)} req/s)`, `${fmt(half.rate)} req/s`, `p99 ${half.p99} ms`, `${verdict(half.p99 <= 5, half)} ≤ 5 ms; ${p99s(half)}`],
    ['  the baseline at that rate', `${fmt(baselineHalf.rate)} req/s`, `p99 ${baselineHalf.p99} ms`, p99s(baselineHalf)],
    ['cold sip_auth (XML_CURL_CACHE=false)', `${fmt(cold.rate)} req/s`, `p99 ${cold.p99} ms`, `${verdict(cold.rate >= 2000, cold)} ≥ 2,000 req/s`],
    ['dialplan, 100 extensions + 20 routes, warm', `${fmt(dialplan.rate)} req/s`, `${pct(dialplan.rate, baselineDialplan.rate)} of baseline`, `${verdict(dialplan.rate >= 0.7 * baselineDialplan.rate, dialplan)} ≥ 70%; ${rates(dialplan)}`],
    ['RSS, all 10,000 users cached, after the load', `${mb(rss)} MB`, `idle ${mb(idle)} MB`, `${verdict(rss <= 250 * 2 ** 20)} ≤ 250 MB`],
  ];
  for (const row of rows) console.log(`${row[0].padEnd(48)} ${row[1].padStart(14)}  ${row[2].padEnd(32)} ${row[3]}`);
  const us = (r: Run) => `${Math.round(r.cpuPerRequest ?? 0)} µs`;
  console.log(
    `server CPU per request: baseline ${us(baseline)} (sip_auth bodies), ${us(baselineDialplan)} (dialplan bodies); ` +
      `first touch ${us(firstTouch)}, warm REGISTER fetches ${us(warm)}, dialplan ${us(dialplan)}, cold sip_auth ${us(cold)}`,
  );
  const errors = [baseline, baselineDialplan, baselineHalf, firstTouch, warm, half, cold, dialplan].reduce((n, r) => n + r.errors, 0);
  if (errors) console.log(`\n${errors} requests failed (errors, timeouts or non-2xx)`);
  console.log(`load average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
