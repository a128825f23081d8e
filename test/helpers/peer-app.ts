// A second Switchyard node on the database of an existing test app, as a cluster runs them: same
// DATABASE_URL, same secret key and JWT keys, a data directory of its own. Closing it leaves the
// database to the first app, which drops it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { ADMIN, type TestApp } from './app.ts';

export interface PeerApp {
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function createPeerApp(first: TestApp, env: Record<string, string> = {}): Promise<PeerApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchyard-peer-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: first.config.databaseUrl,
    SECRET_KEY_FILE: first.config.secretKeyFile,
    JWT_PRIVATE_KEY_FILE: first.config.jwt.privateKeyFile,
    JWT_PUBLIC_KEY_FILE: first.config.jwt.publicKeyFile,
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const app = await buildApp(config, { logger: false, announce: () => {} });
  return {
    app,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
