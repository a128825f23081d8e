import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../../src/infra/change-bus.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';

describe.each(databaseKinds)('providers and gateways on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let shared: number;
  const createProvider = async (token: string, body: Record<string, unknown>): Promise<number> => {
    const res = await t.api('POST', '/api/providers', { token, body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    shared = await createProvider(cast.admin, { name: 'Carrier', host: 'sip.carrier.example', username: 'acct', password: 'Trunk-S3cret', service_flag: 3 });
  });
  afterAll(() => t?.close());

  it('the super-admin creates a shared trunk; its password is stored encrypted and never shown', async () => {
    const res = await t.api('GET', `/api/providers/${shared}`, { token: cast.admin });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      provider_id: shared,
      tenant_id: null,
      name: 'Carrier',
      host: 'sip.carrier.example',
      port: 5060,
      register: 'true',
      register_transport: 'udp',
      profile: 'external',
      service_flag: 3,
      active: '1',
      enabled: 'true',
    });
    expect(res.json()).not.toHaveProperty('password');
    expect(res.body).not.toContain('Trunk-S3cret');
    const row = (await t.app.database.db.provider.findUniqueOrThrow({ where: { id: shared } }));
    expect(row.passwordEnc).not.toContain('Trunk-S3cret');
    expect(t.app.services.secrets.open(row.passwordEnc)).toBe('Trunk-S3cret');
  });

  it('tenants see shared trunks and their own, never another tenant’s', async () => {
    const mine = await createProvider(cast.adminA.token, { name: 'Acme trunk', host: '203.0.113.10', port: 5080, register_transport: 'tcp' });
    expect((await t.api('GET', `/api/providers/${mine}`, { token: cast.adminA.token })).json().tenant_id).toBe(cast.tenantA);
    const listA = (await t.api('GET', '/api/providers', { token: cast.adminA.token })).json().map((p: { provider_id: number }) => p.provider_id);
    expect(listA).toEqual(expect.arrayContaining([shared, mine]));
    const listB = (await t.api('GET', '/api/providers', { token: cast.adminB.token })).json().map((p: { provider_id: number }) => p.provider_id);
    expect(listB).toContain(shared);
    expect(listB).not.toContain(mine);
    expect((await t.api('GET', `/api/providers/${mine}`, { token: cast.adminB.token })).statusCode).toBe(404);
    expect((await t.api('PUT', `/api/providers/${mine}`, { token: cast.adminB.token, body: { name: 'x' } })).statusCode).toBe(404);
    expect((await t.api('GET', `/api/providers/${shared}`, { token: cast.adminB.token })).statusCode).toBe(200);
  });

  it('shared trunks are the super-admin’s to change', async () => {
    expect((await t.api('PUT', `/api/providers/${shared}`, { token: cast.adminA.token, body: { name: 'Mine now' } })).statusCode).toBe(403);
    expect((await t.api('DELETE', `/api/providers/${shared}`, { token: cast.adminA.token })).statusCode).toBe(403);
    expect((await t.api('POST', '/api/providers', { token: cast.adminA.token, body: { name: 'x', host: 'h.example', tenant_id: cast.tenantB } })).statusCode).toBe(403);
    expect((await t.api('GET', '/api/providers', { token: cast.userA.token })).statusCode).toBe(403);
  });

  it('?service_flag= filters bitwise: 2 lists the fax-capable trunks', async () => {
    const voice = await createProvider(cast.admin, { name: 'Voice only', host: 'voice.example', service_flag: 1 });
    const fax = await createProvider(cast.admin, { name: 'Fax only', host: 'fax.example', service_flag: 2 });
    const ids = (await t.api('GET', '/api/providers?service_flag=2', { token: cast.admin })).json().map((p: { provider_id: number }) => p.provider_id);
    expect(ids).toEqual(expect.arrayContaining([shared, fax]));
    expect(ids).not.toContain(voice);
    expect((await t.api('GET', '/api/providers?service_flag=0', { token: cast.admin })).statusCode).toBe(400);
  });

  it('bad fields answer 400 naming the field', async () => {
    for (const [body, field] of [
      [{ name: 'x', host: 'not a host' }, 'host'],
      [{ name: 'x', host: 'h.example', port: 70000 }, 'port'],
      [{ name: 'x', host: 'h.example', register_transport: 'sctp' }, 'register_transport'],
      [{ name: 'x', host: 'h.example', type: 'smtp' }, 'type'],
      [{ name: 'x', host: 'h.example', context: 'globex.test' }, 'context'],
      [{ name: 'x', host: '2001:db8::1::2' }, 'host'],
      [{ name: 'x', host: 'h.example', realm: 'bad realm!' }, 'realm'],
      [{ name: 'x', host: 'h.example', profile: 'ext ernal' }, 'profile'],
      [{ host: 'h.example' }, 'name'],
    ] as const) {
      const res = await t.api('POST', '/api/providers', { token: cast.admin, body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.message).toContain(field);
    }
  });

  it('gateways are the same rows under FusionPBX names, addressed by gateway_uuid', async () => {
    const res = await t.api('POST', '/api/gateways', {
      token: cast.adminA.token,
      body: { gateway: 'acme-gw', proxy: 'gw.acme.example:5070', username: 'acme', password: 'Gw-pass-1', register: 'false', caller_id_in_from: 'true', ping: '30', context: 'public', enabled: 'true' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const uuid = res.json();
    expect(uuid).toMatch(/^[0-9a-f-]{36}$/);
    const gateway = await t.api('GET', `/api/gateways/${uuid}`, { token: cast.adminA.token });
    expect(gateway.json()).toMatchObject({ gateway_uuid: uuid, gateway: 'acme-gw', proxy: 'gw.acme.example:5070', register: 'false', caller_id_in_from: 'true', ping: '30', enabled: 'true', context: 'public', profile: 'external' });
    expect(gateway.json()).not.toHaveProperty('password');
    const provider = await t.api('GET', `/api/providers/${gateway.json().provider_id}`, { token: cast.adminA.token });
    expect(provider.json()).toMatchObject({ name: 'acme-gw', host: 'gw.acme.example', port: 5070, register: 'false', caller_id_in_from: 'true', ping: 30, tenant_id: cast.tenantA });
    const updated = await t.api('PUT', `/api/gateways/${uuid}`, { token: cast.adminA.token, body: { enabled: 'false', proxy: '[2001:db8::1]:5060' } });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ enabled: 'false', proxy: '[2001:db8::1]' });
    const list = await t.api('GET', '/api/gateways', { token: cast.adminB.token });
    expect(list.json().map((g: { gateway_uuid: string }) => g.gateway_uuid)).not.toContain(uuid);
    expect((await t.api('GET', `/api/gateways/${uuid}`, { token: cast.adminB.token })).statusCode).toBe(404);
    expect((await t.api('DELETE', `/api/gateways/${uuid}`, { token: cast.adminA.token })).json()).toBe(true);
    expect((await t.api('GET', `/api/providers/${gateway.json().provider_id}`, { token: cast.adminA.token })).statusCode).toBe(404);
  });

  it('a trunk used by outbound routes cannot be deleted', async () => {
    const provider = await createProvider(cast.adminA.token, { name: 'Busy trunk', host: 'busy.example' });
    const route = await t.api('POST', '/api/routes', { token: cast.adminA.token, body: { name: 'All', pattern: '^(\\d+)$', provider_id: provider } });
    expect(route.statusCode, route.body).toBe(200);
    const res = await t.api('DELETE', `/api/providers/${provider}`, { token: cast.adminA.token });
    expect(res.statusCode).toBe(409);
    expect((await t.api('GET', `/api/routes/${route.json()}`, { token: cast.adminA.token })).statusCode).toBe(200);
  });

  it('writes publish a provider change', async () => {
    const seen: Change[] = [];
    const stop = t.app.services.changes.subscribe((c) => seen.push(c));
    try {
      const id = await createProvider(cast.adminB.token, { name: 'B trunk', host: 'b.example' });
      await t.api('PUT', `/api/providers/${id}`, { token: cast.adminB.token, body: { password: 'New-pass-2' } });
      expect(seen).toEqual([
        { entity: 'provider', tenantId: cast.tenantB, id },
        { entity: 'provider', tenantId: cast.tenantB, id },
      ]);
      const sealed = (await t.app.database.db.provider.findUniqueOrThrow({ where: { id } })).passwordEnc;
      expect(t.app.services.secrets.open(sealed)).toBe('New-pass-2');
    } finally {
      stop();
    }
  });
});
