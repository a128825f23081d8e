// One authenticated inbound Event Socket connection over a plain TCP socket, speaking the protocol
// as the captured FreeSWITCH 1.10 sessions show it (no client library: modesl spent about 40% of
// the CPU per event re-shaping every event into objects twice). What a long-running server needs:
// - a connect timeout (TCP, auth/request, auth, subscription) and a timeout on every command;
// - replies matched to commands in order: FreeSWITCH answers each command on a connection in the
//   order sent, so a reply that arrives after its command timed out is consumed and dropped, and
//   later replies stay matched to their own commands;
// - subscription order: CUSTOM and its subclasses last, because FreeSWITCH reads every word after
//   CUSTOM as a subclass (the captured `... CUSTOM sofia::register sofia::unregister BACKGROUND_JOB
//   HEARTBEAT` subscription never delivered a HEARTBEAT);
// - header values decoded without throwing on a stray `%`;
// - errors as values: socket errors and closes end the link, they never escape as exceptions; a
//   failure before the TCP connection was made is an EslUnreachableError, so the client can tell
//   "the node is down" from "the node refused us".
import { connect } from 'node:net';
import { EslAuthError, EslClosedError, EslTimeoutError, EslUnreachableError } from './errors.ts';
import { ENVELOPE_HEADERS, parseEvent, type RawEvent } from './event-parser.ts';
import { createFrameReader, type Frame } from './frame-reader.ts';
import { JsonFields } from './json-event.ts';

export type EventFormat = 'json' | 'plain' | 'xml';

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
  /** Headers read on every event: a JSON event is read once for these; any other costs a full parse. */
  headers: readonly string[];
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
  /** Replies still owed by FreeSWITCH (timed-out commands included until their reply arrives). */
  pendingReplies(): number;
  close(reason?: string): void;
}

function assertSingleLine(command: string) {
  if (/[\r\n]/.test(command)) throw new Error('an Event Socket command must be a single line');
}

export function subscriptionCommand(options: Pick<LinkOptions, 'format' | 'events' | 'subclasses'>): string {
  const names = options.events.filter((e) => e !== 'CUSTOM');
  const custom = options.subclasses.length ? ['CUSTOM', ...options.subclasses] : [];
  return `event ${options.format} ${[...names, ...custom].join(' ')}`;
}

/**
 * A command waiting for its reply; `settle` is gone once the command timed out. Replies are
 * handed over synchronously, in the read they came in: the auth reply `-ERR invalid` arrives in
 * one read with the disconnect notice that follows it, and must be seen first.
 */
interface Waiter {
  settle: ((frame: Frame) => void) | null;
  fail(err: Error): void;
}

/** Connects, authenticates and subscribes; resolves with the link, or rejects (auth, timeout, refused). */
export function openLink(target: LinkTarget, options: LinkOptions, handlers: LinkHandlers): Promise<Link> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.host, port: target.port });
    const waiters: Waiter[] = [];
    const fields = new JsonFields([...ENVELOPE_HEADERS, ...options.headers]);
    let tcpConnected = false;
    let opened = false;
    let closed = false;
    let lastFrame = Date.now();

    const end = (reason: string, err: Error) => {
      if (closed) return;
      closed = true;
      clearTimeout(connectTimer);
      for (const waiter of waiters.splice(0)) waiter.fail(new EslClosedError(reason));
      socket.destroy();
      if (opened) handlers.onClose(reason);
      else reject(tcpConnected ? err : new EslUnreachableError(reason));
    };

    const connectTimer = setTimeout(() => end('connect timed out', new EslTimeoutError('connect')), options.connectTimeoutMs);

    function send(command: string, headers: Record<string, string> | undefined, label: string, timeoutMs: number, onReply: (frame: Frame) => void, onError: (err: Error) => void) {
      if (closed) return onError(new EslClosedError('connection closed'));
      const timer = setTimeout(() => {
        waiter.settle = null;
        onError(new EslTimeoutError(label));
      }, timeoutMs);
      const waiter: Waiter = {
        settle(frame) {
          clearTimeout(timer);
          onReply(frame);
        },
        fail(err) {
          clearTimeout(timer);
          if (waiter.settle) onError(err);
        },
      };
      waiters.push(waiter);
      let text = command;
      for (const [name, value] of Object.entries(headers ?? {})) text += `\n${name}: ${value}`;
      socket.write(`${text}\n\n`);
    }

    const request = (command: string, headers: Record<string, string> | undefined, label: string, timeoutMs: number) =>
      new Promise<Frame>((res, rej) => send(command, headers, label, timeoutMs, res, rej));

    function onFrame(frame: Frame) {
      if (closed) return;
      lastFrame = Date.now();
      const type = frame.headers.get('Content-Type') ?? '';
      if (type.startsWith('text/event-')) {
        let event: RawEvent | null;
        try {
          event = parseEvent(type, frame.body, fields);
        } catch (err) {
          return end(`unreadable ${type} frame: ${(err as Error).message}`, err as Error);
        }
        if (!event) return;
        try {
          handlers.onEvent(event);
        } catch {
          // A consumer's failure must not break the connection; consumers log their own.
        }
      } else if (type === 'command/reply' || type === 'api/response') {
        waiters.shift()?.settle?.(frame);
      } else if (type === 'auth/request') {
        authenticate();
      } else if (type === 'text/disconnect-notice') {
        end('disconnect notice', new EslClosedError('disconnect notice'));
      } else if (type === 'text/rude-rejection') {
        end('rejected by the Event Socket ACL', new EslClosedError('rejected by the Event Socket ACL'));
      }
      // log/data and anything newer carry nothing Switchyard asked for.
    }

    const replyText = (frame: Frame) => frame.headers.get('Reply-Text') ?? '';
    const bodyText = (frame: Frame) => frame.body?.toString('utf8') ?? '';

    const link: Link = {
      api(command, timeoutMs = options.commandTimeoutMs) {
        assertSingleLine(command);
        return request(`api ${command}`, undefined, `api ${command.split(' ')[0]}`, timeoutMs).then(bodyText);
      },
      command(command, headers, timeoutMs = options.commandTimeoutMs) {
        assertSingleLine(command);
        for (const [k, v] of Object.entries(headers ?? {})) assertSingleLine(`${k}: ${v}`);
        return request(command, headers, command.split(' ').slice(0, 2).join(' '), timeoutMs).then(replyText);
      },
      lastFrameAt: () => lastFrame,
      pendingReplies: () => waiters.length,
      close(reason = 'closed') {
        end(reason, new EslClosedError(reason));
      },
    };

    const fail = (err: Error) => end(err.message, err);

    function authenticate() {
      // A password with a line break would smuggle in a command; it cannot be right anyway.
      if (/[\r\n]/.test(target.password)) return end('authentication failed', new EslAuthError());
      // The password never reaches a log: only the reply is looked at.
      send(`auth ${target.password}`, undefined, 'auth', options.commandTimeoutMs, (frame) => {
        if (!replyText(frame).startsWith('+OK')) return end('authentication failed', new EslAuthError());
        send(subscriptionCommand(options), undefined, 'event', options.commandTimeoutMs, (reply) => {
          const text = replyText(reply);
          if (!text.startsWith('+OK')) return end(`subscription refused: ${text}`, new Error(`subscription refused: ${text}`));
          opened = true;
          clearTimeout(connectTimer);
          resolve(link);
        }, fail);
      }, fail);
    }

    const reader = createFrameReader(onFrame);
    socket.on('connect', () => {
      tcpConnected = true;
      socket.setKeepAlive(true, 10_000);
      socket.setNoDelay(true);
    });
    socket.on('data', (chunk: Buffer) => reader.push(chunk));
    socket.on('error', (err) => end(`socket error: ${err.message}`, err));
    socket.on('close', () => end('connection closed', new EslClosedError('connection closed')));
  });
}
