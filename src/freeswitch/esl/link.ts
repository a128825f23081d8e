// One authenticated inbound Event Socket connection, through modesl. This is the only file that
// imports modesl; it adds what modesl lacks for a long-running server:
// - a connect timeout and a timeout on every command (modesl waits forever);
// - one frame listener for all events instead of a listener per Job-UUID (modesl's bgapi adds one
//   `once` per job, which leaks when a job never completes);
// - subscription order: CUSTOM and its subclasses last, because FreeSWITCH reads every word after
//   CUSTOM as a subclass (the captured `... CUSTOM sofia::register sofia::unregister BACKGROUND_JOB
//   HEARTBEAT` subscription never delivered a HEARTBEAT) while modesl's events() appends its own
//   events at the end;
// - header values decoded without throwing (modesl's decodeURIComponent throws on a stray `%`,
//   inside the socket's data handler, which would crash the process), and XML event headers
//   decoded at all (modesl leaves them URL-encoded);
// - errors as values: socket errors and closes end the link, they never escape as exceptions.
// modesl's framing itself is byte-exact: Content-Length is applied to a Buffer, so multi-byte
// UTF-8 bodies (the captured `Zoë Ünal 日本` calls) parse correctly; the tests replay them.
import esl, { type EslEvent } from 'modesl';
import { EslAuthError, EslClosedError, EslTimeoutError } from './errors.ts';

export type EventFormat = 'json' | 'plain' | 'xml';

export interface RawEvent {
  name: string;
  subclass: string | null;
  /** Header values as strings; a multi-valued variable (a JSON array, e.g. variable_DP_MATCH) is comma-joined. */
  headers: Record<string, string>;
  body: string;
}

export interface LinkTarget {
  host: string;
  port: number;
  password: string;
}

export interface LinkOptions {
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  format: EventFormat;
  /** Event names (CHANNEL_CREATE, BACKGROUND_JOB, ...). */
  events: string[];
  /** CUSTOM subclasses (sofia::register, ...). */
  subclasses: string[];
}

export interface LinkHandlers {
  onEvent(event: RawEvent): void;
  /** The link ended (socket closed, disconnect notice, or close()); called once. */
  onClose(reason: string): void;
}

export interface Link {
  /** `api <command>`: resolves with the response body. */
  api(command: string, timeoutMs?: number): Promise<string>;
  /** A command answered by command/reply: resolves with Reply-Text. */
  command(command: string, headers?: Record<string, string>, timeoutMs?: number): Promise<string>;
  /** When a frame of any kind last arrived (ms since epoch). */
  lastFrameAt(): number;
  /** Listeners on the modesl connection: constant however many commands and jobs ran. */
  listenerCount(): number;
  close(reason?: string): void;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** modesl's header block parser, minus the exception on malformed percent-encoding. */
function parseHeaderText(text: string): Record<string, string | number> {
  const headers: Record<string, string | number> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf(': ');
    const key = at === -1 ? line : line.slice(0, at);
    const value = at === -1 ? '' : safeDecode(line.slice(at + 2));
    headers[key] = key === 'Content-Length' ? parseInt(value, 10) : value;
  }
  return headers;
}

function assertSingleLine(command: string) {
  if (/[\r\n]/.test(command)) throw new Error('an Event Socket command must be a single line');
}

export function subscriptionCommand(options: Pick<LinkOptions, 'format' | 'events' | 'subclasses'>): string {
  const names = options.events.filter((e) => e !== 'CUSTOM');
  const custom = options.subclasses.length ? ['CUSTOM', ...options.subclasses] : [];
  return `event ${options.format} ${[...names, ...custom].join(' ')}`;
}

function toRawEvent(event: EslEvent, contentType: string): RawEvent {
  const headers: Record<string, string> = {};
  const decode = contentType === 'text/event-xml';
  for (const { name, value } of event.headers) headers[name] = decode ? safeDecode(String(value)) : String(value);
  return { name: headers['Event-Name'] ?? '', subclass: headers['Event-Subclass'] ?? null, headers, body: event.getBody() ?? '' };
}

/** Connects, authenticates and subscribes; resolves with the link, or rejects (auth, timeout, refused). */
export function openLink(target: LinkTarget, options: LinkOptions, handlers: LinkHandlers): Promise<Link> {
  return new Promise((resolve, reject) => {
    const conn = new esl.Connection(target.host, target.port, target.password);
    // Subscribed by modesl right after auth; the full subscription follows from here.
    conn.reqEvents = ['BACKGROUND_JOB'];
    const socket = conn.socket!;
    const pending = new Set<{ fail(err: Error): void }>();
    let opened = false;
    let closed = false;
    let lastFrame = Date.now();

    const end = (reason: string, err: Error) => {
      if (closed) return;
      closed = true;
      clearTimeout(connectTimer);
      for (const p of [...pending]) p.fail(new EslClosedError(reason));
      pending.clear();
      socket.destroy();
      if (opened) handlers.onClose(reason);
      else reject(err);
    };

    const connectTimer = setTimeout(() => end('connect timeout', new EslTimeoutError('connect')), options.connectTimeoutMs);

    // EventEmitter2 throws an 'error' nobody listens to; socket errors end the link instead.
    conn.on('error', (err: Error) => end(`socket error: ${err.message}`, err));
    socket.on('close', () => end('connection closed', new EslClosedError('connection closed')));
    socket.setKeepAlive(true, 10_000);
    socket.setNoDelay(true);

    conn.on('esl::connect', () => {
      const parser = conn.parser!;
      parser._parseHeaderText = parseHeaderText;
      parser.on('esl::event', (event, headers) => {
        lastFrame = Date.now();
        const type = String(headers['Content-Type'] ?? '');
        if (type.startsWith('text/event-')) {
          try {
            handlers.onEvent(toRawEvent(event, type));
          } catch {
            // A consumer's failure must not break the connection; consumers log their own.
          }
        } else if (type === 'text/disconnect-notice') {
          end('disconnect notice', new EslClosedError('disconnect notice'));
        }
      });
    });

    conn.on('esl::event::auth::fail', () => end('authentication failed', new EslAuthError()));

    function timed<T>(label: string, timeoutMs: number, send: (done: (value: T) => void) => void): Promise<T> {
      if (closed) return Promise.reject(new EslClosedError('connection closed'));
      return new Promise<T>((res, rej) => {
        const entry = {
          fail(err: Error) {
            clearTimeout(timer);
            pending.delete(entry);
            rej(err);
          },
        };
        const timer = setTimeout(() => entry.fail(new EslTimeoutError(label)), timeoutMs);
        pending.add(entry);
        // A late reply still arrives in modesl's queue order and is dropped here, so later
        // replies stay matched to their own commands.
        send((value) => {
          if (!pending.has(entry)) return;
          clearTimeout(timer);
          pending.delete(entry);
          res(value);
        });
      });
    }

    const link: Link = {
      api(command, timeoutMs = options.commandTimeoutMs) {
        assertSingleLine(command);
        const verb = command.split(' ')[0];
        return timed(`api ${verb}`, timeoutMs, (done) => conn.api(command, (event) => done(event.getBody() ?? '')));
      },
      command(command, headers, timeoutMs = options.commandTimeoutMs) {
        assertSingleLine(command);
        for (const [k, v] of Object.entries(headers ?? {})) assertSingleLine(`${k}: ${v}`);
        const verb = command.split(' ').slice(0, 2).join(' ');
        return timed(verb, timeoutMs, (done) => conn.sendRecv(command, headers ?? null, (event) => done(event.getHeader('Reply-Text') ?? '')));
      },
      lastFrameAt: () => lastFrame,
      listenerCount: () => conn.listeners('**').length,
      close(reason = 'closed') {
        end(reason, new EslClosedError(reason));
      },
    };

    conn.once('esl::ready', () => {
      link
        .command(subscriptionCommand(options))
        .then((reply) => {
          if (closed) return;
          if (!reply.startsWith('+OK')) return end(`subscription refused: ${reply}`, new Error(`subscription refused: ${reply}`));
          opened = true;
          clearTimeout(connectTimer);
          resolve(link);
        })
        .catch((err: Error) => end(err.message, err));
    });
  });
}
