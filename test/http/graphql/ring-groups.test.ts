// Ring groups through GraphQL: the same service as REST, so the same rules (validation naming the
// input field, 409 on a taken number, tenants never seeing each other's groups).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';
import { codeOf, dataOf, firstError } from '../../helpers/graphql.ts';

const FIELDS = 'ringGroupUuid tenantId tenantName ringGroupName ringGroupExtension ringGroupStrategy ringGroupCallTimeout ringGroupEnabled ringGroupTimeoutApp ringGroupTimeoutData destinationCount destinations { destinationNumber destinationType destinationDelay destinationTimeout destinationOrder destinationEnabled }';
const CREATE = `mutation($input: RingGroupCreateInput!) { createRingGroup(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: RingGroupUpdateInput!) { updateRingGroup(id: $id, input: $input) { ${FIELDS} } }`;

describe.each(databaseKinds)('GraphQL ring groups on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let id: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    const res = await t.api('POST', '/api/fpbx_extensions', { token: cast.adminA.token, body: { extension: '1001', password: 'Acme-pass-x1' } });
    expect(res.statusCode, res.body).toBe(200);
  }, 120_000);
  afterAll(() => t?.close());

  it('a tenant admin creates, reads, lists and updates a group of its tenant', async () => {
    const input = { ringGroupName: 'Sales', ringGroupExtension: '7000', ringGroupStrategy: 'sequence', destinations: [{ destinationNumber: '1001', destinationTimeout: 15 }, { destinationNumber: '+4420700000', destinationDelay: 3 }] };
    const created = dataOf(await t.gql(CREATE, { input }, cast.adminA.token)).createRingGroup;
    id = created.ringGroupUuid;
    expect(created).toMatchObject({ tenantId: cast.tenantA, tenantName: 'Acme', ringGroupStrategy: 'sequence', ringGroupCallTimeout: 30, ringGroupEnabled: true, destinationCount: 2 });
    expect(created.destinations).toEqual([
      { destinationNumber: '1001', destinationType: 'extension', destinationDelay: 0, destinationTimeout: 15, destinationOrder: 1, destinationEnabled: true },
      { destinationNumber: '+4420700000', destinationType: 'external', destinationDelay: 3, destinationTimeout: 30, destinationOrder: 2, destinationEnabled: true },
    ]);
    const read = dataOf(await t.gql(`query($id: ID!) { ringGroup(id: $id) { ringGroupName } }`, { id }, cast.adminA.token));
    expect(read.ringGroup.ringGroupName).toBe('Sales');
    const list = dataOf(await t.gql(`{ ringGroups(sort: extension) { total items { ringGroupExtension } } }`, {}, cast.adminA.token));
    expect(list.ringGroups).toEqual({ total: 1, items: [{ ringGroupExtension: '7000' }] });
    const updated = dataOf(await t.gql(UPDATE, { id, input: { ringGroupEnabled: false, ringGroupTimeoutApp: 'extension', ringGroupTimeoutData: '1001' } }, cast.adminA.token)).updateRingGroup;
    expect(updated).toMatchObject({ ringGroupEnabled: false, ringGroupTimeoutApp: 'extension', ringGroupTimeoutData: '1001', destinationCount: 2 });
  });

  it('refuses bad input naming the field, and a taken number with 409, writing nothing', async () => {
    const bad = await t.gql(CREATE, { input: { ringGroupName: 'X', ringGroupExtension: '7001', ringGroupCallTimeout: 0 } }, cast.adminA.token);
    expect(codeOf(bad)).toBe(400);
    expect(firstError(bad).message).toMatch(/ringGroupCallTimeout/);
    const timeout = await t.gql(CREATE, { input: { ringGroupName: 'X', ringGroupExtension: '7001', ringGroupTimeoutApp: 'extension', ringGroupTimeoutData: '1999' } }, cast.adminA.token);
    expect(codeOf(timeout)).toBe(400);
    expect(firstError(timeout).message).toMatch(/ringGroupTimeoutData/);
    expect(codeOf(await t.gql(CREATE, { input: { ringGroupName: 'X', ringGroupExtension: '1001' } }, cast.adminA.token))).toBe(409);
    expect(dataOf(await t.gql('{ ringGroups { total } }', {}, cast.adminA.token)).ringGroups.total).toBe(1);
  });

  it('another tenant neither sees nor touches the group; the super-admin names the tenant', async () => {
    expect(dataOf(await t.gql('{ ringGroups { total } }', {}, cast.adminB.token)).ringGroups.total).toBe(0);
    expect(codeOf(await t.gql(`query($id: ID!) { ringGroup(id: $id) { ringGroupName } }`, { id }, cast.adminB.token))).toBe(404);
    expect(codeOf(await t.gql(UPDATE, { id, input: { ringGroupName: 'Mine' } }, cast.adminB.token))).toBe(404);
    expect(codeOf(await t.gql(`mutation($id: ID!) { deleteRingGroup(id: $id) }`, { id }, cast.adminB.token))).toBe(404);
    // The same number is free in another tenant.
    const other = dataOf(await t.gql(CREATE, { input: { tenantId: cast.tenantB, ringGroupName: 'B', ringGroupExtension: '7000' } }, cast.admin)).createRingGroup;
    expect(other.tenantId).toBe(cast.tenantB);
    expect(dataOf(await t.gql(`query($t: Int) { ringGroups(tenantId: $t) { total } }`, { t: cast.tenantB }, cast.admin)).ringGroups.total).toBe(1);
  });

  it('deletes the group', async () => {
    expect(dataOf(await t.gql(`mutation($id: ID!) { deleteRingGroup(id: $id) }`, { id }, cast.adminA.token)).deleteRingGroup).toBe(true);
    expect(codeOf(await t.gql(`query($id: ID!) { ringGroup(id: $id) { ringGroupName } }`, { id }, cast.adminA.token))).toBe(404);
  });
});
