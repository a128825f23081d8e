// Load: 1,000 channel events a second for 30 seconds from a fake FreeSWITCH Event Socket, through
// the ESL client, live state and event stream, to GraphQL subscribers on real WebSockets. Every
// subscriber must receive exactly its tenant's events, in order, none lost; the heap must stay
// flat. It asserts counts, not time: a machine that cannot keep the pace takes longer (the fake
// FreeSWITCH waits once it is WINDOW events ahead), it does not fail.
// Runs alone with: npx vitest run test/http/graphql/subscriptions.load.test.ts
// The database only serves the subscribers' authentication, so this runs on SQLite only.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { seedExtension } from '../../helpers/cdr-posts.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { startFakeEsl, type FakeEsl } from '../../helpers/fake-esl.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';
import { connectGraphqlWs, type GqlWsClient, type GqlWsMessage } from '../../helpers/graphql-ws.ts';
import { channelFrame } from '../../helpers/switch-events.ts';
import { until } from '../../helpers/wait.ts';

const RATE = 1000;
const SECONDS = 30;
const TOTAL = RATE * SECONDS;
const HEAP_GROWTH_LIMIT = 48 * 1024 * 1024;
const WINDOW = 2 * RATE;

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;
const heapAfterGc = () => {
  gc();
  return process.memoryUsage().heapUsed;
};

const ID = '000000000000';
const DOMAINS = ['acme.test', 'globex.test'] as const;
// One frame per (event, domain) with a placeholder uuid of fixed length: each event is then a
// string replacement that keeps Content-Length true, not a JSON round trip.
const templates = DOMAINS.map((domain) => ({
  create: channelFrame('CHANNEL_CREATE', { uuid: `load-${ID}`, domain, extension: '1001' }),
  hangup: channelFrame('CHANNEL_HANGUP_COMPLETE', { uuid: `load-${ID}`, domain, extension: '1001' }),
}));

/** Event n (0-based): calls alternate between the two tenants; each is a create then a hangup. */
function frameOf(n: number): string {
  const call = n >> 1;
  const template = templates[call % 2];
  return (n % 2 === 0 ? template.create : template.hangup).split(ID).join(String(call).padStart(12, '0'));
}

interface Tally {
  received: number;
  outOfOrder: number;
  errors: GqlWsMessage[];
  last: number;
}

/** Counts a subscriber's events and checks each follows the previous one it may see. */
function tally(step: (previous: number) => number): { tally: Tally; onMessage: (m: GqlWsMessage) => void } {
  const t: Tally = { received: 0, outOfOrder: 0, errors: [], last: -1 };
  return {
    tally: t,
    onMessage(m) {
      if (m.type !== 'next') {
        t.errors.push(m);
        return;
      }
      const e = m.payload.data.channelEvents;
      const n = Number(e.channel.uuid.slice(5)) * 2 + (e.action === 'hangup' ? 1 : 0);
      if (n !== step(t.last)) t.outOfOrder++;
      t.last = n;
      t.received++;
    },
  };
}

const QUERY = 'subscription { channelEvents { node action eventName domain channel { uuid extension callState } } }';

describe('GraphQL subscriptions under load', () => {
  let fake: FakeEsl;
  let t: TestApp;
  let cast: Cast;
  const clients: GqlWsClient[] = [];

  beforeAll(async () => {
    fake = await startFakeEsl();
    t = await createTestApp(databaseKinds[0], { FREESWITCH_ESL: `127.0.0.1:${fake.port}:ClueCon` });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    cast = await seedCast(t);
    await seedExtension(t, cast.tenantA, '1001');
    await seedExtension(t, cast.tenantB, '1001');
    await fake.waitForConnections(1);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t?.close();
    await fake?.close();
  });

  it(`delivers ${RATE} events/s for ${SECONDS} s to every subscriber, none lost, heap flat`, { timeout: 600_000 }, async () => {
    const port = (t.app.server.address() as AddressInfo).port;
    const before = t.app.esl.events.listenerCount();
    // The super-admin sees every event; each tenant admin every other call (both its events).
    const watchers = [
      { token: cast.admin, expected: TOTAL, ...tally((p) => p + 1) },
      { token: cast.adminA.token, expected: TOTAL / 2, ...tally((p) => (p < 0 ? 0 : p % 2 === 0 ? p + 1 : p + 3)) },
      { token: cast.adminB.token, expected: TOTAL / 2, ...tally((p) => (p < 0 ? 2 : p % 2 === 0 ? p + 1 : p + 3)) },
    ];
    for (const w of watchers) {
      const client = await connectGraphqlWs(port);
      clients.push(client);
      expect((await client.init({ authorization: `Bearer ${w.token}` })).type).toBe('connection_ack');
      client.subscribe('load', QUERY, undefined, w.onMessage);
    }
    await until(() => t.app.esl.events.listenerCount() === before + watchers.length);

    const heap: number[] = [];
    const start = Date.now();
    let pushed = 0;
    let nextSample = start + 5000;
    while (pushed < TOTAL) {
      // At RATE, but never more than WINDOW events ahead of the slowest subscriber: the fake
      // FreeSWITCH shares this process, and its unsent backlog is not Switchyard's memory.
      const slowest = Math.min(...watchers.map((w) => w.tally.last + 1));
      const due = Math.min(TOTAL, Math.floor(((Date.now() - start) * RATE) / 1000), slowest + WINDOW);
      if (due > pushed) {
        const frames: string[] = [];
        for (; pushed < due; pushed++) frames.push(frameOf(pushed));
        fake.push(frames);
      }
      if (Date.now() >= nextSample) {
        heap.push(heapAfterGc());
        nextSample += 5000;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await until(() => watchers.every((w) => w.tally.received >= w.expected || w.tally.errors.length > 0), 50);
    heap.push(heapAfterGc());
    const seconds = (Date.now() - start) / 1000;
    console.info(`subscriptions load: ${TOTAL} events in ${seconds.toFixed(1)} s (${Math.round(TOTAL / seconds)} events/s) to ${watchers.length} subscribers`);

    for (const w of watchers) {
      expect({ received: w.tally.received, outOfOrder: w.tally.outOfOrder, errors: w.tally.errors }).toEqual({ received: w.expected, outOfOrder: 0, errors: [] });
    }
    // The first sample is after 5 s of steady traffic; from there on the heap must not climb.
    const growth = Math.max(...heap.slice(1)) - heap[0];
    expect(growth, `heap samples (MB): ${heap.map((h) => (h / 1048576).toFixed(1)).join(', ')}`).toBeLessThan(HEAP_GROWTH_LIMIT);
    // Every call hung up: the live state holds none of them.
    expect(t.app.esl.state.channels({}).filter((c) => c.uuid.startsWith('load-'))).toEqual([]);

    for (const c of clients) c.close();
    await until(() => t.app.esl.events.listenerCount() === before);
  });
});
