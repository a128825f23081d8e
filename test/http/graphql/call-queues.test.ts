// Call queues through GraphQL: the same service as REST, so the same rules (validation naming the
// input field, 409 on a taken number, tenants never seeing each other's queues, agents bound to
// the tenant's extensions, agent statuses limited to mod_callcenter's, the music on hold a
// music-on-hold class of the tenant that cannot go while the queue plays it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';
import { codeOf, dataOf, firstError } from '../../helpers/graphql.ts';

const FIELDS =
  'callCenterQueueUuid tenantId tenantName queueName queueExtension queueFreeswitchName queueStrategy queueMohSound queueMaxWaitTime queueTierRulesApply queueTimeoutAction queueTimeoutType queueEnabled agentCount agents { callCenterAgentUuid agentExtension agentContact agentStatus tierLevel tierPosition }';
const CREATE = `mutation($input: CallQueueCreateInput!) { createCallQueue(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: CallQueueUpdateInput!) { updateCallQueue(id: $id, input: $input) { ${FIELDS} } }`;
const STATUS = `mutation($id: ID!, $agentId: ID!, $s: String!) { setCallQueueAgentStatus(id: $id, agentId: $agentId, agentStatus: $s) { agents { agentExtension agentStatus } } }`;

describe.each(databaseKinds)('GraphQL call queues on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let id: string;
  let agentId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    for (const extension of ['1001', '1002']) {
      const res = await t.api('POST', '/api/fpbx_extensions', { token: cast.adminA.token, body: { extension, password: 'Acme-pass-x1' } });
      expect(res.statusCode, res.body).toBe(200);
    }
    const other = await t.api('POST', '/api/fpbx_extensions', { token: cast.adminB.token, body: { extension: '2001', password: 'Globex-pass-x1' } });
    expect(other.statusCode, other.body).toBe(200);
  }, 120_000);
  afterAll(() => t?.close());

  it('a tenant admin creates, reads, lists and updates a queue of its tenant', async () => {
    const input = {
      queueName: 'Support',
      queueExtension: '7100',
      queueStrategy: 'top-down',
      queueMohSound: 'local_stream://moh',
      queueTierRulesApply: true,
      agents: [{ agentContact: '1001', tierLevel: 1 }, { agentContact: 'user/1002@acme.test', agentStatus: 'On Break', tierLevel: 2 }],
    };
    const created = dataOf(await t.gql(CREATE, { input }, cast.adminA.token)).createCallQueue;
    id = created.callCenterQueueUuid;
    agentId = created.agents[0].callCenterAgentUuid;
    expect(created).toMatchObject({ tenantId: cast.tenantA, tenantName: 'Acme', queueStrategy: 'top-down', queueFreeswitchName: '7100@acme.test', queueTimeoutAction: 'hangup:', queueEnabled: true, agentCount: 2 });
    expect(created.agents.map((a: { agentContact: string; agentStatus: string; tierLevel: number }) => [a.agentContact, a.agentStatus, a.tierLevel])).toEqual([
      ['user/1001@acme.test', 'Available', 1],
      ['user/1002@acme.test', 'On Break', 2],
    ]);
    const read = dataOf(await t.gql(`query($id: ID!) { callQueue(id: $id) { queueName } }`, { id }, cast.adminA.token));
    expect(read.callQueue.queueName).toBe('Support');
    const list = dataOf(await t.gql(`{ callQueues(sort: extension) { total items { queueExtension } } }`, {}, cast.adminA.token));
    expect(list.callQueues).toEqual({ total: 1, items: [{ queueExtension: '7100' }] });
    const updated = dataOf(await t.gql(UPDATE, { id, input: { queueEnabled: false, queueTimeoutAction: 'transfer:1002' } }, cast.adminA.token)).updateCallQueue;
    expect(updated).toMatchObject({ queueEnabled: false, queueTimeoutAction: 'transfer:1002', queueTimeoutType: 'extension', agentCount: 2 });
  });

  it('an agent moved to another extension keeps its id once; a new agent on its old number gets its own', async () => {
    const before = dataOf(await t.gql(`query($id: ID!) { callQueue(id: $id) { agents { callCenterAgentUuid agentExtension } } }`, { id }, cast.adminA.token)).callQueue.agents;
    const [first] = before;
    const agents = [{ callCenterAgentUuid: first.callCenterAgentUuid, agentContact: '1002' }, { agentContact: '1001' }];
    const moved = dataOf(await t.gql(UPDATE, { id, input: { agents } }, cast.adminA.token)).updateCallQueue.agents;
    expect(moved.map((a: { agentExtension: string }) => a.agentExtension).sort()).toEqual(['1001', '1002']);
    expect(new Set(moved.map((a: { callCenterAgentUuid: string }) => a.callCenterAgentUuid)).size).toBe(2);
    expect(moved.find((a: { agentExtension: string }) => a.agentExtension === '1002').callCenterAgentUuid).toBe(first.callCenterAgentUuid);
    agentId = moved.find((a: { agentExtension: string }) => a.agentExtension === '1001').callCenterAgentUuid;
  });

  it("an agent's status is set through its own mutation, only to one of mod_callcenter's statuses", async () => {
    const set = dataOf(await t.gql(STATUS, { id, agentId, s: 'Logged Out' }, cast.adminA.token)).setCallQueueAgentStatus;
    expect(set.agents).toContainEqual({ agentExtension: '1001', agentStatus: 'Logged Out' });
    const bad = await t.gql(STATUS, { id, agentId, s: 'Gone fishing' }, cast.adminA.token);
    expect(codeOf(bad)).toBe(400);
    expect(firstError(bad).message).toContain('agentStatus');
    const unknownAgent = await t.gql(STATUS, { id, agentId: '00000000-0000-4000-8000-000000000000', s: 'Available' }, cast.adminA.token);
    expect(codeOf(unknownAgent)).toBe(404);
  });

  it('refuses bad input naming the field, a taken number with 409, and another tenant’s extension as an agent', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ queueName: 'X', queueExtension: '7200', queueStrategy: 'fastest' }, 'queueStrategy'],
      [{ queueName: 'X', queueExtension: '7200', queueCidPrefix: '${system(id)}' }, 'queueCidPrefix'],
      [{ queueName: 'X', queueExtension: '7200', queueAnnounceSound: '${x}' }, 'queueAnnounceSound'],
      [{ queueName: 'X', queueExtension: '7200', agents: [{ agentContact: '2001' }] }, 'agents'],
    ];
    for (const [input, field] of cases) {
      const res = await t.gql(CREATE, { input }, cast.adminA.token);
      expect(codeOf(res), JSON.stringify(input)).toBe(400);
      expect(firstError(res).message).toContain(field);
    }
    expect(codeOf(await t.gql(CREATE, { input: { queueName: 'Again', queueExtension: '7100' } }, cast.adminA.token))).toBe(409);
  });

  it("queueMohSound names a music-on-hold class of the tenant or a stock stream (another tenant's or an unknown one is refused); a class it plays cannot be deleted", async () => {
    const createClass = async (token: string, name: string) =>
      dataOf(await t.gql('mutation($input: MusicOnHoldCreateInput!) { createMusicOnHold(input: $input) { musicOnHoldUuid } }', { input: { musicOnHoldName: name } }, token)).createMusicOnHold.musicOnHoldUuid;
    const jazz = await createClass(cast.adminA.token, 'jazz');
    await createClass(cast.adminB.token, 'globex_only');
    for (const [given, read] of [
      ['moh', 'local_stream://moh'],
      ['local_stream://default', 'local_stream://default'],
      ['jazz', 'local_stream://acme.test/jazz'],
    ]) {
      expect(dataOf(await t.gql(UPDATE, { id, input: { queueMohSound: given } }, cast.adminA.token)).updateCallQueue.queueMohSound, given).toBe(read);
    }
    for (const given of ['globex_only', 'local_stream://globex.test/globex_only', 'local_stream://blues']) {
      for (const res of [await t.gql(UPDATE, { id, input: { queueMohSound: given } }, cast.adminA.token), await t.gql(CREATE, { input: { queueName: 'X', queueExtension: '7300', queueMohSound: given } }, cast.adminA.token)]) {
        expect(codeOf(res), given).toBe(400);
        expect(firstError(res).message).toContain('queueMohSound');
      }
    }
    expect(dataOf(await t.gql(`query($id: ID!) { callQueue(id: $id) { queueMohSound } }`, { id }, cast.adminA.token)).callQueue.queueMohSound).toBe('local_stream://acme.test/jazz');
    expect(dataOf(await t.gql(`{ callQueues { total } }`, {}, cast.adminA.token)).callQueues.total).toBe(1);
    const refused = await t.gql('mutation($id: ID!) { deleteMusicOnHold(id: $id) }', { id: jazz }, cast.adminA.token);
    expect(codeOf(refused)).toBe(409);
    expect(firstError(refused).message).toBe('Music on hold jazz cannot be deleted: it is the hold music of call queue 7100');
  });

  it("another tenant's admin neither sees nor changes the queue; the super-admin sees it", async () => {
    const list = dataOf(await t.gql(`{ callQueues { total } }`, {}, cast.adminB.token));
    expect(list.callQueues.total).toBe(0);
    expect(codeOf(await t.gql(`query($id: ID!) { callQueue(id: $id) { queueName } }`, { id }, cast.adminB.token))).toBe(404);
    expect(codeOf(await t.gql(UPDATE, { id, input: { queueName: 'Mine' } }, cast.adminB.token))).toBe(404);
    expect(codeOf(await t.gql(STATUS, { id, agentId, s: 'Available' }, cast.adminB.token))).toBe(404);
    expect(codeOf(await t.gql(`mutation($id: ID!) { deleteCallQueue(id: $id) }`, { id }, cast.adminB.token))).toBe(404);
    expect(codeOf(await t.gql(`{ callQueues { total } }`, {}, cast.userA.token))).toBe(403);
    expect(dataOf(await t.gql(`{ callQueues(tenantId: ${cast.tenantA}) { total } }`, {}, cast.admin)).callQueues.total).toBe(1);
    expect(dataOf(await t.gql(`mutation($id: ID!) { deleteCallQueue(id: $id) }`, { id }, cast.adminA.token)).deleteCallQueue).toBe(true);
  });
});
