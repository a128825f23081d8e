// POST /freeswitch/xml as FreeSWITCH and as strangers reach it: who is let in (HTTP Basic, source
// allowlist, loopback by default; never the JWT), what a miss and a malformed fetch answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { answerOf, createExtension, createTenant, fetchXml } from '../../helpers/pbx-fixtures.ts';
import { loadCapture } from '../../helpers/xml-curl-captures.ts';
import { find, isNotFound, parseXml } from '../../helpers/xml-tree.ts';

const domainLookup = { section: 'directory', tag_name: 'domain', key_name: 'name', key_value: 'acme.test', domain: 'acme.test' };
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe.each(databaseKinds)('the xml_curl endpoint on $name', (kind) => {
  describe('with no credentials or allowlist configured', () => {
    let t: TestApp;
    const lines: string[] = [];
    beforeAll(async () => {
      t = await createTestApp(kind, { LOG_LEVEL: 'warn' }, { logStream: { write: (line) => void lines.push(line) } });
      const tenant = await createTenant(t, { name: 'Acme', domain: 'acme.test' });
      await createExtension(t, tenant, { extension: '1000', password: 'Secret-9x7y', display_name: 'Front desk' });
    });
    afterAll(() => t?.close());

    it('serves loopback callers, IPv4, IPv6 and IPv4-mapped', async () => {
      for (const remoteAddress of ['127.0.0.1', '127.0.0.53', '::1', '::ffff:127.0.0.1']) {
        const xml = await answerOf(fetchXml(t, domainLookup, { remoteAddress }));
        expect(find(parseXml(xml), 'domain')!.attrs.name).toBe('acme.test');
      }
    });

    it('refuses any other source with 403 and no XML', async () => {
      for (const remoteAddress of ['192.0.2.10', '10.0.0.1', '2001:db8::1']) {
        const res = await fetchXml(t, domainLookup, { remoteAddress });
        expect(res.statusCode).toBe(403);
        expect(res.headers['content-type']).toMatch(/json/);
        expect(res.body).not.toContain('<document');
      }
    });

    it('does not take X-Forwarded-For for the source address', async () => {
      const res = await fetchXml(t, domainLookup, { remoteAddress: '192.0.2.10', headers: { 'x-forwarded-for': '127.0.0.1' } });
      expect(res.statusCode).toBe(403);
    });

    it('is not behind the JWT: a bad bearer token changes nothing', async () => {
      const res = await fetchXml(t, domainLookup, { headers: { authorization: 'Bearer not-a-token' } });
      expect(res.statusCode).toBe(200);
    });

    it('answers text/xml on /freeswitch/xml/:section aliases too', async () => {
      const xml = await answerOf(fetchXml(t, domainLookup, { url: '/freeswitch/xml/directory' }));
      expect(find(parseXml(xml), 'domain')!.attrs.name).toBe('acme.test');
      const bodyWithoutSection = { tag_name: 'domain', key_name: 'name', key_value: 'acme.test', domain: 'acme.test' };
      expect(find(parseXml(await answerOf(fetchXml(t, bodyWithoutSection, { url: '/freeswitch/xml/directory' }))), 'domain')).toBeTruthy();
    });

    it('answers legitimate misses with 200 and the not-found document', async () => {
      const misses: Record<string, string>[] = [
        { ...domainLookup, key_value: 'unknown.test', domain: 'unknown.test' },
        { section: 'directory', tag_name: 'domain', key_name: 'name', key_value: 'acme.test', domain: 'acme.test', action: 'sip_auth', user: '1999' },
        { section: 'dialplan', 'Caller-Context': 'nowhere.test', 'Caller-Destination-Number': '1000' },
        { section: 'configuration', tag_name: 'configuration', key_name: 'name', key_value: 'ivr.conf' },
        { section: 'languages', tag_name: 'language', key_name: 'name', key_value: 'en' },
        { section: 'phrases' },
        // Names an object has of its own in JavaScript are sections like any other.
        { section: 'constructor' },
        { section: 'toString' },
        { section: '__proto__' },
      ];
      for (const body of misses) {
        const xml = await answerOf(fetchXml(t, body));
        expect(xml).toBe('<document type="freeswitch/xml"><section name="result"><result status="not found"/></section></document>');
        expect(isNotFound(xml)).toBe(true);
      }
    });

    it('takes the first value of a repeated key (xml_locate sends section twice)', async () => {
      const xml = await answerOf(fetchXml(t, 'hostname=vm&section=directory&tag_name=domain&key_name=name&key_value=acme.test&section=dialplan&tag=domain'));
      expect(find(parseXml(xml), 'domain')!.attrs.name).toBe('acme.test');
    });

    it('decodes escaped keys and values, and passes over keys it does not read', async () => {
      const body = 'Section=dialplan&sec%74ion=directory&hostname=vm&tag%5Fname=domain&key_name=name&key_value=acme%2Etest&domaiN=x';
      const xml = await answerOf(fetchXml(t, body));
      expect(find(parseXml(xml), 'domain')!.attrs.name).toBe('acme.test');
    });

    it('answers 400, logged without the body, to what is not a fetch', async () => {
      const before = lines.length;
      const secret = 'sip_auth_response=6ae11ad836dbc2cfd2d5060982baccc8&sip_auth_nonce=secret-nonce';
      const cases = [
        fetchXml(t, ''),
        fetchXml(t, `${secret}&user=1000`),
        fetchXml(t, `section=directory&${secret}&user=%E0%A4%A`),
        fetchXml(t, '<xml/>', { headers: { 'content-type': 'text/xml' } }),
        fetchXml(t, { section: 'dialplan' }, { url: '/freeswitch/xml/directory' }),
      ];
      for (const res of await Promise.all(cases)) {
        expect(res.statusCode, res.body).toBe(400);
        expect(res.body).not.toContain('<document');
      }
      const logged = lines.slice(before).join('\n');
      expect(logged).toContain('xml_curl: malformed fetch');
      // Each warning carries its own request's id (the request logger is built on first use).
      const warnings = lines.slice(before).map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'xml_curl: malformed fetch');
      expect(warnings).toHaveLength(cases.length);
      expect(new Set(warnings.map((entry) => entry.reqId)).size).toBe(cases.length);
      expect(logged).not.toContain('6ae11ad836dbc2cfd2d5060982baccc8');
      expect(logged).not.toContain('secret-nonce');
    });

    it('answers the captured directory request for a known user with its document', async () => {
      const body = loadCapture('directory-user_exists.txt').body.replaceAll('127.0.0.1', 'acme.test');
      const xml = await answerOf(fetchXml(t, body));
      expect(find(parseXml(xml), 'user')!.attrs.id).toBe('1000');
    });
  });

  describe('with HTTP Basic credentials', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(kind, { XML_CURL_USERNAME: 'freeswitch', XML_CURL_PASSWORD: 'xml-curl-secret' });
      await createTenant(t, { name: 'Acme', domain: 'acme.test' });
    });
    afterAll(() => t?.close());

    it('serves the right credentials from any source', async () => {
      const res = await fetchXml(t, domainLookup, { remoteAddress: '198.51.100.7', headers: { authorization: basic('freeswitch', 'xml-curl-secret') } });
      expect(res.statusCode).toBe(200);
    });

    it('answers 401 with a Basic challenge, and no XML, to missing or wrong credentials', async () => {
      const attempts: Record<string, string>[] = [{}, { authorization: basic('freeswitch', 'wrong') }, { authorization: basic('other', 'xml-curl-secret') }, { authorization: 'Basic !!!' }];
      for (const headers of attempts) {
        const res = await fetchXml(t, domainLookup, { headers });
        expect(res.statusCode).toBe(401);
        expect(res.headers['www-authenticate']).toMatch(/^Basic realm=/);
        expect(res.body).not.toContain('<document');
      }
    });
  });

  describe('with a source allowlist, alone and with credentials', () => {
    let allow: TestApp;
    let both: TestApp;
    beforeAll(async () => {
      allow = await createTestApp(kind, { XML_CURL_ALLOW: '10.1.0.0/16, 2001:db8:5::/48, 192.0.2.9' });
      both = await createTestApp(kind, { XML_CURL_ALLOW: '10.1.0.0/16', XML_CURL_USERNAME: 'fs', XML_CURL_PASSWORD: 'pw-123456' });
      await createTenant(allow, { name: 'Acme', domain: 'acme.test' });
      await createTenant(both, { name: 'Acme', domain: 'acme.test' });
    });
    afterAll(async () => {
      await allow?.close();
      await both?.close();
    });

    it('serves addresses inside the list (IPv4, IPv6, single address) and refuses the rest, loopback included', async () => {
      for (const remoteAddress of ['10.1.2.3', '::ffff:10.1.200.1', '2001:db8:5::20', '192.0.2.9']) {
        expect((await fetchXml(allow, domainLookup, { remoteAddress })).statusCode).toBe(200);
      }
      for (const remoteAddress of ['10.2.0.1', '2001:db8:6::1', '192.0.2.10', '127.0.0.1']) {
        expect((await fetchXml(allow, domainLookup, { remoteAddress })).statusCode).toBe(403);
      }
    });

    it('needs both when both are configured', async () => {
      const good = { authorization: basic('fs', 'pw-123456') };
      expect((await fetchXml(both, domainLookup, { remoteAddress: '10.1.0.5', headers: good })).statusCode).toBe(200);
      expect((await fetchXml(both, domainLookup, { remoteAddress: '10.1.0.5' })).statusCode).toBe(401);
      expect((await fetchXml(both, domainLookup, { remoteAddress: '10.9.0.5', headers: good })).statusCode).toBe(403);
    });
  });
});
