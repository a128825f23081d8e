// One FreeSWITCH node: keeps an authenticated link up, probes an idle link, runs api commands with
// a timeout and tracks bgapi jobs in one Map fed by the single BACKGROUND_JOB handler. Jobs
// outlive a reconnect: FreeSWITCH sends BACKGROUND_JOB to every connection subscribed to it.
// Reconnecting tells two failures apart:
// - the node does not accept TCP connections (stopped, restarting): a TCP probe every
//   reconnectProbeMs, so the link is back within that interval of the node listening again (a
//   growing backoff had it come back 14 s after a restarted FreeSWITCH was ready);
// - the node accepted the connection but the session failed (wrong password, refused
//   subscription, no auth/request in time): exponential backoff from reconnectMinMs to
//   reconnectMaxMs, so a wrong password is not retried every second for ever. A link that ends
//   within STABLE_LINK_MS of opening counts as a failed session too, so a node that accepts and
//   then drops every connection is not reconnected to in a tight loop.
import type { NodeState, NodeStatus, NodeTarget } from '../../domain/switch-nodes/node-status.ts';

export type { NodeState, NodeStatus, NodeTarget };
import { randomUUID } from 'node:crypto';
import { EslAuthError, EslClosedError, EslCommandError, EslTimeoutError, EslUnavailableError, EslUnreachableError } from './errors.ts';
import type { RawEvent } from './event-parser.ts';
import { openLink, type EventFormat, type Link } from './link.ts';
import { probeTcp, type TcpProbe } from './tcp-probe.ts';

export interface EslLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}


export interface ClientOptions {
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  jobTimeoutMs: number;
  /** Backoff bounds after a failed session (the node accepted TCP, then auth or the protocol failed). */
  reconnectMinMs: number;
  reconnectMaxMs: number;
  /** While the node refuses TCP connections, how often to try again. */
  reconnectProbeMs: number;
  /** Sends `api status` when nothing arrived for this long; a failed probe reconnects. 0: off. */
  idleProbeMs: number;
  format: EventFormat;
  events: string[];
  subclasses: string[];
  /** Headers the event consumer reads on every event (the rest are parsed only when asked for). */
  headers: readonly string[];
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

/** A link that stayed up this long proved the session works: the backoff starts over. */
const STABLE_LINK_MS = 10_000;

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
  /** Consecutive sessions that failed after the node accepted TCP: the backoff's exponent. */
  let failedSessions = 0;
  let stopped = true;
  let retryTimer: NodeJS.Timeout | null = null;
  let tcpProbe: TcpProbe | null = null;
  let idleTimer: NodeJS.Timeout | null = null;
  const where = { node: target.name, host: target.host, port: target.port };

  function setState(next: NodeState) {
    if (next === state) return;
    state = next;
    since = new Date();
    hooks.onStatus(client);
  }

  function onEvent(event: RawEvent) {
    if (event.name === 'BACKGROUND_JOB') {
      const jobUuid = event.headers.get('Job-UUID') ?? '';
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
    stopIdleProbe();
    if (stopped) return;
    lastError = reason;
    log.warn({ ...where, reason }, 'FreeSWITCH Event Socket disconnected');
    setState('disconnected');
    hooks.onDisconnected(client, reason);
    if (connectedAt && Date.now() - connectedAt.getTime() < STABLE_LINK_MS) {
      failedSessions++;
      return retryAfter(backoffMs());
    }
    failedSessions = 0;
    // At once: after a network blip the node is still there; after a restart the probes wait for it.
    probeThenConnect();
  }

  const backoffMs = () => Math.min(options.reconnectMaxMs, options.reconnectMinMs * 2 ** Math.max(0, failedSessions - 1));

  function retryAfter(delayMs: number) {
    if (stopped || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      probeThenConnect();
    }, delayMs);
    retryTimer.unref();
  }

  /** One attempt: a TCP probe, and the full connection only once the node accepts. */
  function probeThenConnect() {
    if (stopped || tcpProbe) return;
    attempts++;
    tcpProbe = probeTcp(target.host, target.port, options.connectTimeoutMs, (failure) => {
      tcpProbe = null;
      if (stopped) return;
      if (failure === null) return connect();
      // Logged once when the node went away (connect() or onClose), not once a probe.
      lastError = failure;
      log.debug({ ...where, attempt: attempts, reason: failure }, 'FreeSWITCH Event Socket still unreachable');
      retryAfter(options.reconnectProbeMs);
    });
  }

  function startIdleProbe() {
    if (!options.idleProbeMs) return;
    idleTimer = setInterval(() => {
      const current = link;
      if (!current || Date.now() - current.lastFrameAt() < options.idleProbeMs) return;
      current.api('status').catch((err: Error) => current.close(`idle probe failed: ${err.message}`));
    }, options.idleProbeMs);
    idleTimer.unref();
  }

  function stopIdleProbe() {
    if (idleTimer) clearInterval(idleTimer);
    idleTimer = null;
  }

  function connect() {
    if (stopped) return;
    setState('connecting');
    openLink(target, options, { onEvent, onClose })
      .then((opened) => {
        if (stopped) return opened.close('stopped');
        link = opened;
        attempts = 0;
        lastError = null;
        connectedAt = new Date();
        log.info(where, 'FreeSWITCH Event Socket connected');
        startIdleProbe();
        setState('connected');
        hooks.onConnected(client);
      })
      .catch((err: Error) => {
        lastError = err instanceof EslUnreachableError ? err.reason : err.message;
        if (stopped) return;
        if (err instanceof EslUnreachableError) {
          log.warn({ ...where, attempt: attempts, reason: err.reason, probeEveryMs: options.reconnectProbeMs }, 'FreeSWITCH Event Socket unreachable; probing until it accepts connections');
          setState('disconnected');
          return retryAfter(options.reconnectProbeMs);
        }
        failedSessions++;
        const delay = backoffMs();
        log.warn({ ...where, attempt: attempts, reason: err.message, retryInMs: delay }, 'FreeSWITCH Event Socket connection failed');
        setState(err instanceof EslAuthError ? 'auth_failed' : 'disconnected');
        retryAfter(delay);
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

    /** Drops the current link (if any); the client reconnects at once. */
    reconnect(reason: string) {
      link?.close(reason);
    },

    start() {
      if (!stopped) return;
      stopped = false;
      attempts++;
      connect();
    },

    stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      tcpProbe?.cancel();
      tcpProbe = null;
      stopIdleProbe();
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

    /**
     * `sendevent <name>` with its headers (mod_event_socket: the headers follow the command line;
     * the captured reply is `+OK <event uuid>`, esl-transcripts 24-misc-commands-and-exit).
     */
    async sendEvent(name: string, headers: Record<string, string>): Promise<ApiResult> {
      const reply = await requireLink().command(`sendevent ${name}`, headers);
      if (!reply.startsWith('+OK')) throw new EslCommandError(`sendevent ${name}`, reply);
      return apiResult(reply);
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
      return { pendingJobs: jobs.size, pendingReplies: link?.pendingReplies() ?? 0 };
    },
  };
  return client;
}
