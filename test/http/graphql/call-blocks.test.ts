// Call blocks through GraphQL: the same service as REST, in camelCase; tenant admins manage their
// own tenant's blocks only (another tenant's is not found), bad patterns are refused naming the
// field and write nothing, and end users hold no call block permission.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';
import { codeOf, dataOf, firstError } from '../../helpers/graphql.ts';

const FIELDS = 'callBlockUuid domainUuid tenantId tenantName callBlockName callBlockNumber callBlockCallerIdName callBlockCountryCode callBlockDirection callBlockAction callBlockApp callBlockData callBlockEnabled callBlockDescription dateCreated lastUpdated';

describe.each(databaseKinds)('GraphQL call blocks on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let id: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
  }, 120_000);
  afterAll(() => t?.close());

  const count = async (token: string) => dataOf(await t.gql('{ callBlocks { total } }', {}, token)).callBlocks.total;

  it("a tenant admin creates a block in its own tenant and reads it back", async () => {
    const created = dataOf(
      await t.gql(
        `mutation($input: CallBlockCreateInput!) { createCallBlock(input: $input) { ${FIELDS} } }`,
        { input: { callBlockName: 'Robocalls', callBlockNumber: '1888*', callBlockCallerIdName: 'Robo*', callBlockAction: 'busy' } },
        cast.adminA.token,
      ),
    ).createCallBlock;
    expect(created).toMatchObject({
      tenantId: cast.tenantA,
      tenantName: 'Acme',
      callBlockName: 'Robocalls',
      callBlockNumber: '1888*',
      callBlockCallerIdName: 'Robo*',
      callBlockDirection: 'inbound',
      callBlockAction: 'busy',
      callBlockApp: 'busy',
      callBlockEnabled: true,
    });
    id = created.callBlockUuid;
    const page = dataOf(await t.gql(`{ callBlocks(sort: name) { total items { callBlockUuid } } }`, {}, cast.adminA.token)).callBlocks;
    expect(page).toEqual({ total: 1, items: [{ callBlockUuid: id }] });
    expect(dataOf(await t.gql(`query($id: ID!) { callBlock(id: $id) { callBlockName } }`, { id }, cast.adminA.token)).callBlock.callBlockName).toBe('Robocalls');
  });

  it('updates and disables it', async () => {
    const updated = dataOf(
      await t.gql(`mutation($id: ID!) { updateCallBlock(id: $id, input: { callBlockEnabled: false, callBlockAction: "reject" }) { callBlockEnabled callBlockAction } }`, { id }, cast.adminA.token),
    ).updateCallBlock;
    expect(updated).toEqual({ callBlockEnabled: false, callBlockAction: 'reject' });
    expect(dataOf(await t.gql('{ callBlocks(callBlockEnabled: true) { total } }', {}, cast.adminA.token)).callBlocks.total).toBe(0);
  });

  it('refuses a pattern outside the language, or FreeSWITCH syntax, naming the field and writing nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ callBlockName: 'x', callBlockNumber: '^9(\\d+)+$' }, 'input.callBlockNumber'],
      [{ callBlockName: 'x', callBlockNumber: '${system(id)}' }, 'input.callBlockNumber'],
      [{ callBlockName: 'x', callBlockCallerIdName: 'a*b' }, 'input.callBlockCallerIdName'],
      [{ callBlockName: 'x' }, 'input.callBlockNumber'],
      [{ callBlockName: 'x', callBlockNumber: '1', callBlockAction: 'voicemail' }, 'input.callBlockData'],
      [{ callBlockName: 'x', callBlockNumber: '1', tenantId: cast.tenantB }, ''],
    ];
    for (const [input, field] of cases) {
      const res = await t.gql('mutation($input: CallBlockCreateInput!) { createCallBlock(input: $input) { callBlockUuid } }', { input }, cast.adminA.token);
      expect([400, 403], JSON.stringify(input)).toContain(codeOf(res));
      expect(firstError(res).message).toContain(field);
    }
    expect(await count(cast.adminA.token)).toBe(1);
  });

  it("another tenant's admin does not find it, and an end user may not list blocks", async () => {
    expect(await count(cast.adminB.token)).toBe(0);
    expect(codeOf(await t.gql(`query($id: ID!) { callBlock(id: $id) { callBlockName } }`, { id }, cast.adminB.token))).toBe(404);
    expect(codeOf(await t.gql(`mutation($id: ID!) { updateCallBlock(id: $id, input: { callBlockName: "Mine" }) { callBlockName } }`, { id }, cast.adminB.token))).toBe(404);
    expect(codeOf(await t.gql(`mutation($id: ID!) { deleteCallBlock(id: $id) }`, { id }, cast.adminB.token))).toBe(404);
    expect(codeOf(await t.gql('{ callBlocks { total } }', {}, cast.userA.token))).toBe(403);
  });

  it('the super-admin sees every tenant, or one, and deletes', async () => {
    expect(dataOf(await t.gql(`{ callBlocks(tenantId: ${cast.tenantA}) { total } }`, {}, cast.admin)).callBlocks.total).toBe(1);
    expect(dataOf(await t.gql(`{ callBlocks(tenantId: ${cast.tenantB}) { total } }`, {}, cast.admin)).callBlocks.total).toBe(0);
    expect(dataOf(await t.gql(`mutation($id: ID!) { deleteCallBlock(id: $id) }`, { id }, cast.admin)).deleteCallBlock).toBe(true);
    expect(await count(cast.adminA.token)).toBe(0);
  });
});
