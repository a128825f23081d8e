// Inbound routes through GraphQL: the same service as REST, in camelCase. A route is a routed DID
// (Did.uuid is its destinationUuid); tenant admins route their own tenant's DIDs only (another
// tenant's route is not found), bad destinations are refused naming the field and write nothing,
// end users hold no DID permission, and the super-admin acts for any tenant.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';
import { codeOf, dataOf, firstError } from '../../helpers/graphql.ts';
import { createDid, createExtension } from '../../helpers/pbx-fixtures.ts';

const FIELDS =
  'destinationUuid dialplanUuid accountId domainUuid tenantId tenantName destinationNumber destinationTargetType destinationTarget destinationContext destinationOrder destinationEnabled destinationDescription destinationCidNamePrefix destinationApp destinationData dateCreated lastUpdated';
const CREATE = `mutation($input: InboundRouteCreateInput!) { createInboundRoute(input: $input) { ${FIELDS} } }`;

describe.each(databaseKinds)('GraphQL inbound routes on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let id: string;
  let didId: number;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    await createExtension(t, cast.tenantA, { extension: '1000', password: 'Acme-pass-0' });
    await createExtension(t, cast.tenantB, { extension: '2000', password: 'Globex-pass-2' });
    didId = await createDid(t, { phone: '15551230001', tenant_id: cast.tenantA });
    await createDid(t, { phone: '15551239001', tenant_id: cast.tenantB });
  }, 120_000);
  afterAll(() => t?.close());

  const count = async (token: string) => dataOf(await t.gql('{ inboundRoutes { total } }', {}, token)).inboundRoutes.total;

  it('a tenant admin routes a DID of its tenant and reads it back, as a route and as the DID', async () => {
    const created = dataOf(
      await t.gql(CREATE, { input: { destinationNumber: '+15551230001', destinationTargetType: 'extension', destinationTarget: '1000', destinationCidNamePrefix: 'Acme: ' } }, cast.adminA.token),
    ).createInboundRoute;
    expect(created).toMatchObject({
      accountId: didId,
      tenantId: cast.tenantA,
      tenantName: 'Acme',
      destinationNumber: '15551230001',
      destinationContext: 'public',
      destinationOrder: 100,
      destinationEnabled: true,
      destinationCidNamePrefix: 'Acme: ',
      destinationApp: 'transfer',
      destinationData: '1000 XML acme.test',
    });
    id = created.destinationUuid;
    expect(dataOf(await t.gql('{ inboundRoutes(sort: number) { total items { destinationUuid } } }', {}, cast.adminA.token)).inboundRoutes).toEqual({ total: 1, items: [{ destinationUuid: id }] });
    const viaDid = dataOf(await t.gql(`{ did(id: ${didId}) { uuid destinationType destinationValue callerIdPrefix } }`, {}, cast.adminA.token)).did;
    expect(viaDid).toEqual({ uuid: id, destinationType: 'extension', destinationValue: '1000', callerIdPrefix: 'Acme: ' });
  });

  it('updates and disables it; an edit of the DID shows in the route', async () => {
    const updated = dataOf(
      await t.gql(`mutation($id: ID!) { updateInboundRoute(id: $id, input: { destinationEnabled: false, destinationTargetType: "voicemail", destinationTarget: "1000" }) { destinationEnabled destinationApp destinationData } }`, { id }, cast.adminA.token),
    ).updateInboundRoute;
    expect(updated).toEqual({ destinationEnabled: false, destinationApp: 'voicemail', destinationData: 'default acme.test 1000' });
    expect(dataOf(await t.gql('{ inboundRoutes(destinationEnabled: true) { total } }', {}, cast.adminA.token)).inboundRoutes.total).toBe(0);
    dataOf(await t.gql(`mutation { updateDid(id: ${didId}, input: { active: true, destinationType: "external", destinationValue: "+15557654321" }) { id } }`, {}, cast.adminA.token));
    expect(dataOf(await t.gql(`query($id: ID!) { inboundRoute(id: $id) { destinationEnabled destinationTargetType destinationData } }`, { id }, cast.adminA.token)).inboundRoute).toEqual({
      destinationEnabled: true,
      destinationTargetType: 'external',
      destinationData: '+15557654321 XML acme.test',
    });
  });

  it('refuses a missing destination, a bad kind or FreeSWITCH syntax, naming the field and writing nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ destinationNumber: '15551239001', destinationTargetType: 'extension', destinationTarget: '1000' }, 'input.destinationNumber'],
      [{ destinationNumber: '15551230002', destinationTargetType: 'extension', destinationTarget: '1000' }, 'input.destinationNumber'],
      [{ destinationNumber: '15551230001', destinationTargetType: 'fax', destinationTarget: '1000' }, 'input.destinationTargetType'],
    ];
    for (const [input, field] of cases) {
      const res = await t.gql(CREATE, { input }, cast.adminA.token);
      expect(codeOf(res), JSON.stringify(input)).toBe(400);
      expect(firstError(res).message).toContain(field);
    }
    for (const [input, field] of [
      // The route goes to an external number now: naming a missing extension is refused.
      [{ destinationTargetType: 'extension', destinationTarget: '4040' }, 'input.destinationTarget'],
      [{ destinationCidNamePrefix: '${system(id)}' }, 'input.destinationCidNamePrefix'],
    ] as const) {
      const res = await t.gql(`mutation($id: ID!, $input: InboundRouteUpdateInput!) { updateInboundRoute(id: $id, input: $input) { destinationUuid } }`, { id, input }, cast.adminA.token);
      expect(codeOf(res), JSON.stringify(input)).toBe(400);
      expect(firstError(res).message).toContain(field);
    }
    expect(dataOf(await t.gql(`query($id: ID!) { inboundRoute(id: $id) { destinationTarget destinationCidNamePrefix } }`, { id }, cast.adminA.token)).inboundRoute).toEqual({
      destinationTarget: '+15557654321',
      destinationCidNamePrefix: 'Acme: ',
    });
    expect(await count(cast.adminA.token)).toBe(1);
  });

  it("another tenant's admin does not find it, and an end user may not list routes", async () => {
    expect(await count(cast.adminB.token)).toBe(0);
    expect(codeOf(await t.gql(`query($id: ID!) { inboundRoute(id: $id) { destinationNumber } }`, { id }, cast.adminB.token))).toBe(404);
    expect(codeOf(await t.gql(`mutation($id: ID!) { updateInboundRoute(id: $id, input: { destinationTarget: "2000" }) { destinationNumber } }`, { id }, cast.adminB.token))).toBe(404);
    expect(codeOf(await t.gql(`mutation($id: ID!) { deleteInboundRoute(id: $id) }`, { id }, cast.adminB.token))).toBe(404);
    expect(codeOf(await t.gql('{ inboundRoutes { total } }', {}, cast.userA.token))).toBe(403);
  });

  it('the super-admin routes for any tenant, sees every tenant or one, and deletes (the DID stays, unrouted)', async () => {
    const globex = dataOf(
      await t.gql(CREATE, { input: { tenantId: cast.tenantB, destinationNumber: '15551239001', destinationTargetType: 'extension', destinationTarget: '2000' } }, cast.admin),
    ).createInboundRoute;
    expect(globex).toMatchObject({ tenantId: cast.tenantB, destinationData: '2000 XML globex.test' });
    expect(dataOf(await t.gql(`{ inboundRoutes(tenantId: ${cast.tenantA}) { total } }`, {}, cast.admin)).inboundRoutes.total).toBe(1);
    expect(dataOf(await t.gql('{ inboundRoutes { total } }', {}, cast.admin)).inboundRoutes.total).toBe(2);
    expect(dataOf(await t.gql(`mutation($id: ID!) { deleteInboundRoute(id: $id) }`, { id }, cast.admin)).deleteInboundRoute).toBe(true);
    expect(await count(cast.adminA.token)).toBe(0);
    expect(dataOf(await t.gql(`{ did(id: ${didId}) { uuid tenantId destinationType } }`, {}, cast.adminA.token)).did).toEqual({ uuid: id, tenantId: cast.tenantA, destinationType: '' });
  });
});
