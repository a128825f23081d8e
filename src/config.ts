// The one place that reads the environment. Everything else receives a validated Config.
import { readFileSync } from 'node:fs';
import { resolve, join } from 'node:path';

export type Edition = 'enterprise' | 'community';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  databaseProvider: 'sqlite' | 'postgresql';
  edition: Edition;
  logLevel: string;
  publicUrl: string;
  jwt: {
    privateKeyFile: string;
    publicKeyFile: string;
    issuer: string;
    expiresIn: number;
    mfaPendingExpiresIn: number;
  };
  admin: { username: string; password?: string };
  smtp: { url?: string; from: string };
  login: {
    maxFailures: number;
    windowSeconds: number;
    lockoutSeconds: number;
    perIpPerMinute: number;
  };
  passwordResetTtlSeconds: number;
  secretKeyFile: string;
  tenantDomainSuffix: string;
  graphql: { maxDepth: number; maxCost: number; graphiql: boolean };
  list: { defaultLimit: number; maxLimit: number };
}

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {}

function integer(env: Env, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new ConfigError(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be a boolean, got "${raw}"`);
}

/** Reads CONFIG_FILE (JSON of the same variable names) under the environment, which wins. */
function withConfigFile(env: Env): Env {
  const file = env.CONFIG_FILE;
  if (!file) return env;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`CONFIG_FILE ${file}: ${(err as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigError(`CONFIG_FILE ${file} must hold a JSON object`);
  const fromFile = Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, v === null ? undefined : String(v)]));
  return { ...fromFile, ...Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) };
}

export function loadConfig(rawEnv: Env = process.env): Config {
  const env = withConfigFile(rawEnv);
  const dataDir = resolve(env.DATA_DIR || './data');
  const databaseUrl = env.DATABASE_URL || `file:${join(dataDir, 'switchyard.db')}`;
  let databaseProvider: Config['databaseProvider'];
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) databaseProvider = 'postgresql';
  else if (databaseUrl.startsWith('file:')) databaseProvider = 'sqlite';
  else throw new ConfigError('DATABASE_URL must be a file: URL (SQLite) or a postgres:// URL');

  const edition = (env.EDITION || 'enterprise').toLowerCase();
  if (edition !== 'enterprise' && edition !== 'community') throw new ConfigError('EDITION must be "enterprise" or "community"');
  const port = integer(env, 'PORT', 8080);
  const host = env.HOST || '0.0.0.0';

  return {
    port,
    host,
    dataDir,
    databaseUrl,
    databaseProvider,
    edition,
    logLevel: env.LOG_LEVEL || 'info',
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, ''),
    jwt: {
      privateKeyFile: resolve(env.JWT_PRIVATE_KEY_FILE || join(dataDir, 'jwt-private.pem')),
      publicKeyFile: resolve(env.JWT_PUBLIC_KEY_FILE || join(dataDir, 'jwt-public.pem')),
      issuer: env.JWT_ISSUER || 'switchyard',
      expiresIn: integer(env, 'JWT_EXPIRES_IN', 3600, 1),
      mfaPendingExpiresIn: integer(env, 'JWT_MFA_PENDING_EXPIRES_IN', 300, 1),
    },
    admin: { username: env.ADMIN_USERNAME || 'admin', password: env.ADMIN_PASSWORD || undefined },
    smtp: { url: env.SMTP_URL || undefined, from: env.SMTP_FROM || 'Switchyard <no-reply@localhost>' },
    login: {
      maxFailures: integer(env, 'LOGIN_MAX_FAILURES', 5, 1),
      windowSeconds: integer(env, 'LOGIN_WINDOW_SECONDS', 900, 1),
      lockoutSeconds: integer(env, 'LOGIN_LOCKOUT_SECONDS', 900, 1),
      perIpPerMinute: integer(env, 'LOGIN_RATE_PER_MINUTE', 30, 1),
    },
    passwordResetTtlSeconds: integer(env, 'PASSWORD_RESET_TTL', 3600, 60),
    secretKeyFile: resolve(env.SECRET_KEY_FILE || join(dataDir, 'secret.key')),
    tenantDomainSuffix: env.TENANT_DOMAIN_SUFFIX ?? '.switchyard.local',
    graphql: {
      maxDepth: integer(env, 'GRAPHQL_MAX_DEPTH', 8, 1),
      maxCost: integer(env, 'GRAPHQL_MAX_COST', 5000, 1),
      graphiql: boolean(env, 'GRAPHIQL', true),
    },
    list: { defaultLimit: 50, maxLimit: integer(env, 'LIST_MAX_LIMIT', 500, 1) },
  };
}
