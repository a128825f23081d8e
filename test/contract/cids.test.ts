// The ICTPBX client's caller-id screens, call by call (ictinnovations/ictpbx-community-edition-gui,
// src/app/pages/cid/: cid.service.ts makes the calls, cid-component.ts and cid-form-component.ts
// build them). A caller id is an ICTCore account of type "cid", edited, deleted and given to a
// user through /accounts/:account_id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { seedCast, type Cast } from '../helpers/fixtures.ts';
import { fetchXml } from '../helpers/pbx-fixtures.ts';
import { answer, guiClient, type GuiClient } from './gui-client.ts';

describe.each(databaseKinds)('ICTPBX client: caller ids on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let tenantAdmin: GuiClient;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    tenantAdmin = guiClient(t, cast.adminA.token);
  }, 120_000);
  afterAll(() => t?.close());

  it('cid-form-component.ts: POST /cids with its body adds the caller id to the tenant', async () => {
    answer(await tenantAdmin.post('/cids', { active: 1, phone: '+15551110000', first_name: 'Acme main', type: 'cid', username: '+15551110000' }));
    const [cid] = answer(await tenantAdmin.get('/cids?pageSize=10&pageIndex=0'));
    expect(cid).toMatchObject({ phone: '+15551110000', first_name: 'Acme main', type: 'cid', tenant_id: cast.tenantA, active: 1, created_by: null });
    expect(answer(await tenantAdmin.get('/cids?totalrows'))).toBe(1);
  });

  it('the first active caller id is what outbound calls present when the extension sets none: first_name is the name', async () => {
    const provider = answer(await tenantAdmin.post('/providers', { name: 'Trunk', host: '198.51.100.30' }));
    answer(await tenantAdmin.post('/routes', { name: 'Out', pattern: '^9(\\d+)$', provider_id: provider }));
    const xml = await fetchXml(t, { section: 'dialplan', 'Caller-Context': 'acme.test', 'Hunt-Context': 'acme.test', 'Hunt-Destination-Number': '95550100', 'Caller-Destination-Number': '95550100' });
    expect(xml.body).toContain('outbound_caller_id_name=Acme main');
    expect(xml.body).toContain('outbound_caller_id_number=+15551110000');
  });

  it('cid-form-component.ts (edit): GET /accounts/:id, PUT /accounts/:id with the loaded object; assign to a user; delete', async () => {
    const [cid] = answer(await tenantAdmin.get('/cids'));
    const loaded = answer(await tenantAdmin.get(`/accounts/${cid.account_id}`));
    expect(answer(await tenantAdmin.put(`/accounts/${cid.account_id}`, { ...loaded, first_name: 'Acme HQ' }))).toMatchObject({ first_name: 'Acme HQ' });
    answer(await tenantAdmin.put(`/accounts/${cid.account_id}/users/${cast.userA.id}`, loaded));
    const users = answer(await tenantAdmin.get('/users'));
    const [row] = answer(await tenantAdmin.get('/cids'));
    expect(users.find((u: { user_id: unknown }) => u.user_id === row.created_by)?.username).toBe('user-a');
    answer(await tenantAdmin.delete(`/accounts/${cid.account_id}/users`));
    expect(answer(await tenantAdmin.get(`/accounts/${cid.account_id}`)).created_by).toBeNull();
    expect(answer(await tenantAdmin.delete(`/accounts/${cid.account_id}`))).toBe(true);
    expect(answer(await tenantAdmin.get('/cids?totalrows'))).toBe(0);
  });

  it("another tenant's caller ids are not found, and a second one with the same number in the tenant is a 409", async () => {
    const id = answer(await tenantAdmin.post('/cids', { active: 1, phone: '+15551119999', first_name: 'Acme', type: 'cid', username: '+15551119999' }));
    expect((await guiClient(t, cast.adminB.token).get(`/accounts/${id}`)).statusCode).toBe(404);
    expect((await tenantAdmin.post('/cids', { active: 1, phone: '+15551119999', first_name: 'Again', type: 'cid', username: '+15551119999' })).statusCode).toBe(409);
  });
});
