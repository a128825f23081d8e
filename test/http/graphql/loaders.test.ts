// DataLoader batching: relations cost a constant number of SQL statements, however many rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { createTenant, roleId } from '../../helpers/fixtures.ts';
import { dataOf } from '../../helpers/graphql.ts';

const USERS = `query ($limit: Int!) {
  users(limit: $limit, sort: id, username: null) { total items { id username tenant { id name domain } roles { id name } } }
}`;

const TENANTS = `query ($limit: Int!) {
  tenants(limit: $limit, sort: id) { items { id users(limit: 5, sort: username) { total items { username tenant { name } roles { name } } } } }
}`;

describe.each(databaseKinds)('GraphQL DataLoader batching on $name', (kind) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.adminToken();
    const tenants: number[] = [];
    for (let i = 0; i < 20; i++) tenants.push(await createTenant(t, admin, { name: `Tenant ${i}`, domain: `t${i}.test` }));
    const roles = [await roleId(t, 'user'), await roleId(t, 'tenant')];
    // 120 users spread over the tenants, with one or two roles each. Seeded through the
    // repository: what is measured is the read, and 120 password hashes would only slow it down.
    for (let i = 0; i < 120; i++) {
      await t.app.services.repos.users.create(
        { username: `bulk-${String(i).padStart(3, '0')}`, tenantId: tenants[i % tenants.length], passwordHash: 'unused' },
        i % 3 === 0 ? roles : [roles[0]],
      );
    }
  });
  afterAll(() => t?.close());

  async function statementsFor(query: string, limit: number) {
    t.queries.length = 0;
    const data = dataOf(await t.gql(query, { limit }, admin));
    return { data, statements: t.queries.length };
  }

  it('100 users with their tenant and roles cost as many SQL statements as 10 users', async () => {
    const ten = await statementsFor(USERS, 10);
    const hundred = await statementsFor(USERS, 100);
    expect(ten.data.users.items).toHaveLength(10);
    expect(hundred.data.users.items).toHaveLength(100);
    const bulk = hundred.data.users.items.find((u: { username: string }) => u.username === 'bulk-003');
    expect(bulk.tenant.name).toBe('Tenant 3');
    expect(bulk.roles.map((r: { name: string }) => r.name).sort()).toEqual(['tenant', 'user']);
    expect(hundred.statements).toBe(ten.statements);
    expect(hundred.statements).toBeLessThan(30);
  });

  it('each tenant’s page of users is batched too: 20 tenants cost as much as 2', async () => {
    const two = await statementsFor(TENANTS, 2);
    const twenty = await statementsFor(TENANTS, 20);
    expect(twenty.data.tenants.items).toHaveLength(20);
    const last = twenty.data.tenants.items[19];
    expect(last.users.total).toBe(6);
    expect(last.users.items).toHaveLength(5);
    expect(last.users.items.every((u: { tenant: { name: string } }) => u.tenant.name === 'Tenant 19')).toBe(true);
    expect(twenty.statements).toBe(two.statements);
  });
});
