// The ICTPBX client's activity calls (ictinnovations/ictpbx-community-edition-gui):
// - src/app/pages/activities/activities.component.ts ("System Activities", through
//   src/app/pages/user/user.service.ts): GET /users/activities/<own id>?<filter> with
//   &from=/&to= (unix seconds), &tenant_id=, &user_id=, a tenant admin's own &tenant_id, and
//   &pageSize=10&pageIndex=0; the count GET /users/activities/<own id>?totalrows&null (its empty
//   filter printed as `null`), read as a bare number; exportact: GET /users/act/csv/<own id>?<filter>.
//   It reads user_id, username, ip_address, activities and date (date * 1000, a number).
// - src/app/pages/user/user-component.ts (a user's activity modal): GET /users/activity/:user_id,
//   the same fields.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { seedCast, type Cast } from '../helpers/fixtures.ts';
import { answer, guiClient, type GuiClient } from './gui-client.ts';

interface Row {
  user_id: number | null;
  tenant_id: number | null;
  username: string;
  ip_address: string;
  activities: string;
  date: number;
}

const now = () => Math.floor(Date.now() / 1000);

function expectRows(rows: Row[]) {
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) {
    expect(r).toEqual(expect.objectContaining({ username: expect.any(String), ip_address: expect.any(String), activities: expect.any(String), date: expect.any(Number) }));
    expect(Math.abs(r.date - now())).toBeLessThan(3600);
  }
}

describe.each(databaseKinds)('ICTPBX client: activities on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let adminId: number;
  let admin: GuiClient;
  let tenantAdmin: GuiClient;
  let endUser: GuiClient;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    adminId = (await t.api('GET', '/api/get_user', { token: cast.admin })).json().user_id;
    admin = guiClient(t, cast.admin);
    tenantAdmin = guiClient(t, cast.adminA.token);
    endUser = guiClient(t, cast.userA.token);
  }, 120_000);
  afterAll(() => t?.close());

  it('activities.component.ts ngOnInit: the super-admin lists every entry from pageIndex=0 and counts them with ?totalrows&null', async () => {
    const rows = answer(await admin.get(`/users/activities/${adminId}?&pageSize=10&pageIndex=0`)) as Row[];
    expectRows(rows);
    expect(rows.length).toBeLessThanOrEqual(10);
    const total = answer(await admin.get(`/users/activities/${adminId}?totalrows&null`));
    expect(typeof total).toBe('number');
    // Everyone's logins are in the super-admin's view.
    const all = answer(await admin.get(`/users/activities/${adminId}?&pageSize=100&pageIndex=0`)) as Row[];
    expect(all).toHaveLength(total);
    expect(all.map((r) => r.user_id)).toEqual(expect.arrayContaining([adminId, cast.adminA.id, cast.userA.id, cast.userB.id]));
  });

  it('activities.component.ts setFilter: from/to, tenant_id and user_id narrow the list', async () => {
    const today = now() - 3600;
    const byUser = answer(await admin.get(`/users/activities/${adminId}?&from=${today}&to=${now() + 3600}&user_id=${cast.userA.id}&pageSize=10&pageIndex=0`)) as Row[];
    expectRows(byUser);
    expect(new Set(byUser.map((r) => r.user_id))).toEqual(new Set([cast.userA.id]));
    const byTenant = answer(await admin.get(`/users/activities/${adminId}?&tenant_id=${cast.tenantB}&pageSize=10&pageIndex=0`)) as Row[];
    expectRows(byTenant);
    expect(new Set(byTenant.map((r) => r.tenant_id))).toEqual(new Set([cast.tenantB]));
    expect(answer(await admin.get(`/users/activities/${adminId}?&from=${now() + 3600}`))).toEqual([]);
  });

  it("activities.component.ts as a tenant admin: its own id and &tenant_id answer its tenant's entries only, counted the same way", async () => {
    const rows = answer(await tenantAdmin.get(`/users/activities/${cast.adminA.id}?&tenant_id=${cast.tenantA}&pageSize=10&pageIndex=0`)) as Row[];
    expectRows(rows);
    expect(new Set(rows.map((r) => r.tenant_id))).toEqual(new Set([cast.tenantA]));
    expect(typeof answer(await tenantAdmin.get(`/users/activities/${cast.adminA.id}?totalrows&null&tenant_id=${cast.tenantA}`))).toBe('number');
    // Another tenant's entries stay out of reach, whatever it names.
    expect(answer(await tenantAdmin.get(`/users/activities/${cast.adminA.id}?&tenant_id=${cast.tenantB}`))).toEqual([]);
    expect(answer(await tenantAdmin.get(`/users/activities/${cast.adminA.id}?&user_id=${cast.userB.id}`))).toEqual([]);
  });

  it('activities.component.ts as an end user: its own entries only', async () => {
    const rows = answer(await endUser.get(`/users/activities/${cast.userA.id}?&pageSize=10&pageIndex=0`)) as Row[];
    expectRows(rows);
    expect(new Set(rows.map((r) => r.user_id))).toEqual(new Set([cast.userA.id]));
    expect((await endUser.get(`/users/activities/${cast.userB.id}?`)).statusCode).toBe(404);
  });

  it('user.service.ts exportact: GET /users/act/csv/<own id>?<filter> downloads a CSV named in Content-Disposition', async () => {
    const res = await tenantAdmin.get(`/users/act/csv/${cast.adminA.id}?&user_id=${cast.userA.id}&tenant_id=${cast.tenantA}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/filename="[^"]+\.csv"/);
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.split(',')[1] === String(cast.userA.id))).toBe(true);
    expect((await admin.get(`/users/act/csv/${adminId}?`)).statusCode).toBe(200);
  });

  it("user-component.ts showActivityModal: GET /users/activity/:user_id answers that user's entries", async () => {
    const rows = answer(await tenantAdmin.get(`/users/activity/${cast.userA.id}`)) as Row[];
    expectRows(rows);
    expect(new Set(rows.map((r) => r.user_id))).toEqual(new Set([cast.userA.id]));
    expect((await tenantAdmin.get(`/users/activity/${cast.userB.id}`)).statusCode).toBe(404);
  });

  it('a query field the screens never send is refused, naming it', async () => {
    expect(answer(await admin.get(`/users/activities/${adminId}?colour=red`), 400).error.message).toContain('colour');
  });
});
