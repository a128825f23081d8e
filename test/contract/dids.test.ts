// The ICTPBX client's DID screens, call by call (ictinnovations/ictpbx-community-edition-gui,
// src/app/pages/did/: did.service.ts makes the calls, did-component.ts and did-form-component.ts
// build them; the newer src/app/pages/dids/dids.service.ts too). A DID is an ICTCore account of
// type "did": the list reads phone, first_name, account_id and created_by (matched to GET /users'
// user_id with ===); edit and assign go through /accounts/:account_id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { seedCast, type Cast } from '../helpers/fixtures.ts';
import { answer, guiClient, type GuiClient } from './gui-client.ts';

describe.each(databaseKinds)('ICTPBX client: DIDs on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let admin: GuiClient;
  let tenantAdmin: GuiClient;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    admin = guiClient(t, cast.admin);
    tenantAdmin = guiClient(t, cast.adminA.token);
  }, 120_000);
  afterAll(() => t?.close());

  it('did-form-component.ts: POST /dids with its body (number input, type, username) creates the DID', async () => {
    answer(await admin.post('/dids', { active: 1, phone: 15550001000, first_name: 'Sales line', type: 'did', username: 15550001000 }));
    const [did] = answer(await admin.get('/dids?phone=15550001000'));
    expect(did).toMatchObject({ phone: '15550001000', first_name: 'Sales line', type: 'did', active: 1, created_by: null });
    expect(typeof did.account_id).toBe('number');
  });

  it('did-batch: one POST /dids per number of a range, with the batch form fields', async () => {
    for (let n = 15550002000; n <= 15550002002; n++) {
      answer(await admin.post('/dids', { active: 1, phone: n, username: n, first_name: `Batch ${n}`, type: 'did', title: 'Batch', range_from: 15550002000, range_to: 15550002002 }));
    }
    expect(answer(await admin.get('/dids?first_name=Batch'))).toHaveLength(3);
  });

  it('did-component.ts: pages from pageIndex=0 with pageSize, counts with ?totalrows (a bare number), searches by phone', async () => {
    const total = answer(await admin.get('/dids?totalrows'));
    expect(typeof total).toBe('number');
    expect(total).toBeGreaterThanOrEqual(4);
    const first = answer(await admin.get('/dids?pageSize=2&pageIndex=0'));
    expect(first).toHaveLength(2);
    // The client asks for pageIndex + 1 once it has shown what it holds, and appends.
    const next = answer(await admin.get('/dids?pageSize=2&pageIndex=2'));
    expect(next.map((d: { account_id: number }) => d.account_id)).not.toContain(first[0].account_id);
    expect(answer(await admin.get('/dids?phone=15550002001')).map((d: { phone: string }) => d.phone)).toEqual(['15550002001']);
  });

  it('did-assign: the owner is set with DELETE /accounts/:id/users then PUT /accounts/:id/users/:user_id (the DID as body), and matches GET /users by ===', async () => {
    const [did] = answer(await admin.get('/dids?phone=15550001000'));
    answer(await admin.put(`/accounts/${did.account_id}`, { ...did, tenant_id: cast.tenantA }));
    const loaded = answer(await tenantAdmin.get(`/accounts/${did.account_id}`));
    expect(loaded).toMatchObject({ account_id: did.account_id, tenant_id: cast.tenantA, phone: '15550001000' });
    answer(await tenantAdmin.delete(`/accounts/${did.account_id}/users`));
    answer(await tenantAdmin.put(`/accounts/${did.account_id}/users/${cast.userA.id}`, loaded));
    const [row] = answer(await tenantAdmin.get('/dids?phone=15550001000'));
    const users = answer(await tenantAdmin.get('/users'));
    expect(users.find((u: { user_id: unknown }) => u.user_id === row.created_by)?.username).toBe('user-a');
    // Another tenant's user cannot be given the DID.
    expect((await tenantAdmin.put(`/accounts/${did.account_id}/users/${cast.userB.id}`, loaded)).statusCode).toBe(404);
  });

  it('did-form-component.ts (edit): GET /accounts/:id, then PUT /accounts/:id with the loaded object and the edit', async () => {
    const [did] = answer(await tenantAdmin.get('/dids?phone=15550001000'));
    const loaded = answer(await tenantAdmin.get(`/accounts/${did.account_id}`));
    const saved = answer(await tenantAdmin.put(`/accounts/${did.account_id}`, { ...loaded, first_name: 'Support line' }));
    expect(saved).toMatchObject({ first_name: 'Support line', phone: '15550001000', created_by: cast.userA.id });
    // A field no DID has is refused, naming it.
    const unknown = await tenantAdmin.put(`/accounts/${did.account_id}`, { ...loaded, colour: 'red' });
    expect(unknown.statusCode).toBe(400);
    expect(answer(unknown, 400).error.message).toContain('colour');
  });

  it('dids.service.ts (newer form): POST /dids with phone, tenant_id, description and domain; PUT /dids/:id/assign with fax_account_id 0', async () => {
    const id = answer(await admin.post('/dids', { phone: '+15550003000', tenant_id: cast.tenantB, description: 'Globex main', domain: 'globex.test' }));
    expect(answer(await admin.get(`/dids/${id}`))).toMatchObject({ id, phone: '15550003000', tenant_id: cast.tenantB, tenant_name: 'Globex', domain: 'globex.test' });
    answer(await admin.put(`/dids/${id}/assign`, { fax_account_id: 0 }));
    expect(answer(await admin.post('/dids', { phone: '+15550003001', tenant_id: cast.tenantB, domain: 'acme.test' }), 400).error.message).toContain('domain');
  });

  it('did-component.ts: DELETE /dids/:account_id with a JSON content type and no body answers JSON true', async () => {
    const [did] = answer(await admin.get('/dids?phone=15550002002'));
    expect(answer(await admin.delete(`/dids/${did.account_id}`))).toBe(true);
    expect((await admin.get(`/accounts/${did.account_id}`)).statusCode).toBe(404);
  });

  it("a tenant admin sees its own DIDs only, and another tenant's DID is not found", async () => {
    const ids = answer(await tenantAdmin.get('/dids')).map((d: { tenant_id: number }) => d.tenant_id);
    expect(new Set(ids)).toEqual(new Set([cast.tenantA]));
    const [theirs] = answer(await admin.get('/dids?phone=15550003000'));
    expect((await tenantAdmin.get(`/accounts/${theirs.account_id}`)).statusCode).toBe(404);
  });
});
