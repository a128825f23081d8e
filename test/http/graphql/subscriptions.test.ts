// GraphQL subscriptions on a real WebSocket, fed by a fake FreeSWITCH Event Socket.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { seedExtension } from '../../helpers/cdr-posts.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { startFakeEsl, type FakeEsl } from '../../helpers/fake-esl.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';
import { connectGraphqlWs, type GqlWsClient, type GqlWsMessage } from '../../helpers/graphql-ws.ts';
import { channelFrame, registrationFrame } from '../../helpers/switch-events.ts';
import { until } from '../../helpers/wait.ts';

const CHANNELS = `subscription ($domain: String, $node: String) {
  channelEvents(domain: $domain, node: $node) { node at action eventName domain channel { uuid extension callerIdName createdAt } }
}`;
const REGISTRATIONS = `subscription { registrationEvents { node action domain registration { user domain } } }`;

interface Watcher {
  client: GqlWsClient;
  received: GqlWsMessage[];
  /** Data of the `next` messages, in order. */
  data(): any[];
}

describe.each(databaseKinds)('GraphQL subscriptions on $name', (kind) => {
  let fake: FakeEsl;
  let t: TestApp;
  let cast: Cast;
  let port: number;
  const clients: GqlWsClient[] = [];

  beforeAll(async () => {
    fake = await startFakeEsl();
    t = await createTestApp(kind, { FREESWITCH_ESL: `127.0.0.1:${fake.port}:ClueCon`, FREESWITCH_ESL_NAME: 'fs1' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
    cast = await seedCast(t);
    await seedExtension(t, cast.tenantA, '1001', cast.userA.id);
    await seedExtension(t, cast.tenantA, '1002');
    await seedExtension(t, cast.tenantB, '1001', cast.userB.id);
    await fake.waitForConnections(1);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t?.close();
    await fake?.close();
  });

  async function connect(token?: string): Promise<GqlWsClient> {
    const client = await connectGraphqlWs(port);
    clients.push(client);
    const ack = await client.init(token ? { authorization: `Bearer ${token}` } : undefined);
    expect(ack.type).toBe('connection_ack');
    return client;
  }

  async function watch(token: string, query: string, variables?: Record<string, unknown>): Promise<Watcher> {
    const client = await connect(token);
    const received: GqlWsMessage[] = [];
    client.subscribe('1', query, variables, (m) => received.push(m));
    return { client, received, data: () => received.filter((m) => m.type === 'next').map((m) => m.payload.data) };
  }

  /** Waits until the stream has `count` more subscribers than it had before. */
  const subscribers = () => t.app.esl.events.listenerCount();

  it('a tenant admin receives its domain’s channel events, an end user its extension’s, the super-admin all', async () => {
    const before = subscribers();
    const admin = await watch(cast.admin, CHANNELS);
    const adminA = await watch(cast.adminA.token, CHANNELS);
    const adminB = await watch(cast.adminB.token, CHANNELS);
    const userA = await watch(cast.userA.token, CHANNELS);
    const onlyGlobex = await watch(cast.admin, CHANNELS, { domain: 'globex.test' });
    await until(() => subscribers() === before + 5);

    const legs = [
      { uuid: 'c-a-1001', domain: 'acme.test', extension: '1001', callerIdName: 'Zoë Ünal' },
      { uuid: 'c-a-1002', domain: 'acme.test', extension: '1002' },
      { uuid: 'c-b-1001', domain: 'globex.test', extension: '1001' },
    ];
    for (const leg of legs) fake.push([channelFrame('CHANNEL_CREATE', leg), channelFrame('CHANNEL_HANGUP_COMPLETE', leg)]);
    // Fences: the last event each watcher can see; everything before it has been delivered.
    fake.push(channelFrame('CHANNEL_CREATE', { uuid: 'fence-a', domain: 'acme.test', extension: '1001' }));
    fake.push(channelFrame('CHANNEL_CREATE', { uuid: 'fence-b', domain: 'globex.test', extension: '1001' }));
    const uuids = (w: Watcher) => w.data().map((d) => `${d.channelEvents.channel.uuid}:${d.channelEvents.action}`);
    await until(() => uuids(admin).includes('fence-b:update') && uuids(onlyGlobex).includes('fence-b:update'));
    await until(() => uuids(adminA).includes('fence-a:update') && uuids(userA).includes('fence-a:update'));
    await until(() => uuids(adminB).includes('fence-b:update'));

    expect(uuids(admin)).toEqual(['c-a-1001:update', 'c-a-1001:hangup', 'c-a-1002:update', 'c-a-1002:hangup', 'c-b-1001:update', 'c-b-1001:hangup', 'fence-a:update', 'fence-b:update']);
    expect(uuids(adminA)).toEqual(['c-a-1001:update', 'c-a-1001:hangup', 'c-a-1002:update', 'c-a-1002:hangup', 'fence-a:update']);
    expect(uuids(adminB)).toEqual(['c-b-1001:update', 'c-b-1001:hangup', 'fence-b:update']);
    expect(uuids(userA)).toEqual(['c-a-1001:update', 'c-a-1001:hangup', 'fence-a:update']);
    expect(uuids(onlyGlobex)).toEqual(['c-b-1001:update', 'c-b-1001:hangup', 'fence-b:update']);
    expect(adminA.data()[0].channelEvents).toMatchObject({
      node: 'fs1',
      action: 'update',
      eventName: 'CHANNEL_CREATE',
      domain: 'acme.test',
      channel: { uuid: 'c-a-1001', extension: '1001', callerIdName: 'Zoë Ünal' },
    });
    expect(adminA.data()[0].channelEvents.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    for (const w of [admin, adminA, adminB, userA, onlyGlobex]) w.client.complete('1');
    await until(() => subscribers() === before);
  });

  it('registration events are scoped the same way', async () => {
    const before = subscribers();
    const admin = await watch(cast.admin, REGISTRATIONS);
    const adminB = await watch(cast.adminB.token, REGISTRATIONS);
    const userA = await watch(cast.userA.token, REGISTRATIONS);
    await until(() => subscribers() === before + 3);
    fake.push(registrationFrame('register', '1001', 'acme.test', 'call-1'));
    fake.push(registrationFrame('register', '1002', 'acme.test', 'call-2'));
    fake.push(registrationFrame('register', '1001', 'globex.test', 'call-3'));
    fake.push(registrationFrame('unregister', '1001', 'acme.test', 'call-1'));
    const seen = (w: Watcher) => w.data().map((d) => `${d.registrationEvents.action}:${d.registrationEvents.registration.user}@${d.registrationEvents.domain}`);
    await until(() => seen(admin).length === 4 && seen(userA).length === 2 && seen(adminB).length === 1);
    expect(seen(admin)).toEqual(['register:1001@acme.test', 'register:1002@acme.test', 'register:1001@globex.test', 'unregister:1001@acme.test']);
    expect(seen(userA)).toEqual(['register:1001@acme.test', 'unregister:1001@acme.test']);
    expect(seen(adminB)).toEqual(['register:1001@globex.test']);
    for (const w of [admin, adminB, userA]) w.client.close();
    await until(() => subscribers() === before);
  });

  it('refuses a connection whose token is invalid', async () => {
    const client = await connectGraphqlWs(port);
    clients.push(client);
    const answer = await client.init({ authorization: 'Bearer not-a-jwt' });
    expect(answer.type).not.toBe('connection_ack');
  });

  it('accepts the token in payload.headers and on the upgrade request', async () => {
    const viaHeaders = await connectGraphqlWs(port);
    clients.push(viaHeaders);
    expect((await viaHeaders.init({ headers: { Authorization: `Bearer ${cast.adminA.token}` } })).type).toBe('connection_ack');
    const upgraded = await connectGraphqlWs(port, { headers: { authorization: `Bearer ${cast.adminB.token}` } });
    clients.push(upgraded);
    expect((await upgraded.init()).type).toBe('connection_ack');
    const before = subscribers();
    const received: GqlWsMessage[] = [];
    upgraded.subscribe('1', REGISTRATIONS, undefined, (m) => received.push(m));
    await until(() => subscribers() === before + 1);
    fake.push(registrationFrame('register', '1001', 'acme.test', 'call-9'));
    fake.push(registrationFrame('register', '1001', 'globex.test', 'call-10'));
    await until(() => received.length === 1);
    expect(received[0].payload.data.registrationEvents.domain).toBe('globex.test');
    upgraded.complete('1');
  });

  it('a connection without a token gets 401 on subscribe', async () => {
    const client = await connect();
    const errors: GqlWsMessage[] = [];
    client.subscribe('1', CHANNELS, undefined, (m) => errors.push(m));
    await until(() => errors.length > 0);
    expect(errors[0].type).toBe('error');
    expect(errors[0].payload[0].message).toMatch(/Authentication required/);
  });

  it('refuses an invalid subscription document', async () => {
    const client = await connect(cast.admin);
    const errors: GqlWsMessage[] = [];
    client.subscribe('1', 'subscription { channelEvents { noSuchField } }', undefined, (m) => errors.push(m));
    await until(() => errors.length > 0);
    expect(errors[0].type).toBe('error');
    expect(errors[0].payload[0].message).toMatch(/noSuchField/);
    // Only validation catches this one: execution would ignore the unused variable.
    client.subscribe('2', 'subscription ($unused: Int) { registrationEvents { action } }', undefined, (m) => errors.push(m));
    await until(() => errors.length > 1);
    expect(errors[1].type).toBe('error');
    expect(errors[1].payload[0].message).toMatch(/unused/);
  });
});
