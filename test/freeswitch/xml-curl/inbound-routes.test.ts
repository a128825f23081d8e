// An inbound route made through /inbound_routes reaches a real call: the public-context request
// FreeSWITCH sends for a call from the carrier (the captured dialplan-inbound-sip-external-public
// request, with the DID as its destination) answers the DID's extension, which gives the call its
// tenant and then the route's destination. Every change of the route shows at the next call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { answerOf, createDid, createExtension, createRingGroup, createTenant, fetchXml } from '../../helpers/pbx-fixtures.ts';
import { loadCapture, withParams } from '../../helpers/xml-curl-captures.ts';
import { find, findAll, parseXml, type XmlNode } from '../../helpers/xml-tree.ts';

const captured = loadCapture('dialplan-inbound-sip-external-public.txt').body;

const callPublic = async (t: TestApp, destination: string) =>
  parseXml(await answerOf(fetchXml(t, withParams(captured, { 'Caller-Destination-Number': destination, 'Hunt-Destination-Number': destination }))));

const names = (tree: XmlNode) => findAll(tree, 'extension').map((e) => e.attrs.name);
const actionsOf = (node: XmlNode) => findAll(node, 'action').map((a) => `${a.attrs.application} ${a.attrs.data ?? ''}`.trim());

describe.each(databaseKinds)('inbound routes in the public context on $name', (kind) => {
  let t: TestApp;
  let acme: number;
  let uuid: string;
  const route = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) => t.api(method, `/api/inbound_routes${url}`, { token: acmeAdmin, body });
  let acmeAdmin: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    acme = await createTenant(t, { name: 'Acme', domain: 'acme.test', max_concurrent_calls: 3 });
    await createExtension(t, acme, { extension: '1001', password: 'Acme-pass-1' });
    await createRingGroup(t, acme, { ring_group_name: 'Sales', ring_group_extension: '6000', destinations: [{ destination_number: '1001' }] });
    await createDid(t, { phone: '15551230001', tenant_id: acme });
    const admin = await t.adminToken();
    const role = (await t.app.services.repos.roles.findByName('tenant'))!.id;
    const res = await t.api('POST', '/api/users', { token: admin, body: { username: 'acme-admin', tenant_id: acme, email: 'acme-admin@example.test', password: 'Str0ng-Passw0rd!', role_ids: [role] } });
    expect(res.statusCode, res.body).toBe(200);
    acmeAdmin = await t.login('acme-admin', 'Str0ng-Passw0rd!');
  }, 120_000);
  afterAll(() => t?.close());

  it('a DID without a route answers nothing in the public context', async () => {
    expect(names(await callPublic(t, '15551230001'))).toEqual([]);
  });

  it('after POST /inbound_routes the call gets its tenant and the destination’s applications', async () => {
    const res = await route('POST', '', { destination_number: '+15551230001', destination_target_type: 'extension', destination_target: '1001', destination_context: 'public', destination_order: 100, destination_enabled: true, destination_description: null, destination_data: null });
    expect(res.statusCode, res.body).toBe(200);
    uuid = res.json().destination_uuid;
    for (const number of ['+15551230001', '15551230001']) {
      const tree = await callPublic(t, number);
      expect(find(tree, 'context')!.attrs.name).toBe('public');
      expect(names(tree)).toEqual(['did-15551230001']);
      const actions = actionsOf(tree);
      expect(actions[0]).toBe('set domain_name=acme.test');
      expect(actions[1]).toMatch(/^set domain_uuid=[0-9a-f-]{36}$/);
      expect(actions.slice(2)).toEqual(['set call_direction=inbound', 'limit hash acme.test max_concurrent_calls 3 !USER_BUSY', 'transfer 1001 XML acme.test']);
    }
  });

  it('an update (a ring group, a caller-id name prefix) shows at the next call, as destination_data says', async () => {
    const res = await route('PUT', `/${uuid}`, { destination_target_type: 'ring_group', destination_target: '6000', destination_cid_name_prefix: 'Sales <in> ' });
    expect(res.statusCode, res.body).toBe(200);
    const actions = actionsOf(await callPublic(t, '15551230001'));
    expect(actions).toContain('set effective_caller_id_name=Sales <in> ${caller_id_name}');
    expect(actions.at(-1)).toBe(`transfer ${res.json().destination_data}`);
    expect(actions.at(-1)).toBe('transfer 6000 XML acme.test');
  });

  it('a disabled route leaves the public context, and comes back enabled', async () => {
    expect((await route('PUT', `/${uuid}`, { destination_enabled: 'false' })).statusCode).toBe(200);
    expect(names(await callPublic(t, '15551230001'))).toEqual([]);
    expect((await route('PUT', `/${uuid}`, { destination_enabled: 'true' })).statusCode).toBe(200);
    expect(names(await callPublic(t, '15551230001'))).toEqual(['did-15551230001']);
  });

  it('a deleted route leaves the public context at the next call', async () => {
    expect((await route('DELETE', `/${uuid}`)).statusCode).toBe(200);
    expect(names(await callPublic(t, '15551230001'))).toEqual([]);
  });
});
