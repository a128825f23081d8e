// npm run bench:api — the REST and GraphQL figures the issue asks for, on this machine:
//   tenant          GET /api/tenants/:id with a token          target ≥ 25% of the baseline
//   tenants         GET /api/tenants?limit=50 (a page of 50)    target ≥ 10% of the baseline
//   graphql tenant  { tenant(id) { …the same fields… } }        target ≥ 60% of REST's tenant
//   get_user, password_policy                                   figures only
// The baseline is a bare Fastify app answering each route with the JSON Switchyard answered it with
// (bench/api-baseline-server.ts). Keep-alive connections (16), as a browser or an API client keeps
// them. The two servers are measured in turn, BENCH_ROUNDS times per endpoint, the order flipped
// every round so that a drift of the machine falls on both alike; every run is printed, and the
// ratios are taken within a round and over all rounds.
// BENCH_DATABASE_URL=postgres://… runs on PostgreSQL (everything in its public schema is dropped
// first); BENCH_SECONDS (default 10) and BENCH_ROUNDS (default 3) set the length; BENCH_ONLY=tenant,
// tenants… measures only those endpoints; BENCH_LOADER=autocannon uses autocannon where wrk is installed.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { BaselineAnswer } from './api-baseline-server.ts';
import { API_TENANTS, seedApi } from './api-seed.ts';
import { load, loaderName, type LoadRun, type Target } from './http-load.ts';
import { machine, startServer, type ServerProcess } from './server-process.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Math.max(2, Number(process.env.BENCH_ROUNDS ?? 3));
const CONNECTIONS = 16;
const WARMUP_SECONDS = 3;
const ADMIN_PASSWORD = 'Bench-Passw0rd!';
const root = fileURLToPath(new URL('..', import.meta.url));

const TENANT_FIELDS = 'id name domain domainUuid description email phone active credit maxConcurrentCalls creditAlertThreshold permissions createdAt updatedAt';

interface Endpoint {
  name: string;
  /** The route as the baseline registers it. */
  route: string;
  target: (token: string, tenantId: number) => Target;
  /** Switchyard's share of the baseline's rate it should reach. */
  goal?: number;
}

const json = { 'content-type': 'application/json' };
const get = (path: string) => (token: string) => ({ method: 'GET' as const, path, headers: { authorization: `Bearer ${token}` } });

const endpoints: Endpoint[] = [
  { name: 'tenant', route: '/api/tenants/:tenant_id', target: (token, id) => get(`/api/tenants/${id}`)(token), goal: 0.25 },
  { name: 'tenants', route: '/api/tenants', target: get('/api/tenants?limit=50'), goal: 0.1 },
  {
    name: 'graphql tenant',
    route: '/graphql',
    target: (token, id) => ({
      method: 'POST',
      path: '/graphql',
      headers: { ...json, authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `query ($id: Int!) { tenant(id: $id) { ${TENANT_FIELDS} } }`, variables: { id } }),
    }),
  },
  { name: 'get_user', route: '/api/get_user', target: get('/api/get_user') },
  { name: 'password_policy', route: '/api/password_policy', target: get('/api/password_policy') },
];
/** GraphQL's tenant against REST's, both Switchyard, in the same rounds. */
const GRAPHQL_GOAL = 0.6;

async function emptyPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public');
  await client.end();
}

async function request(port: number, target: Target): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}${target.path}`, { method: target.method, headers: target.headers, body: target.body });
}

/** What Switchyard answers each endpoint with, checked to be a success, for the baseline to repeat. */
async function answersOf(port: number, chosen: Endpoint[], token: string, tenantId: number): Promise<BaselineAnswer[]> {
  const answers: BaselineAnswer[] = [];
  for (const endpoint of chosen) {
    const target = endpoint.target(token, tenantId);
    const res = await request(port, target);
    const body = (await res.json()) as { errors?: unknown };
    if (res.status !== 200 || body.errors) throw new Error(`${endpoint.name}: ${res.status} ${JSON.stringify(body)}`);
    const total = res.headers.get('x-total-count');
    answers.push({ method: target.method, route: endpoint.route, headers: total ? { 'x-total-count': total } : {}, body });
    console.log(`${endpoint.name.padEnd(16)} ${target.method} ${target.path}: ${JSON.stringify(body).length} bytes of JSON`);
  }
  return answers;
}

interface Measured extends LoadRun {
  /** Server CPU per answered request, µs. */
  cpu: number;
}

async function measure(server: ServerProcess, target: Target, workDir: string): Promise<Measured> {
  const before = server.cpu();
  const run = await load(server.port, target, SECONDS, CONNECTIONS, workDir);
  return { ...run, cpu: (server.cpu() - before) / Math.max(1, run.total) };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
const sum = (runs: Measured[]) => runs.reduce((n, r) => n + r.rate, 0);
const describe = (r: Measured) => `${fmt(r.rate).padStart(7)} req/s  p99 ${r.p99.toFixed(2)} ms  CPU ${fmt(r.cpu)} µs/req${r.errors ? `  ${r.errors} FAILED` : ''}`;

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-api-bench-'));
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? `file:${join(dataDir, 'bench.db')}`;
  const env = { DATA_DIR: dataDir, DATABASE_URL: databaseUrl, ADMIN_USERNAME: 'admin', ADMIN_PASSWORD, LOG_LEVEL: 'warn', HOST: '127.0.0.1' };
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  const chosen = endpoints.filter((e) => !only || only.includes(e.name));

  console.log(`machine: ${machine()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
  console.log(`database: ${databaseUrl.startsWith('file:') ? 'SQLite' : 'PostgreSQL'}; ${loaderName}, ${CONNECTIONS} keep-alive connections, ${SECONDS} s per run, ${ROUNDS} rounds`);
  console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')} (anything else running shares the cores)`);
  if (!databaseUrl.startsWith('file:')) await emptyPostgres(databaseUrl);
  const seeding = await buildApp(loadConfig(env), { logger: false, announce: () => {} });
  await seedApi(seeding.database.db);
  const tenantId = (await seeding.database.db.tenant.findFirstOrThrow({ orderBy: { id: 'asc' }, skip: 1 })).id;
  await seeding.close();
  console.log(`seeded ${API_TENANTS} tenants with two tenant permissions each\n`);

  // Switchyard exactly as `npm start` runs it (its script ends in `exec node …`, so the shell's
  // process becomes the server's).
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const switchyard = await startServer('sh', ['-c', scripts.start], env, root);
  const login = await fetch(`http://127.0.0.1:${switchyard.port}/api/authenticate`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  const answersFile = join(dataDir, 'answers.json');
  writeFileSync(answersFile, JSON.stringify(await answersOf(switchyard.port, chosen, token, tenantId)));
  const baseline = await startServer(process.execPath, ['--import', 'tsx', 'bench/api-baseline-server.ts'], { BENCH_API_ANSWERS: answersFile }, root);
  const servers = { baseline, switchyard };

  for (const endpoint of chosen) {
    for (const server of [baseline, switchyard]) await load(server.port, endpoint.target(token, tenantId), WARMUP_SECONDS, CONNECTIONS, dataDir);
  }
  const runs = new Map(chosen.map((e) => [e.name, { baseline: [] as Measured[], switchyard: [] as Measured[] }]));
  console.log('');
  for (let round = 0; round < ROUNDS; round++) {
    for (const endpoint of chosen) {
      const order = round % 2 === 0 ? (['baseline', 'switchyard'] as const) : (['switchyard', 'baseline'] as const);
      for (const which of order) {
        const run = await measure(servers[which], endpoint.target(token, tenantId), dataDir);
        runs.get(endpoint.name)![which].push(run);
        console.log(`round ${round + 1}  ${endpoint.name.padEnd(16)} ${which.padEnd(10)} ${describe(run)}`);
      }
    }
  }
  await switchyard.close();
  await baseline.close();

  console.log('\nSwitchyard / baseline, per round and over all rounds:');
  for (const endpoint of chosen) {
    const { baseline: b, switchyard: s } = runs.get(endpoint.name)!;
    const overall = sum(s) / sum(b);
    const perRound = s.map((r, i) => pct(r.rate / b[i].rate)).join(' / ');
    const verdict = endpoint.goal === undefined ? '' : `  ${overall >= endpoint.goal && !s.some((r) => r.errors) ? 'meets' : 'SHORT'} ≥ ${pct(endpoint.goal)}`;
    console.log(`  ${endpoint.name.padEnd(16)} ${pct(overall).padStart(6)}  (rounds ${perRound})${verdict}`);
  }
  const rest = runs.get('tenant')?.switchyard;
  const graphql = runs.get('graphql tenant')?.switchyard;
  if (rest && graphql) {
    const overall = sum(graphql) / sum(rest);
    const perRound = graphql.map((r, i) => pct(r.rate / rest[i].rate)).join(' / ');
    console.log(`GraphQL tenant / REST tenant: ${pct(overall)}  (rounds ${perRound})  ${overall >= GRAPHQL_GOAL ? 'meets' : 'SHORT'} ≥ ${pct(GRAPHQL_GOAL)}`);
  }
  console.log(`load average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
