// What probing found: input that answered 500 or wrote half a change. Every one is a 400 in the
// envelope (a 403 where the actor oversteps), and nothing is written.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { PASSWORD, seedCast, type Cast } from '../../helpers/fixtures.ts';
import { fetchXml } from '../../helpers/pbx-fixtures.ts';

describe.each(databaseKinds)('bad input on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
  }, 120_000);
  afterAll(() => t?.close());

  const expect400 = (res: { statusCode: number; json(): any }, field: RegExp) => {
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 400 });
    expect(res.json().error.message).toMatch(field);
  };

  it('a number that overflows ("1e999", 2^63, above PostgreSQL\'s int) is a 400 and writes nothing', async () => {
    const before = (await t.api('GET', '/api/password_policy', { token: cast.admin })).json();
    expect400(await t.api('POST', '/api/password_policy', { token: cast.admin, body: { min_length: '1e999' } }), /min_length/);
    expect400(await t.api('POST', '/api/password_policy', { token: cast.admin, body: { min_length: '-1e999' } }), /min_length/);
    expect((await t.api('GET', '/api/password_policy', { token: cast.admin })).json()).toEqual(before);
    const tenants = (await t.api('GET', '/api/tenants?limit=1', { token: cast.admin })).headers['x-total-count'];
    expect400(await t.api('POST', '/api/tenants', { token: cast.admin, body: { name: 'Big', max_concurrent_calls: 2 ** 40 } }), /max_concurrent_calls/);
    expect400(await t.api('POST', '/api/tenants', { token: cast.admin, body: { name: 'Big', max_concurrent_calls: '1e999' } }), /max_concurrent_calls/);
    expect((await t.api('GET', '/api/tenants?limit=1', { token: cast.admin })).headers['x-total-count']).toBe(tenants);
  });

  it.each(['1e999', '18446744073709551616', '9223372036854775808', '2147483648', 'Infinity'])('an id of %s in a path is a 400, for an end user too', async (id) => {
    expect400(await t.api('GET', `/api/users/${id}`, { token: cast.userA.token }), /params\/user_id/);
    expect400(await t.api('GET', `/api/tenants/${id}`, { token: cast.admin }), /params\/tenant_id/);
  });

  it('NUL in a body, a query or a login is a 400 naming where, also before any token', async () => {
    expect400(await t.api('POST', '/api/authenticate', { body: { username: 'admin\u0000', password: 'x' } }), /body\/username/);
    expect400(await t.api('POST', '/api/tenants', { token: cast.admin, body: { name: 'a\u0000b' } }), /body\/name.*NUL/);
    expect400(await t.api('GET', '/api/users?username=a%00b', { token: cast.admin }), /querystring\/username/);
    const gql = await t.gql('mutation($n: String!) { createTenant(input: { name: $n }) { id } }', { n: 'a\u0000b' }, cast.admin);
    expect(gql.errors?.[0].extensions.code).toBe(400);
  });

  it('NUL in a mod_xml_curl fetch is a 400, never a 500', async () => {
    const res = await fetchXml(t, 'section=directory&action=sip_auth&user=10%0000&domain=acme.test');
    expect(res.statusCode).toBe(400);
  });

  it('a field the route does not know is a 400 naming it, never dropped', async () => {
    expect400(await t.api('POST', '/api/tenants', { token: cast.admin, body: { name: 'Extra', bogus: 1 } }), /body\/bogus is not a field/);
    expect400(await t.api('PUT', `/api/users/${cast.userA.id}`, { token: cast.admin, body: { first_name: 'X', nickname: 'y' } }), /body\/nickname/);
    expect((await t.api('GET', `/api/users/${cast.userA.id}`, { token: cast.admin })).json().first_name).not.toBe('X');
  });

  it('a user update whose password fails the policy writes none of its other fields', async () => {
    const before = (await t.api('GET', `/api/users/${cast.userA.id}`, { token: cast.admin })).json();
    expect400(await t.api('PUT', `/api/users/${cast.userA.id}`, { token: cast.admin, body: { first_name: 'Changed', password: 'short' } }), /password/);
    expect((await t.api('GET', `/api/users/${cast.userA.id}`, { token: cast.admin })).json()).toEqual(before);
  });

  it("a tenant admin naming another tenant's tenant_id for a new user is refused, not moved into its own tenant", async () => {
    const res = await t.api('POST', '/api/users', { token: cast.adminA.token, body: { username: 'elsewhere', password: PASSWORD, tenant_id: cast.tenantB } });
    expect(res.statusCode).toBe(403);
    expect((await t.api('GET', '/api/users?username=elsewhere', { token: cast.admin })).json()).toEqual([]);
    expect((await t.api('POST', '/api/users', { token: cast.adminA.token, body: { username: 'at-home', password: PASSWORD, tenant_id: cast.tenantA } })).statusCode).toBe(200);
  });

  it("a 409 tells a tenant admin neither which field clashed nor whose it is; the super-admin learns which", async () => {
    const byUsername = await t.api('POST', '/api/users', { token: cast.adminA.token, body: { username: 'admin-b', password: PASSWORD } });
    const byEmail = await t.api('POST', '/api/users', { token: cast.adminA.token, body: { username: 'fresh-one', email: 'user-b@example.test', password: PASSWORD } });
    expect(byUsername.statusCode).toBe(409);
    expect(byEmail.statusCode).toBe(409);
    expect(byUsername.json().error.message).toBe(byEmail.json().error.message);
    expect(byUsername.body).not.toMatch(/admin-b|globex|tenant/i);
    expect((await t.api('POST', '/api/users', { token: cast.admin, body: { username: 'admin-b', password: PASSWORD } })).json().error.message).toBe('Username already exists');
  });

  it('token_payload refuses a revoked token', async () => {
    const token = await t.login('user-b', PASSWORD);
    expect((await t.api('POST', '/api/token_payload', { body: { token } })).statusCode).toBe(200);
    expect((await t.api('POST', `/api/authenticate/cancel/${cast.userB.id}`, { token })).statusCode).toBe(200);
    expect((await t.api('POST', '/api/token_payload', { body: { token } })).statusCode).toBe(401);
  });

  it('the routes CSV export defuses formulas, and importing the file back restores them', async () => {
    const provider = (await t.api('POST', '/api/providers', { token: cast.adminA.token, body: { name: 'Csv trunk', host: '198.51.100.9' } })).json();
    const create = await t.api('POST', '/api/routes', { token: cast.adminA.token, body: { name: '=HYPERLINK("http://evil")', pattern: '^7(\\d+)$', provider_id: provider, description: '@SUM(1)' } });
    expect(create.statusCode, create.body).toBe(200);
    const csv = (await t.api('GET', '/api/routes/csv', { token: cast.adminA.token })).body;
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).toContain(`'@SUM(1)`);
    const reimport = await t.app.inject({ method: 'POST', url: '/api/routes/csv', payload: csv, headers: { authorization: `Bearer ${cast.adminA.token}`, 'content-type': 'text/csv' } });
    expect(reimport.statusCode, reimport.body).toBe(200);
    const route = (await t.api('GET', `/api/routes/${create.json()}`, { token: cast.adminA.token })).json();
    expect(route).toMatchObject({ name: '=HYPERLINK("http://evil")', description: '@SUM(1)' });
  });
});

describe.each(databaseKinds)('what Switchyard keeps on disk and in its log, on $name', (kind) => {
  it('logs no password hash or sealed secret even when an error quotes one', async () => {
    const lines: string[] = [];
    const t = await createTestApp(kind, { LOG_LEVEL: 'info' }, { logStream: { write: (l) => void lines.push(l) } });
    try {
      const quoted = new Error('Invalid `db.user.create()` invocation: { passwordHash: "scrypt$16384$8$1$c2FsdA==$aGFzaA==", passwordEnc: "v1:aXY=:dGFn:ZGF0YQ==" }');
      t.app.log.error({ err: quoted }, 'database error');
      const logged = lines.join('');
      expect(logged).toContain('database error');
      expect(logged).toContain('[redacted]');
      expect(logged).not.toMatch(/scrypt\$|v1:aXY/);
    } finally {
      await t.close();
    }
  });

  it('keeps DATA_DIR to itself (0700), and on SQLite the database and its WAL (0600)', async () => {
    // A DATA_DIR left world-readable by an older version (or an operator) is closed too.
    const dataDir = join(mkdtempSync(join(tmpdir(), 'switchyard-open-')), 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const t = await createTestApp(kind, { DATA_DIR: dataDir });
    try {
      await t.api('POST', '/api/tenants', { token: await t.adminToken(), body: { name: 'Disk' } });
      const mode = (path: string) => statSync(path).mode & 0o777;
      expect(mode(t.config.dataDir)).toBe(0o700);
      if (kind.name === 'sqlite') {
        const db = t.config.databaseUrl.replace(/^file:/, '');
        expect(mode(db)).toBe(0o600);
        expect(existsSync(`${db}-wal`)).toBe(true);
        expect(mode(`${db}-wal`)).toBe(0o600);
        expect(mode(`${db}-shm`)).toBe(0o600);
      }
    } finally {
      await t.close();
      rmSync(dirname(dataDir), { recursive: true, force: true });
    }
  });
});
