// A GraphQL-over-WebSocket client (the graphql-transport-ws protocol) on a real socket, written
// against RFC 6455 directly so tests and benchmarks need no client library: the upgrade, masked
// text frames out, unmasked (possibly fragmented) frames in, ping answered with pong.
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Socket } from 'node:net';

export interface GqlWsMessage {
  type: string;
  id?: string;
  payload?: any;
}

export interface GqlWsClient {
  /** Every message not consumed by a subscription handler, in order. */
  messages: GqlWsMessage[];
  /** Sends connection_init and resolves with the server's answer (connection_ack or an error). */
  init(payload?: Record<string, unknown>): Promise<GqlWsMessage>;
  /** Starts a subscription; `onMessage` receives its next/error/complete messages. */
  subscribe(id: string, query: string, variables: Record<string, unknown> | undefined, onMessage: (message: GqlWsMessage) => void): void;
  /** Waits for a message (outside subscription handlers) that matches. */
  next(match?: (message: GqlWsMessage) => boolean): Promise<GqlWsMessage>;
  complete(id: string): void;
  /** Stops reading from the socket (a client that falls behind). */
  pause(): void;
  resume(): void;
  closed: Promise<number | null>;
  close(): void;
}

function frame(opcode: number, data: Buffer): Buffer {
  const mask = randomBytes(4);
  const length = data.length;
  const header = length < 126 ? Buffer.alloc(2) : length < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  header[0] = 0x80 | opcode;
  if (length < 126) header[1] = 0x80 | length;
  else if (length < 65536) {
    header[1] = 0x80 | 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  const masked = Buffer.alloc(length);
  for (let i = 0; i < length; i++) masked[i] = data[i] ^ mask[i & 3];
  return Buffer.concat([header, mask, masked]);
}

export function connectGraphqlWs(port: number, options: { headers?: Record<string, string>; path?: string } = {}): Promise<GqlWsClient> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path: options.path ?? '/graphql',
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        'sec-websocket-protocol': 'graphql-transport-ws',
        ...options.headers,
      },
    });
    req.on('error', reject);
    req.on('response', (res) => reject(new Error(`WebSocket upgrade refused: ${res.statusCode}`)));
    req.on('upgrade', (_res, socket: Socket, head: Buffer) => resolve(client(socket, head)));
    req.end();
  });
}

function client(socket: Socket, head: Buffer): GqlWsClient {
  let buffer = head;
  let fragments: Buffer[] = [];
  const handlers = new Map<string, (message: GqlWsMessage) => void>();
  const waiters: { match: (m: GqlWsMessage) => boolean; resolve: (m: GqlWsMessage) => void }[] = [];
  const messages: GqlWsMessage[] = [];
  let closeCode: (code: number | null) => void;
  const closed = new Promise<number | null>((resolve) => (closeCode = resolve));

  const send = (message: GqlWsMessage) => {
    if (!socket.destroyed) socket.write(frame(0x1, Buffer.from(JSON.stringify(message))));
  };

  function deliver(message: GqlWsMessage) {
    if (message.type === 'ping') return send({ type: 'pong' });
    const handler = message.id ? handlers.get(message.id) : undefined;
    if (handler) return handler(message);
    const waiter = waiters.findIndex((w) => w.match(message));
    if (waiter >= 0) return waiters.splice(waiter, 1)[0].resolve(message);
    messages.push(message);
  }

  function parse() {
    for (;;) {
      if (buffer.length < 2) return;
      const fin = (buffer[0] & 0x80) !== 0;
      const opcode = buffer[0] & 0x0f;
      let length = buffer[1] & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffer.length < 4) return;
        length = buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buffer.length < 10) return;
        length = Number(buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (buffer.length < offset + length) return;
      const payload = buffer.subarray(offset, offset + length);
      buffer = buffer.subarray(offset + length);
      if (opcode === 0x8) {
        closeCode(payload.length >= 2 ? payload.readUInt16BE(0) : null);
        socket.end();
        return;
      }
      if (opcode === 0x9) {
        socket.write(frame(0xa, Buffer.from(payload)));
        continue;
      }
      if (opcode === 0xa) continue;
      fragments.push(Buffer.from(payload));
      if (!fin) continue;
      const text = Buffer.concat(fragments).toString('utf8');
      fragments = [];
      deliver(JSON.parse(text));
    }
  }

  socket.on('data', (chunk: Buffer) => {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    parse();
  });
  socket.on('close', () => closeCode(null));
  socket.on('error', () => {});
  if (head.length) setImmediate(parse);

  const next = (match: (m: GqlWsMessage) => boolean = () => true) => {
    const found = messages.findIndex(match);
    if (found >= 0) return Promise.resolve(messages.splice(found, 1)[0]);
    return new Promise<GqlWsMessage>((resolve) => waiters.push({ match, resolve }));
  };

  return {
    messages,
    init(payload) {
      send({ type: 'connection_init', payload });
      return Promise.race([
        next((m) => m.type === 'connection_ack' || m.type === 'connection_error' || m.type === 'error'),
        closed.then((code) => ({ type: 'closed', payload: { code } })),
      ]);
    },
    subscribe(id, query, variables, onMessage) {
      handlers.set(id, onMessage);
      send({ type: 'subscribe', id, payload: { query, variables } });
    },
    next,
    complete(id) {
      handlers.delete(id);
      send({ type: 'complete', id });
    },
    pause: () => socket.pause(),
    resume: () => socket.resume(),
    closed,
    close() {
      if (!socket.destroyed) socket.end(frame(0x8, Buffer.from([0x03, 0xe8])));
    },
  };
}
