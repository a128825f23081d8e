// Route patterns are run by FreeSWITCH (PCRE) on every call and by Switchyard on every dialplan
// fetch, against a number the caller picks. One pattern such as ^9(\d+)+$ against 28 digits froze
// the whole server for 1.8 s, doubling per digit. Only safe dial patterns are accepted (REST, CSV
// import and GraphQL), and one stored before that check is never run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';
import { answerOf, createProvider, createRoute, fetchXml } from '../../helpers/pbx-fixtures.ts';
import { findAll, parseXml } from '../../helpers/xml-tree.ts';

const EXPONENTIAL = ['^9(\\d+)+$', '^(\\d*)*$', '^(\\d|1)+$', '^(\\d+\\d)*#$', '^(\\d?){30}$'];
const POLYNOMIAL = ['^\\d*\\d*\\d*$'];
const ENGINE_DIFFERENCES = ['^\\d++$', '^[[:digit:]]+$', '^(?=1)\\d+$', '^(\\d)\\1$', '^[]1]$', '^1{$', '\\u0031'];
const SAFE = ['^9(\\d+)$', '^\\+?1?([2-9]\\d{9})$', '^(011\\d+)$', '^(911|112)$', '^(\\d{3})+$', '^(?:00|\\+)(\\d+)$', '^[*#]\\d{2,4}$', '^9(\\d+?)$'];

const dialplanFetch = (context: string, number: string) => ({
  section: 'dialplan',
  'Caller-Context': context,
  'Hunt-Context': context,
  'Caller-Destination-Number': number,
  'Hunt-Destination-Number': number,
});

describe.each(databaseKinds)('dial patterns on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let provider: number;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    provider = await createProvider(t, { name: 'Carrier', host: '198.51.100.20' });
  }, 120_000);
  afterAll(() => t?.close());

  it.each([...EXPONENTIAL, ...POLYNOMIAL, ...ENGINE_DIFFERENCES])('refuses %s on REST, naming the field', async (pattern) => {
    const res = await t.api('POST', '/api/routes', { token: cast.adminA.token, body: { name: 'Bad', pattern, provider_id: provider } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/pattern/);
  });

  it.each(SAFE)('accepts %s', async (pattern) => {
    const res = await t.api('POST', '/api/routes', { token: cast.adminA.token, body: { name: 'Good', pattern, provider_id: provider, active: false } });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('refuses an unsafe pattern through GraphQL and the CSV import too', async () => {
    const gql = await t.gql(
      'mutation($input: RouteCreateInput!) { createRoute(input: $input) { id } }',
      { input: { name: 'Bad', pattern: '^9(\\d+)+$', providerId: provider } },
      cast.adminA.token,
    );
    expect(gql.errors?.[0].extensions.code).toBe(400);
    const csv = `name,pattern,provider_id\nBad,^9(\\d+)+$,${provider}\n`;
    const res = await t.app.inject({ method: 'POST', url: '/api/routes/csv', payload: csv, headers: { authorization: `Bearer ${cast.adminA.token}`, 'content-type': 'text/csv' } });
    expect(res.statusCode).toBe(400);
  });

  it('never runs an unsafe pattern stored before the check, so a long number cannot stall the server', async () => {
    const route = await createRoute(t, { tenant_id: cast.tenantA, name: 'Legacy', pattern: '^9(\\d+)$', provider_id: provider });
    await t.app.database.db.route.update({ where: { id: route }, data: { pattern: '^9(\\d+)+$' } });
    await t.app.services.changes.publish({ entity: 'route', tenantId: cast.tenantA, id: route });
    // Backtracking engines take 2^40 steps to refuse this number against the stored pattern.
    const xml = await answerOf(fetchXml(t, dialplanFetch('acme.test', `9${'1'.repeat(40)}#`)));
    expect(findAll(parseXml(xml), 'extension').map((e) => e.attrs.name)).not.toContain(`outbound-${route}`);
    expect((await t.api('GET', '/healthz')).statusCode).toBe(200);
  });

  it('a number longer than 128 characters matches no pattern', async () => {
    await createRoute(t, { tenant_id: cast.tenantA, name: 'Any', pattern: '^(\\d+)$', provider_id: provider });
    const short = parseXml(await answerOf(fetchXml(t, dialplanFetch('acme.test', '1'.repeat(128)))));
    expect(findAll(short, 'extension').some((e) => e.attrs.name.startsWith('outbound-'))).toBe(true);
    const long = await answerOf(fetchXml(t, dialplanFetch('acme.test', '1'.repeat(129))));
    expect(long).not.toContain('outbound-');
  });
});
