// sofia.conf and acl.conf from the database, the sofia profile settings behind them (GET/PUT
// /api/sip_profiles/:profile), and operator overrides of the XML templates.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';
import { answerOf, createProvider, createTenant, fetchXml, providerGateway, updateProvider } from '../../helpers/pbx-fixtures.ts';
import { until } from '../../helpers/wait.ts';
import { find, findAll, isNotFound, namedValues, parseXml, type XmlNode } from '../../helpers/xml-tree.ts';

const conf = (name: string, extra: Record<string, string> = {}) => ({ section: 'configuration', tag_name: 'configuration', key_name: 'name', key_value: name, ...extra });
const gatewayParams = (gateway: XmlNode) => Object.fromEntries(gateway.children.filter((c) => c.name === 'param').map((c) => [c.attrs.name, c.attrs.value]));

describe.each(databaseKinds)('configuration answers on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let provider: number;
  let gateway: string;
  const sofia = async (profile?: string) => parseXml(await answerOf(fetchXml(t, conf('sofia.conf', profile ? { profile } : {}))));

  beforeAll(async () => {
    t = await createTestApp(kind, { XML_CURL_TRUSTED_NETWORKS: '10.9.0.0/16,2001:db8:9::/48,192.0.2.77' });
    cast = await seedCast(t);
    provider = await createProvider(t, {
      name: 'Carrier',
      host: '198.51.100.20',
      port: 5080,
      username: 'acme-trunk',
      password: 'Tr<u>nk & "pw"',
      realm: 'sip.carrier.test',
      from_domain: 'acme.carrier.test',
      register: true,
      expire_seconds: 600,
      retry_seconds: 45,
      caller_id_in_from: true,
      register_transport: 'tcp',
      ping: 25,
      from_user: 'acme-from',
      auth_username: 'acme-auth',
      register_proxy: 'sip:reg.carrier.test;transport=tcp',
      outbound_proxy: 'out.carrier.test:5070',
      contact_params: 'tport=tcp',
      extension: '15550001000',
      distinct_to: 'true',
      extension_in_contact: 'true',
      contact_in_ping: 'true',
      ping_min: 2,
      ping_max: 3,
      supress_cng: 'true',
      sip_cid_type: 'pid',
      codec_prefs: 'PCMU,PCMA',
    });
    gateway = await providerGateway(t, provider);
    await createProvider(t, { name: 'By address', host: '2001:db8::20', register: false });
    await createProvider(t, { name: 'By name', host: 'localhost', register: false });
    await createProvider(t, { name: 'Unresolvable', host: 'no-such-host.invalid', register: false });
  });
  afterAll(() => t?.close());

  it('renders each active provider as a gateway named by its UUID, with its credentials and registration', async () => {
    const external = findAll(await sofia('external'), 'profile')[0];
    const gateways = findAll(external, 'gateway');
    expect(gateways).toHaveLength(4);
    const first = gateways.find((g) => g.attrs.name === gateway)!;
    expect(gatewayParams(first)).toEqual({
      username: 'acme-trunk',
      password: 'Tr<u>nk & "pw"',
      realm: 'sip.carrier.test',
      proxy: '198.51.100.20:5080',
      'from-domain': 'acme.carrier.test',
      register: 'true',
      'expire-seconds': '600',
      'retry-seconds': '45',
      'caller-id-in-from': 'true',
      'register-transport': 'tcp',
      ping: '25',
      'from-user': 'acme-from',
      'auth-username': 'acme-auth',
      'register-proxy': 'sip:reg.carrier.test;transport=tcp',
      'outbound-proxy': 'out.carrier.test:5070',
      'contact-params': 'tport=tcp',
      extension: '15550001000',
      'distinct-to': 'true',
      'extension-in-contact': 'true',
      'contact-in-ping': 'true',
      'ping-min': '2',
      'ping-max': '3',
      context: 'public',
    });
    // What sofia reads per call rather than per gateway: channel variables of the gateway.
    const variables = Object.fromEntries(findAll(first, 'variable').map((v) => [v.attrs.name, [v.attrs.value, v.attrs.direction]]));
    expect(variables).toEqual({
      provider_id: [String(provider), 'outbound'],
      supress_cng: ['true', undefined],
      sip_cid_type: ['pid', 'outbound'],
      absolute_codec_string: ['PCMU,PCMA', 'outbound'],
    });
    const byAddress = gatewayParams(gateways[1]);
    // sofia makes the proxy a SIP URI (sip:<proxy>), where an IPv6 host is bracketed.
    expect(byAddress).toMatchObject({ register: 'false', proxy: '[2001:db8::20]', realm: '2001:db8::20', context: 'public' });
    for (const unset of ['from-user', 'auth-username', 'register-proxy', 'outbound-proxy', 'contact-params', 'extension', 'distinct-to', 'ping', 'ping-min']) expect(byAddress[unset]).toBeUndefined();
    expect(findAll(gateways[1], 'variable').map((v) => v.attrs.name)).toEqual(['provider_id']);
    expect(byAddress.username).toBeTruthy();
    expect(byAddress.password).toBeTruthy();
  });

  it('keeps the gateway name across edits and drops inactive providers', async () => {
    await updateProvider(t, provider, { username: 'renamed-trunk' });
    const renamed = findAll(await sofia(), 'gateway').find((g) => g.attrs.name === gateway)!;
    expect(gatewayParams(renamed).username).toBe('renamed-trunk');
    await updateProvider(t, provider, { active: false });
    expect(findAll(await sofia(), 'gateway').map((g) => g.attrs.name)).not.toContain(gateway);
    await updateProvider(t, provider, { active: true });
  });

  it('answers an unknown profile with not found', async () => {
    expect(isNotFound(await answerOf(fetchXml(t, conf('sofia.conf', { profile: 'nope' }))))).toBe(true);
  });

  it('lists the trunks\' addresses and the trusted networks in acl.conf, and every tenant domain', async () => {
    const changes: string[] = [];
    const unsubscribe = t.app.services.changes.subscribe((c) => void changes.push(c.entity));
    const acl = async () => parseXml(await answerOf(fetchXml(t, conf('acl.conf'))));
    const cidrsOf = (tree: XmlNode) => findAll(findAll(tree, 'list').find((l) => l.attrs.name === 'providers')!, 'node').map((n) => n.attrs.cidr);
    // A host name is resolved in the background: the first answer does not wait for it; once it
    // resolves, the change is announced (acl.conf is rendered again, FreeSWITCH told to reload it).
    expect(cidrsOf(await acl())).not.toContain('127.0.0.1/32');
    await until(() => changes.includes('trunk_addresses'));
    unsubscribe();
    const tree = await acl();
    const lists = Object.fromEntries(findAll(tree, 'list').map((l) => [l.attrs.name, l]));
    expect(lists.providers.attrs.default).toBe('deny');
    const cidrs = findAll(lists.providers, 'node').map((n) => n.attrs.cidr);
    expect(cidrs).toEqual(expect.arrayContaining(['198.51.100.20/32', '2001:db8::20/128', '127.0.0.1/32', '10.9.0.0/16', '2001:db8:9::/48', '192.0.2.77/32']));
    expect(cidrs.some((c) => c.includes('invalid'))).toBe(false);
    expect(findAll(lists.domains, 'node').map((n) => n.attrs)).toEqual([
      { type: 'allow', domain: 'acme.test' },
      { type: 'allow', domain: 'globex.test' },
    ]);
  });

  it('shows the seeded profiles to the super-admin, and refuses tenant admins and users', async () => {
    const list = await t.api('GET', '/api/sip_profiles', { token: cast.admin });
    expect(list.statusCode).toBe(200);
    expect(list.json().map((p: { profile: string }) => p.profile)).toEqual(['external', 'internal']);
    const internal = await t.api('GET', '/api/sip_profiles/internal', { token: cast.admin });
    expect(internal.json().settings).toEqual(expect.arrayContaining([{ name: 'challenge-realm', value: 'auto_from', enabled: true }]));
    for (const token of [cast.adminA.token, cast.userA.token]) {
      expect((await t.api('GET', '/api/sip_profiles/internal', { token })).statusCode).toBe(403);
      expect((await t.api('PUT', '/api/sip_profiles/internal', { token, body: { settings: [{ name: 'x', value: 'y' }] } })).statusCode).toBe(403);
    }
    expect((await t.api('GET', '/api/sip_profiles/internal')).statusCode).toBe(401);
    expect((await t.api('GET', '/api/sip_profiles/nope', { token: cast.admin })).statusCode).toBe(404);
  });

  it('re-renders sofia.conf when the super-admin replaces a profile\'s settings', async () => {
    const before = namedValues(findAll(await sofia('internal'), 'profile')[0], 'settings');
    expect(before['sip-port']).toBe('$${internal_sip_port}');
    const settings = [
      { name: 'sip-port', value: '5070' },
      { name: 'context', value: 'public' },
      { name: 'user-agent-string', value: 'Switchyard <PBX> & "co"' },
      { name: 'debug', value: '9', enabled: false },
    ];
    const res = await t.api('PUT', '/api/sip_profiles/internal', { token: cast.admin, body: { settings } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().settings).toHaveLength(4);
    const after = findAll(await sofia('internal'), 'profile')[0];
    expect(namedValues(after, 'settings')).toEqual({ 'sip-port': '5070', context: 'public', 'user-agent-string': 'Switchyard <PBX> & "co"' });
    expect(find(after, 'domain')!.attrs).toEqual({ name: 'all', alias: 'true', parse: 'false' });
  });

  it('validates profile settings', async () => {
    const bad = [
      { settings: [] },
      { settings: [{ name: 'bad name', value: 'x' }] },
      { settings: [{ name: 'a', value: '1' }, { name: 'a', value: '2' }] },
      { settings: [{ name: 'a' }] },
    ];
    for (const body of bad) {
      const res = await t.api('PUT', '/api/sip_profiles/internal', { token: cast.admin, body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await t.api('PUT', '/api/sip_profiles/Bad Name', { token: cast.admin, body: { settings: [{ name: 'a', value: '1' }] } })).statusCode).toBe(400);
  });

  it('lets XML_TEMPLATES_DIR replace a template by name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-templates-'));
    mkdirSync(join(dir, 'dialplan'));
    writeFileSync(
      join(dir, 'directory-domain.xml'),
      '<document xmlns:sy="urn:switchyard:template" type="freeswitch/xml"><section name="directory"><domain name="{{domain.name}}"><params><param name="custom" value="{{domain.uuid}}"/></params></domain></section></document>',
    );
    const other = await createTestApp(kind, { XML_TEMPLATES_DIR: dir });
    try {
      await createTenant(other, { name: 'Acme', domain: 'acme.test' });
      const xml = await answerOf(fetchXml(other, { section: 'directory', tag_name: 'domain', key_name: 'name', key_value: 'acme.test', domain: 'acme.test' }));
      expect(Object.keys(namedValues(find(parseXml(xml), 'domain'), 'params'))).toEqual(['custom']);
      const notFound = await answerOf(fetchXml(other, conf('ivr.conf')));
      expect(isNotFound(notFound)).toBe(true);
    } finally {
      await other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start with a template that is not well-formed, naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-templates-'));
    writeFileSync(join(dir, 'acl.conf.xml'), '<document><broken></document>');
    try {
      await expect(createTestApp(kind, { XML_TEMPLATES_DIR: dir })).rejects.toThrow(/acl\.conf\.xml/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
