// Keep-alive HTTP load on one endpoint: wrk when it is installed (it is C and needs a fraction of
// the CPU autocannon does, which matters when the load generator shares two cores with the server),
// otherwise autocannon. BENCH_LOADER=autocannon forces the latter.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';

export interface Target {
  method: 'GET' | 'POST';
  /** Path and query. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadRun {
  rate: number;
  /** Milliseconds. */
  p99: number;
  total: number;
  /** Socket errors, timeouts and answers other than 2xx. */
  errors: number;
}

function hasWrk(): boolean {
  if (process.env.BENCH_LOADER === 'autocannon') return false;
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (err) {
    // wrk --version prints its banner and exits 1.
    return (err as { status?: number }).status === 1;
  }
}

export const loaderName = hasWrk() ? 'wrk' : 'autocannon';

const MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000 };

/** A Lua script that sets the method and body (headers go on the command line). */
function wrkScript(workDir: string, target: Target): string[] {
  if (!target.body) return [];
  const file = join(workDir, `wrk-${Math.random().toString(36).slice(2)}.lua`);
  const close = ']==========]';
  if (target.body.includes(close)) throw new Error('body cannot be quoted for Lua');
  writeFileSync(file, `wrk.method = "${target.method}"\nwrk.body = [==========[${target.body}${close}\n`);
  return ['-s', file];
}

function runWrk(port: number, target: Target, seconds: number, connections: number, workDir: string): LoadRun {
  const headers = Object.entries(target.headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`]);
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', ...headers, ...wrkScript(workDir, target), `http://127.0.0.1:${port}${target.path}`];
  const out = execFileSync('wrk', args, { encoding: 'utf8' });
  const number = (re: RegExp) => Number(re.exec(out)?.[1] ?? 0);
  const p99 = /^\s*99%\s+([\d.]+)(us|ms|s)/m.exec(out);
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    rate: number(/Requests\/sec:\s+([\d.]+)/),
    p99: p99 ? Number(p99[1]) * MS[p99[2]] : NaN,
    total: number(/(\d+) requests in/),
    errors: number(/Non-2xx or 3xx responses: (\d+)/) + (socketErrors ? socketErrors.slice(1).reduce((n, v) => n + Number(v), 0) : 0),
  };
}

async function runAutocannon(port: number, target: Target, seconds: number, connections: number): Promise<LoadRun> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    requests: [{ method: target.method, path: target.path, headers: target.headers, body: target.body }],
  });
  return { rate: result.requests.average, p99: result.latency.p99, total: result.requests.total, errors: result.errors + result.timeouts + result.non2xx };
}

/** `connections` keep-alive connections sending `target` for `seconds`. */
export async function load(port: number, target: Target, seconds: number, connections: number, workDir: string): Promise<LoadRun> {
  return loaderName === 'wrk' ? runWrk(port, target, seconds, connections, workDir) : runAutocannon(port, target, seconds, connections);
}
