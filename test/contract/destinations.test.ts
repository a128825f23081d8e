// The ICTPBX client's destination picker, call by call (ictinnovations/ictpbx-community-edition-gui,
// src/app/pages/route/: route.service.ts makes the calls, route-form-component.ts builds them):
// GET /region, then GET /country?region_id= (its defaults: region "as.s", country 586), then
// GET /destination?country_id=, printing each as "<name> (+<destination_id>)": ICTCore keys a
// destination by its dialling code. Regions and countries are ICTCore's seeded reference data;
// destinations are the super-admin's (ICTPBX's DestinationApi: POST answers the id).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { seedCast, type Cast } from '../helpers/fixtures.ts';
import { answer, guiClient, type GuiClient } from './gui-client.ts';

describe.each(databaseKinds)('ICTPBX client: destinations, regions and countries on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let admin: GuiClient;
  let tenantAdmin: GuiClient;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    admin = guiClient(t, cast.admin);
    tenantAdmin = guiClient(t, cast.adminA.token);
    expect(answer(await admin.post('/destination', { destination_id: '92300', name: 'Pakistan Mobile (Jazz)', country_id: 586 }))).toBe('92300');
    expect(answer(await admin.post('/destination', { destination_id: '92', name: 'Pakistan', country_id: '586' }))).toBe('92');
    expect(answer(await admin.post('/destination', { destination_id: '44', name: 'United Kingdom', country_id: 826 }))).toBe('44');
  }, 120_000);
  afterAll(() => t?.close());

  it('route.service.ts get_RegionList: GET /region lists ICTCore regions with region_id and name', async () => {
    const regions = answer(await tenantAdmin.get('/region'));
    expect(regions).toContainEqual(expect.objectContaining({ region_id: 'as.s', name: 'Southern Asia' }));
    expect(regions).toContainEqual(expect.objectContaining({ region_id: 'as', name: 'Asia' }));
    for (const r of regions) expect([typeof r.region_id, typeof r.name]).toEqual(['string', 'string']);
  });

  it('route.service.ts get_CountryList(region_id): GET /country?region_id=as.s holds the default country 586', async () => {
    const countries = answer(await tenantAdmin.get('/country?region_id=as.s'));
    expect(countries).toContainEqual(expect.objectContaining({ country_id: 586, name: 'Pakistan' }));
    expect(countries.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['India', 'Bangladesh']));
    expect(countries.map((c: { name: string }) => c.name)).not.toContain('United Kingdom');
    // A continent holds its sub-regions' countries; no region, every country.
    expect(answer(await tenantAdmin.get('/country?region_id=as')).length).toBeGreaterThan(countries.length);
    expect(answer(await tenantAdmin.get('/country')).length).toBeGreaterThan(240);
  });

  it('route.service.ts get_DestinationList(country_id): GET /destination?country_id=586 answers destination_id (the dialling code, text) and name', async () => {
    const destinations = answer(await tenantAdmin.get('/destination?country_id=586'));
    expect(destinations.map((d: { destination_id: string; name: string }) => [d.destination_id, d.name])).toEqual([
      ['92', 'Pakistan'],
      ['92300', 'Pakistan Mobile (Jazz)'],
    ]);
    expect(destinations[1]).toMatchObject({ prefix: '92300', country_id: 586, country: 'Pakistan' });
    expect(answer(await tenantAdmin.get('/destination'))).toHaveLength(3);
  });

  it('route.service.ts get_DestinationData: GET /destination/:id reads one; an unknown code is a JSON 404', async () => {
    expect(answer(await tenantAdmin.get('/destination/44'))).toMatchObject({ destination_id: '44', name: 'United Kingdom', prefix: '44', country_id: 826 });
    expect(answer(await tenantAdmin.get('/destination/999'), 404).error).toMatchObject({ code: 404, message: 'Destination not found' });
  });

  it('ICTCore destination search: GET /destination?phone= finds the codes a number starts with, longest first', async () => {
    const found = answer(await tenantAdmin.get('/destination?phone=%2B923001234567'));
    expect(found.map((d: { destination_id: string }) => d.destination_id)).toEqual(['92300', '92']);
  });

  it('DestinationApi: the super-admin updates and deletes; a tenant admin may not write', async () => {
    expect(answer(await admin.put('/destination/44', { destination_id: '44', name: 'UK', country_id: '826', date_created: 0 }))).toMatchObject({ name: 'UK', prefix: '44' });
    expect(answer(await tenantAdmin.post('/destination', { destination_id: '33', name: 'France' }), 403).error.code).toBe(403);
    expect(answer(await tenantAdmin.put('/destination/44', { name: 'Mine' }), 403).error.code).toBe(403);
    expect(answer(await admin.post('/destination', { destination_id: '44', name: 'Again' }), 409).error.message).toContain('44');
    expect(answer(await admin.post('/destination', { destination_id: '+44', name: 'Plus' }), 409).error.message).toContain('Destination 44 already exists');
    expect(answer(await admin.post('/destination', { destination_id: '44a', name: 'Letters' }), 400).error.message).toContain('destination_id');
    expect(answer(await admin.post('/destination', { destination_id: '49', name: 'Germany', country_id: 9999 }), 400).error.message).toContain('country_id');
    expect(answer(await admin.delete('/destination/44'))).toBe(true);
    expect((await admin.get('/destination/44')).statusCode).toBe(404);
  });
});
