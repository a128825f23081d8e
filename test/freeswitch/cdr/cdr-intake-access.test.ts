import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { encodeBody, jsonLeg, postCdr } from '../../helpers/cdr-posts.ts';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
let counter = 0;

function post(t: TestApp, options: { remoteAddress?: string; headers?: Record<string, string> } = {}) {
  const { body, contentType } = encodeBody(jsonLeg({ uuid: `access-${++counter}` }), 'false', 'json');
  return postCdr(t, body, contentType, options);
}

describe.each(databaseKinds)('CDR intake access on $name', (kind) => {
  let open: TestApp;
  let locked: TestApp;
  let credentialsOnly: TestApp;
  beforeAll(async () => {
    open = await createTestApp(kind);
    locked = await createTestApp(kind, { CDR_USERNAME: 'freeswitch', CDR_PASSWORD: 's3cret-Pass', CDR_ALLOW: '10.0.0.0/8, 2001:db8::/32' });
    credentialsOnly = await createTestApp(kind, { XML_CURL_USERNAME: 'fs', XML_CURL_PASSWORD: 'curl-Pass' });
  });
  afterAll(async () => {
    await Promise.all([open, locked, credentialsOnly].map((t) => t?.close()));
  });

  it('with nothing configured only loopback may post', async () => {
    for (const remoteAddress of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      expect((await post(open, { remoteAddress })).statusCode, remoteAddress).toBe(200);
    }
    const outside = await post(open, { remoteAddress: '192.0.2.10' });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error).toMatchObject({ code: 403 });
  });

  it('a forged X-Forwarded-For does not pass the source check', async () => {
    const res = await post(open, { remoteAddress: '192.0.2.10', headers: { 'x-forwarded-for': '127.0.0.1' } });
    expect(res.statusCode).toBe(403);
  });

  it('with credentials and an allowlist both must pass', async () => {
    const inside = '10.1.2.3';
    const missing = await post(locked, { remoteAddress: inside });
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['www-authenticate']).toMatch(/^Basic realm=/);
    expect((await post(locked, { remoteAddress: inside, headers: { authorization: basic('freeswitch', 'wrong') } })).statusCode).toBe(401);
    expect((await post(locked, { remoteAddress: inside, headers: { authorization: 'Bearer abc' } })).statusCode).toBe(401);
    expect((await post(locked, { remoteAddress: inside, headers: { authorization: basic('freeswitch', 's3cret-Pass') } })).statusCode).toBe(200);
    expect((await post(locked, { remoteAddress: '2001:db8::5', headers: { authorization: basic('freeswitch', 's3cret-Pass') } })).statusCode).toBe(200);
    expect((await post(locked, { remoteAddress: '127.0.0.1', headers: { authorization: basic('freeswitch', 's3cret-Pass') } })).statusCode).toBe(403);
  });

  it('credentials alone (shared with xml_curl) admit any source', async () => {
    expect((await post(credentialsOnly, { remoteAddress: '198.51.100.7', headers: { authorization: basic('fs', 'curl-Pass') } })).statusCode).toBe(200);
    expect((await post(credentialsOnly, { remoteAddress: '198.51.100.7' })).statusCode).toBe(401);
  });

  it('refuses the post before reading a malformed body', async () => {
    const res = await postCdr(locked, 'not a cdr', 'text/plain', { remoteAddress: '10.1.2.3' });
    expect(res.statusCode).toBe(401);
  });
});

describe('CDR intake access configuration', () => {
  it('rejects a bad CIDR and a username without a password at boot', () => {
    expect(() => loadConfig({ CDR_ALLOW: '10.0.0.0/33' })).toThrow(ConfigError);
    expect(() => loadConfig({ CDR_ALLOW: 'example.com' })).toThrow(ConfigError);
    expect(() => loadConfig({ CDR_USERNAME: 'fs' })).toThrow(ConfigError);
    expect(loadConfig({ CDR_ALLOW: '192.0.2.1, ::1/128' }).cdr.allow).toEqual(['192.0.2.1', '::1/128']);
  });
});
