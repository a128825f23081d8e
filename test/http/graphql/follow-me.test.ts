// Follow-me through GraphQL: the same service as REST, so the same rules (validation naming the
// input field, 409 for a second follow-me of an extension, tenants never seeing each other's).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';
import { codeOf, dataOf, firstError } from '../../helpers/graphql.ts';

const FIELDS =
  'followMeUuid tenantId tenantName extensionUuid extensionNumber followMeEnabled followMeIgnoreBusy cidNamePrefix dialString destinations { followMeDestination followMeDestinationType followMeDelay followMeTimeout followMePrompt followMeOrder }';
const CREATE = `mutation($input: FollowMeCreateInput!) { createFollowMe(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: FollowMeUpdateInput!) { updateFollowMe(id: $id, input: $input) { ${FIELDS} } }`;

describe.each(databaseKinds)('GraphQL follow-me on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let id: string;
  const ext: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    for (const [token, key, extension] of [[cast.adminA.token, 'a1001', '1001'], [cast.adminA.token, 'a1002', '1002'], [cast.adminB.token, 'b1001', '1001']] as const) {
      const res = await t.api('POST', '/api/fpbx_extensions', { token, body: { extension, password: 'Acme-pass-x1' } });
      expect(res.statusCode, res.body).toBe(200);
      ext[key] = res.json().extension_uuid;
    }
  }, 120_000);
  afterAll(() => t?.close());

  it('a tenant admin creates, reads, lists and updates the follow-me of an extension of its tenant', async () => {
    const input = { extensionUuid: ext.a1001, followMeEnabled: true, destinations: [{ followMeDestination: '+4420700000', followMeDelay: 10 }, { followMeDestination: '1002', followMeTimeout: 15, followMeOrder: 1 }] };
    const created = dataOf(await t.gql(CREATE, { input }, cast.adminA.token)).createFollowMe;
    id = created.followMeUuid;
    expect(created).toMatchObject({ tenantId: cast.tenantA, tenantName: 'Acme', extensionUuid: ext.a1001, extensionNumber: '1001', followMeEnabled: true, followMeIgnoreBusy: false, dialString: '' });
    expect(created.destinations).toEqual([
      { followMeDestination: '1002', followMeDestinationType: 'extension', followMeDelay: 0, followMeTimeout: 15, followMePrompt: false, followMeOrder: 10 },
      { followMeDestination: '+4420700000', followMeDestinationType: 'external', followMeDelay: 10, followMeTimeout: 30, followMePrompt: false, followMeOrder: 20 },
    ]);
    expect(dataOf(await t.gql(`query($id: ID!) { followMe(id: $id) { extensionNumber } }`, { id }, cast.adminA.token)).followMe.extensionNumber).toBe('1001');
    expect(dataOf(await t.gql('{ followMes { total items { extensionNumber } } }', {}, cast.adminA.token)).followMes).toEqual({ total: 1, items: [{ extensionNumber: '1001' }] });
    const updated = dataOf(await t.gql(UPDATE, { id, input: { followMeEnabled: false, followMeIgnoreBusy: true } }, cast.adminA.token)).updateFollowMe;
    expect(updated).toMatchObject({ followMeEnabled: false, followMeIgnoreBusy: true });
    expect(updated.destinations).toHaveLength(2);
  });

  it('refuses bad input naming the field, and a second follow-me of the extension with 409, writing nothing', async () => {
    const bad = await t.gql(CREATE, { input: { extensionUuid: ext.a1002, destinations: [{ followMeDestination: '1003', followMeTimeout: 0 }] } }, cast.adminA.token);
    expect(codeOf(bad)).toBe(400);
    expect(firstError(bad).message).toMatch(/followMeTimeout/);
    const foreign = await t.gql(CREATE, { input: { extensionUuid: ext.b1001 } }, cast.adminA.token);
    expect(codeOf(foreign)).toBe(400);
    expect(firstError(foreign).message).toMatch(/extensionUuid/);
    expect(codeOf(await t.gql(CREATE, { input: { extensionUuid: ext.a1001 } }, cast.adminA.token))).toBe(409);
    expect(dataOf(await t.gql('{ followMes { total } }', {}, cast.adminA.token)).followMes.total).toBe(1);
  });

  it('another tenant neither sees nor touches the follow-me; the super-admin sees every tenant’s', async () => {
    expect(dataOf(await t.gql('{ followMes { total } }', {}, cast.adminB.token)).followMes.total).toBe(0);
    expect(codeOf(await t.gql(`query($id: ID!) { followMe(id: $id) { followMeUuid } }`, { id }, cast.adminB.token))).toBe(404);
    expect(codeOf(await t.gql(UPDATE, { id, input: { followMeEnabled: true } }, cast.adminB.token))).toBe(404);
    expect(codeOf(await t.gql(`mutation($id: ID!) { deleteFollowMe(id: $id) }`, { id }, cast.adminB.token))).toBe(404);
    const other = dataOf(await t.gql(CREATE, { input: { tenantId: cast.tenantB, extensionUuid: ext.b1001 } }, cast.admin)).createFollowMe;
    expect(other.tenantId).toBe(cast.tenantB);
    expect(dataOf(await t.gql('{ followMes { total } }', {}, cast.admin)).followMes.total).toBe(2);
    expect(dataOf(await t.gql(`query($t: Int) { followMes(tenantId: $t) { total } }`, { t: cast.tenantB }, cast.admin)).followMes.total).toBe(1);
  });

  it('deletes the follow-me', async () => {
    expect(dataOf(await t.gql(`mutation($id: ID!) { deleteFollowMe(id: $id) }`, { id }, cast.adminA.token)).deleteFollowMe).toBe(true);
    expect(codeOf(await t.gql(`query($id: ID!) { followMe(id: $id) { followMeUuid } }`, { id }, cast.adminA.token))).toBe(404);
  });
});
