import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../helpers/databases.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';

describe.each(databaseKinds)('permissions on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
  });
  afterAll(() => t?.close());

  const create = (body: unknown, token = cast.admin) => t.api('POST', '/api/permissions', { token, body });

  it.each(['admin', 'adminA', 'userA'] as const)('%s reads the catalogue', async (who) => {
    const res = await t.api('GET', '/api/permissions?limit=500', { token: who === 'admin' ? cast.admin : cast[who].token });
    expect(res.statusCode).toBe(200);
    const names = res.json().map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['super_admin', 'user', 'user_create', 'role_read']));
    expect(res.json()[0]).toEqual({ permission_id: expect.any(Number), name: expect.any(String), description: expect.any(String) });
    expect(Number(res.headers['x-total-count'])).toBe(names.length);
  });

  it('filters by name, pages and sorts', async () => {
    const one = await t.api('GET', '/api/permissions?name=user_create', { token: cast.admin });
    expect(one.json().map((p: { name: string }) => p.name)).toEqual(['user_create']);
    const page = await t.api('GET', '/api/permissions?sort=-name&limit=2&offset=1', { token: cast.admin });
    expect(page.json()).toHaveLength(2);
    const all = (await t.api('GET', '/api/permissions?sort=-name&limit=500', { token: cast.admin })).json();
    expect(page.json()).toEqual(all.slice(1, 3));
    expect((await t.api('GET', '/api/permissions?sort=description', { token: cast.admin })).statusCode).toBe(400);
  });

  it('the super-admin defines a permission; it answers the bare id and appears in the catalogue', async () => {
    const res = await create({ name: 'fax_send_bulk', description: 'Send to many' });
    expect(res.statusCode).toBe(200);
    const id = res.json();
    expect(typeof id).toBe('number');
    const listed = await t.api('GET', '/api/permissions?name=fax_send_bulk', { token: cast.adminA.token });
    expect(listed.json()).toEqual([{ permission_id: id, name: 'fax_send_bulk', description: 'Send to many' }]);
  });

  it('a taken name answers 409', async () => {
    const res = await create({ name: 'user_create' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 409 } });
  });

  it('validation errors answer 400 naming the field', async () => {
    for (const [body, field] of [
      [{}, 'name'],
      [{ name: 'Bad-Name' }, 'name'],
      [{ name: 'x' }, 'name'],
      [{ name: '9lives' }, 'name'],
      [{ name: 'ok_name', description: 'x'.repeat(1025) }, 'description'],
    ] as const) {
      const res = await create(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.message).toContain(field);
    }
    expect((await t.api('GET', '/api/permissions?name=Bad-Name', { token: cast.admin })).json()).toEqual([]);
  });

  it.each(['adminA', 'userA'] as const)('%s cannot define permissions: 403', async (who) => {
    expect((await create({ name: `by_${who.toLowerCase()}` }, cast[who].token)).statusCode).toBe(403);
  });

  it('anonymous callers get 401', async () => {
    expect((await t.api('GET', '/api/permissions')).statusCode).toBe(401);
  });
});
