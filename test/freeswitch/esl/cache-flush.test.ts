// Writes that change what FreeSWITCH caches reach every connected node as the matching command,
// observed on two fake nodes after REST writes, on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { createEslTestApp } from '../../helpers/esl-app.ts';
import { captured, startFakeEsl, type FakeEsl } from '../../helpers/fake-esl.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';
import { until } from '../../helpers/wait.ts';

describe.each(databaseKinds)('cache flushes on $name', (kind) => {
  let t: TestApp;
  let nodes: FakeEsl[];
  let cast: Cast;
  let sentinel = 0;

  /** Every flush queued before it has been sent once the sentinel's own command arrives. */
  async function settled() {
    const name = `sentinel${++sentinel}`;
    await t.app.services.changes.publish({ entity: 'sip_profile', tenantId: null, id: name });
    for (const node of nodes) await node.waitForCommand(`api sofia profile ${name} rescan`);
  }
  const sentSince = (node: FakeEsl, mark: number) =>
    node.commands.slice(mark).filter((c) => /^api (xml_flush_cache|sofia profile|callcenter_config|reloadxml|reloadacl)/.test(c) && !c.includes('sentinel'));
  const marks = () => nodes.map((n) => n.commands.length);

  beforeAll(async () => {
    nodes = [await startFakeEsl(), await startFakeEsl()];
    for (const node of nodes) node.answer(/^api (xml_flush_cache|sofia profile|callcenter_config)/, captured.apiOk);
    t = await createEslTestApp(kind, nodes[0]);
    cast = await seedCast(t);
    const second = await t.api('POST', '/api/switch_nodes', { token: cast.admin, body: { name: 'fs-2', host: nodes[1].host, port: nodes[1].port, password: 'ClueCon' } });
    expect(second.statusCode).toBe(200);
    await until(() => t.app.esl.client('fs-2')?.isConnected() === true);
    // A connection's resynchronisation ends with its own reloadacl; later marks start after it.
    for (const node of nodes) await node.waitForCommand('api reloadacl');
  });
  afterAll(async () => {
    await t?.close();
    for (const node of nodes ?? []) await node.close();
  });

  it('a tenant update (PUT /api/tenants/:id) flushes the directory cache on every node', async () => {
    const marks = nodes.map((n) => n.commands.length);
    const res = await t.api('PUT', `/api/tenants/${cast.tenantA}`, { token: cast.admin, body: { max_concurrent_calls: 4 } });
    expect(res.statusCode).toBe(200);
    await settled();
    for (const [i, node] of nodes.entries()) expect(sentSince(node, marks[i])).toEqual(['api xml_flush_cache']);
  });

  it("an extension write flushes exactly that user's cache entry; its deletion flushes all", async () => {
    const marks = nodes.map((n) => n.commands.length);
    const created = await t.api('POST', '/api/fpbx_extensions', { token: cast.adminA.token, body: { extension: '1005', password: 'S3cret!x', display_name: 'Reception' } });
    expect(created.statusCode, created.body).toBe(200);
    await settled();
    const updated = await t.api('PUT', `/api/fpbx_extensions/${created.json().extension_uuid}`, { token: cast.adminA.token, body: { display_name: 'Front desk' } });
    expect(updated.statusCode, updated.body).toBe(200);
    await settled();
    expect((await t.api('DELETE', `/api/fpbx_extensions/${created.json().extension_uuid}`, { token: cast.adminA.token })).statusCode).toBe(200);
    await settled();
    for (const [i, node] of nodes.entries()) {
      expect(sentSince(node, marks[i])).toEqual(['api xml_flush_cache id 1005 acme.test', 'api xml_flush_cache id 1005 acme.test', 'api xml_flush_cache']);
    }
  });

  it('a trunk: rescan when added, killgw + rescan when changed, killgw alone when disabled or deleted', async () => {
    const mark = nodes[0].commands.length;
    const created = await t.api('POST', '/api/providers', { token: cast.admin, body: { name: 'Carrier', host: 'sip.carrier.test', profile: 'external' } });
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json();
    const gw = (await t.api('GET', `/api/providers/${id}`, { token: cast.admin })).json().gateway_uuid;
    await settled();
    await t.api('PUT', `/api/providers/${id}`, { token: cast.admin, body: { host: 'sip2.carrier.test' } });
    await settled();
    await t.api('PUT', `/api/providers/${id}`, { token: cast.admin, body: { active: false } });
    await settled();
    expect((await t.api('DELETE', `/api/providers/${id}`, { token: cast.admin })).statusCode).toBe(200);
    await settled();
    expect(sentSince(nodes[0], mark)).toEqual([
      'api sofia profile external rescan',
      `api sofia profile external killgw ${gw}`,
      'api sofia profile external rescan',
      `api sofia profile external killgw ${gw}`,
      `api sofia profile external killgw ${gw}`,
    ]);
    expect(sentSince(nodes[1], 0).slice(-5)).toEqual(sentSince(nodes[0], mark));
  });

  it('a trunk added, readdressed or deleted has every node reload its ACLs (acl.conf lists its address)', async () => {
    const before = marks();
    const created = await t.api('POST', '/api/providers', { token: cast.admin, body: { name: 'By address', host: '192.0.2.50', profile: 'external' } });
    expect(created.statusCode, created.body).toBe(200);
    await settled();
    for (const [i, node] of nodes.entries()) expect(sentSince(node, before[i])).toEqual(['api sofia profile external rescan', 'api reloadacl']);
    const gw = (await t.api('GET', `/api/providers/${created.json()}`, { token: cast.admin })).json().gateway_uuid;
    const moved = marks();
    expect((await t.api('PUT', `/api/providers/${created.json()}`, { token: cast.admin, body: { host: '192.0.2.51' } })).statusCode).toBe(200);
    await settled();
    expect(sentSince(nodes[0], moved[0])).toEqual([`api sofia profile external killgw ${gw}`, 'api sofia profile external rescan', 'api reloadacl']);
    const gone = marks();
    expect((await t.api('DELETE', `/api/providers/${created.json()}`, { token: cast.admin })).statusCode).toBe(200);
    await settled();
    expect(sentSince(nodes[0], gone[0])).toEqual([`api sofia profile external killgw ${gw}`, 'api reloadacl']);
  });

  it('a trunk named by host has every node reload its ACLs once the name resolves (in the background)', async () => {
    const before = marks();
    const created = await t.api('POST', '/api/providers', { token: cast.admin, body: { name: 'By name', host: 'localhost', profile: 'external' } });
    expect(created.statusCode, created.body).toBe(200);
    for (const [i, node] of nodes.entries()) await until(() => sentSince(node, before[i]).includes('api reloadacl'));
    const gone = marks();
    expect((await t.api('DELETE', `/api/providers/${created.json()}`, { token: cast.admin })).statusCode).toBe(200);
    await settled();
    expect(sentSince(nodes[0], gone[0])).toContain('api reloadacl');
  });

  it("an extension's cidr change has every node reload its ACLs; its display name or a route does not", async () => {
    const created = await t.api('POST', '/api/fpbx_extensions', { token: cast.adminA.token, body: { extension: '1006', password: 'S3cret!x', display_name: 'Lobby' } });
    expect(created.statusCode, created.body).toBe(200);
    await settled();
    const before = marks();
    const cidr = await t.api('PUT', `/api/fpbx_extensions/${created.json().extension_uuid}`, { token: cast.adminA.token, body: { cidr: '192.0.2.0/28' } });
    expect(cidr.statusCode, cidr.body).toBe(200);
    await settled();
    for (const [i, node] of nodes.entries()) expect(sentSince(node, before[i])).toEqual(['api xml_flush_cache id 1006 acme.test', 'api reloadacl']);
    const renamed = marks();
    expect((await t.api('PUT', `/api/fpbx_extensions/${created.json().extension_uuid}`, { token: cast.adminA.token, body: { display_name: 'Front lobby' } })).statusCode).toBe(200);
    const trunk = await t.api('POST', '/api/providers', { token: cast.admin, body: { name: 'Routed', host: 'sip.routed.test', profile: 'external' } });
    await settled();
    const routed = marks();
    const route = await t.api('POST', '/api/routes', { token: cast.adminA.token, body: { name: 'All', pattern: '^(\\d+)$', provider_id: trunk.json() } });
    expect(route.statusCode, route.body).toBe(200);
    await settled();
    expect(sentSince(nodes[0], renamed[0]).slice(0, 1)).toEqual(['api xml_flush_cache id 1006 acme.test']);
    expect(sentSince(nodes[0], renamed[0])).not.toContain('api reloadacl');
    expect(sentSince(nodes[0], routed[0])).toEqual([]);
  });

  it('a sofia profile settings change rescans that profile', async () => {
    const mark = nodes[0].commands.length;
    const profile = (await t.api('GET', '/api/sip_profiles/internal', { token: cast.admin })).json();
    const res = await t.api('PUT', '/api/sip_profiles/internal', { token: cast.admin, body: { settings: profile.settings.slice(0, 3) } });
    expect(res.statusCode, res.body).toBe(200);
    await settled();
    expect(sentSince(nodes[0], mark)).toEqual(['api sofia profile internal rescan']);
  });

  it('queue changes reload the queue; dialplan-only changes send nothing', async () => {
    const mark = nodes[0].commands.length;
    await t.app.services.changes.publish({ entity: 'queue' as 'route', tenantId: cast.tenantA, id: 'support@acme.test' });
    await t.app.services.changes.publish({ entity: 'route', tenantId: cast.tenantA, id: 1 });
    await t.app.services.changes.publish({ entity: 'did', tenantId: cast.tenantA, id: 1 });
    await settled();
    expect(sentSince(nodes[0], mark)).toEqual(['api callcenter_config queue reload support@acme.test']);
  });

  it('a lost-notices resync flushes every directory entry and rescans the trunk profiles', async () => {
    const mark = nodes[0].commands.length;
    const trunk = await t.api('POST', '/api/providers', { token: cast.admin, body: { name: 'Other', host: 'sip.other.test', profile: 'external' } });
    expect(trunk.statusCode).toBe(200);
    await settled();
    await t.app.services.changes.publish({ entity: 'resync', tenantId: null });
    await settled();
    expect(sentSince(nodes[0], mark)).toEqual(['api sofia profile external rescan', 'api xml_flush_cache', 'api sofia profile external rescan']);
  });

  it('a node that is down blocks no write, and its directory cache is flushed when it is back', async () => {
    await nodes[1].stop();
    await until(() => !t.app.esl.client('fs-2')!.isConnected());
    const mark = nodes[0].commands.length;
    const res = await t.api('PUT', `/api/tenants/${cast.tenantB}`, { token: cast.admin, body: { max_concurrent_calls: 2 } });
    expect(res.statusCode).toBe(200);
    const name = `sentinel${++sentinel}`;
    await t.app.services.changes.publish({ entity: 'sip_profile', tenantId: null, id: name });
    await nodes[0].waitForCommand(`api sofia profile ${name} rescan`);
    expect(sentSince(nodes[0], mark)).toEqual(['api xml_flush_cache']);
    const back = nodes[1].commands.length;
    await nodes[1].listen();
    await until(() => t.app.esl.client('fs-2')!.isConnected());
    await until(() => nodes[1].commands.slice(back).includes('api xml_flush_cache'));
    // Its network lists too: writes made meanwhile may have altered them.
    await until(() => nodes[1].commands.slice(back).includes('api reloadacl'));
  });
});
