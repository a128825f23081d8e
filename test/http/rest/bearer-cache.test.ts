// Resolving a token reads nothing once its user has been seen, and still every revocation,
// disabling and change of grants takes effect on the very next request: each write that changes
// what a token may do drops what the node kept about it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { createTenant, createUser, PASSWORD, roleId } from '../../helpers/fixtures.ts';

describe.each(databaseKinds)('the bearer cache on $name', (kind) => {
  let t: TestApp;
  let admin: string;
  let acme: number;
  let globex: number;
  let tenantRead: number;
  let made = 0;

  /** A new end user of Acme (or `tenant`), logged in, its token already used once (so cached). */
  async function member(tenant = acme, body: Record<string, unknown> = {}) {
    const username = `member-${++made}`;
    const id = await createUser(t, admin, { username, tenant_id: tenant, ...body });
    const token = await t.login(username, PASSWORD);
    expect(await status(token)).toBe(200);
    return { id, username, token };
  }

  const status = async (token: string, url = '/api/get_user') => (await t.api('GET', url, { token })).statusCode;

  beforeAll(async () => {
    t = await createTestApp(kind, { LOGIN_RATE_PER_MINUTE: '1000' });
    admin = await t.adminToken();
    acme = await createTenant(t, admin, { name: 'Acme', domain: 'acme.test' });
    globex = await createTenant(t, admin, { name: 'Globex', domain: 'globex.test' });
    tenantRead = (await t.app.services.repos.permissions.findByName('tenant_read'))!.id;
  });
  afterAll(() => t?.close());

  it('a token seen before is resolved without a single SQL statement', async () => {
    const { token } = await member();
    t.queries.length = 0;
    const res = await t.gql('{ __typename }', {}, token);
    expect(res.data).toEqual({ __typename: 'Query' });
    expect(t.queries).toEqual([]);
  });

  it('an admin cancelling a user’s sessions refuses its token on the next request', async () => {
    const user = await member();
    expect((await t.api('POST', `/api/authenticate/cancel/${user.id}`, { token: admin })).statusCode).toBe(200);
    expect(await status(user.token)).toBe(401);
    expect(await status(await t.login(user.username, PASSWORD))).toBe(200);
  });

  it('logging out (cancelling one’s own sessions) refuses the token at once', async () => {
    const user = await member();
    expect((await t.api('POST', `/api/authenticate/cancel/${user.id}`, { token: user.token })).statusCode).toBe(200);
    expect(await status(user.token)).toBe(401);
  });

  it('a new password refuses the tokens issued before it', async () => {
    const user = await member();
    const res = await t.api('PUT', `/api/users/${user.id}`, { token: admin, body: { password: 'N3w-Passw0rd!' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(await status(user.token)).toBe(401);
    expect(await status(await t.login(user.username, 'N3w-Passw0rd!'))).toBe(200);
  });

  it('disabling a user refuses its token at once, and enabling it lets the same token in again', async () => {
    const user = await member();
    expect((await t.api('PUT', `/api/users/${user.id}`, { token: admin, body: { active: false } })).statusCode).toBe(200);
    const refused = await t.api('GET', '/api/get_user', { token: user.token });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.message).toBe('User account is disabled');
    expect((await t.api('PUT', `/api/users/${user.id}`, { token: admin, body: { active: true } })).statusCode).toBe(200);
    expect(await status(user.token)).toBe(200);
  });

  it('disabling a tenant refuses its users’ tokens at once, and enabling it lets them in again', async () => {
    const initech = await createTenant(t, admin, { name: 'Initech', domain: 'initech.test' });
    const user = await member(initech);
    expect((await t.api('PUT', `/api/tenants/${initech}`, { token: admin, body: { active: false } })).statusCode).toBe(200);
    const refused = await t.api('GET', '/api/get_user', { token: user.token });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.message).toBe('Tenant is disabled');
    expect((await t.api('PUT', `/api/tenants/${initech}`, { token: admin, body: { active: true } })).statusCode).toBe(200);
    expect(await status(user.token)).toBe(200);
  });

  it('deleting a user, or the tenant it belongs to, refuses its token at once', async () => {
    const user = await member();
    expect((await t.api('DELETE', `/api/users/${user.id}`, { token: admin })).statusCode).toBe(200);
    expect(await status(user.token)).toBe(401);
    const hooli = await createTenant(t, admin, { name: 'Hooli', domain: 'hooli.test' });
    const another = await member(hooli);
    expect((await t.api('DELETE', `/api/tenants/${hooli}`, { token: admin })).statusCode).toBe(200);
    expect(await status(another.token)).toBe(401);
  });

  it('a permission detached from a role is gone from its holders’ next request, and back once attached', async () => {
    const role = await t.api('POST', '/api/roles', { token: admin, body: { name: 'auditor' } });
    expect(role.statusCode, role.body).toBe(200);
    const auditor = role.json();
    expect((await t.api('PUT', `/api/roles/${auditor}/permissions/${tenantRead}`, { token: admin })).statusCode).toBe(200);
    const user = await member(acme, { role_ids: [await roleId(t, 'user'), auditor] });
    expect(await status(user.token, `/api/tenants/${acme}`)).toBe(200);
    expect((await t.api('DELETE', `/api/roles/${auditor}/permissions/${tenantRead}`, { token: admin })).statusCode).toBe(200);
    expect(await status(user.token, `/api/tenants/${acme}`)).toBe(403);
    expect((await t.api('PUT', `/api/roles/${auditor}/permissions/${tenantRead}`, { token: admin })).statusCode).toBe(200);
    expect(await status(user.token, `/api/tenants/${acme}`)).toBe(200);
    expect((await t.api('DELETE', `/api/users/${user.id}/roles/${auditor}`, { token: admin })).statusCode).toBe(200);
    expect(await status(user.token, `/api/tenants/${acme}`)).toBe(403);
  });

  it('a permission granted to or revoked from the user itself counts from its next request', async () => {
    const user = await member();
    expect(await status(user.token, `/api/tenants/${acme}`)).toBe(403);
    expect((await t.api('PUT', `/api/users/${user.id}/permissions/${tenantRead}`, { token: admin })).statusCode).toBe(200);
    expect(await status(user.token, `/api/tenants/${acme}`)).toBe(200);
    expect((await t.api('DELETE', `/api/users/${user.id}/permissions/${tenantRead}`, { token: admin })).statusCode).toBe(200);
    expect(await status(user.token, `/api/tenants/${acme}`)).toBe(403);
  });

  it('a user moved to another tenant acts in the new one from its next request', async () => {
    const user = await member(acme, { role_ids: [await roleId(t, 'tenant')] });
    expect(await status(user.token, `/api/tenants/${acme}`)).toBe(200);
    expect(await status(user.token, `/api/tenants/${globex}`)).toBe(404);
    expect((await t.api('PUT', `/api/users/${user.id}`, { token: admin, body: { tenant_id: globex } })).statusCode).toBe(200);
    expect(await status(user.token, `/api/tenants/${acme}`)).toBe(404);
    expect(await status(user.token, `/api/tenants/${globex}`)).toBe(200);
  });
});
