// The node manager against several fake FreeSWITCH nodes at once: connections, the live state kept
// from events and resynchronised after each (re)connect, the event stream, and node changes.
import { afterEach, describe, expect, it } from 'vitest';
import type { NodeTarget } from '../../../src/freeswitch/esl/client.ts';
import { createSwitchManager, type EslSettings, type SwitchEvent, type SwitchManager } from '../../../src/freeswitch/esl/index.ts';
import { captured, startFakeEsl, type FakeEsl } from '../../helpers/fake-esl.ts';
import { deriveJsonEvent, eventFrames } from '../../helpers/esl-transcripts.ts';
import { until } from '../../helpers/wait.ts';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const settings = (defaultNode: EslSettings['defaultNode'] = null): EslSettings => ({
  defaultNode,
  connectTimeoutMs: 2000,
  commandTimeoutMs: 2000,
  jobTimeoutMs: 5000,
  reconnectMinMs: 10,
  reconnectMaxMs: 50,
  reconnectProbeMs: 20,
  idleProbeMs: 0,
});

let fakes: FakeEsl[] = [];
let managers: SwitchManager[] = [];

afterEach(async () => {
  for (const m of managers) await m.stop();
  for (const f of fakes) await f.close();
  fakes = [];
  managers = [];
});

async function fakeNode() {
  const fake = await startFakeEsl();
  fakes.push(fake);
  return fake;
}

const target = (name: string, fake: FakeEsl, password = 'ClueCon'): NodeTarget => ({ key: `db:${name}`, name, host: fake.host, port: fake.port, password, source: 'db' });

async function managerWith(nodes: () => NodeTarget[], defaultNode: EslSettings['defaultNode'] = null) {
  const manager = createSwitchManager(settings(defaultNode));
  managers.push(manager);
  const events: SwitchEvent[] = [];
  manager.events.subscribe((e) => events.push(e));
  await manager.start({ log: silent, nodes: async () => nodes() });
  return { manager, events };
}

const connectedNames = (m: SwitchManager) => m.nodes().filter((n) => n.state === 'connected').map((n) => n.name);

/** The captured public call (capture 21), moved to another uuid pair, as JSON event frames. */
function capturedCall(suffix: string) {
  return eventFrames('21-event-json-public-call-bridged-to-user-1000').map((f) =>
    deriveJsonEvent(f, { replace: [['431d6592-c02c-4f01-94a4-c1036b3b5360', `aaaaaaaa-0000-4000-8000-00000000000${suffix}`], ['3216e411-d110-4f55-9b9a-b7c4e7743885', `bbbbbbbb-0000-4000-8000-00000000000${suffix}`]] }),
  );
}

describe('switch manager', () => {
  it('connects several nodes at once, the FREESWITCH_ESL one included, and reports each', async () => {
    const [a, b, c] = [await fakeNode(), await fakeNode(), await fakeNode()];
    const { manager } = await managerWith(() => [target('fs-b', b), target('fs-c', c)], { name: 'default', host: a.host, port: a.port, password: 'ClueCon' });
    await until(() => connectedNames(manager).length === 3);
    expect(manager.nodes().map((n) => [n.name, n.source, n.state])).toEqual([
      ['default', 'env', 'connected'],
      ['fs-b', 'db', 'connected'],
      ['fs-c', 'db', 'connected'],
    ]);
    const results = await manager.broadcast('reloadxml');
    expect(results.map((r) => [r.node, r.result?.body])).toEqual(
      expect.arrayContaining([
        ['default', '+OK [Success]\n'],
        ['fs-b', '+OK [Success]\n'],
        ['fs-c', '+OK [Success]\n'],
      ]),
    );
    for (const fake of [a, b, c]) expect(fake.commands).toContain('api reloadxml');
  });

  it('resynchronises channels and registrations with show ... as json after connecting', async () => {
    const a = await fakeNode();
    a.answer('api show channels as json', captured.showChannelsTwo);
    const { manager, events } = await managerWith(() => [target('fs-a', a)]);
    await until(() => events.some((e) => e.kind === 'resync' && e.channels === 2) && manager.state.gateways().length > 0);
    expect(manager.state.channels().map((c) => [c.node, c.uuid, c.extension, c.domain])).toEqual([
      ['fs-a', 'b807cd85-262b-4755-a456-aa1f5f018abb', '1000', '127.0.0.1'],
      ['fs-a', '003b75fa-c621-4305-a361-0fe0de9b9cde', '1000', '127.0.0.1'],
    ]);
    expect(manager.state.registrations()).toMatchObject([{ node: 'fs-a', user: '1000', domain: '127.0.0.1', contact: 'sip:1000@127.0.0.1:5070', callId: '1-31426@127.0.0.1', profile: 'internal' }]);
    expect(manager.state.gateways('fs-a')).toMatchObject([{ name: 'example.com', profile: 'external', state: 'NOREG', data: 'sip:joeuser@example.com' }]);
  });

  it('keeps channels from events: created, answered, bridged, then gone on hangup', async () => {
    const a = await fakeNode();
    const { manager, events } = await managerWith(() => [target('fs-a', a)]);
    await until(() => events.some((e) => e.kind === 'resync'));
    const call = capturedCall('1');
    a.push(call.slice(0, 6));
    await until(() => manager.state.channels().length === 2 && manager.state.channel('aaaaaaaa-0000-4000-8000-000000000001')?.callState === 'ACTIVE');
    const inbound = manager.state.channel('aaaaaaaa-0000-4000-8000-000000000001')!;
    expect(inbound).toMatchObject({ node: 'fs-a', direction: 'inbound', destination: '1000', extension: '1000', domain: '127.0.0.1', otherLegUuid: 'bbbbbbbb-0000-4000-8000-000000000001' });
    a.push(call.slice(6));
    await until(() => manager.state.channels().length === 0);
    const hangups = events.filter((e) => e.kind === 'channel' && e.action === 'hangup');
    expect(hangups.map((e) => e.kind === 'channel' && [e.eventName, e.hangupCause])).toContainEqual(['CHANNEL_HANGUP_COMPLETE', 'NORMAL_CLEARING']);
  });

  it('keeps registrations from sofia::register / unregister events', async () => {
    const a = await fakeNode();
    const { manager, events } = await managerWith(() => [target('fs-a', a)]);
    await until(() => events.some((e) => e.kind === 'resync'));
    const frames = eventFrames('event-json-subset-register-call').filter((f) => f.includes('sofia::'));
    a.push(frames.slice(1, 2));
    await until(() => manager.state.registrations().some((r) => r.user === '1001'));
    expect(manager.state.registrations({ domain: '127.0.0.1', extensions: ['1001'] })).toMatchObject([{ contact: '"" <sip:1001@127.0.0.1:5072>', userAgent: 'sipp-test', transport: 'udp' }]);
    a.push(frames.slice(2));
    await until(() => !manager.state.registrations().some((r) => r.user === '1001'));
    const unregister = events.find((e) => e.kind === 'registration' && e.action === 'unregister');
    expect(unregister).toMatchObject({ node: 'fs-a', domain: '127.0.0.1', registration: { user: '1001' } });
  });

  it('forgets a dropped node, reconnects it and resynchronises, while the others carry on', async () => {
    const [a, b] = [await fakeNode(), await fakeNode()];
    a.answer('api show channels as json', captured.showChannelsTwo);
    b.answer('api show channels as json', captured.showChannelsUtf8);
    const { manager, events } = await managerWith(() => [target('fs-a', a), target('fs-b', b)]);
    await until(() => manager.state.channels().length === 4);
    a.drop();
    await until(() => manager.state.channels({ node: 'fs-a' }).length === 0 && manager.state.channels({ node: 'fs-b' }).length === 2);
    await until(() => manager.state.channels({ node: 'fs-a' }).length === 2);
    expect(a.authenticatedCount).toBe(2);
    expect(b.authenticatedCount).toBe(1);
    const states = events.filter((e) => e.kind === 'node' && e.node === 'fs-a').map((e) => e.kind === 'node' && e.state);
    expect(states).toEqual(['connecting', 'connected', 'disconnected', 'connecting', 'connected']);
    expect(manager.state.channels({ node: 'fs-b' }).map((c) => c.callerIdName)).toContain('Zoë Ünal 日本');
  });

  it('a node that does not answer the resynchronisation is reconnected until it does', async () => {
    const a = await fakeNode();
    a.answer('api show channels as json', captured.showChannelsTwo, { hold: true });
    const manager = createSwitchManager({ ...settings(), commandTimeoutMs: 100 });
    managers.push(manager);
    await manager.start({ log: silent, nodes: async () => [target('fs-a', a)] });
    await a.waitForCommand('api show channels as json');
    a.answer('api show channels as json', captured.showChannelsTwo);
    await until(() => manager.state.channels().length === 2);
    expect(a.authenticatedCount).toBe(2);
  });

  it('an unreachable node never blocks the others or a command', async () => {
    const a = await fakeNode();
    const gone = await fakeNode();
    await gone.stop();
    const { manager } = await managerWith(() => [target('fs-a', a), target('gone', gone)]);
    await until(() => manager.client('fs-a')!.isConnected() && manager.client('gone')!.status().attempts >= 2);
    expect(manager.client('gone')!.status().state).toMatch(/connecting|disconnected/);
    await expect(manager.api('gone', 'status')).rejects.toThrow(/not connected/);
    expect((await manager.broadcast('reloadxml')).map((r) => r.node)).toEqual(['fs-a']);
  });

  it('applies node changes: a new node connects, a removed one closes, a changed one reconnects', async () => {
    const [a, b] = [await fakeNode(), await fakeNode()];
    let nodes = [target('fs-a', a)];
    const { manager } = await managerWith(() => nodes);
    await until(() => connectedNames(manager).length === 1);
    nodes = [target('fs-a', a, 'WrongPassword'), target('fs-b', b)];
    await manager.reload();
    await until(() => manager.client('fs-b')?.isConnected() === true && manager.client('fs-a')?.status().state === 'auth_failed');
    nodes = [target('fs-b', b)];
    await manager.reload();
    await until(() => a.connectionCount() === 0);
    expect(manager.nodes().map((n) => n.name)).toEqual(['fs-b']);
  });

  it('the FREESWITCH_ESL node connects even when the node list cannot be read', async () => {
    const a = await fakeNode();
    const manager = createSwitchManager(settings({ name: 'default', host: a.host, port: a.port, password: 'ClueCon' }));
    managers.push(manager);
    await manager.start({
      log: silent,
      nodes: async () => {
        throw new Error('database unavailable');
      },
    });
    await until(() => manager.client('default')?.isConnected() === true);
    expect(manager.nodes().map((n) => n.name)).toEqual(['default']);
  });

  it('a throwing subscriber is isolated; unsubscribing stops delivery', async () => {
    const a = await fakeNode();
    const { manager, events } = await managerWith(() => [target('fs-a', a)]);
    const thrower = manager.events.subscribe(() => {
      throw new Error('subscriber bug');
    });
    const seen: string[] = [];
    const stop = manager.events.subscribe((e) => e.kind === 'channel' && seen.push(e.eventName));
    await until(() => events.some((e) => e.kind === 'resync'));
    const call = capturedCall('2');
    a.push(call.slice(0, 1));
    await until(() => seen.length === 1);
    stop();
    thrower();
    a.push(call.slice(1, 2));
    await until(() => manager.state.channels().length === 2);
    expect(seen).toEqual(['CHANNEL_CREATE']);
    expect(manager.events.listenerCount()).toBe(1);
  });
});
