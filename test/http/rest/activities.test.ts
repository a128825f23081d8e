import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../helpers/databases.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { createTenant, createUser, PASSWORD, seedCast, type Cast } from '../../helpers/fixtures.ts';

interface Row {
  activitylog_id: number;
  id: number;
  user_id: number;
  tenant_id: number | null;
  username: string;
  activities: string;
  action: string;
  ip_address: string;
  date: number;
}

describe.each(databaseKinds)('activity log on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let adminId: number;
  let phoneUser: number;
  const now = () => Math.floor(Date.now() / 1000);
  const rows = async (url: string, token: string) => (await t.api('GET', url, { token })).json() as Row[];

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    adminId = (await t.api('GET', '/api/get_user', { token: cast.admin })).json().user_id;
    await t.api('PUT', `/api/users/${cast.userA.id}`, { token: cast.userA.token, body: { first_name: 'Alice', last_name: 'Smith' } });
    await t.api('PUT', `/api/users/${cast.userA.id}/config/dnd`, { token: cast.userA.token, body: true });
    // A name that starts like a formula but is a phone number, and text that needs CSV quoting.
    phoneUser = await createUser(t, cast.admin, { username: '+15551234', tenant_id: cast.tenantA });
    await t.login('+15551234', PASSWORD);
    await createTenant(t, cast.admin, { name: 'Initech "Quoted", Ltd', domain: 'initech.test' });
  });
  afterAll(() => t?.close());

  it("an end user reads its own activity, newest first, in ICTCore's shape", async () => {
    const res = await t.api('GET', `/api/users/activities/${cast.userA.id}`, { token: cast.userA.token });
    expect(res.statusCode).toBe(200);
    const list = res.json() as Row[];
    expect(list.map((r) => r.action)).toEqual(['user_config', 'user_updated', 'login']);
    expect(res.headers['x-total-count']).toBe('3');
    const login = list[2];
    expect(login).toMatchObject({ user_id: cast.userA.id, tenant_id: cast.tenantA, username: 'user-a', activities: 'Logged In', ip_address: expect.any(String) });
    expect(login.activitylog_id).toBe(login.id);
    expect(Math.abs(login.date - now())).toBeLessThan(600);
    expect(list[1].activities).toContain('firstName, lastName');
  });

  // ICTPBX's /users/activities/:user_id is the System Activities screen of the user in the path
  // (every entry the viewer may see, filtered by user_id); /users/activity/:user_id is that user's own.
  it("/users/activity answers the user's own log, as /users/activities filtered by user_id does", async () => {
    const a = await rows(`/api/users/activities/${cast.adminA.id}?user_id=${cast.userA.id}`, cast.adminA.token);
    const b = await rows(`/api/users/activity/${cast.userA.id}`, cast.adminA.token);
    expect(b).toEqual(a);
    expect(new Set(b.map((r) => r.user_id))).toEqual(new Set([cast.userA.id]));
  });

  it.each([
    ['end user A on user B', 'userA', 'userB', 404],
    ['tenant admin of A on user A', 'adminA', 'userA', 200],
    ['tenant admin of A on user B', 'adminA', 'userB', 404],
    ['tenant admin of B on user A', 'adminB', 'userA', 404],
    ['super-admin on user B', 'admin', 'userB', 200],
  ] as const)('%s answers %s', async (_name, actor, target, status) => {
    const token = actor === 'admin' ? cast.admin : cast[actor].token;
    for (const url of [`/api/users/activities/${cast[target].id}`, `/api/users/activity/${cast[target].id}`, `/api/users/act/csv/${cast[target].id}`]) {
      const res = await t.api('GET', url, { token });
      expect(res.statusCode, url).toBe(status);
      if (status === 404) expect(res.body).not.toContain('Logged In');
    }
  });

  it('anonymous callers get 401', async () => {
    expect((await t.api('GET', `/api/users/activities/${cast.userA.id}`)).statusCode).toBe(401);
    expect((await t.api('GET', `/api/users/act/csv/${cast.userA.id}`)).statusCode).toBe(401);
  });

  it("filters by action and time, pages and sorts (a user's own log)", async () => {
    const url = `/api/users/activity/${cast.userA.id}`;
    expect((await rows(`${url}?action=login`, cast.admin)).map((r) => r.action)).toEqual(['login']);
    expect(await rows(`${url}?before=0`, cast.admin)).toEqual([]);
    expect(await rows(`${url}?after=${now() + 3600}`, cast.admin)).toEqual([]);
    expect(await rows(`${url}?after=${now() - 3600}&before=${now() + 3600}`, cast.admin)).toHaveLength(3);
    expect((await rows(`${url}?sort=date`, cast.admin)).map((r) => r.action)).toEqual(['login', 'user_updated', 'user_config']);
    const page = await t.api('GET', `${url}?limit=1&offset=1`, { token: cast.admin });
    expect(page.json().map((r: Row) => r.action)).toEqual(['user_updated']);
    expect(page.headers['x-total-count']).toBe('3');
    const bad = await t.api('GET', `${url}?after=yesterday`, { token: cast.admin });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('after');
  });

  describe('CSV export', () => {
    it('is a CSV download with a header row, oldest first', async () => {
      const res = await t.api('GET', `/api/users/act/csv/${cast.userA.id}`, { token: cast.userA.token });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="activity-${cast.userA.id}.csv"`);
      const lines = res.body.trimEnd().split('\r\n');
      expect(lines[0]).toBe('id,user_id,username,activities,date,action,ip_address,tenant_id');
      expect(lines).toHaveLength(4);
      expect(lines[1]).toMatch(new RegExp(`^\\d+,${cast.userA.id},user-a,Logged In,\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z,login,[^,]*,${cast.tenantA}$`));
      expect(lines[2]).toContain('"Update User [user-a -ID:' + cast.userA.id + ']: firstName, lastName"');
    });

    it('quotes cells with commas and quotes, and defuses cells a spreadsheet would run as formulas', async () => {
      const admin = (await t.api('GET', `/api/users/act/csv/${adminId}`, { token: cast.admin })).body;
      expect(admin).toContain('"Add New Tenant Initech ""Quoted"", Ltd (initech.test)"');
      const phone = (await t.api('GET', `/api/users/act/csv/${phoneUser}?user_id=${phoneUser}`, { token: cast.adminA.token })).body;
      const login = phone.split('\r\n').find((l) => l.includes(',login,'));
      // A phone number is a number to a spreadsheet, not a formula: it stays as it is.
      expect(login).toContain(`,${phoneUser},+15551234,Logged In,`);
    });

    it('takes the same filters', async () => {
      const res = await t.api('GET', `/api/users/act/csv/${cast.userA.id}?action=user_config`, { token: cast.admin });
      const lines = res.body.trimEnd().split('\r\n');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(',user_config,');
    });
  });
});
