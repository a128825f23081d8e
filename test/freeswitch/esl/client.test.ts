// One node's Event Socket client against the fake FreeSWITCH replaying captured bytes.
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeClient, type ClientOptions, type NodeClient } from '../../../src/freeswitch/esl/client.ts';
import { EslClosedError, EslCommandError, EslTimeoutError, EslUnavailableError } from '../../../src/freeswitch/esl/errors.ts';
import type { RawEvent } from '../../../src/freeswitch/esl/event-parser.ts';
import type { EventFormat } from '../../../src/freeswitch/esl/link.ts';
import { SUBSCRIBED_EVENTS, SUBSCRIBED_SUBCLASSES } from '../../../src/freeswitch/esl/manager.ts';
import { captured, startFakeEsl, type FakeEsl } from '../../helpers/fake-esl.ts';
import { eventFrames, repliesTo } from '../../helpers/esl-transcripts.ts';
import { until } from '../../helpers/wait.ts';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

function options(overrides: Partial<ClientOptions> = {}): ClientOptions {
  return {
    connectTimeoutMs: 2000,
    commandTimeoutMs: 2000,
    jobTimeoutMs: 5000,
    reconnectMinMs: 10,
    reconnectMaxMs: 50,
    reconnectProbeMs: 20,
    idleProbeMs: 0,
    format: 'json',
    events: SUBSCRIBED_EVENTS,
    subclasses: SUBSCRIBED_SUBCLASSES,
    headers: [],
    log: silent,
    ...overrides,
  };
}

let fakes: FakeEsl[] = [];
let clients: NodeClient[] = [];

afterEach(async () => {
  for (const c of clients) c.stop();
  for (const f of fakes) await f.close();
  clients = [];
  fakes = [];
});

async function setup(opts: { password?: string; format?: EventFormat; client?: Partial<ClientOptions>; events?: string[]; subclasses?: string[] } = {}) {
  const fake = await startFakeEsl();
  fakes.push(fake);
  const events: RawEvent[] = [];
  const states: string[] = [];
  let connects = 0;
  const client = createNodeClient(
    { key: 'test', name: 'fs1', host: fake.host, port: fake.port, password: opts.password ?? 'ClueCon', source: 'db' },
    options({ format: opts.format ?? 'json', events: opts.events ?? SUBSCRIBED_EVENTS, subclasses: opts.subclasses ?? SUBSCRIBED_SUBCLASSES, ...opts.client }),
    { onEvent: (_c, e) => events.push(e), onConnected: () => connects++, onDisconnected: () => {}, onStatus: (c) => states.push(c.status().state) },
  );
  clients.push(client);
  client.start();
  return { fake, client, events, states, connects: () => connects };
}

describe('Event Socket client', () => {
  it('authenticates with the right password and subscribes with CUSTOM subclasses last', async () => {
    const { fake, client } = await setup();
    await until(() => client.status().state === 'connected');
    expect(fake.commands[0]).toBe('auth ClueCon');
    const subscription = fake.commands.find((c) => c.startsWith('event json CHANNEL_CREATE'))!;
    expect(subscription).toMatch(/ CUSTOM sofia::register sofia::unregister sofia::expire sofia::gateway_state conference::maintenance switchyard::call_flow switchyard::follow_me callcenter::info vm::maintenance$/);
    // Events named after CUSTOM would be read as subclasses; these must still arrive.
    expect(fake.subscribed('HEARTBEAT')).toBe(true);
    expect(fake.subscribed('BACKGROUND_JOB')).toBe(true);
    expect(fake.subscribed('CUSTOM sofia::register')).toBe(true);
    expect(client.status()).toMatchObject({ name: 'fs1', state: 'connected', attempts: 0, lastError: null });
  });

  it('a wrong password ends in auth_failed, retried with backoff, never connected', async () => {
    const { fake, client } = await setup({ password: 'WrongPassword' });
    await until(() => fake.commands.filter((c) => c === 'auth WrongPassword').length >= 2);
    await until(() => client.status().state === 'auth_failed');
    expect(client.status().lastError).toBe('Event Socket authentication failed');
    expect(client.isConnected()).toBe(false);
    await expect(client.api('status')).rejects.toBeInstanceOf(EslUnavailableError);
  });

  it('answers api commands with the reply body; -ERR is a result, not an exception', async () => {
    const { client } = await setup();
    await until(() => client.isConnected());
    const status = await client.api('status');
    expect(status.ok).toBe(true);
    expect(status.body).toBe(repliesTo('01-api-status', 'api status')[0].split('\n\n').slice(1).join('\n\n'));
    expect(status.text).toMatch(/^UP 0 years/);
    expect(await client.api('reloadxml')).toEqual({ ok: true, body: '+OK [Success]\n', text: '[Success]' });
    expect(await client.api('uuid_kill not-a-uuid')).toEqual({ ok: false, body: '-ERR No such channel!\n', text: 'No such channel!' });
    expect((await client.api('no_such_command foo')).text).toBe('no_such_command Command not found!');
    expect((await client.api('user_exists id 1000 127.0.0.1')).body).toBe('true');
  });

  it('refuses a command with a line break (it would smuggle in another command)', async () => {
    const { fake, client } = await setup();
    await until(() => client.isConnected());
    await expect(client.api('status\n\nexit')).rejects.toThrow(/single line/);
    expect(fake.commands).not.toContain('exit');
  });

  it('times out a command, and the late reply does not shift later replies', async () => {
    const { fake, client } = await setup({ client: { commandTimeoutMs: 100 } });
    await until(() => client.isConnected());
    fake.answer('api uuid_hold b807cd85-262b-4755-a456-aa1f5f018abb', captured.apiSuccess, { hold: true });
    await expect(client.api('uuid_hold b807cd85-262b-4755-a456-aa1f5f018abb')).rejects.toBeInstanceOf(EslTimeoutError);
    const next = client.api('reloadxml', 5000);
    fake.release();
    expect((await next).body).toBe('+OK [Success]\n');
  });

  it('delivers JSON events with raw UTF-8 values (Zoë Ünal 日本)', async () => {
    const { fake, client, events } = await setup();
    await until(() => client.isConnected());
    const frames = eventFrames('28b-utf8-caller-name-events-json');
    fake.push(frames);
    await until(() => events.length === frames.length);
    expect(events.map((e) => e.name)).toEqual(['CHANNEL_CREATE', 'CHANNEL_CREATE', 'CHANNEL_ANSWER', 'CHANNEL_ANSWER', 'CHANNEL_HANGUP_COMPLETE', 'CHANNEL_HANGUP_COMPLETE']);
    expect(events.map((e) => e.headers.get('Caller-Caller-ID-Name'))).toContain('Zoë Ünal 日本');
  });

  it('delivers plain events, URL-decoded, including a job body after the inner headers', async () => {
    const { fake, client, events } = await setup({ format: 'plain', events: ['CHANNEL_CREATE', 'CHANNEL_ANSWER', 'CHANNEL_HANGUP_COMPLETE', 'BACKGROUND_JOB'], subclasses: [] });
    await until(() => client.isConnected());
    fake.push(eventFrames('28-utf8-caller-name-events-plain'));
    await until(() => events.length === 6);
    expect(events[0].headers.get('Caller-Caller-ID-Name')).toBe('Zoë Ünal 日本');
    expect(events[0].headers.get('Event-Date-Local')).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const job = await client.bgapi('status');
    expect((await job.done).text).toMatch(/^UP 0 years/);
    expect(events.at(-1)?.name).toBe('BACKGROUND_JOB');
    expect(events.at(-1)?.headers.get('Job-UUID')).toBe(job.jobUuid);
  });

  it('delivers XML events with their header values decoded', async () => {
    const { fake, client, events } = await setup({ format: 'xml', events: ['CHANNEL_ANSWER', 'CHANNEL_HANGUP_COMPLETE'], subclasses: ['sofia::register'] });
    await until(() => client.isConnected());
    fake.push(eventFrames('event-xml-subset-register-call'));
    await until(() => events.length === 4);
    expect(events[0]).toMatchObject({ name: 'CUSTOM', subclass: 'sofia::register' });
    expect(events[0].headers.get('Event-Date-Local')).toBe('2026-11-28 04:37:16');
    expect(events[2].name).toBe('CHANNEL_ANSWER');
  });

  it('frames multi-byte bodies by bytes even when every read splits them (1 and 7 byte pieces)', async () => {
    const { fake, client, events } = await setup();
    await until(() => client.isConnected());
    const frames = eventFrames('28b-utf8-caller-name-events-json');
    fake.writeRaw(frames.join(''), 1);
    fake.writeRaw(frames.join(''), 7);
    await until(() => events.length === frames.length * 2);
    expect(events.filter((e) => e.headers.get('Caller-Caller-ID-Name') === 'Zoë Ünal 日本').length).toBeGreaterThanOrEqual(2);
    fake.answer('api show channels as json', captured.showChannelsUtf8);
    const rows = JSON.parse((await client.api('show channels as json')).body).rows;
    expect(rows.map((r: { cid_name: string }) => r.cid_name)).toContain('Zoë Ünal 日本');
  });

  it('a disconnect notice ends the link; the client reconnects and authenticates again', async () => {
    const { fake, client, connects } = await setup();
    await until(() => connects() === 1);
    fake.sendDisconnectNotice();
    await until(() => connects() === 2);
    expect(fake.authenticatedCount).toBe(2);
    expect(client.status().state).toBe('connected');
  });

  it('reconnects after the server drops, failing pending commands at once instead of hanging', async () => {
    const { fake, client, connects } = await setup();
    await until(() => connects() === 1);
    fake.answer('api show calls as json', [], { hold: true });
    const pending = client.api('show calls as json', 60_000);
    await fake.waitForCommand('api show calls as json');
    fake.drop();
    await expect(pending).rejects.toBeInstanceOf(EslClosedError);
    await until(() => connects() === 2);
    expect((await client.api('reloadxml')).ok).toBe(true);
  });

  it('survives the node being unreachable (a FreeSWITCH restart) and connects when it is back', async () => {
    const { fake, client, connects } = await setup();
    await until(() => connects() === 1);
    await fake.stop();
    await until(() => client.status().state === 'disconnected' && client.status().attempts >= 2);
    expect(client.status().lastError).toMatch(/ECONNREFUSED|closed/);
    await fake.listen();
    await until(() => connects() === 2);
    expect(client.status()).toMatchObject({ state: 'connected', attempts: 0 });
  });

  it('comes back within a probe interval of the node listening again, however long it was down', async () => {
    const { fake, client, states, connects } = await setup({ client: { reconnectMinMs: 100, reconnectMaxMs: 600_000, reconnectProbeMs: 100 } });
    await until(() => connects() === 1);
    await fake.stop();
    const down = states.length;
    // A backoff doubling from 100 ms would take 100·(2^12 − 1) ms, about 7 minutes, to make as many attempts.
    await until(() => client.status().attempts >= 12);
    // The probes are quiet: no connecting/disconnected churn while the node refuses connections.
    expect(states.slice(down)).toEqual(['disconnected']);
    await fake.listen();
    const listening = Date.now();
    await until(() => connects() === 2);
    // Generous for a busy machine; that backoff's next attempt would have been minutes away.
    expect(Date.now() - listening).toBeLessThan(5000);
    expect(client.status()).toMatchObject({ state: 'connected', attempts: 0, lastError: null });
  });

  it('a wrong password is retried after a doubling delay, not at the probe cadence', async () => {
    const { fake, client } = await setup({ password: 'WrongPassword', client: { reconnectMinMs: 50, reconnectMaxMs: 10_000, reconnectProbeMs: 10 } });
    await fake.waitForCommand('auth WrongPassword', 4);
    const attempts = fake.commands.flatMap((c, i) => (c === 'auth WrongPassword' ? [fake.commandTimes[i]] : []));
    const gaps = attempts.slice(1, 5).map((at, i) => at - attempts[i]);
    // Lower bounds only, which a busy machine cannot break: each attempt follows the last one's failure.
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(50 * 2 ** i - 2));
    await until(() => client.status().state === 'auth_failed');
    expect(client.status().lastError).toBe('Event Socket authentication failed');
  });

  it('gives up a connection attempt to a host that never answers after the connect timeout', async () => {
    const { createServer } = await import('node:net');
    // Accepts TCP but never sends auth/request, like a hung FreeSWITCH.
    const mute = createServer(() => {});
    await new Promise<void>((r) => mute.listen(0, '127.0.0.1', () => r()));
    const port = (mute.address() as { port: number }).port;
    const client = createNodeClient(
      { key: 'mute', name: 'mute', host: '127.0.0.1', port, password: 'ClueCon', source: 'db' },
      options({ connectTimeoutMs: 50 }),
      { onEvent() {}, onConnected() {}, onDisconnected() {}, onStatus() {} },
    );
    clients.push(client);
    client.start();
    await until(() => client.status().attempts >= 2);
    expect(client.status().lastError).toBe('connect timed out');
    client.stop();
    mute.close();
  });

  it('tracks bgapi jobs in one map: results arrive, nothing accumulates, no reply left owed', async () => {
    const { client } = await setup();
    await until(() => client.isConnected());
    const before = client.diagnostics();
    const jobs = await Promise.all(Array.from({ length: 50 }, () => client.bgapi('status')));
    expect(new Set(jobs.map((j) => j.jobUuid)).size).toBe(50);
    const results = await Promise.all(jobs.map((j) => j.done));
    expect(results.every((r) => r.ok && r.text.startsWith('UP 0 years'))).toBe(true);
    expect(client.diagnostics()).toEqual(before);
    expect(before.pendingJobs).toBe(0);
  });

  it('an originate job reports the channel uuid, or the -ERR cause', async () => {
    const { fake, client } = await setup();
    await until(() => client.isConnected());
    const uuid = '0a0b0c0d-1111-4222-8333-944445555666';
    const ok = await client.bgapi(`originate {origination_uuid=${uuid}}user/1000@127.0.0.1 1002 XML 127.0.0.1`);
    expect(await ok.done).toEqual({ ok: true, body: `+OK ${uuid}\n`, text: uuid });
    fake.originateFails = true;
    const failed = await client.bgapi('originate user/1019@127.0.0.1 1002 XML 127.0.0.1');
    expect(await failed.done).toMatchObject({ ok: false, text: 'USER_NOT_REGISTERED' });
  });

  it('a job that never completes times out and leaves nothing behind', async () => {
    const { fake, client } = await setup({ client: { jobTimeoutMs: 100 } });
    await until(() => client.isConnected());
    fake.holdJobs = true;
    const job = await client.bgapi('status');
    expect(client.diagnostics().pendingJobs).toBe(1);
    await expect(job.done).rejects.toBeInstanceOf(EslTimeoutError);
    expect(client.diagnostics().pendingJobs).toBe(0);
    fake.releaseJobs();
    expect((await client.api('reloadxml')).ok).toBe(true);
  });

  it('a refused bgapi rejects at once and is not tracked', async () => {
    const { fake, client } = await setup();
    await until(() => client.isConnected());
    fake.answer(/^bgapi /, repliesTo('02-auth-failure-wrong-password', 'auth WrongPassword').slice(0, 1));
    await expect(client.bgapi('status')).rejects.toBeInstanceOf(EslCommandError);
    expect(client.diagnostics().pendingJobs).toBe(0);
  });

  it('stop() closes the link, rejects pending jobs and never reconnects', async () => {
    const { fake, client } = await setup();
    await until(() => client.isConnected());
    fake.holdJobs = true;
    const job = await client.bgapi('status');
    client.stop();
    await expect(job.done).rejects.toBeInstanceOf(EslClosedError);
    await until(() => fake.connectionCount() === 0);
    expect(client.status().state).toBe('stopped');
    expect(fake.authenticatedCount).toBe(1);
  });
});
