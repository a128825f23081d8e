// Phones fetching their configuration: GET /provision/<mac> and the vendors' own file names, as a
// Yealink, a Polycom and a Grandstream phone ask for them, each file read back in its format
// (Yealink's `key = value` lines under #!version:1.0.0.1; Polycom's and Grandstream's XML parsed)
// and checked for the lines' SIP credentials. Access: the device's Digest credentials answered
// as a phone answers a challenge (RFC 7616, computed here), Basic, its allowlist; an unknown MAC
// is a 404 with nothing else; failures from one address are limited.
import { createHash } from 'node:crypto';
import { create } from 'xmlbuilder2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { seedCast, type Cast } from '../helpers/fixtures.ts';
import { find, parseXml } from '../helpers/xml-tree.ts';

const SIP = { '1001': 'Acme-pass-x1', '1002': 'Acme-pass-x2' };

/** Yealink's CFG file as the phone reads it: the header line, then `key = value` lines and comments. */
function yealinkKeys(body: string): Record<string, string> {
  const [header, ...lines] = body.split('\n');
  expect(header).toBe('#!version:1.0.0.1');
  const keys: Record<string, string> = {};
  for (const line of lines) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-z0-9_.]+) = (.*)$/.exec(line);
    expect(m, `not a key = value line: ${JSON.stringify(line)}`).not.toBeNull();
    expect(keys[m![1]], `key ${m![1]} twice`).toBeUndefined();
    keys[m![1]] = m![2];
  }
  return keys;
}

/** Grandstream's <gs_provision>: the MAC and the P-values. */
function grandstreamValues(body: string): { mac: string; p: Record<string, string> } {
  const doc = create(body).end({ format: 'object' }) as { gs_provision: { '@version': string; mac: string; config: Record<string, string> } };
  expect(doc.gs_provision['@version']).toBe('1');
  const { '@version': version, ...p } = doc.gs_provision.config;
  expect(version).toBe('1');
  return { mac: doc.gs_provision.mac, p };
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/** The Digest challenge's parameters (the first, MD5, one). */
function challengeOf(header: string | string[] | undefined): Record<string, string> {
  const first = (Array.isArray(header) ? header : [header ?? '']).find((h) => h.startsWith('Digest ') && /algorithm=MD5/.test(h))!;
  expect(first).toBeDefined();
  return Object.fromEntries([...first.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]+))/g)].map((m) => [m[1], m[2] ?? m[3]]));
}

/** What a phone answers a Digest challenge with (RFC 7616 §3.4.1, qop=auth, MD5). */
function digestAnswer(challenge: Record<string, string>, username: string, password: string, uri: string): string {
  const cnonce = 'a1b2c3d4';
  const nc = '00000001';
  const ha1 = md5(`${username}:${challenge.realm}:${password}`);
  const ha2 = md5(`GET:${uri}`);
  const response = md5(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:auth:${ha2}`);
  return `Digest username="${username}", realm="${challenge.realm}", nonce="${challenge.nonce}", uri="${uri}", algorithm=MD5, response="${response}", qop=auth, nc=${nc}, cnonce="${cnonce}"`;
}

const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

describe.each(databaseKinds)('phone provisioning on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  const logs: string[] = [];
  const ext: Record<string, string> = {};

  const api = (method: string, url: string, body?: unknown, token = cast.adminA.token) => t.api(method, `/api${url}`, { token, body });
  const ok = async (res: Promise<{ statusCode: number; body: string; json(): any }>) => {
    const r = await res;
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  const fetchFile = (url: string, options: { authorization?: string; from?: string } = {}) =>
    t.app.inject({ method: 'GET', url, remoteAddress: options.from ?? '127.0.0.1', headers: options.authorization ? { authorization: options.authorization } : {} });
  /** A phone's two requests: the challenge, then its answer. */
  async function asPhone(url: string, username: string, password: string, from = '127.0.0.1') {
    const first = await fetchFile(url, { from });
    expect(first.statusCode).toBe(401);
    return fetchFile(url, { from, authorization: digestAnswer(challengeOf(first.headers['www-authenticate']), username, password, url) });
  }
  async function device(body: Record<string, unknown>, lines: Record<string, unknown>[] = []): Promise<string> {
    const uuid: string = await ok(api('POST', '/devices', body));
    for (const line of lines) await ok(api('POST', '/device_lines', { device_uuid: uuid, ...line }));
    return uuid;
  }

  beforeAll(async () => {
    t = await createTestApp(kind, { LOG_LEVEL: 'debug', PROVISION_FAILURES_PER_MINUTE: '4' }, { logStream: { write: (line) => void logs.push(line) } });
    cast = await seedCast(t);
    ext['1001'] = (await ok(api('POST', '/fpbx_extensions', { extension: '1001', password: SIP['1001'], effective_caller_id_name: 'Ann Smith' }))).extension_uuid;
    ext['1002'] = (await ok(api('POST', '/fpbx_extensions', { extension: '1002', password: SIP['1002'] }))).extension_uuid;
    await device({ device_address: '00:15:65:00:00:01', device_vendor: 'Yealink', device_model: 'T54W', device_username: 'yl-1', device_password: 'Yealink-pass-1' }, [
      { extension_uuid: ext['1001'], line_number: '1' },
      { extension_uuid: ext['1002'], line_number: '2', server_address: 'pbx.example.test', sip_port: '5070', sip_transport: 'tcp', display_name: 'Bob' },
    ]);
    await device({ device_address: '0004F2000002', device_vendor: 'polycom', device_username: 'pc-1', device_password: 'Polycom-pass-1' }, [
      { extension_uuid: ext['1001'], line_number: 1, display_name: 'R&D <Lab> "One"', sip_transport: 'tls', sip_port: 5061 },
    ]);
    await device({ device_address: '00-0b-82-00-00-03', device_vendor: 'grandstream', device_model: 'gxp2170', device_username: 'gs-1', device_password: 'Grandstream-pass-1' }, [
      { extension_uuid: ext['1001'], line_number: '1' },
      { extension_uuid: ext['1002'], line_number: '2', register_expires: '1800' },
    ]);
  }, 120_000);
  afterAll(() => t?.close());

  it('Yealink: <mac>.cfg after a Digest challenge holds each account with its extension\'s credentials', async () => {
    const res = await asPhone('/provision/001565000001.cfg', 'yl-1', 'Yealink-pass-1');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const keys = yealinkKeys(res.body);
    expect(keys).toMatchObject({
      'account.1.enable': '1',
      'account.1.label': '1001',
      'account.1.display_name': 'Ann Smith',
      'account.1.auth_name': '1001',
      'account.1.user_name': '1001',
      'account.1.password': SIP['1001'],
      'account.1.sip_server.1.address': 'acme.test',
      'account.1.sip_server.1.port': '5060',
      'account.1.sip_server.1.transport_type': '0',
      'account.1.outbound_proxy_enable': '0',
      'account.2.display_name': 'Bob',
      'account.2.password': SIP['1002'],
      'account.2.sip_server.1.address': 'acme.test',
      'account.2.sip_server.1.transport_type': '1',
      'account.2.outbound_proxy_enable': '1',
      'account.2.outbound_proxy.1.address': 'pbx.example.test',
      'account.2.outbound_proxy.1.port': '5070',
      'account.3.enable': '0',
      'account.16.enable': '0',
    });
    expect(keys['account.17.enable']).toBeUndefined();
    // GET /provision/<mac> (the URL the client shows) is the same file.
    const bare = await asPhone('/provision/00:15:65:00:00:01', 'yl-1', 'Yealink-pass-1');
    expect(bare.body).toBe(res.body);
  });

  it('Polycom: <mac>.cfg and <mac>.xml are the master file naming <mac>-phone.cfg, which holds the registrations, XML-escaped', async () => {
    for (const name of ['0004f2000002.cfg', '0004F2000002.xml']) {
      const master = await asPhone(`/provision/${name}`, 'pc-1', 'Polycom-pass-1');
      expect(master.statusCode, master.body).toBe(200);
      const app = parseXml(master.body);
      expect(app.name).toBe('APPLICATION');
      expect(app.attrs.CONFIG_FILES).toBe('0004f2000002-phone.cfg');
    }
    const res = await asPhone('/provision/0004f2000002-phone.cfg', 'pc-1', 'Polycom-pass-1');
    expect(res.statusCode, res.body).toBe(200);
    const config = parseXml(res.body);
    expect(config.name).toBe('polycomConfig');
    expect(find(config, 'reg')!.attrs).toEqual({
      'reg.1.displayName': 'R&D <Lab> "One"',
      'reg.1.label': '1001',
      'reg.1.address': '1001@acme.test',
      'reg.1.auth.userId': '1001',
      'reg.1.auth.password': SIP['1001'],
      'reg.1.server.1.address': 'acme.test',
      'reg.1.server.1.port': '5061',
      'reg.1.server.1.transport': 'TLS',
      'reg.1.server.1.expires': '3600',
    });
    // A Yealink's file name for a Polycom is not its file.
    expect((await fetchFile('/provision/cfg0004f2000002.xml', { from: '192.0.2.10' })).statusCode).toBe(404);
  });

  it('Grandstream: cfg<mac>.xml is a gs_provision document with the P-values of accounts 1 and 2', async () => {
    const res = await asPhone('/provision/cfg000b82000003.xml', 'gs-1', 'Grandstream-pass-1');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    const { mac, p } = grandstreamValues(res.body);
    expect(mac).toBe('000b82000003');
    expect(p).toMatchObject({ P271: '1', P270: '1001', P47: 'acme.test', P35: '1001', P36: '1001', P34: SIP['1001'], P3: 'Ann Smith', P32: '60', P130: '0' });
    expect(p).toMatchObject({ P401: '1', P402: 'acme.test', P404: '1002', P405: '1002', P406: SIP['1002'], P407: '1002', P412: '30' });
  });

  it('a changed SIP password reaches the phone at its next fetch; a disabled line and a deleted extension leave it', async () => {
    await ok(api('PUT', `/fpbx_extensions/${ext['1002']}`, { password: 'Acme-new-pass-2' }));
    let keys = yealinkKeys((await asPhone('/provision/001565000001.cfg', 'yl-1', 'Yealink-pass-1')).body);
    expect(keys['account.2.password']).toBe('Acme-new-pass-2');
    const extra = await ok(api('POST', '/fpbx_extensions', { extension: '1003', password: 'Acme-pass-x3' }));
    const line = await ok(api('POST', '/device_lines', { device_uuid: (await ok(api('GET', '/devices?device_address=001565000001')))[0].device_uuid, extension_uuid: extra.extension_uuid }));
    expect(line.line_number).toBe(3);
    keys = yealinkKeys((await asPhone('/provision/001565000001.cfg', 'yl-1', 'Yealink-pass-1')).body);
    expect(keys['account.3.user_name']).toBe('1003');
    // Deleting the extension deletes its line (documented choice: cascade).
    await ok(api('DELETE', `/fpbx_extensions/${extra.extension_uuid}`));
    expect((await api('GET', `/device_lines/${line.device_line_uuid}`)).statusCode).toBe(404);
    keys = yealinkKeys((await asPhone('/provision/001565000001.cfg', 'yl-1', 'Yealink-pass-1')).body);
    expect(keys['account.3.enable']).toBe('0');
    expect(keys['account.3.user_name']).toBeUndefined();
  });

  it('refused without credentials (401 with Digest and Basic challenges) and with wrong ones; Basic works too', async () => {
    const none = await fetchFile('/provision/001565000001.cfg', { from: '192.0.2.20' });
    expect(none.statusCode).toBe(401);
    const challenges = none.headers['www-authenticate'] as string[];
    expect(challenges[0]).toMatch(/^Digest realm="Switchyard provisioning", qop="auth", algorithm=MD5, nonce="/);
    expect(challenges.some((c) => c.startsWith('Basic realm='))).toBe(true);
    expect(none.body).not.toContain('account.');
    const wrong = await fetchFile('/provision/001565000001.cfg', { from: '192.0.2.20', authorization: digestAnswer(challengeOf(challenges), 'yl-1', 'not-the-password', '/provision/001565000001.cfg') });
    expect(wrong.statusCode).toBe(401);
    // An answer computed for another file is no answer for this one.
    const otherUri = await fetchFile('/provision/001565000001.cfg', { from: '192.0.2.20', authorization: digestAnswer(challengeOf(challenges), 'yl-1', 'Yealink-pass-1', '/provision/001565000001') });
    expect(otherUri.statusCode).toBe(401);
    expect((await fetchFile('/provision/001565000001.cfg', { from: '192.0.2.21', authorization: basic('yl-1', 'wrong-pass') })).statusCode).toBe(401);
    expect((await fetchFile('/provision/001565000001.cfg', { from: '192.0.2.21', authorization: basic('yl-1', 'Yealink-pass-1') })).statusCode).toBe(200);
  });

  it('an unknown MAC, a malformed name and a disabled device answer 404 and nothing else', async () => {
    await device({ device_address: '001565000009', device_vendor: 'yealink', device_username: 'off-1', device_password: 'Disabled-pass-1', device_enabled: false }, [{ extension_uuid: ext['1001'] }]);
    for (const url of ['/provision/001565ffffff.cfg', '/provision/001565ffffff', '/provision/not-a-mac', '/provision/001565000009.cfg']) {
      const res = await fetchFile(url, { from: '192.0.2.30', authorization: basic('off-1', 'Disabled-pass-1') });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['www-authenticate']).toBeUndefined();
      expect(JSON.parse(res.body)).toEqual({ error: { code: 404, reason: 'NOT_FOUND', message: 'Not found' } });
    }
    // Each was a failure; one more passes PROVISION_FAILURES_PER_MINUTE (4) and the address waits.
    expect((await fetchFile('/provision/001565000001.cfg', { from: '192.0.2.30', authorization: basic('yl-1', 'wrong-pass') })).statusCode).toBe(401);
    const limited = await fetchFile('/provision/001565000001.cfg', { from: '192.0.2.30', authorization: basic('yl-1', 'Yealink-pass-1') });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await fetchFile('/provision/001565000001.cfg', { from: '192.0.2.31', authorization: basic('yl-1', 'Yealink-pass-1') })).statusCode).toBe(200);
  });

  it("an allowlist admits its addresses without credentials; with credentials both must pass; the profile's list applies to devices without one", async () => {
    await device({ device_address: '000b82000010', device_vendor: 'grandstream', device_allowed_addresses: '192.0.2.0/28, 2001:db8::/32' }, [{ extension_uuid: ext['1001'] }]);
    expect((await fetchFile('/provision/cfg000b82000010.xml', { from: '192.0.2.5' })).statusCode).toBe(200);
    expect((await fetchFile('/provision/cfg000b82000010.xml', { from: '::ffff:192.0.2.6' })).statusCode).toBe(200);
    expect((await fetchFile('/provision/cfg000b82000010.xml', { from: '2001:db8::7' })).statusCode).toBe(200);
    expect((await fetchFile('/provision/cfg000b82000010.xml', { from: '198.51.100.7' })).statusCode).toBe(403);
    const profile = await ok(api('POST', '/device_profiles', { device_profile_name: 'Office', device_profile_allowed_addresses: '198.51.100.0/24' }));
    await device({ device_address: '001565000011', device_vendor: 'yealink', device_profile_uuid: profile.device_profile_uuid, device_username: 'yl-11', device_password: 'Yealink-pass-11' }, [{ extension_uuid: ext['1001'] }]);
    expect((await fetchFile('/provision/001565000011.cfg', { from: '203.0.113.9', authorization: basic('yl-11', 'Yealink-pass-11') })).statusCode).toBe(403);
    expect((await fetchFile('/provision/001565000011.cfg', { from: '198.51.100.9' })).statusCode).toBe(401);
    expect((await fetchFile('/provision/001565000011.cfg', { from: '198.51.100.9', authorization: basic('yl-11', 'Yealink-pass-11') })).statusCode).toBe(200);
    // A disabled profile's devices are not served.
    await ok(api('PUT', `/device_profiles/${profile.device_profile_uuid}`, { device_profile_enabled: false }));
    expect((await fetchFile('/provision/001565000011.cfg', { from: '198.51.100.9', authorization: basic('yl-11', 'Yealink-pass-11') })).statusCode).toBe(404);
  });

  it('two lines on one number (the client renumbers with concurrent PUTs): one of them is rendered, once', async () => {
    await device({ device_address: '001565000013', device_vendor: 'yealink', device_username: 'yl-13', device_password: 'Yealink-pass-13' }, [
      { extension_uuid: ext['1002'], line_number: '1' },
      { extension_uuid: ext['1001'], line_number: '1' },
    ]);
    const keys = yealinkKeys((await fetchFile('/provision/001565000013.cfg', { authorization: basic('yl-13', 'Yealink-pass-13') })).body);
    // The older by creation time; two made within the same millisecond have no order to tell.
    expect(['1001', '1002']).toContain(keys['account.1.user_name']);
    expect(keys['account.2.enable']).toBe('0');
  });

  it('a device with neither credentials nor an allowlist is never served', async () => {
    await device({ device_address: '001565000012', device_vendor: 'yealink' }, [{ extension_uuid: ext['1001'] }]);
    const res = await fetchFile('/provision/001565000012.cfg', { from: '192.0.2.40' });
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain(SIP['1001']);
  });

  it('no SIP password and no provisioning password reaches the log', async () => {
    expect(logs.length).toBeGreaterThan(0);
    const text = logs.join('\n');
    expect(text).toContain('provisioning file served');
    for (const secret of [...Object.values(SIP), 'Acme-new-pass-2', 'Yealink-pass-1', 'Polycom-pass-1', 'Grandstream-pass-1', Buffer.from('yl-1:Yealink-pass-1').toString('base64')]) expect(text).not.toContain(secret);
  });
});
