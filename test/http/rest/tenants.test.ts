import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../helpers/databases.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';

describe.each(databaseKinds)('tenants on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp(kind, { TENANT_DOMAIN_SUFFIX: '.pbx.test' });
    cast = await seedCast(t);
  });
  afterAll(() => t?.close());

  it('super-admin creates a tenant whose domain is derived from its name', async () => {
    const res = await t.api('POST', '/api/tenants', { token: cast.admin, body: { name: 'Zoë & Co Ltd' } });
    expect(res.statusCode).toBe(200);
    const read = await t.api('GET', `/api/tenants/${res.json()}`, { token: cast.admin });
    // active is '1'/'0': the ICTPBX tenant form's radios hold the strings and Angular matches them strictly.
    expect(read.json()).toMatchObject({ name: 'Zoë & Co Ltd', domain: 'zoe-co-ltd.pbx.test', active: '1' });
    expect(read.json().domain_uuid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a taken domain answers 409 and creates nothing', async () => {
    const before = (await t.api('GET', '/api/tenants', { token: cast.admin })).headers['x-total-count'];
    const res = await t.api('POST', '/api/tenants', { token: cast.admin, body: { name: 'Again', domain: 'ACME.test' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 409 });
    expect((await t.api('GET', '/api/tenants', { token: cast.admin })).headers['x-total-count']).toBe(before);
  });

  it('a bad body answers 400 naming the field', async () => {
    const res = await t.api('POST', '/api/tenants', { token: cast.admin, body: { name: 'X', max_concurrent_calls: -1 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('max_concurrent_calls');
    const bad = await t.api('POST', '/api/tenants', { token: cast.admin, body: { name: 'X', domain: 'not a domain' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('domain');
  });

  it('updates the fraud limit as in the reference example', async () => {
    const res = await t.api('PUT', `/api/tenants/${cast.tenantA}`, { token: cast.admin, body: { max_concurrent_calls: 10, credit_alert_threshold: 5 } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ max_concurrent_calls: 10, credit_alert_threshold: 5 });
  });

  it('tenant admin of A sees only tenant A', async () => {
    const list = await t.api('GET', '/api/tenants', { token: cast.adminA.token });
    expect(list.statusCode).toBe(200);
    expect(list.json().map((x: { tenant_id: number }) => x.tenant_id)).toEqual([cast.tenantA]);
    expect((await t.api('GET', `/api/tenants/${cast.tenantA}`, { token: cast.adminA.token })).statusCode).toBe(200);
    const other = await t.api('GET', `/api/tenants/${cast.tenantB}`, { token: cast.adminA.token });
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('globex');
  });

  it('tenant admin cannot create, update or delete tenants', async () => {
    expect((await t.api('POST', '/api/tenants', { token: cast.adminA.token, body: { name: 'Mine' } })).statusCode).toBe(403);
    expect((await t.api('PUT', `/api/tenants/${cast.tenantA}`, { token: cast.adminA.token, body: { max_concurrent_calls: 99 } })).statusCode).toBe(403);
    expect((await t.api('DELETE', `/api/tenants/${cast.tenantB}`, { token: cast.adminA.token })).statusCode).toBe(404);
  });

  it('an end user cannot read tenants', async () => {
    expect((await t.api('GET', '/api/tenants', { token: cast.userA.token })).statusCode).toBe(403);
  });

  it('lists page, sort and filter with the total in X-Total-Count', async () => {
    const res = await t.api('GET', '/api/tenants?limit=1&offset=1&sort=-name', { token: cast.admin });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toHaveLength(1);
    expect(Number(res.headers['x-total-count'])).toBeGreaterThanOrEqual(3);
    const filtered = await t.api('GET', '/api/tenants?domain=globex.test', { token: cast.admin });
    expect(filtered.json().map((x: { name: string }) => x.name)).toEqual(['Globex']);
    expect((await t.api('GET', '/api/tenants?sort=secret', { token: cast.admin })).statusCode).toBe(400);
    expect((await t.api('GET', '/api/tenants?limit=100000', { token: cast.admin })).statusCode).toBe(400);
  });

  it('deleting a tenant cascades to its users', async () => {
    const id = await t.api('POST', '/api/tenants', { token: cast.admin, body: { name: 'Doomed', domain: 'doomed.test' } });
    const user = await t.api('POST', '/api/users', { token: cast.admin, body: { username: 'doomed-user', password: 'Str0ng-Passw0rd!', tenant_id: id.json() } });
    expect(user.statusCode).toBe(200);
    expect((await t.api('DELETE', `/api/tenants/${id.json()}`, { token: cast.admin })).statusCode).toBe(200);
    expect((await t.api('GET', `/api/users/${user.json()}`, { token: cast.admin })).statusCode).toBe(404);
  });

  it('unknown routes answer the error envelope', async () => {
    const res = await t.api('GET', '/api/no-such-thing', { token: cast.admin });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 404 } });
  });
});
