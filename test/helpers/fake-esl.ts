// A fake FreeSWITCH Event Socket for tests: a real TCP server on 127.0.0.1 that speaks with the
// bytes captured from FreeSWITCH 1.10 (see esl-transcripts.ts). It performs the auth exchange,
// answers commands with the captured replies, delivers pushed events the way mod_event_socket
// does (only what the connection subscribed to; after CUSTOM every word is a subclass), can drop
// or close connections, and records every command it received.
//
// Replies: a test's own `answer()` rules first, then the captured reply to the same command
// (repeated commands replay their captured replies in order), then the captured reply of the
// same kind (bgapi jobs, with the client's Job-UUID and origination_uuid written over the
// captured ones: same length, so every Content-Length still holds). An api command nobody
// captured answers FreeSWITCH's own `-ERR no_such_command Command not found!`.
import { createServer, type Server, type Socket } from 'node:net';
import { contentType, eventFrames, eventNameOf, exchanges, repliesTo, serverFrames } from './esl-transcripts.ts';

type Format = 'plain' | 'json' | 'xml';

export type Matcher = string | RegExp | ((command: string) => boolean);
export type Reply = string[] | ((command: string) => string[]);

interface Session {
  socket: Socket;
  authed: boolean;
  format: Format | null;
  events: Set<string>;
  subclasses: Set<string>;
  buffer: string;
  /** While a held reply waits, later replies queue behind it: FreeSWITCH answers in order. */
  held: string[][] | null;
}

/** Captured frames tests reach for by name. */
export const captured = {
  authRequest: serverFrames('01-api-status')[0],
  disconnectNotice: repliesTo('02-auth-failure-wrong-password', 'auth WrongPassword')[1],
  /** `+OK\n`: what uuid_kill, uuid_transfer and most control commands answer. */
  apiOk: repliesTo('18-api-uuid_kill', 'api uuid_kill b807cd85-262b-4755-a456-aa1f5f018abb', 0),
  apiNoSuchChannel: repliesTo('18-api-uuid_kill', 'api uuid_kill b807cd85-262b-4755-a456-aa1f5f018abb', 1),
  apiSuccess: repliesTo('15-api-uuid_hold', 'api uuid_hold b807cd85-262b-4755-a456-aa1f5f018abb'),
  apiNotFound: repliesTo('11-api-error-unknown-command', 'api no_such_command foo'),
  showChannelsTwo: repliesTo('14-api-show-channels-as-json-2-channels', 'api show channels as json'),
  showChannelsUtf8: repliesTo('28c-utf8-caller-name-api', 'api show channels as json'),
};

const CAPTURED_JOB = {
  originate: { name: '13-bgapi-originate-and-BACKGROUND_JOB', jobUuid: '33ff2de5-9cb8-4439-9037-a1dfdc7ae1ce', channel: 'b807cd85-262b-4755-a456-aa1f5f018abb' },
  originateFailed: { name: '13-bgapi-originate-and-BACKGROUND_JOB', jobUuid: '43d63102-a6d1-49c6-ad80-babc26e6a1e2', channel: '' },
  status: { name: '13-bgapi-originate-and-BACKGROUND_JOB', jobUuid: '11111111-2222-3333-4444-555555555555', channel: '' },
};

/** Every captured exchange, by command: the replies in capture order. */
function capturedApiReplies(): Map<string, string[][]> {
  const names = [
    '01-api-status',
    '03-api-show-channels-as-json-0-channels',
    '04-api-show-registrations-as-json',
    '05-api-sofia-status',
    '06-api-sofia-xmlstatus',
    '07-api-sofia-status-profile-internal-reg',
    '08-api-reloadxml',
    '09-api-callcenter_config-queue-list',
    '10-api-error-uuid_kill-not-a-uuid',
    '11-api-error-unknown-command',
    '12-api-directory-lookups',
    '15-api-uuid_hold',
    '15b-api-uuid_hold-off',
    '16-api-uuid_transfer-to-conference',
    '17-api-conference-list',
    '18-api-uuid_kill',
    '19b-api-hupall',
    '23-log-data',
    '24-misc-commands-and-exit',
  ];
  const map = new Map<string, string[][]>();
  for (const name of names) {
    for (const { command, replies } of exchanges(name)) {
      if (!command.startsWith('api ') || replies.length === 0) continue;
      map.set(command, [...(map.get(command) ?? []), replies]);
    }
  }
  return map;
}

const EVENT_REPLY: Record<Format, string[]> = {
  json: repliesTo('event-json-subset-register-call', 'event json CHANNEL_CREATE CHANNEL_ANSWER CHANNEL_HANGUP_COMPLETE CUSTOM sofia::register sofia::unregister BACKGROUND_JOB HEARTBEAT'),
  plain: repliesTo('13-bgapi-originate-and-BACKGROUND_JOB', 'event plain BACKGROUND_JOB'),
  xml: repliesTo('event-xml-subset-register-call', 'event xml CHANNEL_ANSWER CHANNEL_HANGUP_COMPLETE CUSTOM sofia::register'),
};

function jobFrames(kind: keyof typeof CAPTURED_JOB, format: Format): { reply: string[]; event: string | null } {
  const source = CAPTURED_JOB[kind];
  const reply = exchanges(source.name).find((e) => e.command.startsWith('bgapi') && e.replies[0].includes(source.jobUuid))!.replies;
  const pool = format === 'json' ? eventFrames('event-json-ALL-api-session', 'BACKGROUND_JOB') : format === 'plain' ? eventFrames(source.name, 'BACKGROUND_JOB') : [];
  return { reply: reply.filter((f) => contentType(f) === 'command/reply'), event: pool.find((f) => f.includes(source.jobUuid)) ?? null };
}

function sameLengthSwap(frame: string, from: string, to: string | undefined): string {
  if (!from || !to || to === from) return frame;
  if (Buffer.byteLength(to) !== Buffer.byteLength(from)) throw new Error(`fake-esl: "${to}" must have the byte length of "${from}"`);
  return frame.split(from).join(to);
}

function matches(matcher: Matcher, command: string): boolean {
  if (typeof matcher === 'string') return command === matcher || command.startsWith(`${matcher} `) || command.startsWith(`${matcher}\n`);
  if (matcher instanceof RegExp) return matcher.test(command);
  return matcher(command);
}

export interface FakeEsl {
  host: string;
  port: number;
  /** Every command block received (auth included), in order, without the blank line. */
  commands: string[];
  /** When each of `commands` arrived (ms since the epoch), read as it arrives. */
  commandTimes: number[];
  /**
   * Replaces the reply to matching commands (checked before the captures, latest rule first).
   * With `hold`, the reply (and every reply after it on that connection) waits for release().
   */
  answer(matcher: Matcher, reply: Reply, options?: { hold?: boolean }): void;
  /** Sends held replies, in order. */
  release(): void;
  /** When set, bgapi jobs are acknowledged but their BACKGROUND_JOB event is held until releaseJobs(). */
  holdJobs: boolean;
  /** When set, `bgapi originate` completes with the captured `-ERR USER_NOT_REGISTERED`. */
  originateFails: boolean;
  releaseJobs(): void;
  /** Sends captured event frames to every authenticated connection subscribed to them. */
  push(frames: string | string[]): void;
  /** Writes raw bytes to every authenticated connection, optionally in pieces. */
  writeRaw(data: string, pieceBytes?: number): void;
  /** The captured disconnect notice, then the socket closes (what FreeSWITCH does on exit). */
  sendDisconnectNotice(): void;
  /** Destroys every connection at once (FreeSWITCH crashed or restarted). */
  drop(): void;
  /** Stops accepting connections; `listen()` resumes on the same port. */
  stop(): Promise<void>;
  listen(): Promise<void>;
  connectionCount(): number;
  /** Authenticated connections ever seen. */
  authenticatedCount: number;
  waitForCommand(matcher: Matcher, occurrence?: number): Promise<string>;
  waitForConnections(authenticated: number): Promise<void>;
  /** Whether some connection is subscribed to the event (name, or `CUSTOM <subclass>`). */
  subscribed(event: string): boolean;
  close(): Promise<void>;
}

export async function startFakeEsl(options: { password?: string; port?: number } = {}): Promise<FakeEsl> {
  const password = options.password ?? 'ClueCon';
  const apiReplies = capturedApiReplies();
  const replayed = new Map<string, number>();
  const rules: { matcher: Matcher; reply: Reply; hold: boolean }[] = [];
  const sessions = new Set<Session>();
  const heldJobs: { session: Session; frame: string }[] = [];
  const waiters: (() => void)[] = [];
  let server: Server;
  let port = options.port ?? 0;

  const notify = () => {
    for (const w of waiters.splice(0)) w();
  };
  const send = (session: Session, frames: string[]) => {
    if (!session.socket.destroyed) for (const frame of frames) session.socket.write(frame);
  };
  const write = (session: Session, frames: string[]) => {
    if (session.held) session.held.push(frames);
    else send(session, frames);
  };

  function wantsEvent(session: Session, frame: string): boolean {
    if (!session.authed || !session.format) return false;
    const name = eventNameOf(frame);
    if (session.events.has('ALL')) return true;
    if (name.startsWith('CUSTOM ')) return session.events.has('CUSTOM') && session.subclasses.has(name.slice(7));
    return session.events.has(name);
  }

  function subscribe(session: Session, format: Format, words: string[]) {
    session.format = format;
    let custom = false;
    for (const word of words) {
      if (custom) session.subclasses.add(word);
      else {
        session.events.add(word);
        if (word === 'CUSTOM') custom = true;
      }
    }
  }

  function apiReply(command: string): string[] {
    const captures = apiReplies.get(command);
    if (captures) {
      const n = replayed.get(command) ?? 0;
      replayed.set(command, n + 1);
      return captures[Math.min(n, captures.length - 1)];
    }
    return captured.apiNotFound;
  }

  function bgapi(session: Session, command: string) {
    const [line, ...headers] = command.split('\n');
    const jobUuid = headers.map((h) => /^Job-UUID: (.*)$/.exec(h)?.[1]).find(Boolean);
    // Only originate and status were captured as jobs; any other job is acknowledged like status
    // and never completes unless a test answers it.
    const kind = /^bgapi originate /.test(line) ? (fake.originateFails ? 'originateFailed' : 'originate') : 'status';
    const { reply, event: capturedEvent } = jobFrames(kind, session.format ?? 'plain');
    const event = kind === 'status' && line !== 'bgapi status' ? null : capturedEvent;
    const source = CAPTURED_JOB[kind];
    const channel = /origination_uuid=([0-9a-f-]{36})/.exec(line)?.[1];
    const swap = (f: string) => sameLengthSwap(sameLengthSwap(f, source.jobUuid, jobUuid), source.channel, channel);
    write(session, reply.map(swap));
    if (event && session.events.has('BACKGROUND_JOB')) {
      if (fake.holdJobs) heldJobs.push({ session, frame: swap(event) });
      else write(session, [swap(event)]);
    }
  }

  function handle(session: Session, command: string) {
    fake.commands.push(command);
    fake.commandTimes.push(Date.now());
    notify();
    const line = command.split('\n')[0];
    if (!session.authed) {
      if (line === `auth ${password}`) {
        session.authed = true;
        fake.authenticatedCount++;
        notify();
        return write(session, repliesTo('01-api-status', 'auth ClueCon'));
      }
      write(session, repliesTo('02-auth-failure-wrong-password', 'auth WrongPassword'));
      session.socket.end();
      return;
    }
    const rule = [...rules].reverse().find((r) => matches(r.matcher, command));
    if (rule) {
      const frames = typeof rule.reply === 'function' ? rule.reply(command) : rule.reply;
      if (rule.hold && !session.held) {
        session.held = [frames];
        return;
      }
      return write(session, frames);
    }
    const event = /^event (plain|json|xml) (.+)$/.exec(line);
    if (event) {
      subscribe(session, event[1] as Format, event[2].split(' '));
      return write(session, EVENT_REPLY[event[1] as Format]);
    }
    if (line === 'exit') {
      write(session, repliesTo('24-misc-commands-and-exit', 'exit'));
      session.socket.end();
      return;
    }
    if (line.startsWith('api ')) return write(session, apiReply(line));
    if (line.startsWith('bgapi ')) return bgapi(session, command);
    // The captured `sendevent CUSTOM` reply (+OK and the event's uuid); the event itself is not delivered.
    if (line.startsWith('sendevent ')) return write(session, repliesTo('24-misc-commands-and-exit', 'sendevent CUSTOM\nEvent-Subclass: test::capture\nX-Test: hello'));
    write(session, repliesTo('24-misc-commands-and-exit', 'this_is_not_a_command'));
  }

  function onConnection(socket: Socket) {
    const session: Session = { socket, authed: false, format: null, events: new Set(), subclasses: new Set(), buffer: '', held: null };
    sessions.add(session);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      session.buffer += chunk;
      let end: number;
      while ((end = session.buffer.indexOf('\n\n')) !== -1) {
        const command = session.buffer.slice(0, end);
        session.buffer = session.buffer.slice(end + 2);
        handle(session, command);
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      sessions.delete(session);
      notify();
    });
    socket.write(captured.authRequest);
    notify();
  }

  async function listen() {
    server = createServer(onConnection);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    port = (server.address() as { port: number }).port;
    fake.port = port;
  }

  function waitFor(check: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const test = () => (check() ? resolve() : waiters.push(test));
      test();
    });
  }

  const fake: FakeEsl = {
    host: '127.0.0.1',
    port,
    commands: [],
    commandTimes: [],
    holdJobs: false,
    originateFails: false,
    authenticatedCount: 0,
    answer(matcher, reply, opts = {}) {
      rules.push({ matcher, reply, hold: opts.hold ?? false });
    },
    release() {
      for (const session of sessions) {
        const held = session.held ?? [];
        session.held = null;
        for (const frames of held) send(session, frames);
      }
    },
    releaseJobs() {
      for (const { session, frame } of heldJobs.splice(0)) send(session, [frame]);
    },
    push(frames) {
      for (const session of sessions) send(session, (Array.isArray(frames) ? frames : [frames]).filter((f) => wantsEvent(session, f)));
    },
    writeRaw(data, pieceBytes) {
      const bytes = Buffer.from(data, 'utf8');
      const step = pieceBytes ?? bytes.length;
      for (const session of sessions) {
        if (!session.authed) continue;
        for (let i = 0; i < bytes.length; i += step) session.socket.write(bytes.subarray(i, i + step));
      }
    },
    sendDisconnectNotice() {
      for (const session of sessions) {
        send(session, [captured.disconnectNotice]);
        session.socket.end();
      }
    },
    drop() {
      for (const session of sessions) session.socket.destroy();
    },
    async stop() {
      fake.drop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    listen,
    connectionCount: () => sessions.size,
    waitForCommand(matcher, occurrence = 0) {
      const find = () => fake.commands.filter((c) => matches(matcher, c))[occurrence];
      return waitFor(() => find() !== undefined).then(() => find()!);
    },
    waitForConnections(authenticated) {
      return waitFor(() => [...sessions].filter((s) => s.authed && s.format).length >= authenticated);
    },
    subscribed(event) {
      const frame = event.startsWith('CUSTOM ')
        ? `Content-Type: text/event-json\n\n{"Event-Subclass":"${event.slice(7)}","Event-Name":"CUSTOM"}`
        : `Content-Type: text/event-json\n\n{"Event-Name":"${event}"}`;
      return [...sessions].some((s) => wantsEvent(s, frame));
    },
    async close() {
      fake.drop();
      await new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
    },
  };
  await listen();
  return fake;
}
