// The one place that reads the environment. Everything else receives a validated Config.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
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
  /** Fastify's trustProxy: false, true, or a comma list of addresses/CIDRs of trusted proxies. */
  trustProxy: boolean | string;
  publicUrl: string;
  /** Strict-Transport-Security max-age in seconds (HSTS_MAX_AGE); 0: none, for a server not reached over TLS. */
  hstsMaxAge: number;
  jwt: {
    privateKeyFile: string;
    publicKeyFile: string;
    issuer: string;
    expiresIn: number;
    mfaPendingExpiresIn: number;
  };
  /** The first super-admin; `email` is what the ICTPBX login form asks for. */
  admin: { username: string; email: string; password?: string };
  smtp: { url?: string; from: string };
  login: {
    maxFailures: number;
    windowSeconds: number;
    lockoutSeconds: number;
    /** How long each login of an account failing from several addresses waits. */
    slowdownMs: number;
    perIpPerMinute: number;
  };
  passwordResetTtlSeconds: number;
  secretKeyFile: string;
  tenantDomainSuffix: string;
  graphql: {
    maxDepth: number;
    maxCost: number;
    /** Aliased fields one document may hold (each alias can repeat a whole subtree). */
    maxAliases: number;
    /** Who may introspect the schema: anyone, signed-in users, or nobody. */
    introspection: 'public' | 'authenticated' | 'off';
    graphiql: boolean;
    /** Events a subscription may fall behind by before it is ended (its memory bound). */
    subscriptionBuffer: number;
  };
  list: { defaultLimit: number; maxLimit: number };
  /** Event Socket: the FREESWITCH_ESL node (besides the database's switch nodes) and timings. */
  esl: EslConfig;
  /** Who may post CDRs: HTTP Basic credentials and/or source CIDRs; neither means loopback only. */
  cdr: FreeswitchHttpAccess;
  /** mod_xml_curl answers: who may fetch them, caching, and what the documents carry. */
  xmlCurl: XmlCurlConfig;
  /** Uploaded audio (greetings, music on hold). */
  media: MediaConfig;
  /** Phone provisioning (/provision): failed fetches (unknown MAC, wrong credentials, refused source) one address may make a minute before it waits (429). */
  provisioning: { failuresPerMinute: number };
  /** Who e-mails a new voicemail message. */
  voicemail: VoicemailMailConfig;
}

export interface VoicemailMailConfig {
  /**
   * VOICEMAIL_MAILER: `switchyard` mails each new message through Switchyard's mailer (told by the
   * Event Socket), `freeswitch` leaves it to mod_voicemail's own mailer. Default: switchyard when
   * SMTP_URL is set, else freeswitch.
   */
  mailer: 'switchyard' | 'freeswitch';
  /** VOICEMAIL_ATTACH_MAX_BYTES: a larger recording is mailed without its attachment (default 20 MiB). */
  attachMaxBytes: number;
}

export interface MediaConfig {
  /**
   * Where uploaded audio is written (MEDIA_DIR): a directory FreeSWITCH reads at the same path
   * (shared storage on several nodes). The rendered configuration names files under it.
   */
  dir: string;
  /** The largest file an upload may carry (UPLOAD_MAX_BYTES); larger ones are refused with 413. */
  maxUploadBytes: number;
}

export interface XmlCurlConfig extends FreeswitchHttpAccess {
  /** Cache answers in memory until a change touches them (XML_CURL_CACHE). */
  cache: boolean;
  cacheMaxEntries: number;
  /** What a directory user carries for digest auth: an `a1-hash` (default) or the plain `password`. */
  directoryAuth: 'a1-hash' | 'password';
  /** How long FreeSWITCH may keep a directory user without asking again (its `cacheable`, ms); 0: never. */
  userCacheableMs: number;
  /** The domain's `dial-string` param that `user/…` bridges need. */
  dialString: string;
  /** A directory whose files replace the built-in xml-templates/ of the same name. */
  templatesDir?: string;
  /**
   * Where the xml_curl listener thread listens (XML_CURL_PORT, XML_CURL_HOST; HOST by default):
   * a listener of FreeSWITCH's own, beside the API's port. Unset: none, the API's port answers.
   */
  listen?: { port: number; host: string };
  /** CIDRs trusted to send SIP without registering (acl.conf `providers` list, beside the trunks). */
  trustedNetworks: string[];
}

export interface FreeswitchHttpAccess {
  username?: string;
  password?: string;
  allow: string[];
}

export interface EslConfig {
  defaultNode: { name: string; host: string; port: number; password: string } | null;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  jobTimeoutMs: number;
  /** Backoff bounds after a failed session (wrong password, refused subscription). */
  reconnectMinMs: number;
  reconnectMaxMs: number;
  /** While a node refuses TCP connections, a probe this often (reconnects within it of the node listening). */
  reconnectProbeMs: number;
  idleProbeMs: number;
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

function port(env: Env, name: string): number {
  const value = integer(env, name, 0);
  if (value > 65535) throw new ConfigError(`${name} must be a port number (0–65535), got "${env[name]}"`);
  return value;
}

/** One of `values`, the first being the default. */
function oneOf<const T extends readonly string[]>(env: Env, name: string, values: T): T[number] {
  const raw = env[name];
  if (raw === undefined || raw === '') return values[0];
  if (!values.includes(raw)) throw new ConfigError(`${name} must be one of ${values.join(', ')}, got "${raw}"`);
  return raw;
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

function cidrs(env: Env, name: string): string[] {
  const list = (env[name] ?? '').split(',').map((c) => c.trim()).filter(Boolean);
  for (const cidr of list) {
    const [address, bits, extra] = cidr.split('/');
    const family = isIP(address);
    const max = family === 6 ? 128 : 32;
    const ok = family !== 0 && extra === undefined && (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= max));
    if (!ok) throw new ConfigError(`${name} must be a comma-separated list of IP addresses or CIDRs, got "${cidr}"`);
  }
  return list;
}

const MAX_CACHEABLE_MS = 2_147_483;

function xmlCurlConfig(env: Env, host: string): XmlCurlConfig {
  const username = env.XML_CURL_USERNAME || undefined;
  const password = env.XML_CURL_PASSWORD || undefined;
  if (!!username !== !!password) throw new ConfigError('XML_CURL_USERNAME and XML_CURL_PASSWORD go together');
  const directoryAuth = env.XML_CURL_DIRECTORY_AUTH || 'a1-hash';
  if (directoryAuth !== 'a1-hash' && directoryAuth !== 'password') throw new ConfigError('XML_CURL_DIRECTORY_AUTH must be "a1-hash" or "password"');
  // FreeSWITCH turns the milliseconds into microseconds in a 32-bit int: more than this wraps.
  const userCacheableMs = integer(env, 'XML_CURL_USER_CACHEABLE_MS', 0);
  if (userCacheableMs > MAX_CACHEABLE_MS) throw new ConfigError(`XML_CURL_USER_CACHEABLE_MS must be at most ${MAX_CACHEABLE_MS} (about 35 minutes)`);
  return {
    username,
    password,
    allow: cidrs(env, 'XML_CURL_ALLOW'),
    cache: boolean(env, 'XML_CURL_CACHE', true),
    cacheMaxEntries: integer(env, 'XML_CURL_CACHE_MAX_ENTRIES', 200_000, 100),
    directoryAuth,
    userCacheableMs,
    dialString:
      env.XML_CURL_DIAL_STRING || '{presence_id=${dialed_user}@${dialed_domain}}${sofia_contact(${dialed_user}@${dialed_domain})}',
    templatesDir: env.XML_TEMPLATES_DIR ? resolve(env.XML_TEMPLATES_DIR) : undefined,
    listen: env.XML_CURL_PORT ? { port: port(env, 'XML_CURL_PORT'), host: env.XML_CURL_HOST || host } : undefined,
    trustedNetworks: cidrs(env, 'XML_CURL_TRUSTED_NETWORKS'),
  };
}

/** CDR_* settings, each falling back to the XML_CURL_* one, so one credential can serve both. */
function cdrAccess(env: Env): FreeswitchHttpAccess {
  const pick = (suffix: string) => (env[`CDR_${suffix}`] ? `CDR_${suffix}` : `XML_CURL_${suffix}`);
  const username = env[pick('USERNAME')] || undefined;
  const password = env[pick('PASSWORD')] || undefined;
  if (!!username !== !!password) throw new ConfigError('CDR_USERNAME and CDR_PASSWORD (or XML_CURL_USERNAME and XML_CURL_PASSWORD) go together');
  return { username, password, allow: cidrs(env, pick('ALLOW')) };
}

/** FREESWITCH_ESL is `host:port:password` (an IPv6 host in brackets); the password may hold colons. */
function eslConfig(env: Env): EslConfig {
  const raw = env.FREESWITCH_ESL?.trim();
  let defaultNode: EslConfig['defaultNode'] = null;
  if (raw) {
    const match = /^(\[[^\]]+\]|[^:]+):(\d{1,5}):(.+)$/.exec(raw);
    const port = match ? Number(match[2]) : 0;
    if (!match || port < 1 || port > 65535) throw new ConfigError('FREESWITCH_ESL must be host:port:password, e.g. 127.0.0.1:8021:ClueCon');
    defaultNode = { name: env.FREESWITCH_ESL_NAME || 'default', host: match[1].replace(/^\[|\]$/g, ''), port, password: match[3] };
  }
  const reconnectMinMs = integer(env, 'ESL_RECONNECT_MIN_MS', 500, 1);
  return {
    defaultNode,
    connectTimeoutMs: integer(env, 'ESL_CONNECT_TIMEOUT_MS', 5000, 1),
    commandTimeoutMs: integer(env, 'ESL_COMMAND_TIMEOUT_MS', 5000, 1),
    jobTimeoutMs: integer(env, 'ESL_JOB_TIMEOUT_MS', 120_000, 1),
    reconnectMinMs,
    reconnectMaxMs: Math.max(reconnectMinMs, integer(env, 'ESL_RECONNECT_MAX_MS', 30_000, 1)),
    reconnectProbeMs: integer(env, 'ESL_RECONNECT_PROBE_MS', 1000, 10),
    idleProbeMs: integer(env, 'ESL_IDLE_PROBE_MS', 30_000),
  };
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
    trustProxy: /^(1|true|yes|on)$/i.test(env.TRUST_PROXY ?? '') ? true : env.TRUST_PROXY && !/^(0|false|no|off)$/i.test(env.TRUST_PROXY) ? env.TRUST_PROXY : false,
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, ''),
    hstsMaxAge: integer(env, 'HSTS_MAX_AGE', 0),
    jwt: {
      privateKeyFile: resolve(env.JWT_PRIVATE_KEY_FILE || join(dataDir, 'jwt-private.pem')),
      publicKeyFile: resolve(env.JWT_PUBLIC_KEY_FILE || join(dataDir, 'jwt-public.pem')),
      issuer: env.JWT_ISSUER || 'switchyard',
      expiresIn: integer(env, 'JWT_EXPIRES_IN', 3600, 1),
      mfaPendingExpiresIn: integer(env, 'JWT_MFA_PENDING_EXPIRES_IN', 300, 1),
    },
    admin: {
      username: env.ADMIN_USERNAME || 'admin',
      email: env.ADMIN_EMAIL || (env.ADMIN_USERNAME?.includes('@') ? env.ADMIN_USERNAME : `${env.ADMIN_USERNAME || 'admin'}@switchyard.local`),
      password: env.ADMIN_PASSWORD || undefined,
    },
    smtp: { url: env.SMTP_URL || undefined, from: env.SMTP_FROM || 'Switchyard <no-reply@localhost>' },
    login: {
      maxFailures: integer(env, 'LOGIN_MAX_FAILURES', 5, 1),
      windowSeconds: integer(env, 'LOGIN_WINDOW_SECONDS', 900, 1),
      lockoutSeconds: integer(env, 'LOGIN_LOCKOUT_SECONDS', 900, 1),
      slowdownMs: integer(env, 'LOGIN_SLOWDOWN_MS', 1000),
      perIpPerMinute: integer(env, 'LOGIN_RATE_PER_MINUTE', 30, 1),
    },
    passwordResetTtlSeconds: integer(env, 'PASSWORD_RESET_TTL', 3600, 60),
    secretKeyFile: resolve(env.SECRET_KEY_FILE || join(dataDir, 'secret.key')),
    tenantDomainSuffix: env.TENANT_DOMAIN_SUFFIX ?? '.switchyard.local',
    graphql: {
      maxDepth: integer(env, 'GRAPHQL_MAX_DEPTH', 8, 1),
      maxCost: integer(env, 'GRAPHQL_MAX_COST', 5000, 1),
      maxAliases: integer(env, 'GRAPHQL_MAX_ALIASES', 50, 0),
      introspection: oneOf(env, 'GRAPHQL_INTROSPECTION', ['authenticated', 'public', 'off'] as const),
      graphiql: boolean(env, 'GRAPHIQL', true),
      subscriptionBuffer: integer(env, 'GRAPHQL_SUBSCRIPTION_BUFFER', 10_000, 1),
    },
    list: { defaultLimit: 50, maxLimit: integer(env, 'LIST_MAX_LIMIT', 500, 1) },
    esl: eslConfig(env),
    cdr: cdrAccess(env),
    xmlCurl: xmlCurlConfig(env, host),
    media: { dir: resolve(env.MEDIA_DIR || join(dataDir, 'media')), maxUploadBytes: integer(env, 'UPLOAD_MAX_BYTES', 20 * 1024 * 1024, 1024) },
    provisioning: { failuresPerMinute: integer(env, 'PROVISION_FAILURES_PER_MINUTE', 20, 1) },
    voicemail: {
      mailer: oneOf(env, 'VOICEMAIL_MAILER', env.SMTP_URL ? (['switchyard', 'freeswitch'] as const) : (['freeswitch', 'switchyard'] as const)),
      attachMaxBytes: integer(env, 'VOICEMAIL_ATTACH_MAX_BYTES', 20 * 1024 * 1024, 1024),
    },
  };
}
