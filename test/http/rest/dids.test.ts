import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../../src/infra/change-bus.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';

describe.each(databaseKinds)('DIDs and caller ids on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let provider: number;

  const call = (method: string, url: string, token: string, body?: unknown) => t.api(method, url, { token, body });
  const createDid = async (body: Record<string, unknown>): Promise<number> => {
    const res = await call('POST', '/api/dids', cast.admin, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    provider = (await call('POST', '/api/providers', cast.admin, { name: 'Carrier', host: 'carrier.example' })).json();
    expect((await call('POST', '/api/fpbx_extensions', cast.adminA.token, { extension: '1005' })).statusCode).toBe(200);
  });
  afterAll(() => t?.close());

  it('the super-admin creates DIDs (E.164, stored as digits); a taken number answers 409', async () => {
    const id = await createDid({ phone: '+15551230001', provider_id: provider, description: 'Main line' });
    const read = await call('GET', `/api/dids/${id}`, cast.admin);
    expect(read.json()).toMatchObject({ account_id: id, phone: '15551230001', username: '15551230001', type: 'did', tenant_id: null, provider_id: provider, destination_type: '', active: 1 });
    expect((await call('POST', '/api/dids', cast.admin, { phone: '15551230001' })).statusCode).toBe(409);
    const bad = await call('POST', '/api/dids', cast.admin, { phone: '555-1234' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('phone');
    expect((await call('POST', '/api/dids', cast.adminA.token, { phone: '15551239999' })).statusCode).toBe(403);
  });

  it('assigning to a tenant with an extension destination checks the extension exists there', async () => {
    const id = await createDid({ phone: '15551230002' });
    const missing = await call('PUT', `/api/dids/${id}/assign`, cast.admin, { tenant_id: cast.tenantA, destination_type: 'extension', destination_value: '4444' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('destination_value');
    const inB = await call('PUT', `/api/dids/${id}/assign`, cast.admin, { tenant_id: cast.tenantB, destination_type: 'extension', destination_value: '1005' });
    expect(inB.statusCode).toBe(400);
    const ok = await call('PUT', `/api/dids/${id}/assign`, cast.admin, { tenant_id: cast.tenantA, destination_type: 'extension', destination_value: '1005' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ tenant_id: cast.tenantA, destination_type: 'extension', destination_value: '1005' });
    const noTenant = await call('POST', '/api/dids', cast.admin, { phone: '15551230003', destination_type: 'external', destination_value: '15559870000' });
    expect(noTenant.statusCode).toBe(400);
    expect(noTenant.json().error.message).toContain('destination_type');
  });

  it('a tenant admin sees its DIDs and sets their destination, nothing more', async () => {
    const mine = await createDid({ phone: '15551230010', tenant_id: cast.tenantA });
    const theirs = await createDid({ phone: '15551230011', tenant_id: cast.tenantB });
    const stock = await createDid({ phone: '15551230012' });
    const list = (await call('GET', '/api/dids?limit=500', cast.adminA.token)).json().map((d: { account_id: number }) => d.account_id);
    expect(list).toContain(mine);
    expect(list).not.toContain(theirs);
    expect(list).not.toContain(stock);
    expect((await call('GET', `/api/dids/${theirs}`, cast.adminA.token)).statusCode).toBe(404);
    expect((await call('PUT', `/api/dids/${theirs}/assign`, cast.adminA.token, { destination_type: 'external', destination_value: '15550000000' })).statusCode).toBe(404);
    const set = await call('PUT', `/api/dids/${mine}/assign`, cast.adminA.token, { destination_type: 'external', destination_value: '+15559876543' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ destination_type: 'external', destination_value: '+15559876543' });
    const badExternal = await call('PUT', `/api/dids/${mine}/assign`, cast.adminA.token, { destination_type: 'external', destination_value: 'abc' });
    expect(badExternal.statusCode).toBe(400);
    expect((await call('PUT', `/api/dids/${mine}/assign`, cast.adminA.token, { tenant_id: cast.tenantB })).statusCode).toBe(403);
    expect((await call('PUT', `/api/dids/${mine}`, cast.adminA.token, { phone: '15551230099' })).statusCode).toBe(403);
    const described = await call('PUT', `/api/dids/${mine}`, cast.adminA.token, { description: 'Support', caller_id_prefix: 'SUP:' });
    expect(described.json()).toMatchObject({ description: 'Support', caller_id_prefix: 'SUP:' });
    expect((await call('DELETE', `/api/dids/${mine}`, cast.adminA.token)).statusCode).toBe(403);
    expect((await call('GET', '/api/dids', cast.userA.token)).statusCode).toBe(403);
  });

  it('moving a DID to another tenant clears its destination and tells both tenants', async () => {
    const id = await createDid({ phone: '15551230020', tenant_id: cast.tenantA, destination_type: 'extension', destination_value: '1005' });
    const seen: Change[] = [];
    const stop = t.app.services.changes.subscribe((c) => seen.push(c));
    try {
      const moved = await call('PUT', `/api/dids/${id}/assign`, cast.admin, { tenant_id: cast.tenantB });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json()).toMatchObject({ tenant_id: cast.tenantB, destination_type: '', destination_value: '' });
      expect(seen).toEqual([
        { entity: 'did', tenantId: cast.tenantA, id },
        { entity: 'did', tenantId: cast.tenantB, id },
      ]);
    } finally {
      stop();
    }
    const back = await call('PUT', `/api/dids/${id}/assign`, cast.admin, { tenant_id: null });
    expect(back.json().tenant_id).toBeNull();
    expect((await call('DELETE', `/api/dids/${id}`, cast.admin)).json()).toBe(true);
  });

  it('caller-id numbers belong to a tenant, unique within it', async () => {
    const res = await call('POST', '/api/cids', cast.adminA.token, { phone: '+15551110000', first_name: 'Acme main' });
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json();
    expect((await call('POST', '/api/cids', cast.adminA.token, { phone: '+15551110000' })).statusCode).toBe(409);
    expect((await call('POST', '/api/cids', cast.adminB.token, { phone: '+15551110000' })).statusCode).toBe(200);
    const list = await call('GET', '/api/cids', cast.adminA.token);
    expect(list.json()).toEqual([expect.objectContaining({ account_id: id, type: 'cid', tenant_id: cast.tenantA, phone: '+15551110000', first_name: 'Acme main', active: 1 })]);
    expect((await call('GET', `/api/cids/${id}`, cast.adminB.token)).statusCode).toBe(404);
    const bad = await call('POST', '/api/cids', cast.adminA.token, { phone: 'call me' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('phone');
    expect((await call('POST', '/api/cids', cast.admin, { phone: '15551110001' })).json().error.message).toContain('tenant_id');
    expect((await call('PUT', `/api/cids/${id}`, cast.adminA.token, { first_name: 'Acme HQ' })).json().first_name).toBe('Acme HQ');
  });
});
