import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/domain/shared/csv.ts';
import type { Change } from '../../../src/infra/change-bus.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';

const HEADER = 'route_id,tenant_id,name,destination_id,pattern,strip,prepend,priority,provider_id,service_flag,toll_type,cost,active,description';

describe.each(databaseKinds)('outbound routes on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let shared: number;
  let providerA: number;
  let providerB: number;

  const post = async (token: string, url: string, body: unknown) => t.api('POST', url, { token, body });
  const createRoute = async (token: string, body: Record<string, unknown>): Promise<number> => {
    const res = await post(token, '/api/routes', body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const count = async (token: string) => Number((await t.api('GET', '/api/routes?limit=1', { token })).headers['x-total-count']);
  const importCsv = (token: string, csv: string, query = '') =>
    t.app.inject({ method: 'POST', url: `/api/routes/csv${query}`, payload: csv, headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' } });

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    const provider = async (token: string, name: string) => (await post(token, '/api/providers', { name, host: `${name}.example` })).json();
    shared = await provider(cast.admin, 'shared');
    providerA = await provider(cast.adminA.token, 'acme');
    providerB = await provider(cast.adminB.token, 'globex');
  });
  afterAll(() => t?.close());

  it('a tenant admin creates a route through its own or a shared provider', async () => {
    const id = await createRoute(cast.adminA.token, { name: 'US', pattern: '^\\+?1?([2-9]\\d{9})$', strip: 1, prepend: '1', priority: 10, provider_id: providerA, toll_type: 'domestic', cost: 0.01 });
    const read = await t.api('GET', `/api/routes/${id}`, { token: cast.adminA.token });
    expect(read.json()).toMatchObject({ route_id: id, tenant_id: cast.tenantA, provider_id: providerA, pattern: '^\\+?1?([2-9]\\d{9})$', strip: 1, prepend: '1', priority: 10, toll_type: 'domestic', cost: 0.01, active: 1, service_flag: 1 });
    await createRoute(cast.adminA.token, { name: 'Any', pattern: '^(\\d+)$', provider_id: shared });
    const other = await post(cast.adminA.token, '/api/routes', { name: 'Theirs', pattern: '^1$', provider_id: providerB });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.message).toContain('provider_id');
  });

  it('patterns must be valid regular expressions', async () => {
    for (const pattern of ['([0-9', '(?i)abc', '^1 2$', '\\u0041']) {
      const res = await post(cast.adminA.token, '/api/routes', { name: 'Bad', pattern, provider_id: providerA });
      expect(res.statusCode, pattern).toBe(400);
      expect(res.json().error.message).toContain('pattern');
    }
  });

  it('tenant B never sees tenant A’s routes; shared routes are visible but the super-admin’s', async () => {
    const a = await createRoute(cast.adminA.token, { name: 'A only', pattern: '^9(\\d+)$', provider_id: providerA });
    const sharedRoute = await createRoute(cast.admin, { name: 'Everyone', pattern: '^00(\\d+)$', provider_id: shared });
    expect((await t.api('GET', `/api/routes/${a}`, { token: cast.adminB.token })).statusCode).toBe(404);
    expect((await t.api('DELETE', `/api/routes/${a}`, { token: cast.adminB.token })).statusCode).toBe(404);
    const listB = (await t.api('GET', '/api/routes?limit=500', { token: cast.adminB.token })).json().map((r: { route_id: number }) => r.route_id);
    expect(listB).toContain(sharedRoute);
    expect(listB).not.toContain(a);
    expect((await t.api('PUT', `/api/routes/${sharedRoute}`, { token: cast.adminB.token, body: { cost: 9 } })).statusCode).toBe(403);
    const sharedOnOwnProvider = await post(cast.admin, '/api/routes', { name: 'Shared via A', pattern: '^1$', provider_id: providerA });
    expect(sharedOnOwnProvider.statusCode).toBe(400);
    expect((await t.api('GET', '/api/routes', { token: cast.userA.token })).statusCode).toBe(403);
  });

  it('bulk creates all routes or none, reporting each bad item by index', async () => {
    const before = await count(cast.adminA.token);
    const bad = await post(cast.adminA.token, '/api/routes/bulk', [
      { name: 'ok', pattern: '^1(\\d+)$', provider_id: providerA },
      { name: 'bad regex', pattern: '([', provider_id: providerA },
      { name: 'no provider', pattern: '^2$' },
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.errors).toEqual([
      expect.objectContaining({ index: 1, field: 'pattern' }),
      expect.objectContaining({ index: 2, field: 'provider_id' }),
    ]);
    expect(await count(cast.adminA.token)).toBe(before);
    const good = await post(cast.adminA.token, '/api/routes/bulk', [
      { name: 'one', pattern: '^1(\\d+)$', provider_id: providerA },
      { name: 'two', pattern: '^2(\\d+)$', provider_id: shared, priority: 5 },
    ]);
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toBe('2 Routes added.');
    expect(await count(cast.adminA.token)).toBe(before + 2);
  });

  it('a CSV with a bad row reports the row by line and imports nothing', async () => {
    const before = await count(cast.adminB.token);
    const csv = [
      'name,pattern,provider_id,cost',
      `Good,^5(\\d+)$,${providerB},0.5`,
      `Bad regex,^(5,${providerB},0.5`,
      `Bad cost,^6$,${providerB},cheap`,
      `Foreign,^7$,${providerA},1`,
      '',
    ].join('\r\n');
    const res = await importCsv(cast.adminB.token, csv);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.errors).toEqual([
      expect.objectContaining({ line: 3, field: 'pattern' }),
      expect.objectContaining({ line: 4, field: 'cost' }),
      expect.objectContaining({ line: 5, field: 'provider_id' }),
    ]);
    expect(res.json().error.message).toContain('line 3');
    expect(await count(cast.adminB.token)).toBe(before);

    const partial = await importCsv(cast.adminB.token, csv, '?partial=true');
    expect(partial.statusCode, partial.body).toBe(200);
    expect(partial.json().created).toHaveLength(1);
    expect(partial.json().errors.map((e: { line: number }) => e.line)).toEqual([3, 4, 5]);
    expect(await count(cast.adminB.token)).toBe(before + 1);
  });

  it('CSV export and import round-trip quotes, commas and line breaks', async () => {
    const name = 'Intl, "premium"';
    const description = 'Says "hi",\nthen leaves';
    const id = await createRoute(cast.adminB.token, { name, pattern: '^011(\\d{6,15})$', provider_id: providerB, description, toll_type: 'international' });
    const exported = await t.api('GET', '/api/routes/csv', { token: cast.adminB.token });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('text/csv');
    expect(exported.headers['content-disposition']).toContain('routes.csv');
    expect(exported.body.startsWith(`${HEADER}\r\n`)).toBe(true);
    const records = parseCsv(exported.body);
    const row = records.find((r) => r.fields[0] === String(id))!;
    expect(row.fields).toEqual([String(id), String(cast.tenantB), name, '', '^011(\\d{6,15})$', '0', '', '100', String(providerB), '1', 'international', '0', '1', description]);

    const edited = exported.body.replace('Says ""hi""', 'Now says ""bye""');
    const again = await t.app.inject({ method: 'POST', url: '/api/routes/csv', payload: { csv: edited }, headers: { authorization: `Bearer ${cast.adminB.token}` } });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().created).toEqual([]);
    expect(again.json().updated).toEqual([id]);
    expect(again.json().unchanged.length).toBeGreaterThan(0);
    expect((await t.api('GET', `/api/routes/${id}`, { token: cast.adminB.token })).json()).toMatchObject({ name, description: 'Now says "bye",\nthen leaves' });
  });

  it('a CSV cannot update another tenant’s route', async () => {
    const a = await createRoute(cast.adminA.token, { name: 'A private', pattern: '^8$', provider_id: providerA });
    const res = await importCsv(cast.adminB.token, `route_id,name,pattern,provider_id\n${a},Stolen,^8$,${providerB}\n`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.errors).toEqual([expect.objectContaining({ line: 2, field: 'route_id' })]);
    expect((await t.api('GET', `/api/routes/${a}`, { token: cast.adminA.token })).json().name).toBe('A private');
  });

  it('malformed CSV answers 400', async () => {
    expect((await importCsv(cast.adminA.token, 'name,pattern\n"unclosed,^1$\n')).statusCode).toBe(400);
    expect((await importCsv(cast.adminA.token, 'name,colour\nx,red\n')).json().error.message).toContain('colour');
    expect((await importCsv(cast.adminA.token, 'name,pattern,provider_id\n')).statusCode).toBe(400);
  });

  it('the sample CSV names every column and parses', async () => {
    const res = await t.api('GET', '/api/routes/sample/csv', { token: cast.adminA.token });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const records = parseCsv(res.body);
    expect(records[0].fields.join(',')).toBe(HEADER);
    expect(records.length).toBeGreaterThan(1);
  });

  it('per service and provider: export filters, import fills blank cells and refuses others', async () => {
    const fax = await createRoute(cast.adminA.token, { name: 'Fax out', pattern: '^4(\\d+)$', provider_id: providerA, service_flag: 2 });
    await createRoute(cast.adminA.token, { name: 'Voice out', pattern: '^4(\\d+)$', provider_id: providerA, service_flag: 1 });
    const exported = await t.api('GET', `/api/routes/2/${providerA}/csv`, { token: cast.adminA.token });
    expect(exported.statusCode).toBe(200);
    const ids = parseCsv(exported.body).slice(1).map((r) => Number(r.fields[0]));
    expect(ids).toEqual([fax]);
    const imported = await t.app.inject({
      method: 'POST',
      url: `/api/routes/2/${providerA}/csv`,
      payload: 'name,pattern,provider_id\nFax two,^3(\\d+)$,\n',
      headers: { authorization: `Bearer ${cast.adminA.token}`, 'content-type': 'text/csv' },
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const created = (await t.api('GET', `/api/routes/${imported.json().created[0]}`, { token: cast.adminA.token })).json();
    expect(created).toMatchObject({ provider_id: providerA, service_flag: 2 });
    const clash = await t.app.inject({
      method: 'POST',
      url: `/api/routes/2/${providerA}/csv`,
      payload: `name,pattern,provider_id\nOther,^3$,${shared}\n`,
      headers: { authorization: `Bearer ${cast.adminA.token}`, 'content-type': 'text/csv' },
    });
    expect(clash.statusCode).toBe(400);
    expect(clash.json().error.errors[0]).toMatchObject({ line: 2, field: 'provider_id' });
  });

  it('writes publish a route change', async () => {
    const seen: Change[] = [];
    const stop = t.app.services.changes.subscribe((c) => seen.push(c));
    try {
      const id = await createRoute(cast.adminA.token, { name: 'Published', pattern: '^7(\\d+)$', provider_id: providerA });
      expect(seen).toEqual([{ entity: 'route', tenantId: cast.tenantA, id }]);
      await importCsv(cast.adminA.token, `name,pattern,provider_id\nCSV,^71$,${providerA}\n`);
      expect(seen[1]).toEqual({ entity: 'route', tenantId: cast.tenantA });
    } finally {
      stop();
    }
  });
});
