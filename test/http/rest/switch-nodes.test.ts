// /api/switch_nodes: the super-admin's FreeSWITCH nodes, applied to the live Event Socket
// connections (fake nodes replaying captured bytes), on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { createEslTestApp } from '../../helpers/esl-app.ts';
import { startFakeEsl, type FakeEsl } from '../../helpers/fake-esl.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';
import { until } from '../../helpers/wait.ts';

describe.each(databaseKinds)('switch nodes on $name', (kind) => {
  let t: TestApp;
  let primary: FakeEsl;
  let second: FakeEsl;
  let cast: Cast;
  let nodeId: number;

  const state = async (id: number) => (await t.api('GET', `/api/switch_nodes/${id}`, { token: cast.admin })).json().state;

  beforeAll(async () => {
    primary = await startFakeEsl();
    second = await startFakeEsl();
    t = await createEslTestApp(kind, primary);
    cast = await seedCast(t);
  });
  afterAll(async () => {
    await t?.close();
    await primary?.close();
    await second?.close();
  });

  it('super-admin adds a node; Switchyard connects to it at once', async () => {
    const res = await t.api('POST', '/api/switch_nodes', { token: cast.admin, body: { name: 'fs-b', host: '127.0.0.1', port: second.port, password: 'ClueCon' } });
    expect(res.statusCode, res.body).toBe(200);
    nodeId = res.json();
    await second.waitForConnections(1);
    await until(async () => (await state(nodeId)) === 'connected');
    const read = await t.api('GET', `/api/switch_nodes/${nodeId}`, { token: cast.admin });
    expect(read.json()).toMatchObject({ switch_node_id: nodeId, name: 'fs-b', host: '127.0.0.1', port: second.port, enabled: 1, source: 'db', state: 'connected', last_error: null });
    expect(read.body).not.toContain('ClueCon');
    expect(second.commands[0]).toBe('auth ClueCon');
  });

  it('keeps the password encrypted at rest and never shows it', async () => {
    const row = await t.app.database.db.switchNode.findUnique({ where: { id: nodeId } });
    expect(row!.passwordEnc).toMatch(/^v1:/);
    expect(row!.passwordEnc).not.toContain('ClueCon');
    const list = await t.api('GET', '/api/switch_nodes', { token: cast.admin });
    expect(list.headers['x-total-count']).toBe('1');
    expect(list.body).not.toContain('password');
  });

  it('validates the body and names the field', async () => {
    const post = (body: Record<string, unknown>) => t.api('POST', '/api/switch_nodes', { token: cast.admin, body });
    expect((await post({ name: 'x', host: '127.0.0.1' })).json().error.message).toContain('password');
    const host = await post({ name: 'x', host: 'not a host!', password: 'pw' });
    expect(host.statusCode).toBe(400);
    expect(host.json().error.message).toContain('host');
    expect((await post({ name: 'x', host: '127.0.0.1', port: 70000, password: 'pw' })).statusCode).toBe(400);
    expect((await post({ name: 'bad name', host: '127.0.0.1', password: 'pw' })).statusCode).toBe(400);
    expect((await post({ name: 'fs-b', host: '127.0.0.1', password: 'pw' })).statusCode).toBe(409);
    expect((await post({ name: 'default', host: '127.0.0.1', password: 'pw' })).statusCode).toBe(409);
  });

  it('only the super-admin manages nodes', async () => {
    for (const token of [cast.adminA.token, cast.userA.token]) {
      expect((await t.api('GET', '/api/switch_nodes', { token })).statusCode).toBe(403);
      expect((await t.api('POST', '/api/switch_nodes', { token, body: { name: 'mine', host: '127.0.0.1', password: 'pw' } })).statusCode).toBe(403);
      expect((await t.api('DELETE', `/api/switch_nodes/${nodeId}`, { token })).statusCode).toBe(403);
    }
    expect((await t.api('GET', '/api/switch_nodes/999999', { token: cast.admin })).statusCode).toBe(404);
  });

  it('a changed password is applied to the live connection (a wrong one shows auth_failed)', async () => {
    const res = await t.api('PUT', `/api/switch_nodes/${nodeId}`, { token: cast.admin, body: { password: 'WrongPassword' } });
    expect(res.statusCode).toBe(200);
    await second.waitForCommand('auth WrongPassword');
    await until(async () => (await state(nodeId)) === 'auth_failed');
    const fixed = await t.api('PUT', `/api/switch_nodes/${nodeId}`, { token: cast.admin, body: { password: 'ClueCon' } });
    expect(fixed.statusCode).toBe(200);
    await until(async () => (await state(nodeId)) === 'connected');
  });

  it('disabling closes the connection; enabling opens it again', async () => {
    await t.api('PUT', `/api/switch_nodes/${nodeId}`, { token: cast.admin, body: { enabled: false } });
    await until(() => second.connectionCount() === 0);
    expect(await state(nodeId)).toBe('disabled');
    const before = second.authenticatedCount;
    await t.api('PUT', `/api/switch_nodes/${nodeId}`, { token: cast.admin, body: { enabled: true } });
    await until(() => second.authenticatedCount === before + 1);
    await until(async () => (await state(nodeId)) === 'connected');
  });

  it('/readyz and GraphQL report every node, the FREESWITCH_ESL one included', async () => {
    const ready = await t.api('GET', '/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', database: 'ok' });
    expect(ready.json().freeswitch).toEqual([
      { name: 'default', state: 'connected' },
      { name: 'fs-b', state: 'connected' },
    ]);
    const res = await t.gql('{ switchNodes { id name source state host port enabled } }', {}, cast.admin);
    expect(res.errors).toBeUndefined();
    expect(res.data.switchNodes).toEqual([
      { id: null, name: 'default', source: 'env', state: 'connected', host: '127.0.0.1', port: primary.port, enabled: true },
      { id: nodeId, name: 'fs-b', source: 'db', state: 'connected', host: '127.0.0.1', port: second.port, enabled: true },
    ]);
    const denied = await t.gql('{ switchNodes { name } }', {}, cast.adminA.token);
    expect(denied.errors?.[0].extensions).toMatchObject({ code: 403 });
  });

  it('GraphQL mutations manage nodes like REST', async () => {
    const third = await startFakeEsl();
    try {
      const created = await t.gql(
        'mutation($input: SwitchNodeCreateInput!) { createSwitchNode(input: $input) { id name enabled } }',
        { input: { name: 'fs-c', host: '127.0.0.1', port: third.port, password: 'ClueCon' } },
        cast.admin,
      );
      expect(created.errors).toBeUndefined();
      await third.waitForConnections(1);
      const id = created.data.createSwitchNode.id;
      const updated = await t.gql(`mutation { updateSwitchNode(id: ${id}, input: { name: "fs-c2" }) { name } }`, {}, cast.admin);
      expect(updated.data.updateSwitchNode.name).toBe('fs-c2');
      await until(() => t.app.esl.client('fs-c2')?.isConnected() === true);
      const removed = await t.gql(`mutation { deleteSwitchNode(id: ${id}) }`, {}, cast.admin);
      expect(removed.data.deleteSwitchNode).toBe(true);
      await until(() => third.connectionCount() === 0);
    } finally {
      await third.close();
    }
  });

  it('deleting a node closes its connection', async () => {
    const res = await t.api('DELETE', `/api/switch_nodes/${nodeId}`, { token: cast.admin });
    expect(res.json()).toBe(true);
    await until(() => second.connectionCount() === 0);
    expect((await t.api('GET', `/api/switch_nodes/${nodeId}`, { token: cast.admin })).statusCode).toBe(404);
    expect(t.app.esl.nodes().map((n) => n.name)).toEqual(['default']);
  });
});
