// Every request captured from a real FreeSWITCH 1.10.12 (../shared/freeswitch/xml_curl-requests)
// is posted as it was sent, and its answer checked against the data seeded here. The captures
// were made on domain 127.0.0.1 with users 1000–1019, so that is the seeded tenant.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import {
  answerOf,
  createDid,
  createExtension,
  createProvider,
  createRoute,
  createTenant,
  fetchXml,
  providerGateway,
  setSipPassword,
  updateExtension,
} from '../../helpers/pbx-fixtures.ts';
import { captureFiles, loadCapture, paramOf, withParams } from '../../helpers/xml-curl-captures.ts';
import { find, findAll, isNotFound, namedValues, parseXml, type XmlNode } from '../../helpers/xml-tree.ts';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const DOMAIN = '127.0.0.1';

/** RFC 2617 (qop=auth): the response a phone computes, from the a1-hash Switchyard answered. */
function digestResponse(a1: string, body: string): string {
  const p = (name: string) => paramOf(body, name)!;
  const ha2 = md5(`${p('sip_auth_method')}:${p('sip_auth_uri')}`);
  return md5(`${a1}:${p('sip_auth_nonce')}:${p('sip_auth_nc')}:${p('sip_auth_cnonce')}:${p('sip_auth_qop')}:${ha2}`);
}

const users = (tree: XmlNode) => findAll(tree, 'user').map((u) => u.attrs.id);
const userNode = (tree: XmlNode, id: string) => findAll(tree, 'user').find((u) => u.attrs.id === id);

interface World {
  t: TestApp;
  tenantId: number;
  domainUuid: string;
  ext: Record<string, string>;
  gateway: string;
  /** Conference room 3000 (with PINs): its uuid names its conference.conf profile. */
  room: string;
}

type Check = (w: World, capture: { file: string; body: string }) => Promise<void>;

async function answer(w: World, body: string): Promise<XmlNode> {
  return parseXml(await answerOf(fetchXml(w.t, body)));
}

const notFound: Check = async (w, c) => {
  expect(isNotFound(await answerOf(fetchXml(w.t, c.body)))).toBe(true);
};

/** A user lookup: extension 1000 (or `id`) of the tenant, with the domain's dial-string. */
const userDocument =
  (id = '1000'): Check =>
  async (w, c) => {
    const tree = await answer(w, c.body);
    const domain = find(tree, 'domain')!;
    expect(domain.attrs.name).toBe(DOMAIN);
    expect(namedValues(domain, 'params')['dial-string']).toContain('sofia_contact(${dialed_user}@${dialed_domain})');
    expect(users(tree)).toEqual([id]);
    const vars = namedValues(userNode(tree, id), 'variables');
    expect(vars).toMatchObject({ user_context: DOMAIN, domain_name: DOMAIN, domain_uuid: w.domainUuid, extension_uuid: w.ext[id] });
  };

/** sip_auth: the a1-hash must reproduce (or, for the wrong password, not reproduce) the captured digest. */
const sipAuth =
  (id: string, password: string, matches: boolean): Check =>
  async (w, c) => {
    if (password === 'test1234') await updateExtension(w.t, w.ext[id], { password });
    else await setSipPassword(w.t, w.ext[id], password);
    const tree = await answer(w, c.body);
    const params = namedValues(userNode(tree, id), 'params');
    expect(params.password).toBeUndefined();
    expect(params['a1-hash']).toBe(md5(`${id}:${DOMAIN}:${password}`));
    expect(digestResponse(params['a1-hash'], c.body) === paramOf(c.body, 'sip_auth_response')).toBe(matches);
  };

/** A dialplan capture whose `default` context is replaced by the tenant's, as a tenant's phone would send it. */
const inTenantContext =
  (check: (tree: XmlNode, w: World) => void): Check =>
  async (w, c) => {
    expect(isNotFound(await answerOf(fetchXml(w.t, c.body)))).toBe(true);
    const tree = await answer(w, withParams(c.body, { 'Caller-Context': DOMAIN, 'Hunt-Context': DOMAIN }));
    expect(find(tree, 'context')!.attrs.name).toBe(DOMAIN);
    check(tree, w);
  };

const actions = (tree: XmlNode) => findAll(tree, 'action').map((a) => `${a.attrs.application} ${a.attrs.data ?? ''}`.trim());

const sofiaProfiles =
  (expected: string[]): Check =>
  async (w, c) => {
    const tree = await answer(w, c.body);
    expect(find(tree, 'configuration')!.attrs.name).toBe('sofia.conf');
    const profiles = findAll(tree, 'profile');
    expect(profiles.map((p) => p.attrs.name).sort()).toEqual(expected);
    for (const profile of profiles) {
      const settings = namedValues(profile, 'settings');
      if (profile.attrs.name === 'internal') {
        for (const forced of ['force-register-domain', 'force-register-db-domain', 'force-subscription-domain']) expect(settings[forced]).toBeUndefined();
        expect(find(profile, 'domain')!.attrs).toEqual({ name: 'all', alias: 'true', parse: 'false' });
        expect(findAll(profile, 'gateway')).toEqual([]);
      } else {
        const gateway = find(profile, 'gateway')!;
        expect(gateway.attrs.name).toBe(w.gateway);
        const params = Object.fromEntries(gateway.children.filter((n) => n.name === 'param').map((n) => [n.attrs.name, n.attrs.value]));
        expect(params).toMatchObject({ username: 'trunkuser', password: 'trunk-secret', realm: 'sip.carrier.test', proxy: '203.0.113.10', register: 'true' });
      }
    }
  };

const gatewaysDomains: Check = async (w, c) => {
  const tree = await answer(w, c.body);
  expect(findAll(tree, 'domain').map((d) => d.attrs.name)).toEqual(['127.0.0.1', 'acme.test']);
};

const EXPECTED: Record<string, Check> = {
  // conference.conf: the part mod_conference asks for (conferences.test.ts has the rooms' own).
  'configuration-conference.conf-conference-start.txt': async (w, c) => {
    const profiles = findAll(await answer(w, c.body), 'profile');
    expect(profiles.map((p) => p.attrs.name)).toEqual(['default']);
    expect(Object.fromEntries(profiles[0].children.filter((n) => n.name === 'param').map((n) => [n.attrs.name, n.attrs.value]))).toMatchObject({
      domain: '$${domain}',
      rate: '8000',
      'moh-sound': '$${hold_music}',
    });
  },
  'configuration-conference.conf-member-bind-controls.txt': async (w, c) => {
    const tree = await answer(w, c.body);
    expect(find(tree, 'group')!.attrs.name).toBe('default');
    expect(findAll(tree, 'control')).toHaveLength(12);
    expect(findAll(tree, 'profile')).toEqual([]);
  },
  'configuration-conference.conf-module-load-send_presence.txt': async (w, c) => {
    const configuration = find(await answer(w, c.body), 'configuration')!;
    expect(configuration.children.map((n) => n.name)).toEqual(['advertise']);
    expect(find(configuration, 'room')).toBeUndefined();
  },
  // configuration: sofia.conf, acl.conf, conference.conf and voicemail.conf are rendered, every other .conf is left to FreeSWITCH.
  'configuration-sofia.conf-startup-config_sofia.txt': sofiaProfiles(['external', 'internal']),
  'configuration-sofia.conf-profile-launch-external.txt': sofiaProfiles(['external']),
  'configuration-sofia.conf-profile-launch-internal.txt': sofiaProfiles(['internal']),
  'configuration-sofia.conf-profile-rescan-reconfig.txt': sofiaProfiles(['internal']),
  'configuration-sofia.conf-profile-restart-external.txt': sofiaProfiles(['external']),
  'configuration-acl.conf.txt': async (w, c) => {
    const tree = await answer(w, c.body);
    const lists = Object.fromEntries(findAll(tree, 'list').map((l) => [l.attrs.name, l]));
    expect(findAll(lists.providers, 'node').map((n) => n.attrs.cidr)).toEqual(['203.0.113.10/32', '10.20.0.0/16']);
    expect(findAll(lists.domains, 'node').map((n) => n.attrs.domain)).toEqual(['127.0.0.1', 'acme.test']);
  },
  // voicemail.conf: the stock profile with its storage-dir where greetings are uploaded.
  'configuration-voicemail.conf.txt': async (w, c) => {
    const tree = await answer(w, c.body);
    expect(findAll(tree, 'profile').map((p) => p.attrs.name)).toEqual(['default']);
    expect(findAll(tree, 'param').find((p) => p.attrs.name === 'storage-dir')?.attrs.value).toMatch(/\/voicemail\/default$/);
  },
  // callcenter.conf is rendered (call-queues.test.ts): at module load the settings and every
  // queue (none here); for the captured queue (support@default, no tenant's) no queue.
  'configuration-callcenter.conf-module-load.txt': async (w, c) => {
    const tree = await answer(w, c.body);
    expect(find(tree, 'configuration')!.attrs.name).toBe('callcenter.conf');
    expect(findAll(find(tree, 'settings')!, 'param').map((p) => p.attrs.name)).toEqual(['truncate-agents-on-load', 'truncate-tiers-on-load']);
    expect(findAll(tree, 'queue')).toEqual([]);
  },
  'configuration-callcenter.conf-queue-load.txt': async (w, c) => {
    const tree = await answer(w, c.body);
    expect(find(tree, 'configuration')!.attrs.name).toBe('callcenter.conf');
    expect(findAll(tree, 'queue')).toEqual([]);
  },
  ...Object.fromEntries(
    [
      'cdr_csv.conf',
      'cdr_sqlite.conf',
      'curl.conf',
      'db.conf',
      'directory.conf',
      'distributor.conf',
      'enum.conf-startup-bare',
      'event_socket.conf',
      'fifo.conf',
      'hash.conf',
      'httapi.conf',
      'ivr.conf-menu-demo_ivr',
      'json_cdr.conf',
      'loopback.conf',
      'lua.conf',
      'mod_blacklist.conf',
      'opus.conf',
      'post_load_modules.conf',
      'post_load_switch.conf',
      'sndfile.conf',
      'spandsp.conf',
      'timezones.conf-reloadxml',
      'xml_cdr.conf',
    ].map((name) => [`configuration-${name}.txt`, notFound]),
  ),
  // Rendered: the stock streams, then the tenants' music on hold (none here; see music-on-hold.test.ts).
  'configuration-local_stream.conf.txt': async (w, c) => {
    const tree = await answer(w, c.body);
    expect(find(tree, 'configuration')!.attrs.name).toBe('local_stream.conf');
    expect(findAll(tree, 'directory').map((d) => d.attrs.name)).toEqual(['default', 'moh/8000', 'moh/16000', 'moh/32000', 'moh/48000']);
  },

  // dialplan
  'dialplan-inbound-sip-internal-9196.txt': inTenantContext((tree) => {
    expect(findAll(tree, 'extension').map((e) => e.attrs.name)).toEqual(['echo-test']);
    expect(actions(tree)).toEqual(['answer', 'echo']);
  }),
  'dialplan-inbound-sip-external-public.txt': async (w, c) => {
    const tree = await answer(w, c.body);
    expect(find(tree, 'context')!.attrs.name).toBe('public');
    expect(findAll(tree, 'extension').map((e) => e.attrs.name)).toEqual(['did-1000']);
    expect(actions(tree)).toEqual(
      expect.arrayContaining([`set domain_name=${DOMAIN}`, `set domain_uuid=${w.domainUuid}`, 'limit hash 127.0.0.1 max_concurrent_calls 10 !USER_BUSY', `transfer 1000 XML ${DOMAIN}`]),
    );
  },
  'dialplan-transfer-public-to-default.txt': inTenantContext((tree) => {
    // The renderings for what the feature codes may have set come first (feature-codes.test.ts).
    expect(findAll(tree, 'extension').map((e) => e.attrs.name)).toEqual(['local-1000-dnd', 'local-1000-forward', 'local-1000']);
    expect(actions(findAll(tree, 'extension')[2])).toEqual([
      'export dialed_extension=1000',
      'set call_timeout=30',
      'set hangup_after_bridge=true',
      'set continue_on_fail=true',
      `hash insert/${DOMAIN}-last_dial_ext/1000/\${uuid}`,
      // The user's call group (the captured directory's callgroup), where *8 finds the call.
      `hash insert/${DOMAIN}-last_dial_ext/techsupport/\${uuid}`,
      `bridge user/1000@${DOMAIN}`,
      'answer',
      'sleep 1000',
      `voicemail default ${DOMAIN} 1000`,
    ]);
  }),
  // 3000 is a conference room: a leg FreeSWITCH originated (Call-Direction outbound, which
  // mod_conference would let in without its PIN) is told to enforce it, then joins the room.
  'dialplan-uuid_transfer-outbound-leg.txt': inTenantContext((tree, w) => {
    expect(findAll(tree, 'extension').map((e) => e.attrs.name)).toEqual(['conference-3000']);
    expect(actions(tree)).toEqual(['answer', 'set conference_enforce_security=true', `conference 3000-${DOMAIN}@${w.room}`]);
  }),
  // 5000 (an IVR) and 9978 (fax) belong to later modules: nothing matches yet.
  'dialplan-loopback-b-leg-5000.txt': inTenantContext((tree) => expect(findAll(tree, 'extension')).toEqual([])),
  'dialplan-loopback-b-leg-9978-fax.txt': inTenantContext((tree) => expect(findAll(tree, 'extension')).toEqual([])),

  // directory
  'directory-domain_exists.txt': async (w, c) => {
    const tree = await answer(w, c.body);
    expect(find(tree, 'domain')!.attrs.name).toBe(DOMAIN);
    expect(namedValues(find(tree, 'domain'), 'variables')).toEqual({ domain_name: DOMAIN, domain_uuid: w.domainUuid });
    expect(findAll(tree, 'user')).toEqual([]);
  },
  'directory-xml_locate.txt': async (w, c) => {
    const tree = await answer(w, c.body);
    expect(findAll(tree, 'domain').map((d) => d.attrs.name)).toEqual([DOMAIN]);
    expect(findAll(tree, 'user')).toEqual([]);
  },
  'directory-event_socket_auth.txt': notFound,
  'directory-find_user_xml.txt': userDocument(),
  'directory-gateways-profile-launch-external.txt': gatewaysDomains,
  'directory-gateways-profile-launch-internal.txt': gatewaysDomains,
  'directory-gateways-profile-rescan.txt': gatewaysDomains,
  'directory-group_call.txt': async (w, c) => {
    const tree = await answer(w, c.body);
    expect(find(tree, 'group')!.attrs.name).toBe('techsupport');
    expect(users(tree)).toEqual(['1000', '1001']);
    expect(namedValues(find(tree, 'domain'), 'params')['dial-string']).toBeTruthy();
  },
  'directory-list_users-bare.txt': async (w, c) => {
    const xml = await answerOf(fetchXml(w.t, c.body));
    const tree = parseXml(xml);
    expect(findAll(tree, 'domain').map((d) => d.attrs.name)).toEqual([DOMAIN, 'acme.test']);
    expect(users(find(tree, 'domain')!)).toEqual(['1000', '1001', '1002', '1019']);
    expect(namedValues(userNode(tree, '1000'), 'variables')).toMatchObject({ user_context: DOMAIN, callgroup: 'techsupport', effective_caller_id_name: 'Reception' });
    expect(xml).not.toMatch(/a1-hash|"password"|vm-password/);
  },
  'directory-message-count-after-register.txt': userDocument(),
  'directory-message-count-vm_boxcount.txt': userDocument(),
  'directory-network-list-acl.txt': async (w, c) => {
    const tree = await answer(w, c.body);
    expect(findAll(tree, 'user').map((u) => u.attrs)).toEqual([{ id: '1002', cidr: '192.0.2.0/24' }]);
  },
  'directory-sip_auth-register.txt': sipAuth('1000', '1234', true),
  'directory-sip_auth-register-wrong-password.txt': sipAuth('1000', '1234', false),
  'directory-sip_auth-unregister.txt': sipAuth('1001', '1234', true),
  'directory-sip_auth-invite.txt': sipAuth('1000', 'test1234', true),
  'directory-user_call-bridge-from-dialplan.txt': userDocument(),
  'directory-user_call-originate.txt': userDocument(),
  'directory-user_call-originate-not-registered.txt': userDocument('1019'),
  'directory-user_data.txt': userDocument(),
  'directory-user_data-type-var-from-dialplan.txt': userDocument(),
  'directory-user_exists.txt': userDocument(),
  'directory-user_exists-unknown-user.txt': notFound,
  'directory-voicemail-lookup.txt': async (w, c) => {
    await userDocument()(w, c);
    const params = namedValues(userNode(await answer(w, c.body), '1000'), 'params');
    expect(params).toMatchObject({ 'vm-enabled': 'true', 'vm-password': '4321', 'vm-mailto': 'reception@example.test' });
  },
};

describe.each(databaseKinds)('captured FreeSWITCH requests on $name', (kind) => {
  const w = {} as World;
  beforeAll(async () => {
    w.t = await createTestApp(kind, { XML_CURL_TRUSTED_NETWORKS: '10.20.0.0/16' });
    w.tenantId = await createTenant(w.t, { name: 'Capture host', domain: DOMAIN, max_concurrent_calls: 10 });
    await createTenant(w.t, { name: 'Acme', domain: 'acme.test' });
    const gone = await createTenant(w.t, { name: 'Gone', domain: 'gone.test' });
    await w.t.api('PUT', `/api/tenants/${gone}`, { token: await w.t.adminToken(), body: { active: false } });
    const tenant = (await w.t.api('GET', `/api/tenants/${w.tenantId}`, { token: await w.t.adminToken() })).json();
    w.domainUuid = tenant.domain_uuid;
    w.ext = {
      '1000': await createExtension(w.t, w.tenantId, {
        extension: '1000',
        password: 'test1234',
        display_name: 'Reception',
        call_group: 'techsupport',
        voicemail_password: '4321',
        voicemail_mail_to: 'reception@example.test',
      }),
      '1001': await createExtension(w.t, w.tenantId, { extension: '1001', password: 'test1234', call_group: 'sales,techsupport' }),
      '1002': await createExtension(w.t, w.tenantId, { extension: '1002', password: 'test1234', cidr: '192.0.2.0/24', call_group: 'sales' }),
      '1019': await createExtension(w.t, w.tenantId, { extension: '1019', password: 'test1234' }),
    };
    const provider = await createProvider(w.t, {
      name: 'Carrier',
      host: '203.0.113.10',
      username: 'trunkuser',
      password: 'trunk-secret',
      realm: 'sip.carrier.test',
    });
    w.gateway = await providerGateway(w.t, provider);
    await createRoute(w.t, { tenant_id: w.tenantId, name: 'National', pattern: '^0(\\d{9,})$', provider_id: provider });
    await createDid(w.t, { phone: '1000', tenant_id: w.tenantId, destination_type: 'extension', destination_value: '1000' });
    const room = await w.t.api('POST', '/api/conferences', {
      token: await w.t.adminToken(),
      body: { tenant_id: w.tenantId, conference_center_name: 'Captured', conference_center_extension: '3000', conference_center_pin: '1234', conference_center_moderator_pin: '4321' },
    });
    expect(room.statusCode, room.body).toBe(200);
    w.room = room.json().conference_center_uuid;
  });
  afterAll(() => w.t?.close());

  it('covers every captured request', () => {
    expect(captureFiles()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const file of Object.keys(EXPECTED).sort()) {
    it(`answers ${file}`, async () => {
      const capture = loadCapture(file);
      expect(capture.requestLine).toBe('POST /freeswitch/xml HTTP/1.1');
      await EXPECTED[file](w, { file, body: capture.body });
    });
  }
});
