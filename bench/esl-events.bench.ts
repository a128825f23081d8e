// npm run bench:events — how many switch events a second one Switchyard process carries from the
// Event Socket to GraphQL subscribers. A fake FreeSWITCH (this process) pushes captured channel
// events (create, then hangup, for calls alternating between two tenants) as fast as the
// subscribers take them, never more than WINDOW ahead; Switchyard runs in a child process (the
// "one process" measured), its subscribers are real WebSocket clients here.
//   ingest       no subscriber: Event Socket → parse → live state → event stream
//   1, 3, 10     that many super-admin subscribers, every event to each
// After each run the pushing stops and every event pushed must reach every subscriber (or, for
// ingest, the event stream): what did not is printed as lost. Memory is the Switchyard process's
// heap after a full collection, at the start and at the end of each measured run, and its RSS.
// BENCH_SECONDS sets each run's length (default 10); BENCH_SUBSCRIBERS which runs (default
// 0,1,3,10); BENCH_PROFILE=1 writes a CPU profile of the Switchyard process to /tmp/prof.
import { fork, type ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startFakeEsl, type FakeEsl } from '../test/helpers/fake-esl.ts';
import { connectGraphqlWs, type GqlWsClient } from '../test/helpers/graphql-ws.ts';
import { channelFrame } from '../test/helpers/switch-events.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RUNS = (process.env.BENCH_SUBSCRIBERS ?? '0,1,3,10').split(',').map(Number);
const WARMUP_SECONDS = 2;
const WINDOW = 2000;
const DRAIN_MS = 5000;
const PASSWORD = 'Bench-Passw0rd!';
const DOMAINS = ['acme.bench.test', 'globex.bench.test'];
const ID = '000000000000';
const templates = DOMAINS.map((domain) => ({
  create: channelFrame('CHANNEL_CREATE', { uuid: `bench-${ID}`, domain, extension: '1001' }),
  hangup: channelFrame('CHANNEL_HANGUP_COMPLETE', { uuid: `bench-${ID}`, domain, extension: '1001' }),
}));
const frameOf = (n: number) => {
  const call = n >> 1;
  const template = templates[call % 2];
  return (n % 2 === 0 ? template.create : template.hangup).split(ID).join(String(call).padStart(12, '0'));
};

interface Usage {
  cpu: NodeJS.CpuUsage;
  rss: number;
  events: number;
}

interface Memory {
  /** Heap used after a full collection. */
  heap: number;
  rss: number;
}

function request<T>(child: ChildProcess, message: string): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as T));
    child.send(message);
  });
}

async function startSwitchyard(fake: FakeEsl): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(fileURLToPath(new URL('./esl-events-server.ts', import.meta.url)), [], {
    env: { ...process.env, BENCH_ESL_PORT: String(fake.port), BENCH_DOMAINS: DOMAINS.join(','), BENCH_ADMIN_PASSWORD: PASSWORD },
    execArgv: ['--import', 'tsx', '--expose-gc', ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { port } = await new Promise<{ port: number }>((resolve) => child.once('message', (m) => resolve(m as { port: number })));
  await fake.waitForConnections(1);
  return { child, port };
}

async function login(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/authenticate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  return ((await res.json()) as { token: string }).token;
}

async function run(fake: FakeEsl, child: ChildProcess, port: number, token: string, subscribers: number) {
  const clients: GqlWsClient[] = [];
  const received: number[] = [];
  for (let i = 0; i < subscribers; i++) {
    const client = await connectGraphqlWs(port);
    await client.init({ authorization: `Bearer ${token}` });
    received.push(0);
    client.subscribe('bench', 'subscription { channelEvents { node action eventName domain channel { uuid extension callState } } }', undefined, (m) => {
      if (m.type === 'next') received[i]++;
      else throw new Error(`subscriber ${i}: ${JSON.stringify(m)}`);
    });
    clients.push(client);
  }
  while ((await request<{ subscribers: number }>(child, 'usage')).subscribers < subscribers + 1) await new Promise((r) => setTimeout(r, 20));

  // Without subscribers, progress is what the Switchyard process reports it has taken in.
  const base = (await request<Usage>(child, 'usage')).events;
  const progress = async () => (subscribers ? Math.min(...received) : (await request<Usage>(child, 'usage')).events - base);
  let pushed = 0;
  let measureFrom: { at: number; done: number; usage: Usage; driver: NodeJS.CpuUsage; memory: Memory } | null = null;
  let measured: { rate: number; cpu: number; driverCpu: number; memory: Memory } | null = null;
  const started = Date.now();
  while (!measured) {
    const done = await progress();
    const now = Date.now();
    if (!measureFrom && now - started >= WARMUP_SECONDS * 1000) {
      const memory = await request<Memory>(child, 'memory');
      measureFrom = { at: Date.now(), done: await progress(), usage: await request<Usage>(child, 'usage'), driver: process.cpuUsage(), memory };
    }
    if (measureFrom && now - measureFrom.at >= SECONDS * 1000) {
      const usage = await request<Usage>(child, 'usage');
      const seconds = (now - measureFrom.at) / 1000;
      const cpu = (usage.cpu.user + usage.cpu.system - measureFrom.usage.cpu.user - measureFrom.usage.cpu.system) / 1e6 / seconds;
      const driver = process.cpuUsage(measureFrom.driver);
      measured = { rate: (done - measureFrom.done) / seconds, cpu, driverCpu: (driver.user + driver.system) / 1e6 / seconds, memory: await request<Memory>(child, 'memory') };
      break;
    }
    const frames: string[] = [];
    while (pushed - done < WINDOW && frames.length < 500) frames.push(frameOf(pushed++));
    if (frames.length) fake.push(frames);
    await new Promise((r) => setImmediate(r));
  }
  // Nothing more is pushed: whatever has not arrived within DRAIN_MS after the last arrival is lost.
  let last = await progress();
  let lastAt = Date.now();
  while (last < pushed && Date.now() - lastAt < DRAIN_MS) {
    await new Promise((r) => setTimeout(r, 20));
    const now = await progress();
    if (now !== last) [last, lastAt] = [now, Date.now()];
  }
  for (const c of clients) c.close();
  return { ...measured, lost: pushed - last, pushed, memoryBefore: measureFrom!.memory };
}

const fake = await startFakeEsl();
const { child, port } = await startSwitchyard(fake);
const token = await login(port);
console.log(`Switchyard event throughput, ${SECONDS} s per run, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}`);
const results: Record<number, { rate: number; perCpu: number }> = {};
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const mb = (bytes: number) => (bytes / 1048576).toFixed(1);
for (const subscribers of RUNS) {
  const r = await run(fake, child, port, token, subscribers);
  const label = subscribers === 0 ? 'ingest (no subscriber)' : `${subscribers} subscriber${subscribers > 1 ? 's' : ''}`;
  const messages = subscribers > 1 ? `, ${fmt(r.rate * subscribers)} messages/s` : '';
  const perCpu = r.rate / Math.max(r.cpu, 0.01);
  console.log(
    `  ${label.padEnd(24)} ${fmt(r.rate).padStart(8)} events/s${messages}  (Switchyard CPU ${(r.cpu * 100).toFixed(0)}%: ${fmt(perCpu)} events per CPU-second; driver CPU ${(r.driverCpu * 100).toFixed(0)}%)`,
  );
  console.log(
    `  ${''.padEnd(24)} lost ${fmt(r.lost)} of ${fmt(r.pushed)}; heap after GC ${mb(r.memoryBefore.heap)} → ${mb(r.memory.heap)} MB; RSS ${mb(r.memoryBefore.rss)} → ${mb(r.memory.rss)} MB`,
  );
  results[subscribers] = { rate: r.rate, perCpu };
}
// Below 100% CPU the process was waiting for the driver or starved by other load: events per
// CPU-second is then the fairer figure for what one process carries.
if (results[3]) console.log(`One process sustains ${fmt(results[3].rate)} events/s to three GraphQL subscribers here, ${fmt(results[3].perCpu)} per CPU-second.`);
child.send('close');
await new Promise((resolve) => child.once('exit', resolve));
await fake.close();
process.exit(0);
