// Builds a real Switchyard app on a fresh database for a test, with helpers to log in and call
// the REST API and GraphQL as a client would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Mail, Mailer } from '../../src/infra/mailer.ts';
import type { DatabaseKind } from './databases.ts';

export const ADMIN = { username: 'admin', password: 'Admin-Passw0rd!' };

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  mail: Mail[];
  queries: string[];
  login(username: string, password: string): Promise<string>;
  adminToken(): Promise<string>;
  api(method: string, url: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  gql(query: string, variables?: Record<string, unknown>, token?: string): Promise<{ data?: any; errors?: any[] }>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Use the real mailer (SMTP_URL, or DATA_DIR/outbox/*.eml) instead of capturing mail in `t.mail`. */
  realMailer?: boolean;
  /** Log through the app's own redacting logger into this stream (set LOG_LEVEL in env). */
  logStream?: { write(line: string): void };
}

export async function createTestApp(kind: DatabaseKind, env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const database = await kind.create();
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-data-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'silent',
    // An account failing from several addresses waits this long per login; suites that test it set their own.
    LOGIN_SLOWDOWN_MS: '20',
    ...env,
  });
  const mail: Mail[] = [];
  const queries: string[] = [];
  const mailer: Mailer = { send: async (m) => void mail.push(m) };
  const app = await buildApp(config, {
    logger: options.logStream ? undefined : false,
    logStream: options.logStream,
    mailer: options.realMailer ? undefined : mailer,
    onQuery: (sql) => queries.push(sql),
    announce: () => {},
  });
  let admin: string | undefined;

  const t: TestApp = {
    app,
    config,
    mail,
    queries,
    async login(username, password) {
      const res = await app.inject({ method: 'POST', url: '/api/authenticate', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      return res.json().token;
    },
    async adminToken() {
      return (admin ??= await t.login(ADMIN.username, ADMIN.password));
    },
    api(method, url, options = {}) {
      return app.inject({
        method: method as 'GET',
        url,
        payload: options.body as object,
        headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
      });
    },
    async gql(query, variables, token) {
      const res = await app.inject({
        method: 'POST',
        url: '/graphql',
        payload: { query, variables },
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      return res.json();
    },
    async close() {
      await app.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}
