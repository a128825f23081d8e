// Call flows through GraphQL: the same service as REST, so the same rules (validation naming the
// input field, 409 for a number or toggle code in use, tenants never seeing each other's).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';
import { codeOf, dataOf, firstError } from '../../helpers/graphql.ts';

const FIELDS = 'callFlowUuid tenantId tenantName callFlowName callFlowExtension callFlowFeatureCode callFlowContext callFlowStatus callFlowData callFlowDestinationType callFlowAlternateData callFlowAlternateDestinationType callFlowEnabled';
const CREATE = `mutation($input: CallFlowCreateInput!) { createCallFlow(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: CallFlowUpdateInput!) { updateCallFlow(id: $id, input: $input) { ${FIELDS} } }`;

describe.each(databaseKinds)('GraphQL call flows on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let id: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    for (const extension of ['1001', '1002']) {
      const res = await t.api('POST', '/api/fpbx_extensions', { token: cast.adminA.token, body: { extension, password: 'Acme-pass-x1' } });
      expect(res.statusCode, res.body).toBe(200);
    }
  }, 120_000);
  afterAll(() => t?.close());

  it('a tenant admin creates (the toggle code defaults to *<number>), reads, lists and updates a call flow', async () => {
    const created = dataOf(await t.gql(CREATE, { input: { callFlowName: 'Front desk', callFlowExtension: '5200', callFlowData: '1001', callFlowAlternateData: '1002' } }, cast.adminA.token)).createCallFlow;
    id = created.callFlowUuid;
    expect(created).toMatchObject({
      tenantId: cast.tenantA,
      tenantName: 'Acme',
      callFlowExtension: '5200',
      callFlowFeatureCode: '*5200',
      callFlowContext: 'acme.test',
      callFlowStatus: true,
      callFlowDestinationType: 'extension',
      callFlowAlternateData: '1002',
      callFlowEnabled: true,
    });
    expect(dataOf(await t.gql('{ callFlows { total items { callFlowExtension } } }', {}, cast.adminA.token)).callFlows).toEqual({ total: 1, items: [{ callFlowExtension: '5200' }] });
    const updated = dataOf(await t.gql(UPDATE, { id, input: { callFlowStatus: false, callFlowFeatureCode: '*302' } }, cast.adminA.token)).updateCallFlow;
    expect(updated).toMatchObject({ callFlowStatus: false, callFlowFeatureCode: '*302' });
  });

  it('refuses bad input naming the field, and numbers in use with 409, writing nothing', async () => {
    const bad = await t.gql(CREATE, { input: { callFlowName: 'X', callFlowExtension: '5201', callFlowAlternateLabel: 'Night ${x}' } }, cast.adminA.token);
    expect(codeOf(bad)).toBe(400);
    expect(firstError(bad).message).toMatch(/callFlowAlternateLabel/);
    const self = await t.gql(UPDATE, { id, input: { callFlowData: '5200' } }, cast.adminA.token);
    expect(codeOf(self)).toBe(400);
    expect(firstError(self).message).toMatch(/callFlowData/);
    expect(codeOf(await t.gql(CREATE, { input: { callFlowName: 'X', callFlowExtension: '1001' } }, cast.adminA.token))).toBe(409);
    expect(codeOf(await t.gql(CREATE, { input: { callFlowName: 'X', callFlowExtension: '5201', callFlowFeatureCode: '*302' } }, cast.adminA.token))).toBe(409);
    expect(codeOf(await t.gql(CREATE, { input: { callFlowName: 'X', callFlowExtension: '5201', callFlowFeatureCode: '5200' } }, cast.adminA.token))).toBe(409);
    expect(dataOf(await t.gql('{ callFlows { total } }', {}, cast.adminA.token)).callFlows.total).toBe(1);
  });

  it('another tenant neither sees nor touches it; an end user may not; the super-admin sees every tenant’s', async () => {
    expect(dataOf(await t.gql('{ callFlows { total } }', {}, cast.adminB.token)).callFlows.total).toBe(0);
    expect(codeOf(await t.gql(`query($id: ID!) { callFlow(id: $id) { callFlowUuid } }`, { id }, cast.adminB.token))).toBe(404);
    expect(codeOf(await t.gql(UPDATE, { id, input: { callFlowStatus: true } }, cast.adminB.token))).toBe(404);
    expect(codeOf(await t.gql(`mutation($id: ID!) { deleteCallFlow(id: $id) }`, { id }, cast.adminB.token))).toBe(404);
    expect(codeOf(await t.gql('{ callFlows { total } }', {}, cast.userA.token))).toBe(403);
    expect(dataOf(await t.gql('{ callFlows { total } }', {}, cast.admin)).callFlows.total).toBe(1);
    expect(dataOf(await t.gql(`mutation($id: ID!) { deleteCallFlow(id: $id) }`, { id }, cast.adminA.token)).deleteCallFlow).toBe(true);
  });
});
