// The xml_curl listener thread (XML_CURL_PORT) over a real socket: every captured fetch is answered
// exactly as the app's own endpoint answers it, the second time from the thread's own cache; a
// write invalidates exactly the answers that show it; the guard and bad bodies answer as on the
// app's port; an app too slow to answer gets "not found" sent for it; a thread that dies comes back
// on the same port, and closing the app stops it; and on PostgreSQL, node A's write reaches node
// B's thread.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.ts';
import type { XmlCurlThread } from '../../../src/freeswitch/xml-curl/thread/xml-curl-thread.ts';
import type { Change } from '../../../src/infra/change-bus.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { createPeerApp, type PeerApp } from '../../helpers/peer-app.ts';
import { answerOf, createExtension, createProvider, createRoute, createTenant, fetchXml, setSipPassword, updateExtension } from '../../helpers/pbx-fixtures.ts';
import { captureFiles, loadCapture, withParams } from '../../helpers/xml-curl-captures.ts';
import { until } from '../../helpers/wait.ts';
import { findAll, isNotFound, namedValues, parseXml } from '../../helpers/xml-tree.ts';

const DOMAIN = '127.0.0.1';
const CREDENTIALS = { XML_CURL_USERNAME: 'freeswitch', XML_CURL_PASSWORD: 'Fetch-Secret-1' };
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const AUTHORIZATION = basic(CREDENTIALS.XML_CURL_USERNAME, CREDENTIALS.XML_CURL_PASSWORD);
const sipAuth = loadCapture('directory-sip_auth-register.txt').body;
/** The app starts its listener thread on a port of the kernel's choosing. */
const THREAD = { XML_CURL_PORT: '0', XML_CURL_HOST: '127.0.0.1' };

/** The app's listener thread, started when the app is ready. */
async function threadOf(app: TestApp['app']): Promise<XmlCurlThread> {
  await app.ready();
  return app.xmlCurlThread!;
}

/** Whether anything accepts a TCP connection on `port`. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** POSTs to the thread as mod_xml_curl does: a connection of its own, form body, Basic credentials. */
async function post(thread: XmlCurlThread, body: string, headers: Record<string, string> = { authorization: AUTHORIZATION }) {
  const res = await fetch(`http://127.0.0.1:${thread.port}/freeswitch/xml`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', connection: 'close', ...headers },
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
}

const callerName = (xml: string) => namedValues(findAll(parseXml(xml), 'user')[0], 'variables').effective_caller_id_name;

describe('XML_CURL_PORT and XML_CURL_HOST', () => {
  it('start no thread by default, and listen on HOST unless told otherwise', () => {
    expect(loadConfig({}).xmlCurl.listen).toBeUndefined();
    expect(loadConfig({ HOST: '10.0.0.5', XML_CURL_PORT: '8081' }).xmlCurl.listen).toEqual({ host: '10.0.0.5', port: 8081 });
    expect(loadConfig({ XML_CURL_PORT: '8081', XML_CURL_HOST: '127.0.0.1' }).xmlCurl.listen).toEqual({ host: '127.0.0.1', port: 8081 });
  });

  it('refuse a port that is not one', () => {
    for (const XML_CURL_PORT of ['http', '-1', '65536', '80.5']) expect(() => loadConfig({ XML_CURL_PORT })).toThrow(ConfigError);
  });
});

describe.each(databaseKinds)('the xml_curl listener thread on $name', (kind) => {
  let t: TestApp;
  let thread: XmlCurlThread;
  let tenant: number;
  const ext: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(kind, { ...CREDENTIALS, ...THREAD });
    tenant = await createTenant(t, { name: 'Captured', domain: DOMAIN });
    for (let n = 1000; n <= 1004; n++) {
      ext[n] = await createExtension(t, tenant, { extension: String(n), password: `Capture-pass-x${n % 7}`, display_name: `User ${n}` });
    }
    await setSipPassword(t, ext[1000], '1234');
    const provider = await createProvider(t, { name: 'Carrier', host: '192.0.2.50', username: 'acct', password: 'Trunk-pass-1' });
    await createRoute(t, { name: 'Outbound', pattern: '9XXXXXXX', provider_id: provider, tenant_id: tenant });
    thread = await threadOf(t.app);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers every captured fetch byte for byte as the app does, the second time from its own cache', async () => {
    for (const file of captureFiles()) {
      const { body } = loadCapture(file);
      const inApp = await answerOf(fetchXml(t, body, { headers: { authorization: AUTHORIZATION } }));
      const first = await post(thread, body);
      expect([first.status, first.type, first.body], file).toEqual([200, 'text/xml; charset=utf-8', inApp]);
      const asked = thread.asked();
      expect((await post(thread, body)).body, file).toBe(inApp);
      expect(thread.asked(), `${file} asked of the app again`).toBe(asked);
    }
  });

  it('shows a write in its next answer, and asks again only for the answers the write touched', async () => {
    const of = (user: string) => withParams(sipAuth, { user, sip_auth_username: user });
    expect(callerName((await post(thread, of('1001'))).body)).toBe('User 1001');
    expect(callerName((await post(thread, of('1002'))).body)).toBe('User 1002');
    await updateExtension(t, ext[1001], { display_name: 'Renamed' });
    const asked = thread.asked();
    expect(callerName((await post(thread, of('1001'))).body)).toBe('Renamed');
    expect(callerName((await post(thread, of('1002'))).body)).toBe('User 1002');
    expect(thread.asked() - asked).toBe(1);
  });

  it("answers the message-count that follows a REGISTER's sip_auth from the sip_auth's answer, without asking the app", async () => {
    const messageCount = loadCapture('directory-message-count-after-register.txt').body;
    const of = (body: string, user: string) => withParams(body, { user, ...(body === sipAuth ? { sip_auth_username: user } : {}) });
    const asked = thread.asked();
    const auth = await post(thread, of(sipAuth, '1003'));
    expect(callerName(auth.body)).toBe('User 1003');
    expect(thread.asked() - asked).toBe(1);
    const count = await post(thread, of(messageCount, '1003'));
    expect(thread.asked() - asked).toBe(1);
    expect(count.body).toBe(await answerOf(fetchXml(t, of(messageCount, '1003'), { headers: { authorization: AUTHORIZATION } })));
    // One entry under both keys: a change makes both ask again.
    await updateExtension(t, ext[1003], { display_name: 'Renamed 1003' });
    expect(callerName((await post(thread, of(messageCount, '1003'))).body)).toBe('Renamed 1003');
    expect(thread.asked() - asked).toBe(2);
    // A sip_auth answered "not found" answers nothing else: the message-count asks for itself.
    const unknown = thread.asked();
    expect(isNotFound((await post(thread, of(sipAuth, '1998'))).body)).toBe(true);
    await post(thread, of(messageCount, '1998'));
    expect(thread.asked() - unknown).toBe(2);
  });

  it('guards as the app does: 401 without the credentials, 400 for a body that is not a fetch, never XML', async () => {
    for (const headers of [{}, { authorization: basic('freeswitch', 'wrong') }, { authorization: 'Bearer x' }] as Record<string, string>[]) {
      const res = await post(thread, sipAuth, headers);
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body).error.code).toBe(401);
    }
    const bad = await fetch(`http://127.0.0.1:${thread.port}/freeswitch/xml`, { method: 'POST', body: 'x', headers: { authorization: AUTHORIZATION, 'content-type': 'text/plain' } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/Not a mod_xml_curl fetch/);
    const percent = await post(thread, 'section=directory&user=%E0%A4%A');
    expect(percent.status).toBe(400);
    expect(isNotFound((await post(thread, withParams(sipAuth, { user: '1999' }))).body)).toBe(true);
    for (const section of ['constructor', 'toString', '__proto__']) expect(isNotFound((await post(thread, `section=${section}`)).body), section).toBe(true);
  });

  it('answers "not found" when the app does not answer in time, drops the late answer, and asks again next time', async () => {
    await createExtension(t, tenant, { extension: '1005', password: 'Capture-pass-x5', display_name: 'User 1005' });
    const lookup = withParams(sipAuth, { user: '1005', sip_auth_username: '1005' });
    const { xmlCurl } = t.app;
    const answer = xmlCurl.answer;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    xmlCurl.answer = async (section, params) => (await released, answer(section, params));
    const asked = thread.asked();
    try {
      const slow = await post(thread, lookup);
      expect([slow.status, isNotFound(slow.body)]).toEqual([200, true]);
    } finally {
      xmlCurl.answer = answer;
      release();
    }
    expect(callerName((await post(thread, lookup)).body)).toBe('User 1005');
    expect(thread.asked() - asked).toBe(2);
    expect(callerName((await post(thread, lookup)).body)).toBe('User 1005');
    expect(thread.asked() - asked).toBe(2);
  });

  it('comes back on the same port after the thread dies', async () => {
    const before = thread.port;
    await thread.worker().terminate();
    await until(async () => (await post(thread, sipAuth).catch(() => null))?.status === 200, 50);
    expect(thread.port).toBe(before);
    expect(callerName((await post(thread, withParams(sipAuth, { user: '1001', sip_auth_username: '1001' }))).body)).toBe('Renamed');
  });
});

const postgres = databaseKinds.filter((k) => k.name === 'postgresql');

describe('closing the app', () => {
  it('stops its listener thread: the port takes no more connections', async () => {
    const t = await createTestApp(databaseKinds[0], THREAD);
    let closed = false;
    try {
      const { port } = await threadOf(t.app);
      expect(await accepts(port)).toBe(true);
      await t.close();
      closed = true;
      expect(await accepts(port)).toBe(false);
    } finally {
      if (!closed) await t.close();
    }
  });
});

describe.skipIf(postgres.length === 0)('listener threads of two nodes on one PostgreSQL database', () => {
  let a: TestApp;
  let b: PeerApp;
  let thread: XmlCurlThread;
  let extension: string;
  const lookup = withParams(sipAuth, { domain: 'acme.test', key_value: 'acme.test', user: '1001', sip_auth_username: '1001' });

  beforeAll(async () => {
    a = await createTestApp(postgres[0]);
    b = await createPeerApp(a, THREAD);
    const tenant = await createTenant(a, { name: 'Acme', domain: 'acme.test' });
    extension = await createExtension(a, tenant, { extension: '1001', password: 'Acme-pass-1', display_name: 'Before' });
    thread = await threadOf(b.app);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it("shows node A's write in node B's thread's next answer", async () => {
    expect(callerName((await post(thread, lookup, {})).body)).toBe('Before');
    expect(callerName((await post(thread, lookup, {})).body)).toBe('Before');
    const arrived = new Promise<Change>((resolve) => {
      const stop = b.app.services.changes.subscribe((change) => change.entity === 'extension' && (stop(), resolve(change)));
    });
    await updateExtension(a, extension, { display_name: 'After' });
    await arrived;
    expect(callerName((await post(thread, lookup, {})).body)).toBe('After');
  });
});
