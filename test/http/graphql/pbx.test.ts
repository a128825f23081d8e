// The PBX and routing GraphQL surface: the same services as REST, so the same rules hold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';
import { codeOf, dataOf, firstError } from '../../helpers/graphql.ts';

describe.each(databaseKinds)('GraphQL PBX and routing on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
  });
  afterAll(() => t?.close());

  it('a tenant admin creates an extension; secrets show to it and not to the end user', async () => {
    const { createExtension } = dataOf(
      await t.gql(
        'mutation ($userId: Int) { createExtension(input: { extension: "1005", password: "S3cret!", displayName: "Reception", userId: $userId }) { id extension displayName password domainName tenantId userId enabled } }',
        { userId: cast.userA.id },
        cast.adminA.token,
      ),
    );
    expect(createExtension).toMatchObject({ extension: '1005', displayName: 'Reception', password: 'S3cret!', domainName: 'acme.test', tenantId: cast.tenantA, userId: cast.userA.id, enabled: true });
    const rest = await t.api('GET', `/api/fpbx_extensions/${createExtension.id}`, { token: cast.adminA.token });
    expect(rest.json().display_name).toBe('Reception');
    const own = dataOf(await t.gql('{ extensions { total items { extension password voicemailPassword } } }', {}, cast.userA.token));
    expect(own.extensions).toEqual({ total: 1, items: [{ extension: '1005', password: null, voicemailPassword: null }] });
    expect(codeOf(await t.gql('mutation { createExtension(input: { extension: "1005" }) { id } }', {}, cast.adminA.token))).toBe(409);
    const bad = firstError(await t.gql('mutation { createExtension(input: { extension: "1006", password: "abc" }) { id } }', {}, cast.adminA.token));
    expect(bad.extensions.code).toBe(400);
    expect(bad.message).toContain('password');
  });

  it('check, next available and assign', async () => {
    const data = dataOf(await t.gql('{ extensionCheck(extension: "1005") { available conflicts { type } } nextAvailableExtension(start: 1005) }', {}, cast.adminA.token));
    expect(data).toEqual({ extensionCheck: { available: false, conflicts: [{ type: 'extension' }] }, nextAvailableExtension: '1006' });
    const id = dataOf(await t.gql('{ extensions(extension: "1005") { items { id } } }', {}, cast.adminA.token)).extensions.items[0].id;
    const { assignExtension } = dataOf(await t.gql('mutation ($id: ID!) { assignExtension(id: $id, userId: null) { userId } }', { id }, cast.adminA.token));
    expect(assignExtension.userId).toBeNull();
    expect(codeOf(await t.gql('query ($id: ID!) { extension(id: $id) { id } }', { id }, cast.adminB.token))).toBe(404);
  });

  it('providers, routes with their provider batched, bulk and CSV, DIDs, caller ids and destinations', async () => {
    const { createProvider } = dataOf(
      await t.gql('mutation { createProvider(input: { name: "Carrier", host: "sip.carrier.example", password: "Trunk-1", serviceFlag: 3 }) { id gatewayUuid tenantId } }', {}, cast.admin),
    );
    expect(createProvider.tenantId).toBeNull();
    const providerId = createProvider.id;
    const { createRoutes } = dataOf(
      await t.gql(
        'mutation ($p: Int!) { createRoutes(inputs: [{ name: "One", pattern: "^1(\\\\d+)$", providerId: $p }, { name: "Two", pattern: "^2(\\\\d+)$", providerId: $p }]) { id pattern provider { name } } }',
        { p: providerId },
        cast.adminA.token,
      ),
    );
    expect(createRoutes).toEqual([
      { id: expect.any(Number), pattern: '^1(\\d+)$', provider: { name: 'Carrier' } },
      { id: expect.any(Number), pattern: '^2(\\d+)$', provider: { name: 'Carrier' } },
    ]);
    const failed = firstError(await t.gql('mutation ($p: Int!) { createRoutes(inputs: [{ name: "Bad", pattern: "([", providerId: $p }]) { id } }', { p: providerId }, cast.adminA.token));
    expect(failed.extensions.code).toBe(400);
    expect(failed.message).toContain('[0]');
    const imported = dataOf(
      await t.gql('mutation ($csv: String!) { importRoutesCsv(csv: $csv) { created updated errors { line } } }', { csv: `name,pattern,provider_id\nThree,^3$,${providerId}\n` }, cast.adminA.token),
    );
    expect(imported.importRoutesCsv.created).toHaveLength(1);
    const { routes, routesCsv, providers, gateway } = dataOf(
      await t.gql('query ($u: ID!) { routes { total items { name } } routesCsv providers(serviceFlag: 2) { total } gateway(uuid: $u) { name } }', { u: createProvider.gatewayUuid }, cast.adminA.token),
    );
    expect(routes.total).toBe(3);
    expect(routesCsv.split('\r\n')[0]).toContain('route_id,tenant_id,name,pattern');
    expect(providers.total).toBe(1);
    expect(gateway.name).toBe('Carrier');

    const { createDid } = dataOf(await t.gql('mutation ($t: Int) { createDid(input: { number: "+15551230001", tenantId: $t }) { id number } }', { t: cast.tenantA }, cast.admin));
    expect(createDid.number).toBe('15551230001');
    const { assignDid } = dataOf(
      await t.gql('mutation ($id: Int!) { assignDid(id: $id, destinationType: "extension", destinationValue: "1005") { destinationType destinationValue tenantId } }', { id: createDid.id }, cast.adminA.token),
    );
    expect(assignDid).toEqual({ destinationType: 'extension', destinationValue: '1005', tenantId: cast.tenantA });
    expect(codeOf(await t.gql('mutation ($id: Int!) { assignDid(id: $id, tenantId: null) { id } }', { id: createDid.id }, cast.adminA.token))).toBe(403);

    const cid = dataOf(await t.gql('mutation { createCallerId(input: { number: "+15551110000", name: "Main" }) { tenantId number } }', {}, cast.adminA.token));
    expect(cid.createCallerId).toEqual({ tenantId: cast.tenantA, number: '+15551110000' });
    const destination = dataOf(await t.gql('mutation { createDestination(input: { name: "Front", type: "extension", value: "1005" }) { id type value } }', {}, cast.adminA.token));
    expect(destination.createDestination).toMatchObject({ type: 'extension', value: '1005' });
    const { pbxDomains, dids, callerIds, destinations } = dataOf(
      await t.gql('{ pbxDomains { items { domainName enabled } } dids { total } callerIds { total } destinations { total } }', {}, cast.adminB.token),
    );
    expect(pbxDomains.items).toEqual([{ domainName: 'globex.test', enabled: true }]);
    expect({ dids: dids.total, callerIds: callerIds.total, destinations: destinations.total }).toEqual({ dids: 0, callerIds: 0, destinations: 0 });
  });

  it('an end user cannot write PBX objects', async () => {
    expect(codeOf(await t.gql('mutation { createExtension(input: { extension: "1200" }) { id } }', {}, cast.userA.token))).toBe(403);
    expect(codeOf(await t.gql('{ providers { total } }', {}, cast.userA.token))).toBe(403);
  });
});
