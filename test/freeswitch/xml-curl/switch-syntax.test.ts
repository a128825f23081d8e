// No text a user writes may reach FreeSWITCH's XML carrying its syntax: FreeSWITCH expands
// `${...}` in dialplan data when a call runs, and `${system(...)}` runs a shell command (seen on a
// real FreeSWITCH through a DID's caller-id prefix). Every field that reaches a rendered document
// refuses it at write time (400 naming the field, nothing written), on REST and GraphQL alike; data
// that slipped in before is refused again by the renderer, which then serves nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';
import { answerOf, createDid, createExtension, createProvider, createRoute, fetchXml } from '../../helpers/pbx-fixtures.ts';
import { isNotFound } from '../../helpers/xml-tree.ts';

const RUN = '${system(id)}';

describe.each(databaseKinds)('FreeSWITCH syntax in user text, on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let ext: string;
  let did: number;
  let provider: number;
  let route: number;
  const logs: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(kind, { LOG_LEVEL: 'warn' }, { logStream: { write: (line) => void logs.push(line) } });
    cast = await seedCast(t);
    ext = await createExtension(t, cast.tenantA, { extension: '1000', display_name: 'Ann' });
    provider = await createProvider(t, { name: 'Carrier', host: '198.51.100.20', username: 'trunk', password: 'pa$$word' });
    route = await createRoute(t, { tenant_id: cast.tenantA, name: 'Out', pattern: '^9(\\d+)$', provider_id: provider });
    did = await createDid(t, { tenant_id: cast.tenantA, phone: '+15550100', destination_type: 'extension', destination_value: '1000', caller_id_prefix: 'Sales ' });
  }, 120_000);
  afterAll(() => t?.close());

  const refused = (res: { statusCode: number; json(): any }, field: string, why = /FreeSWITCH would expand/) => {
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain(field);
    expect(res.json().error.message).toMatch(why);
  };

  const extensionFields: [string, Record<string, unknown>][] = [
    ['display_name', { display_name: `Ann ${RUN}` }],
    ['effective_caller_id_name', { effective_caller_id_name: `x${RUN}` }],
    ['outbound_caller_id_name', { outbound_caller_id_name: '$${hostname}' }],
    ['accountcode', { accountcode: 'a{b}' }],
    ['hold_music', { hold_music: '$${hold_music}' }],
    ['voicemail_mail_to', { voicemail_mail_to: '${x}@example.test' }],
    ['password', { password: 'Secret1${system(id)}' }],
  ];

  it.each(extensionFields)('an extension refuses it in %s, on create and on update, and keeps what it had', async (field, body) => {
    const token = await t.adminToken();
    refused(await t.api('POST', '/api/fpbx_extensions', { token, body: { tenant_id: cast.tenantA, extension: '1001', ...body } }), field);
    refused(await t.api('PUT', `/api/fpbx_extensions/${ext}`, { token, body }), field);
    const after = (await t.api('GET', `/api/fpbx_extensions/${ext}`, { token })).json();
    expect(after.display_name).toBe('Ann');
    expect(Object.values(after).filter((v) => typeof v === 'string' && /[${}]/.test(v))).toEqual([]);
  });

  it('a DID refuses it in caller_id_prefix, through REST and GraphQL', async () => {
    const token = await t.adminToken();
    refused(await t.api('PUT', `/api/dids/${did}`, { token, body: { caller_id_prefix: `${RUN}` } }), 'caller_id_prefix');
    refused(await t.api('POST', '/api/dids', { token, body: { tenant_id: cast.tenantA, phone: '+15550101', caller_id_prefix: '$1' } }), 'caller_id_prefix');
    const gql = await t.gql('mutation($id: Int!) { updateDid(id: $id, input: { callerIdPrefix: "${caller_id_name}" }) { id } }', { id: did }, token);
    expect(gql.errors?.[0].extensions.code).toBe(400);
    expect(gql.errors?.[0].message).toMatch(/FreeSWITCH would expand/);
    expect((await t.api('GET', `/api/dids/${did}`, { token })).json().caller_id_prefix).toBe('Sales ');
  });

  it('a ring group refuses it in its name, caller-id name and prefix, through REST and GraphQL', async () => {
    const token = await t.adminToken();
    const base = { tenant_id: cast.tenantA, ring_group_name: 'Sales', ring_group_extension: '6000' };
    refused(await t.api('POST', '/api/ring_groups', { token, body: { ...base, ring_group_name: `Sales ${RUN}` } }), 'ring_group_name');
    refused(await t.api('POST', '/api/ring_groups', { token, body: { ...base, ring_group_caller_id_name: '$${hostname}' } }), 'ring_group_caller_id_name');
    refused(await t.api('POST', '/api/ring_groups', { token, body: { ...base, ring_group_cid_name_prefix: 'a{b}' } }), 'ring_group_cid_name_prefix');
    const gql = await t.gql('mutation($t: Int) { createRingGroup(input: { tenantId: $t, ringGroupName: "x", ringGroupExtension: "6000", ringGroupCidNamePrefix: "${caller_id_name}" }) { ringGroupUuid } }', { t: cast.tenantA }, token);
    expect(gql.errors?.[0].extensions.code).toBe(400);
    expect(gql.errors?.[0].message).toMatch(/FreeSWITCH would expand/);
    expect((await t.api('GET', '/api/ring_groups', { token })).json()).toEqual([]);
  });

  it('a caller id refuses it in its name', async () => {
    refused(await t.api('POST', '/api/cids', { token: await t.adminToken(), body: { tenant_id: cast.tenantA, first_name: `Main ${RUN}`, phone: '+15550199' } }), 'name');
  });

  it('a provider refuses it in username and password, but takes a plain $ in a password', async () => {
    const token = await t.adminToken();
    refused(await t.api('PUT', `/api/providers/${provider}`, { token, body: { username: 'a$b' } }), 'username');
    refused(await t.api('PUT', `/api/providers/${provider}`, { token, body: { password: `x${RUN}` } }), 'password');
    expect((await t.api('PUT', `/api/providers/${provider}`, { token, body: { password: 'pa$$w{0}rd' } })).statusCode).toBe(200);
  });

  it('a route refuses it in its pattern', async () => {
    refused(await t.api('PUT', `/api/routes/${route}`, { token: await t.adminToken(), body: { pattern: `^9${RUN}$` } }), 'pattern');
  });

  it('a SIP profile setting takes stock globals and channel variables, nothing that runs or is undefined', async () => {
    const token = await t.adminToken();
    const put = (value: string) => t.api('PUT', '/api/sip_profiles/lab', { token, body: { settings: [{ name: 'x', value }] } });
    expect((await put('$${external_rtp_ip}')).statusCode).toBe(200);
    expect((await put('${caller_id_number}.${strftime(%Y-%m-%d)}.wav')).statusCode).toBe(200);
    refused(await put(RUN), 'settings/0/value', /only in \$\$\{stock_global\}/);
    refused(await put('$${ext_rtp_ip}'), 'settings/0/value', /stock FreeSWITCH does not define/);
  });

  it('refuses at render what slipped into the database before: FreeSWITCH gets nothing, and the log says why', async () => {
    const { db } = t.app.database;
    await db.account.update({ where: { id: did }, data: { callerIdPrefix: RUN } });
    await t.app.services.changes.publish({ entity: 'did', tenantId: cast.tenantA, id: did });
    const xml = await answerOf(fetchXml(t, { section: 'dialplan', 'Caller-Context': 'public', 'Hunt-Context': 'public', 'Hunt-Destination-Number': '15550100', 'Caller-Destination-Number': '15550100' }));
    expect(isNotFound(xml)).toBe(true);
    expect(xml).not.toContain('system(');
    expect(logs.some((l) => l.includes('refused to render a value carrying FreeSWITCH syntax') && l.includes('callerIdPrefix'))).toBe(true);
    expect(logs.join('\n')).not.toContain(RUN);
    await db.account.update({ where: { id: did }, data: { callerIdPrefix: 'Sales ' } });
    await t.app.services.changes.publish({ entity: 'did', tenantId: cast.tenantA, id: did });
    const fixed = await answerOf(fetchXml(t, { section: 'dialplan', 'Caller-Context': 'public', 'Hunt-Context': 'public', 'Hunt-Destination-Number': '15550100', 'Caller-Destination-Number': '15550100' }));
    expect(fixed).toContain('effective_caller_id_name=Sales ${caller_id_name}');
  });
});
