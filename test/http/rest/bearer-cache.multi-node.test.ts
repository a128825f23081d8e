// Two Switchyard nodes on one PostgreSQL database, each keeping what resolving a token checks in
// memory: a revocation, a disabling or a change of grants made through one node is refused by the
// other as soon as the change notice reaches it (LISTEN/NOTIFY), and a node that lost its
// listening connection forgets everything it kept once it is back.
import { generate } from 'otplib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LISTENER_NAME } from '../../../src/infra/pg-change-bus.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { createTenant, createUser, PASSWORD, roleId } from '../../helpers/fixtures.ts';
import { createPeerApp, type PeerApp } from '../../helpers/peer-app.ts';
import { until } from '../../helpers/wait.ts';

const postgres = databaseKinds.filter((k) => k.name === 'postgresql');
// Generous: the notice crosses the database on a loaded machine.
const NOTICE_TIMEOUT = 60_000;

// Without TEST_DATABASE_URL there is no PostgreSQL to share: the suite shows as skipped.
describe.skipIf(postgres.length === 0)('the bearer cache on two nodes sharing one PostgreSQL database', () => {
  let a: TestApp;
  let b: PeerApp;
  let admin: string;
  let acme: number;
  let tenantRead: number;
  let made = 0;

  const statusOn = async (app: PeerApp['app'], token: string, url = '/api/get_user') =>
    (await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })).statusCode;
  /** Resolves once node B answers `expected` (polling: the notice arrives on its own time). */
  const nodeBAnswers = (expected: number, token: string, url?: string) => until(async () => (await statusOn(b.app, token, url)) === expected, 20);

  /** A new end user of `tenant`, logged in on A, its token already cached on both nodes. */
  async function member(tenant = acme, body: Record<string, unknown> = {}) {
    const username = `member-${++made}`;
    const id = await createUser(a, admin, { username, tenant_id: tenant, ...body });
    const token = await a.login(username, PASSWORD);
    expect(await statusOn(a.app, token)).toBe(200);
    expect(await statusOn(b.app, token)).toBe(200);
    return { id, username, token };
  }

  beforeAll(async () => {
    a = await createTestApp(postgres[0], { LOGIN_RATE_PER_MINUTE: '1000' });
    b = await createPeerApp(a);
    admin = await a.adminToken();
    acme = await createTenant(a, admin, { name: 'Acme', domain: 'acme.test' });
    tenantRead = (await a.app.services.repos.permissions.findByName('tenant_read'))!.id;
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('sessions cancelled on node A are refused by node B', { timeout: NOTICE_TIMEOUT }, async () => {
    const user = await member();
    expect((await a.api('POST', `/api/authenticate/cancel/${user.id}`, { token: admin })).statusCode).toBe(200);
    expect(await statusOn(a.app, user.token)).toBe(401);
    await nodeBAnswers(401, user.token);
  });

  it('a logout on node B is refused by node A', { timeout: NOTICE_TIMEOUT }, async () => {
    const user = await member();
    const res = await b.app.inject({ method: 'POST', url: `/api/authenticate/cancel/${user.id}`, headers: { authorization: `Bearer ${user.token}` } });
    expect(res.statusCode).toBe(200);
    await until(async () => (await statusOn(a.app, user.token)) === 401, 20);
  });

  it('a password changed on node A refuses the older tokens on node B', { timeout: NOTICE_TIMEOUT }, async () => {
    const user = await member();
    expect((await a.api('PUT', `/api/users/${user.id}`, { token: admin, body: { password: 'N3w-Passw0rd!' } })).statusCode).toBe(200);
    await nodeBAnswers(401, user.token);
  });

  it("a user's own password change on node A keeps its token on node B and ends its other sessions there", { timeout: NOTICE_TIMEOUT }, async () => {
    const user = await member();
    const other = await a.login(user.username, PASSWORD);
    expect(await statusOn(b.app, other)).toBe(200);
    const res = await a.api('PUT', '/api/password/users', { token: user.token, body: { password: 'N3w-Passw0rd!', confirmPassword: 'N3w-Passw0rd!' } });
    expect(res.statusCode, res.body).toBe(200);
    await nodeBAnswers(401, other);
    expect(await statusOn(b.app, user.token)).toBe(200);
  });

  it('a second factor given on node A lets the pending token in on node B', { timeout: NOTICE_TIMEOUT }, async () => {
    const user = await member();
    const { secret } = (await a.api('POST', '/api/user/totpqrcode', { token: user.token })).json();
    expect((await a.api('POST', '/api/user/totp/verify', { token: user.token, body: { code: await generate({ secret }) } })).statusCode).toBe(200);
    const pending = (await a.api('POST', '/api/authenticate', { body: { username: user.username, password: PASSWORD } })).json().token as string;
    expect(await statusOn(b.app, pending)).toBe(428);
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    expect((await a.api('POST', '/api/user/totp/verify', { token: pending, body: { code } })).statusCode).toBe(200);
    expect(await statusOn(b.app, pending)).toBe(200);
  });

  it('a user disabled on node A is refused by node B, and let in again once enabled', { timeout: NOTICE_TIMEOUT }, async () => {
    const user = await member();
    expect((await a.api('PUT', `/api/users/${user.id}`, { token: admin, body: { active: false } })).statusCode).toBe(200);
    await nodeBAnswers(401, user.token);
    expect((await a.api('PUT', `/api/users/${user.id}`, { token: admin, body: { active: true } })).statusCode).toBe(200);
    await nodeBAnswers(200, user.token);
  });

  it('a tenant disabled on node A has its users refused by node B, and let in again once enabled', { timeout: NOTICE_TIMEOUT }, async () => {
    const initech = await createTenant(a, admin, { name: 'Initech', domain: 'initech.test' });
    const user = await member(initech);
    expect((await a.api('PUT', `/api/tenants/${initech}`, { token: admin, body: { active: false } })).statusCode).toBe(200);
    await nodeBAnswers(401, user.token);
    expect((await a.api('PUT', `/api/tenants/${initech}`, { token: admin, body: { active: true } })).statusCode).toBe(200);
    await nodeBAnswers(200, user.token);
  });

  it('a user deleted on node A is refused by node B', { timeout: NOTICE_TIMEOUT }, async () => {
    const user = await member();
    expect((await a.api('DELETE', `/api/users/${user.id}`, { token: admin })).statusCode).toBe(200);
    await nodeBAnswers(401, user.token);
  });

  it('a permission detached from a role on node A is gone on node B', { timeout: NOTICE_TIMEOUT }, async () => {
    const role = await a.api('POST', '/api/roles', { token: admin, body: { name: 'auditor' } });
    const auditor = role.json();
    expect((await a.api('PUT', `/api/roles/${auditor}/permissions/${tenantRead}`, { token: admin })).statusCode).toBe(200);
    const user = await member(acme, { role_ids: [await roleId(a, 'user'), auditor] });
    expect(await statusOn(b.app, user.token, `/api/tenants/${acme}`)).toBe(200);
    expect((await a.api('DELETE', `/api/roles/${auditor}/permissions/${tenantRead}`, { token: admin })).statusCode).toBe(200);
    await nodeBAnswers(403, user.token, `/api/tenants/${acme}`);
  });

  it('node B forgets what it kept once its lost listening connection is back', { timeout: NOTICE_TIMEOUT }, async () => {
    const user = await member();
    // A revocation B cannot hear: straight into the database, no notice.
    await a.app.database.db.user.update({ where: { id: user.id }, data: { tokenVersion: { increment: 1 } } });
    expect(await statusOn(b.app, user.token)).toBe(200);
    const dba = new pg.Client({ connectionString: a.config.databaseUrl });
    await dba.connect();
    try {
      await dba.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()', [LISTENER_NAME]);
    } finally {
      await dba.end();
    }
    await nodeBAnswers(401, user.token);
  });
});
