// A server in a process of its own, as an operator starts it, with its CPU time and memory read
// from /proc so each benchmark can say what the server itself spent.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';

export interface ServerProcess {
  port: number;
  /** Resident memory, bytes, as `ps` shows it. */
  rss(): number;
  /** CPU time so far, user + system, in microseconds. */
  cpu(): number;
  close(): Promise<void>;
}

/** A free loopback port, as the kernel hands one out. */
export function freePort(): Promise<number> {
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

/** Starts `command` with PORT set to a free port; ready once that port accepts connections. */
export async function startServer(command: string, args: string[], env: Record<string, string>, cwd: string): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'inherit', 'inherit'] });
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

/** The machine as /proc/cpuinfo names it: `2 × AMD EPYC`. */
export function machine(): string {
  const models = readFileSync('/proc/cpuinfo', 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('model name'))
    .map((line) => line.slice(line.indexOf(':') + 1).trim());
  return `${models.length} × ${models[0] ?? 'unknown CPU'}`;
}
