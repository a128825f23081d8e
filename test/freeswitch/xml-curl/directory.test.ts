// The directory FreeSWITCH authenticates and routes with: what a user's document carries, who is
// not found, several tenants side by side, escaping, and the cache that keeps the database off
// the hot path until a write changes what an answer shows.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.ts';
import type { HotReads } from '../../../src/db/hot-reads.ts';
import { directoryRepository } from '../../../src/freeswitch/xml-curl/directory/directory.repository.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { answerOf, createExtension, createTenant, fetchXml, updateExtension, updateTenant } from '../../helpers/pbx-fixtures.ts';
import { find, findAll, isNotFound, namedValues, parseXml } from '../../helpers/xml-tree.ts';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const lookup = (domain: string, user: string, extra: Record<string, string> = {}) => ({
  section: 'directory',
  tag_name: 'domain',
  key_name: 'name',
  key_value: domain,
  'Event-Calling-Function': 'sofia_reg_parse_auth',
  action: 'sip_auth',
  sip_auth_method: 'REGISTER',
  key: 'id',
  user,
  domain,
  ...extra,
});
const domainOnly = (domain: string) => ({ section: 'directory', tag_name: 'domain', key_name: 'name', key_value: domain, domain, 'Event-Calling-Function': 'switch_xml_locate_domain' });

describe.each(databaseKinds)('directory answers on $name', (kind) => {
  let t: TestApp;
  let acme: number;
  let globex: number;
  const ext: Record<string, string> = {};
  const user = async (domain: string, id: string, extra?: Record<string, string>) => {
    const tree = parseXml(await answerOf(fetchXml(t, lookup(domain, id, extra))));
    const node = findAll(tree, 'user').find((u) => u.attrs.id === id)!;
    return { tree, node, params: namedValues(node, 'params'), vars: namedValues(node, 'variables') };
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    acme = await createTenant(t, { name: 'Acme', domain: 'acme.test', max_concurrent_calls: 7 });
    globex = await createTenant(t, { name: 'Globex', domain: 'globex.test' });
    // hold_music names a music-on-hold class of the tenant (written as local_stream://jazz too).
    const jazz = await t.api('POST', '/api/music_on_hold', { token: await t.adminToken(), body: { tenant_id: acme, music_on_hold_name: 'jazz' } });
    expect(jazz.statusCode, jazz.body).toBe(200);
    ext.full = await createExtension(t, acme, {
      extension: '1001',
      password: 'Acme-pass-1',
      display_name: 'Bob "<x/>" & Co',
      outbound_caller_id_name: 'Acme Sales',
      outbound_caller_id_number: '+15550001111',
      accountcode: 'acct-42',
      toll_allow: 'local,domestic',
      call_timeout: 25,
      call_group: 'sales',
      user_record: 'all',
      hold_music: 'local_stream://jazz',
      auth_acl: 'lan',
      cidr: '192.0.2.0/28',
      voicemail_password: '9876',
      forward_busy_enabled: true,
      forward_busy_destination: '1002',
      number_alias: '2001',
      emergency_caller_id_name: 'Acme HQ',
      emergency_caller_id_number: '+15550009110',
      directory_first_name: 'Bob',
      directory_last_name: 'Builder',
      directory_exten_visible: false,
      absolute_codec_string: 'PCMU,PCMA,G722',
      forward_user_not_registered_enabled: true,
      forward_user_not_registered_destination: '+15550002222',
    });
    ext.plain = await createExtension(t, acme, { extension: '1002', password: 'Acme-pass-2', voicemail_enabled: false });
    ext.globex = await createExtension(t, globex, { extension: '1001', password: 'Globex-pass-1', effective_caller_id_name: 'Globex Desk' });
    ext.disabled = await createExtension(t, acme, { extension: '1003', password: 'Acme-pass-3', enabled: false });
  });
  afterAll(() => t?.close());

  it('gives a user the variables the dialplan reads and an a1-hash, never the password', async () => {
    const { params, vars, node, tree } = await user('acme.test', '1001');
    expect(find(tree, 'domain')!.attrs.name).toBe('acme.test');
    expect(node.attrs).toEqual({ id: '1001', 'number-alias': '2001', cidr: '192.0.2.0/28' });
    expect(params).toEqual({
      'a1-hash': md5('1001:acme.test:Acme-pass-1'),
      'auth-acl': 'lan',
      'vm-enabled': 'true',
      'vm-password': '9876',
      'directory-visible': 'true',
      'directory-exten-visible': 'false',
    });
    expect(vars).toMatchObject({
      user_context: 'acme.test',
      domain_name: 'acme.test',
      extension_uuid: ext.full,
      effective_caller_id_name: 'Bob "<x/>" & Co',
      effective_caller_id_number: '1001',
      outbound_caller_id_name: 'Acme Sales',
      outbound_caller_id_number: '+15550001111',
      accountcode: 'acct-42',
      toll_allow: 'local,domestic',
      call_timeout: '25',
      limit_max: '7',
      callgroup: 'sales',
      user_record: 'all',
      hold_music: 'local_stream://acme.test/jazz',
      do_not_disturb: 'false',
      forward_all_enabled: 'false',
      forward_busy_enabled: 'true',
      forward_busy_destination: '1002',
      forward_no_answer_enabled: 'false',
      forward_user_not_registered_enabled: 'true',
      forward_user_not_registered_destination: '+15550002222',
      emergency_caller_id_name: 'Acme HQ',
      emergency_caller_id_number: '+15550009110',
      directory_full_name: 'Bob Builder',
      absolute_codec_string: 'PCMU,PCMA,G722',
    });
    expect(vars.domain_uuid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('escapes values: a display name like Bob "<x/>" & Co renders safely and reads back as given', async () => {
    const xml = await answerOf(fetchXml(t, lookup('acme.test', '1001')));
    expect(xml).toContain('value="Bob &quot;&lt;x/&gt;&quot; &amp; Co"');
    expect(xml).not.toContain('<x/>');
    const { vars } = await user('acme.test', '1001');
    expect(vars.effective_caller_id_name).toBe('Bob "<x/>" & Co');
  });

  it('leaves out what an extension does not set (no limit_max for an unlimited tenant)', async () => {
    const { params, vars, node } = await user('acme.test', '1002');
    expect(node.attrs).toEqual({ id: '1002' });
    expect(params).toEqual({
      'a1-hash': md5('1002:acme.test:Acme-pass-2'),
      'vm-enabled': 'false',
      'vm-password': expect.stringMatching(/^\d+$/),
      'directory-visible': 'true',
      'directory-exten-visible': 'true',
    });
    expect(vars.effective_caller_id_name).toBe('1002');
    const absentVars = ['toll_allow', 'accountcode', 'outbound_caller_id_number', 'callgroup', 'user_record', 'hold_music', 'emergency_caller_id_name', 'directory_full_name', 'absolute_codec_string'];
    for (const absent of absentVars) expect(vars[absent]).toBeUndefined();
    expect(vars.forward_user_not_registered_enabled).toBe('false');
    const globexUser = await user('globex.test', '1001');
    expect(globexUser.vars.limit_max).toBeUndefined();
  });

  it('keeps tenants apart: the same extension number on two domains, each with its own secret and realm', async () => {
    const a = await user('acme.test', '1001');
    const g = await user('globex.test', '1001');
    expect(g.params['a1-hash']).toBe(md5('1001:globex.test:Globex-pass-1'));
    expect(g.params['a1-hash']).not.toBe(a.params['a1-hash']);
    expect(g.vars).toMatchObject({ user_context: 'globex.test', effective_caller_id_name: 'Globex Desk', extension_uuid: ext.globex });
  });

  it('does not find disabled extensions, unknown users or domains, and the same user under another domain', async () => {
    for (const body of [lookup('acme.test', '1003'), lookup('acme.test', '4040'), lookup('nowhere.test', '1001'), lookup('ACME.test'.replace('ACME', 'globex'), '1002')]) {
      expect(isNotFound(await answerOf(fetchXml(t, body)))).toBe(true);
    }
  });

  it('answers reverse-auth-lookup with the credentials FreeSWITCH answers a phone with', async () => {
    const tree = parseXml(await answerOf(fetchXml(t, lookup('acme.test', '1002', { action: 'reverse-auth-lookup' }))));
    expect(namedValues(find(tree, 'user'), 'params')).toEqual({ 'reverse-auth-user': '1002', 'reverse-auth-pass': 'Acme-pass-2' });
  });

  it('sends the password instead of the a1-hash when configured to', async () => {
    const other = await createTestApp(kind, { XML_CURL_DIRECTORY_AUTH: 'password' });
    try {
      const tenant = await createTenant(other, { name: 'Acme', domain: 'acme.test' });
      await createExtension(other, tenant, { extension: '1001', password: 'Plain-pass-1' });
      const tree = parseXml(await answerOf(fetchXml(other, lookup('acme.test', '1001'))));
      expect(namedValues(find(tree, 'user'), 'params')).toMatchObject({ password: 'Plain-pass-1' });
      expect(namedValues(find(tree, 'user'), 'params')['a1-hash']).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('lets FreeSWITCH keep a user only when configured to (cacheable, in ms)', async () => {
    expect((await user('acme.test', '1002')).node.attrs.cacheable).toBeUndefined();
    const other = await createTestApp(kind, { XML_CURL_USER_CACHEABLE_MS: '300000' });
    try {
      const tenant = await createTenant(other, { name: 'Acme', domain: 'acme.test' });
      await createExtension(other, tenant, { extension: '1001', password: 'Kept-pass-1' });
      const tree = parseXml(await answerOf(fetchXml(other, lookup('acme.test', '1001'))));
      expect(find(tree, 'user')!.attrs.cacheable).toBe('300000');
    } finally {
      await other.close();
    }
    // FreeSWITCH holds the TTL in microseconds in a 32-bit int.
    expect(loadConfig({ XML_CURL_USER_CACHEABLE_MS: '2147483' }).xmlCurl.userCacheableMs).toBe(2_147_483);
    expect(() => loadConfig({ XML_CURL_USER_CACHEABLE_MS: '2147484' })).toThrow(ConfigError);
    expect(() => loadConfig({ XML_CURL_USER_CACHEABLE_MS: 'soon' })).toThrow(ConfigError);
  });

  it('answers the hot path from memory: a repeated lookup sends no SQL', async () => {
    await answerOf(fetchXml(t, lookup('acme.test', '1002')));
    await answerOf(fetchXml(t, domainOnly('acme.test')));
    const before = t.queries.length;
    // Nothing else runs here (no write, so no other change-bus subscriber wakes up).
    await answerOf(fetchXml(t, lookup('acme.test', '1002')));
    await answerOf(fetchXml(t, lookup('acme.test', '1002', { action: 'user_call' })));
    await answerOf(fetchXml(t, domainOnly('acme.test')));
    await answerOf(fetchXml(t, lookup('nowhere.test', '1002')));
    await answerOf(fetchXml(t, lookup('nowhere.test', '1002')));
    expect(t.queries.length - before).toBe(1);
  });

  it('answers lookups that arrive together from one statement, each with its own user', async () => {
    const initech = await createTenant(t, { name: 'Initech', domain: 'initech.test' });
    await createExtension(t, initech, { extension: '2001', password: 'Initech-pass-1' });
    await createExtension(t, initech, { extension: '2002', password: 'Initech-pass-2' });
    await createExtension(t, initech, { extension: '2003', password: 'Initech-pass-3', enabled: false });
    const userReads = (from: number) => t.queries.slice(from).filter((q) => q.includes('LEFT JOIN extensions')).length;
    const before = t.queries.length;
    const asked = [
      ['initech.test', '2001'],
      ['initech.test', '2002'],
      ['initech.test', '2003'],
      ['initech.test', '2009'],
      ['elsewhere.test', '2001'],
    ] as const;
    const answers = await Promise.all(asked.map(([domain, id]) => answerOf(fetchXml(t, lookup(domain, id)))));
    const hashOf = (xml: string) => namedValues(find(parseXml(xml), 'user')!, 'params')['a1-hash'];
    expect(hashOf(answers[0])).toBe(md5('2001:initech.test:Initech-pass-1'));
    expect(hashOf(answers[1])).toBe(md5('2002:initech.test:Initech-pass-2'));
    expect(answers.slice(2).map(isNotFound)).toEqual([true, true, true]);
    expect(userReads(before)).toBeLessThan(asked.length);
  });

  it('gathers the lookups that arrive while an earlier one is still reading into one batch', async () => {
    const hooli = await createTenant(t, { name: 'Hooli', domain: 'hooli.test' });
    for (const n of ['3001', '3002', '3003']) await createExtension(t, hooli, { extension: n, password: `Hooli-pass-${Number(n) - 3000}` });
    const real = t.app.database.reads;
    const batches: number[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The database itself, with the first read held up as a busy pool would.
    const reads: HotReads = {
      connections: 1,
      async all(sql, params) {
        batches.push(params.length / 2);
        if (batches.length === 1) await held;
        return real.all(sql, params);
      },
      values: (sql, params) => real.values(sql, params),
      close: async () => {},
    };
    const repo = directoryRepository(t.app.database.db, reads);
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
    const first = repo.user('hooli.test', '3001');
    await nextTurn();
    const later = [];
    // Each in a turn of the event loop of its own, as requests under load are.
    for (const n of ['3002', '3003', '3009']) {
      later.push(repo.user('hooli.test', n));
      await nextTurn();
    }
    expect(batches).toEqual([1]);
    release();
    const found = await Promise.all([first, ...later]);
    expect(batches).toEqual([1, 3]);
    expect(found.map((f) => f.user?.extension ?? null)).toEqual(['3001', '3002', '3003', null]);
  });

  it('shows a write at the next request, and drops only the answers the write touches', async () => {
    // Other subscribers of the change bus may query on their own; count the directory's user reads.
    const userReads = (from: number) => t.queries.slice(from).filter((q) => q.includes('LEFT JOIN extensions')).length;
    await user('acme.test', '1001');
    await user('globex.test', '1001');
    await updateExtension(t, ext.plain, { display_name: 'Renamed & Co', do_not_disturb: true });
    const before = t.queries.length;
    await user('acme.test', '1001');
    await user('globex.test', '1001');
    expect(userReads(before)).toBe(0);
    const renamed = await user('acme.test', '1002');
    expect(renamed.vars).toMatchObject({ effective_caller_id_name: 'Renamed & Co', do_not_disturb: 'true' });
    expect(renamed.params['dial-string']).toBe('error/user_busy');
    expect(userReads(before)).toBe(1);
  });

  it('finds a new extension at once, though its number was a cached miss', async () => {
    expect(isNotFound(await answerOf(fetchXml(t, lookup('acme.test', '1005'))))).toBe(true);
    await createExtension(t, acme, { extension: '1005', password: 'Acme-pass-5' });
    expect((await user('acme.test', '1005')).params['a1-hash']).toBe(md5('1005:acme.test:Acme-pass-5'));
  });

  it('does not find the users or the domain of a disabled tenant, and finds them again when it is enabled', async () => {
    await user('globex.test', '1001');
    await updateTenant(t, globex, { active: false });
    expect(isNotFound(await answerOf(fetchXml(t, lookup('globex.test', '1001'))))).toBe(true);
    expect(isNotFound(await answerOf(fetchXml(t, domainOnly('globex.test'))))).toBe(true);
    await updateTenant(t, globex, { active: true, max_concurrent_calls: 3 });
    expect((await user('globex.test', '1001')).vars.limit_max).toBe('3');
  });
});
