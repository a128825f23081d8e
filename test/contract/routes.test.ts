// The ICTPBX client's outbound routes, call by call (ictinnovations/ictpbx-community-edition-gui,
// src/app/pages/route/: route.service.ts makes the calls, route-form-component.ts and
// route-component.ts build and read them). The form posts one route per destination picked to
// POST /routes/bulk, provider_id and service_flag as text from its selects, and shows the answer
// raw (`_body.slice(1, -1)`: a JSON string); the list prints "destination ( +prefix )", service
// and provider. ICTPBX's RouteApi has no GET /routes/:id (only ?route_id=): both work here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { seedCast, type Cast } from '../helpers/fixtures.ts';
import { answer, guiClient, type GuiClient } from './gui-client.ts';

describe.each(databaseKinds)('ICTPBX client: outbound routes on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let admin: GuiClient;
  let tenantAdmin: GuiClient;
  let provider: number;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    admin = guiClient(t, cast.admin);
    tenantAdmin = guiClient(t, cast.adminA.token);
    answer(await admin.post('/destination', { destination_id: '92300', name: 'Pakistan Mobile', country_id: 586 }));
    answer(await admin.post('/destination', { destination_id: '92', name: 'Pakistan', country_id: 586 }));
    provider = answer(await tenantAdmin.post('/providers', { name: 'Carrier', host: 'sip.carrier.example', type: 'sip', service_flag: 3 }));
  }, 120_000);
  afterAll(() => t?.close());

  const listed = async () => answer(await tenantAdmin.get('/routes')) as Record<string, unknown>[];

  it('route-form-component.ts addRoute: POST /routes/bulk with the picked destinations (provider_id and service_flag as text) answers "<n> Routes added."', async () => {
    const destinations = answer(await tenantAdmin.get('/destination?country_id=586'));
    const body = destinations.map((d: { destination_id: string; name: string }) => ({ name: d.name, destination_id: d.destination_id, provider_id: String(provider), service_flag: '1' }));
    const res = await tenantAdmin.post('/routes/bulk', body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body.slice(1, -1)).toBe('2 Routes added.');
    expect(answer(res)).toBe('2 Routes added.');
  });

  it('route-form-component.ts: a bad item (an unknown destination) creates none and names it, in body.error.message', async () => {
    const before = (await listed()).length;
    const res = await tenantAdmin.post('/routes/bulk', [
      { name: 'Fine', destination_id: '92', provider_id: String(provider), service_flag: 2 },
      { name: 'Nowhere', destination_id: '99999', provider_id: String(provider), service_flag: '2' },
    ]);
    expect(answer(res, 400).error.message).toContain('[1] destination_id names no destination');
    expect((await listed()).length).toBe(before);
  });

  it('route-component.ts: GET /routes lists route_id, destination, prefix, service and provider', async () => {
    const routes = await listed();
    expect(routes.map((r) => [r.destination, r.prefix, r.service, r.provider, r.destination_id, r.provider_id, r.service_flag])).toEqual([
      ['Pakistan', '92', 'voice', 'Carrier', '92', provider, 1],
      ['Pakistan Mobile', '92300', 'voice', 'Carrier', '92300', provider, 1],
    ]);
    for (const r of routes) expect(typeof r.route_id).toBe('number');
    expect(routes[0]).toMatchObject({ name: 'Pakistan', pattern: '', tenant_id: cast.tenantA, active: 1 });
  });

  it('route.service.ts get_RouteData: GET /routes/:id reads one route; get_RouteById: GET /routes?route_id= answers it as [0]', async () => {
    const [first] = await listed();
    expect(answer(await tenantAdmin.get(`/routes/${first.route_id}`))).toMatchObject({ route_id: first.route_id, destination: 'Pakistan', prefix: '92' });
    const byId = answer(await tenantAdmin.get(`/routes?route_id=${first.route_id}`));
    expect(byId).toHaveLength(1);
    expect(byId[0]).toMatchObject({ route_id: first.route_id, destination_id: '92' });
  });

  it('route.service.ts update_Route: PUT /routes/:route_id with the loaded object and the edit', async () => {
    const [first] = await listed();
    const loaded = answer(await tenantAdmin.get(`/routes/${first.route_id}`));
    const saved = answer(await tenantAdmin.put(`/routes/${first.route_id}`, { ...loaded, name: 'Pakistan fixed', service_flag: '3' }));
    expect(saved).toMatchObject({ route_id: first.route_id, name: 'Pakistan fixed', service_flag: 3, service: 'voice,fax', destination_id: '92' });
  });

  it('a route names a destination or a pattern (Switchyard extra), not both and not neither', async () => {
    expect(answer(await tenantAdmin.post('/routes', { name: 'Both', destination_id: '92', pattern: '^9(\\d+)$', provider_id: provider }), 400).error.message).toContain('pattern');
    expect(answer(await tenantAdmin.post('/routes', { name: 'Neither', provider_id: provider }), 400).error.message).toContain('destination_id');
    const id = answer(await tenantAdmin.post('/routes', { name: 'Pattern', pattern: '^9(\\d{9})$', provider_id: String(provider), strip: 1 }));
    expect(answer(await tenantAdmin.get(`/routes/${id}`))).toMatchObject({ destination_id: null, destination: null, prefix: null, pattern: '^9(\\d{9})$' });
    // Naming a destination turns it into a destination route.
    expect(answer(await tenantAdmin.put(`/routes/${id}`, { destination_id: '92300' }))).toMatchObject({ destination_id: '92300', pattern: '' });
  });

  it('a destination some route uses is not deleted (409, in body.error.message)', async () => {
    expect(answer(await admin.delete('/destination/92300'), 409).error.message).toContain('Delete those routes first');
  });

  it('route-component.ts delete: DELETE /routes/:id answers JSON', async () => {
    const [first] = await listed();
    expect(answer(await tenantAdmin.delete(`/routes/${first.route_id}`))).toBe(true);
    expect((await tenantAdmin.get(`/routes/${first.route_id}`)).statusCode).toBe(404);
  });
});
