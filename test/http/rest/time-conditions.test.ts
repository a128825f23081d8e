// Time conditions through REST and GraphQL: validation (a 400 naming the field, nothing written),
// scoping per role (another tenant's is not found), destinations checked within the tenant, the
// time_condition destination kind, and the 409s of numbers and of a target something points at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';
import { codeOf, dataOf, firstError } from '../../helpers/graphql.ts';

describe.each(databaseKinds)('time conditions REST and GraphQL on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let uuid: string;
  const post = (token: string, body: Record<string, unknown>) => t.api('POST', '/api/time_conditions', { token, body });
  const count = async () => (await t.app.database.db.timeCondition.count()) as number;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    for (const [token, extension] of [
      [cast.adminA.token, '1001'],
      [cast.adminB.token, '2001'],
    ]) {
      const res = await t.api('POST', '/api/fpbx_extensions', { token, body: { extension, password: 'Secret-pass-7' } });
      expect(res.statusCode, res.body).toBe(200);
    }
    const res = await post(cast.adminA.token, { tc_name: 'Office', tc_extension: '5000', tc_open_destination: '1001', tc_timezone: 'europe/paris' });
    expect(res.statusCode, res.body).toBe(200);
    uuid = res.json().dialplan_uuid;
    expect(res.json().tc_timezone).toBe('Europe/Paris');
  }, 120_000);
  afterAll(() => t?.close());

  it.each([
    [{ tc_timezone: 'Mars/Olympus_Mons' }, 'tc_timezone'],
    [{ tc_timezone: '${system(id)}' }, 'tc_timezone'],
    [{ tc_date_start: '2026-02-30' }, 'tc_date_start'],
    [{ tc_date_start: '2026-05-02', tc_date_stop: '2026-05-01' }, 'tc_date_stop'],
    [{ tc_holidays: ['2026-12-26/2026-12-24'] }, 'tc_holidays/0'],
    [{ tc_holidays: ['25/12/2026'] }, 'tc_holidays/0'],
    [{ tc_time_start: '09:00', tc_time_stop: '09:00' }, 'tc_time_stop'],
    [{ tc_time_stop: '25:00' }, 'tc_time_stop'],
    [{ tc_wday_start: 'monday' }, 'tc_wday_start'],
    [{ tc_context: 'globex.test' }, 'tc_context'],
    [{ tc_open_destination: '2001' }, 'tc_open_destination'],
    [{ tc_open_destination: '9196' }, 'tc_open_destination'],
    [{ tc_open_destination: '5001' }, 'tc_open_destination'],
    [{ tc_open_destination: '1002', tc_open_destination_type: 'extension' }, 'tc_open_destination'],
    [{ tc_open_destination: '*991001', tc_open_destination_type: 'extension' }, 'tc_open_destination'],
    [{ tc_open_destination: '${x}' }, 'tc_open_destination'],
    [{ tc_closed_destination: '5001', tc_closed_destination_type: 'time_condition' }, 'tc_closed_destination'],
    [{ tc_closed_destination: '00', tc_closed_destination_type: 'banana' }, 'tc_closed_destination_type'],
    [{ tc_enabled: 'yes' }, 'tc_enabled'],
    [{ surprise: 1 }, 'surprise'],
  ])('refuses %j naming %s, writing nothing', async (edits, field) => {
    const before = await count();
    const res = await post(cast.adminA.token, { tc_name: 'Bad', tc_extension: '5001', ...edits });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.message).toContain(field);
    expect(await count()).toBe(before);
  });

  it('an outside number needs the external kind; a time condition can point at another', async () => {
    const ext = await post(cast.adminA.token, { tc_name: 'Out', tc_extension: '5002', tc_open_destination: '+15551230000', tc_open_destination_type: 'external', tc_closed_destination: '5000' });
    expect(ext.statusCode, ext.body).toBe(200);
    expect(ext.json()).toMatchObject({ tc_open_destination_type: 'external', tc_closed_destination_type: 'time_condition' });
    // 5002 points at 5000: 5000 cannot go; once 5002 points elsewhere it can be renumbered.
    expect((await t.api('DELETE', `/api/time_conditions/${uuid}`, { token: cast.adminA.token })).statusCode).toBe(409);
    const moved = await t.api('PUT', `/api/time_conditions/${ext.json().dialplan_uuid}`, { token: cast.adminA.token, body: { tc_closed_destination: '' } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ tc_closed_destination: '', tc_closed_destination_type: '' });
    expect((await t.api('DELETE', `/api/time_conditions/${ext.json().dialplan_uuid}`, { token: cast.adminA.token })).statusCode).toBe(200);
  });

  it('time_condition is a destination kind DIDs are checked against', async () => {
    const bad = await t.api('POST', '/api/dids', { token: cast.admin, body: { phone: '15550001111', tenant_id: cast.tenantA, destination_type: 'time_condition', destination_value: '5999' } });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().error.message).toContain('destination_value');
    const other = await t.api('POST', '/api/dids', { token: cast.admin, body: { phone: '15550001111', tenant_id: cast.tenantB, destination_type: 'time_condition', destination_value: '5000' } });
    expect(other.statusCode, other.body).toBe(400);
  });

  it('scoping: another tenant’s is not found, an end user may not, a tenant admin names no other tenant', async () => {
    for (const [method, body] of [['GET'], ['PUT', { tc_name: 'Mine' }], ['DELETE']] as const) {
      const res = await t.api(method, `/api/time_conditions/${uuid}`, { token: cast.adminB.token, body });
      expect(res.statusCode, `${method} ${res.body}`).toBe(404);
    }
    expect((await t.api('GET', '/api/time_conditions', { token: cast.userA.token })).statusCode).toBe(403);
    expect((await post(cast.userA.token, { tc_name: 'X', tc_extension: '5003' })).statusCode).toBe(403);
    expect((await post(cast.adminA.token, { tc_name: 'X', tc_extension: '5003', tenant_id: cast.tenantB })).statusCode).toBe(403);
    expect((await post(cast.admin, { tc_name: 'X', tc_extension: '5003' })).statusCode).toBe(400);
    const same = await post(cast.adminB.token, { tc_name: 'Same number, other tenant', tc_extension: '5000' });
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json()).toMatchObject({ tc_context: 'globex.test', tenant_id: cast.tenantB });
  });

  it('GraphQL: the same service, names in camelCase, the same errors', async () => {
    const { createTimeCondition } = dataOf(
      await t.gql(
        'mutation { createTimeCondition(input: { tcName: "Support", tcExtension: "5010", tcWdayStart: "sat", tcWdayStop: "sun", tcOpenDestination: "1001", tcTimezone: "Asia/Kolkata", tcHolidays: ["2026-12-25"] }) { dialplanUuid tcName tcExtension tcEnabled tcContext tcOpenDestinationType tcTimezone tcHolidays } }',
        {},
        cast.adminA.token,
      ),
    );
    expect(createTimeCondition).toMatchObject({ tcName: 'Support', tcExtension: '5010', tcEnabled: true, tcContext: 'acme.test', tcOpenDestinationType: 'extension', tcTimezone: 'Asia/Kolkata', tcHolidays: ['2026-12-25'] });
    const id = createTimeCondition.dialplanUuid;
    const list = dataOf(await t.gql('{ timeConditions(sort: extension) { total items { tcExtension } } }', {}, cast.adminA.token));
    expect(list.timeConditions).toEqual({ total: 2, items: [{ tcExtension: '5000' }, { tcExtension: '5010' }] });
    const { updateTimeCondition } = dataOf(await t.gql('mutation ($id: ID!) { updateTimeCondition(id: $id, input: { tcEnabled: false, tcTimeStop: "12:00" }) { tcEnabled tcTimeStop } }', { id }, cast.adminA.token));
    expect(updateTimeCondition).toEqual({ tcEnabled: false, tcTimeStop: '12:00' });
    const bad = firstError(await t.gql('mutation ($id: ID!) { updateTimeCondition(id: $id, input: { tcTimezone: "Nowhere/Atall" }) { tcTimezone } }', { id }, cast.adminA.token));
    expect(bad.extensions.code).toBe(400);
    expect(bad.message).toContain('tcTimezone');
    expect(codeOf(await t.gql('mutation { createTimeCondition(input: { tcName: "Dup", tcExtension: "1001" }) { dialplanUuid } }', {}, cast.adminA.token))).toBe(409);
    expect(codeOf(await t.gql('query ($id: ID!) { timeCondition(id: $id) { tcName } }', { id }, cast.adminB.token))).toBe(404);
    expect(dataOf(await t.gql('mutation ($id: ID!) { deleteTimeCondition(id: $id) }', { id }, cast.adminA.token))).toEqual({ deleteTimeCondition: true });
  });
});
