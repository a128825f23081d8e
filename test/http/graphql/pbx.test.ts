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
        'mutation ($userId: Int) { createExtension(input: { extension: "1005", password: "S3cret!", displayName: "Reception", userId: $userId }) { extensionUuid extension displayName password domainName tenantId userId linkedUsername enabled } }',
        { userId: cast.userA.id },
        cast.adminA.token,
      ),
    );
    expect(createExtension).toMatchObject({ extension: '1005', displayName: 'Reception', password: 'S3cret!', domainName: 'acme.test', tenantId: cast.tenantA, userId: cast.userA.id, linkedUsername: 'user-a', enabled: true });
    const rest = await t.api('GET', `/api/fpbx_extensions/${createExtension.extensionUuid}`, { token: cast.adminA.token });
    expect(rest.json().display_name).toBe('Reception');
    const own = dataOf(await t.gql('{ extensions { total items { extension password voicemailPassword } } }', {}, cast.userA.token));
    expect(own.extensions).toEqual({ total: 1, items: [{ extension: '1005', password: null, voicemailPassword: null }] });
    expect(codeOf(await t.gql('mutation { createExtension(input: { extension: "1005" }) { extensionUuid } }', {}, cast.adminA.token))).toBe(409);
    const bad = firstError(await t.gql('mutation { createExtension(input: { extension: "1006", password: "abc" }) { extensionUuid } }', {}, cast.adminA.token));
    expect(bad.extensions.code).toBe(400);
    expect(bad.message).toContain('password');
  });

  it('check, next available and assign', async () => {
    const data = dataOf(await t.gql('{ extensionCheck(extension: "1005") { available usedBy conflicts { type } } nextAvailableExtension(start: 1005) }', {}, cast.adminA.token));
    expect(data).toEqual({ extensionCheck: { available: false, usedBy: 'Extension', conflicts: [{ type: 'extension' }] }, nextAvailableExtension: '1006' });
    const id = dataOf(await t.gql('{ extensions(extension: "1005") { items { extensionUuid } } }', {}, cast.adminA.token)).extensions.items[0].extensionUuid;
    const { assignExtension } = dataOf(await t.gql('mutation ($id: ID!) { assignExtension(id: $id, userId: null) { userId } }', { id }, cast.adminA.token));
    expect(assignExtension.userId).toBeNull();
    expect(codeOf(await t.gql('query ($id: ID!) { extension(id: $id) { extensionUuid } }', { id }, cast.adminB.token))).toBe(404);
  });

  it('providers, routes with their provider batched, bulk and CSV, DIDs, caller ids and destinations', async () => {
    const { createDestination } = dataOf(await t.gql('mutation { createDestination(input: { destinationId: "+92300", name: "Pakistan Mobile", countryId: 586 }) { destinationId prefix country } }', {}, cast.admin));
    expect(createDestination).toEqual({ destinationId: '92300', prefix: '92300', country: 'Pakistan' });
    expect(codeOf(await t.gql('mutation { createDestination(input: { destinationId: "44", name: "UK" }) { destinationId } }', {}, cast.adminA.token))).toBe(403);
    const { createProvider } = dataOf(
      await t.gql('mutation { createProvider(input: { name: "Carrier", host: "sip.carrier.example", password: "Trunk-1", serviceFlag: 3 }) { providerId gatewayUuid tenantId } }', {}, cast.admin),
    );
    expect(createProvider.tenantId).toBeNull();
    const providerId = createProvider.providerId;
    const { createRoutes } = dataOf(
      await t.gql(
        'mutation ($p: Int!) { createRoutes(inputs: [{ name: "One", pattern: "^1(\\\\d+)$", providerId: $p }, { name: "Two", destinationId: "92300", providerId: $p }]) { routeId pattern prefix destination gateway { name } } }',
        { p: providerId },
        cast.adminA.token,
      ),
    );
    expect(createRoutes).toEqual([
      { routeId: expect.any(Number), pattern: '^1(\\d+)$', prefix: null, destination: null, gateway: { name: 'Carrier' } },
      { routeId: expect.any(Number), pattern: '', prefix: '92300', destination: 'Pakistan Mobile', gateway: { name: 'Carrier' } },
    ]);
    const failed = firstError(await t.gql('mutation ($p: Int!) { createRoutes(inputs: [{ name: "Bad", pattern: "([", providerId: $p }]) { routeId } }', { p: providerId }, cast.adminA.token));
    expect(failed.extensions.code).toBe(400);
    expect(failed.message).toContain('[0]');
    const imported = dataOf(
      await t.gql('mutation ($csv: String!) { importRoutesCsv(csv: $csv) { created updated errors { line } } }', { csv: `name,pattern,provider_id\nThree,^3$,${providerId}\n` }, cast.adminA.token),
    );
    expect(imported.importRoutesCsv.created).toHaveLength(1);
    const { routes, routesCsv, providers, gateway } = dataOf(
      await t.gql('query ($u: ID!) { routes { total items { name } } routesCsv providers(serviceFlag: 2) { total } gateway(uuid: $u) { gateway proxy register } }', { u: createProvider.gatewayUuid }, cast.adminA.token),
    );
    expect(routes.total).toBe(3);
    expect(routesCsv.split('\r\n')[0]).toContain('route_id,tenant_id,name,destination_id,pattern');
    expect(providers.total).toBe(1);
    expect(gateway).toEqual({ gateway: 'Carrier', proxy: 'sip.carrier.example', register: true });

    const { createDid } = dataOf(await t.gql('mutation ($t: Int) { createDid(input: { phone: "+15551230001", tenantId: $t }) { id phone } }', { t: cast.tenantA }, cast.admin));
    expect(createDid.phone).toBe('15551230001');
    const { assignDid } = dataOf(
      await t.gql('mutation ($id: Int!) { assignDid(id: $id, destinationType: "extension", destinationValue: "1005") { destinationType destinationValue tenantId } }', { id: createDid.id }, cast.adminA.token),
    );
    expect(assignDid).toEqual({ destinationType: 'extension', destinationValue: '1005', tenantId: cast.tenantA });
    expect(codeOf(await t.gql('mutation ($id: Int!) { assignDid(id: $id, tenantId: null) { id } }', { id: createDid.id }, cast.adminA.token))).toBe(403);

    const cid = dataOf(await t.gql('mutation { createCallerId(input: { phone: "+15551110000", firstName: "Main" }) { tenantId phone } }', {}, cast.adminA.token));
    expect(cid.createCallerId).toEqual({ tenantId: cast.tenantA, phone: '+15551110000' });
    const { pbxDomains, dids, callerIds, destinations, countries } = dataOf(
      await t.gql('{ pbxDomains { items { domainName domainEnabled } } dids { total } callerIds { total } destinations(countryId: 586) { total } countries(regionId: "as.s") { countryId name } }', {}, cast.adminB.token),
    );
    expect(pbxDomains.items).toEqual([{ domainName: 'globex.test', domainEnabled: true }]);
    // Destinations are shared by every tenant; DIDs and caller ids are not.
    expect({ dids: dids.total, callerIds: callerIds.total, destinations: destinations.total }).toEqual({ dids: 0, callerIds: 0, destinations: 1 });
    expect(countries).toContainEqual({ countryId: 586, name: 'Pakistan' });
  });

  it('an end user cannot write PBX objects', async () => {
    expect(codeOf(await t.gql('mutation { createExtension(input: { extension: "1200" }) { extensionUuid } }', {}, cast.userA.token))).toBe(403);
    expect(codeOf(await t.gql('{ providers { total } }', {}, cast.userA.token))).toBe(403);
  });
});
