// What the README promises: `npm start` on a fresh data directory sets everything up on the
// embedded SQLite database, creates the super-admin with a generated password (shown once, kept
// 0600), serves the API and FreeSWITCH's own listener thread (compiled, as deployed), and shuts
// down gracefully on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
    srv.on('error', fail);
  });
}

async function waitFor(url: string, child: ChildProcess, output: () => string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not answer ${url}:\n${output()}`);
}

describe('npm start on the embedded default', () => {
  let child: ChildProcess;
  let dataDir: string;
  let base: string;
  let xmlCurl: string;
  let out = '';

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchyard-start-'));
    const port = await freePort();
    const xmlCurlPort = await freePort();
    base = `http://127.0.0.1:${port}`;
    xmlCurl = `http://127.0.0.1:${xmlCurlPort}/freeswitch/xml`;
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), XML_CURL_PORT: String(xmlCurlPort), HOST: '127.0.0.1', LOG_LEVEL: 'info' };
    delete env.DATABASE_URL;
    delete env.ADMIN_PASSWORD;
    child = spawn('npm', ['start', '--silent'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: false });
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    await waitFor(`${base}/healthz`, child, () => out);
  }, 120_000);

  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the SQLite database, keys and a one-time admin password with mode 0600', () => {
    expect(existsSync(join(dataDir, 'switchyard.db'))).toBe(true);
    for (const file of ['initial-admin-password', 'jwt-private.pem', 'jwt-public.pem']) {
      expect(statSync(join(dataDir, file)).mode & 0o777).toBe(0o600);
    }
    const password = readFileSync(join(dataDir, 'initial-admin-password'), 'utf8').trim();
    expect(out).toContain(password);
    // Shown once on stdout, never inside a structured log line.
    expect(out.split('\n').filter((line) => line.startsWith('{') && line.includes(password))).toEqual([]);
  });

  it('is ready, serves the docs and logs the admin in', async () => {
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect((await fetch(`${base}/api/openapi.json`)).status).toBe(200);
    const password = readFileSync(join(dataDir, 'initial-admin-password'), 'utf8').trim();
    const res = await fetch(`${base}/api/authenticate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    expect(out).not.toContain(token);
    const tenants = await fetch(`${base}/api/tenants`, { headers: { authorization: `Bearer ${token}` } });
    expect(tenants.status).toBe(200);
  });

  it('answers FreeSWITCH on XML_CURL_PORT from the listener thread', async () => {
    const fetchDomain = () =>
      fetch(xmlCurl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'section=directory&tag_name=domain&key_name=name&key_value=nowhere.test&domain=nowhere.test' });
    for (let i = 0; i < 100 && !(await fetchDomain().then(() => true, () => false)); i++) await new Promise((r) => setTimeout(r, 100));
    const res = await fetchDomain();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(await res.text()).toContain('<result status="not found"/>');
    expect(out).toContain('"msg":"xml_curl listener thread listening"');
  });

  it('shuts down gracefully on SIGTERM', async () => {
    const exited = new Promise<{ code: number | null; signal: string | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
    // npm forwards the signal to the server it started, then ends the way the signal says.
    child.kill('SIGTERM');
    const { code, signal } = await exited;
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
    for (let i = 0; i < 100 && !out.includes('"msg":"closed"'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain('"msg":"shutting down"');
    expect(out).toContain('"msg":"closed"');
  }, 30_000);
});
