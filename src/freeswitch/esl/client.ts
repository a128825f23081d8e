// One FreeSWITCH node: keeps an authenticated link up (reconnecting with exponential backoff,
// since modesl never reconnects), probes an idle link, runs api commands with a timeout and
// tracks bgapi jobs in one Map fed by the single BACKGROUND_JOB handler. Jobs outlive a
// reconnect: FreeSWITCH sends BACKGROUND_JOB to every connection subscribed to it.
import { randomUUID } from 'node:crypto';
import { EslAuthError, EslClosedError, EslCommandError, EslTimeoutError, EslUnavailableError } from './errors.ts';
import { openLink, type EventFormat, type Link, type RawEvent } from './link.ts';

export interface EslLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface NodeTarget {
  /** Stable identity: `env` for FREESWITCH_ESL, `db:<id>` for a switch node row. */
  key: string;
  name: string;
  host: string;
  port: number;
  password: string;
  source: 'env' | 'db';
}

export type NodeState = 'connecting' | 'connected' | 'auth_failed' | 'disconnected' | 'stopped';

export interface NodeStatus {
  key: string;
  name: string;
  host: string;
  port: number;
  source: 'env' | 'db';
  state: NodeState;
  since: Date;
  connectedAt: Date | null;
  lastError: string | null;
  /** Consecutive connection attempts since the last success. */
  attempts: number;
  lastHeartbeatAt: Date | null;
}

export interface ClientOptions {
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  jobTimeoutMs: number;
  reconnectMinMs: number;
  reconnectMaxMs: number;
  /** Sends `api status` when nothing arrived for this long; a failed probe reconnects. 0: off. */
  idleProbeMs: number;
  format: EventFormat;
  events: string[];
  subclasses: string[];
  log: EslLogger;
}

/** An api reply: FreeSWITCH reports errors only as a leading `-ERR` in the body. */
export interface ApiResult {
  ok: boolean;
  body: string;
  /** The body without its `+OK ` / `-ERR ` prefix and surrounding whitespace. */
  text: string;
}

export interface BackgroundJob {
  jobUuid: string;
  /** Settles with the BACKGROUND_JOB body, or rejects on the job timeout. */
  done: Promise<ApiResult>;
}

export interface ClientHooks {
  onEvent(client: NodeClient, event: RawEvent): void;
  onConnected(client: NodeClient): void;
  onDisconnected(client: NodeClient, reason: string): void;
  onStatus(client: NodeClient): void;
}

export function apiResult(body: string): ApiResult {
  if (body.startsWith('-ERR')) return { ok: false, body, text: body.slice(4).trim() };
  if (body.startsWith('+OK')) return { ok: true, body, text: body.slice(3).trim() };
  return { ok: true, body, text: body.trim() };
}

export type NodeClient = ReturnType<typeof createNodeClient>;

export function createNodeClient(target: NodeTarget, options: ClientOptions, hooks: ClientHooks) {
  const { log } = options;
  const jobs = new Map<string, { resolve(r: ApiResult): void; reject(e: Error): void; timer: NodeJS.Timeout }>();
  let link: Link | null = null;
  let state: NodeState = 'disconnected';
  let since = new Date();
  let connectedAt: Date | null = null;
  let lastError: string | null = null;
  let lastHeartbeatAt: Date | null = null;
  let attempts = 0;
  let stopped = true;
  let retryTimer: NodeJS.Timeout | null = null;
  let probeTimer: NodeJS.Timeout | null = null;
  const where = { node: target.name, host: target.host, port: target.port };

  function setState(next: NodeState) {
    if (next === state) return;
    state = next;
    since = new Date();
    hooks.onStatus(client);
  }

  function onEvent(event: RawEvent) {
    if (event.name === 'BACKGROUND_JOB') {
      const jobUuid = event.headers['Job-UUID'];
      const job = jobs.get(jobUuid);
      if (job) {
        clearTimeout(job.timer);
        jobs.delete(jobUuid);
        job.resolve(apiResult(event.body));
      }
    } else if (event.name === 'HEARTBEAT') {
      lastHeartbeatAt = new Date();
    }
    try {
      hooks.onEvent(client, event);
    } catch (err) {
      log.error({ ...where, err, event: event.name }, 'event handler failed');
    }
  }

  function onClose(reason: string) {
    link = null;
    stopProbe();
    if (stopped) return;
    lastError = reason;
    log.warn({ ...where, reason }, 'FreeSWITCH Event Socket disconnected');
    setState('disconnected');
    hooks.onDisconnected(client, reason);
    scheduleReconnect();
  }

  function scheduleReconnect() {
    if (stopped || retryTimer) return;
    const delay = Math.min(options.reconnectMaxMs, options.reconnectMinMs * 2 ** Math.max(0, attempts - 1));
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect();
    }, delay);
    retryTimer.unref();
  }

  function startProbe() {
    if (!options.idleProbeMs) return;
    probeTimer = setInterval(() => {
      const current = link;
      if (!current || Date.now() - current.lastFrameAt() < options.idleProbeMs) return;
      current.api('status').catch((err: Error) => current.close(`idle probe failed: ${err.message}`));
    }, options.idleProbeMs);
    probeTimer.unref();
  }

  function stopProbe() {
    if (probeTimer) clearInterval(probeTimer);
    probeTimer = null;
  }

  function connect() {
    if (stopped) return;
    attempts++;
    setState('connecting');
    openLink(target, options, { onEvent, onClose })
      .then((opened) => {
        if (stopped) return opened.close('stopped');
        link = opened;
        attempts = 0;
        lastError = null;
        connectedAt = new Date();
        log.info(where, 'FreeSWITCH Event Socket connected');
        startProbe();
        setState('connected');
        hooks.onConnected(client);
      })
      .catch((err: Error) => {
        lastError = err.message;
        if (stopped) return;
        log.warn({ ...where, attempt: attempts, reason: err.message }, 'FreeSWITCH Event Socket connection failed');
        setState(err instanceof EslAuthError ? 'auth_failed' : 'disconnected');
        scheduleReconnect();
      });
  }

  function requireLink(): Link {
    if (!link) throw new EslUnavailableError(target.name);
    return link;
  }

  const client = {
    target,

    status(): NodeStatus {
      return { key: target.key, name: target.name, host: target.host, port: target.port, source: target.source, state, since, connectedAt, lastError, attempts, lastHeartbeatAt };
    },

    isConnected: () => link !== null,

    /** Drops the current link (if any); the client reconnects with backoff. */
    reconnect(reason: string) {
      link?.close(reason);
    },

    start() {
      if (!stopped) return;
      stopped = false;
      connect();
    },

    stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      stopProbe();
      link?.close('stopped');
      link = null;
      for (const [jobUuid, job] of jobs) {
        clearTimeout(job.timer);
        job.reject(new EslClosedError('stopped'));
        jobs.delete(jobUuid);
      }
      setState('stopped');
    },

    /** `api <command>`; an `-ERR` reply is a result with ok false, not an exception. */
    async api(command: string, timeoutMs?: number): Promise<ApiResult> {
      return apiResult(await requireLink().api(command, timeoutMs));
    },

    /** `bgapi <command>`: resolves once FreeSWITCH accepted the job. */
    async bgapi(command: string, timeoutMs = options.jobTimeoutMs): Promise<BackgroundJob> {
      const current = requireLink();
      const jobUuid = randomUUID();
      const verb = `bgapi ${command.split(' ')[0]}`;
      const done = new Promise<ApiResult>((resolve, reject) => {
        const timer = setTimeout(() => {
          jobs.delete(jobUuid);
          reject(new EslTimeoutError(`${verb} job`));
        }, timeoutMs);
        timer.unref();
        jobs.set(jobUuid, { resolve, reject, timer });
      });
      // Callers often only need the acceptance; an outcome nobody awaits must not go unhandled.
      done.catch(() => {});
      try {
        const reply = await current.command(`bgapi ${command}`, { 'Job-UUID': jobUuid });
        if (!reply.startsWith('+OK')) throw new EslCommandError(verb, reply);
      } catch (err) {
        const job = jobs.get(jobUuid);
        if (job) {
          clearTimeout(job.timer);
          jobs.delete(jobUuid);
          job.reject(err as Error);
        }
        throw err;
      }
      return { jobUuid, done };
    },

    /** Counters for tests and diagnostics: nothing here grows per command or per job. */
    diagnostics() {
      return { pendingJobs: jobs.size, listeners: link?.listenerCount() ?? 0 };
    },
  };
  return client;
}
