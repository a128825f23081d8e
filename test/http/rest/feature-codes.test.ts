// /feature_codes and /dialplans through REST and GraphQL: each caller reads its own tenant's (the
// super-admin any, or one tenant's), read-only; the codes take their numbers from every module
// (409 on create); the dialplans view lists the tenant's rendered context in FreeSWITCH's order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';
import { codeOf, dataOf } from '../../helpers/graphql.ts';
import { createExtension } from '../../helpers/pbx-fixtures.ts';

const CORE_NUMBERS = ['*97', '*98', '*99<extension>', '*72', '*73', '*78', '*79', '*8', '**<extension>', '9196', '*60'];
/** What a tenant lists: the core's, then the modules' (follow-me's toggle; no call flow here). */
describe.each(databaseKinds)('feature codes and dialplans on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  const get = (url: string, token: string) => t.api('GET', url, { token });

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    await createExtension(t, cast.tenantA, { extension: '1001', password: 'Acme-pass-x1' });
    await createExtension(t, cast.tenantB, { extension: '2001', password: 'Globex-pass-x1' });
  }, 120_000);
  afterAll(() => t?.close());

  it('a tenant admin and an end user read their tenant\'s codes; enabled answers as FusionPBX\'s text', async () => {
    for (const token of [cast.adminA.token, cast.userA.token]) {
      const res = await get('/api/feature_codes', token);
      expect(res.statusCode, res.body).toBe(200);
      const codes = res.json();
      // The core codes, then the modules' own (call queues' agent codes: test/contract/call-queues.test.ts).
      expect(codes.filter((c: { feature_module: string }) => c.feature_module === 'core').map((c: { dialplan_number: string }) => c.dialplan_number)).toEqual(CORE_NUMBERS);
      expect(codes.find((c: { dialplan_number: string }) => c.dialplan_number === '*21')).toMatchObject({ feature_action: 'follow_me_toggle', feature_module: 'followMe' });
      expect(codes.find((c: { dialplan_number: string }) => c.dialplan_number === '*78')).toEqual({
        dialplan_number: '*78',
        dialplan_name: 'Do not disturb on',
        dialplan_description: expect.any(String),
        dialplan_enabled: 'true',
        dialplan_expression: '^\\*78$',
        dialplan_context: 'acme.test',
        feature_action: 'dnd_on',
        feature_module: 'core',
      });
    }
  });

  it('the super-admin reads the core codes, or one tenant\'s with tenant_id; a tenant admin cannot name another tenant', async () => {
    const core = (await get('/api/feature_codes', cast.admin)).json();
    expect(core.every((c: { dialplan_context: string }) => c.dialplan_context === '')).toBe(true);
    const globex = (await get(`/api/feature_codes?tenant_id=${cast.tenantB}`, cast.admin)).json();
    expect(new Set(globex.map((c: { dialplan_context: string }) => c.dialplan_context))).toEqual(new Set(['globex.test']));
    expect((await get(`/api/feature_codes?tenant_id=${cast.tenantB}`, cast.adminA.token)).statusCode).toBe(403);
    const bad = await get('/api/feature_codes?tenant_id=x', cast.admin);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('tenant_id');
    expect((await get('/api/feature_codes?tenant_id=99999', cast.admin)).statusCode).toBe(400);
    expect((await t.api('GET', '/api/feature_codes')).statusCode).toBe(401);
  });

  it('GraphQL answers the same codes with booleans', async () => {
    const { featureCodes } = dataOf(await t.gql('{ featureCodes { dialplanNumber dialplanEnabled dialplanContext featureModule } }', {}, cast.adminA.token));
    expect(featureCodes.filter((c: { featureModule: string }) => c.featureModule === 'core')).toHaveLength(CORE_NUMBERS.length);
    expect(featureCodes[0]).toEqual({ dialplanNumber: '*97', dialplanEnabled: true, dialplanContext: 'acme.test', featureModule: 'core' });
    expect(codeOf(await t.gql('query ($id: Int) { featureCodes(tenantId: $id) { dialplanNumber } }', { id: cast.tenantB }, cast.adminA.token))).toBe(403);
  });

  it('no extension, ring group or time condition may take a feature code (409), and check says who holds it', async () => {
    const ext = await t.api('POST', '/api/fpbx_extensions', { token: cast.adminA.token, body: { extension: '9196' } });
    expect(ext.statusCode).toBe(409);
    const group = await t.api('POST', '/api/ring_groups', { token: cast.adminA.token, body: { ring_group_name: 'Echo', ring_group_extension: '9196' } });
    expect(group.statusCode, group.body).toBe(409);
    expect(group.json().error.message).toContain('feature_code');
    const check = (await get('/api/fpbx_extensions/check?extension=9196', cast.adminA.token)).json();
    expect(check).toMatchObject({ available: false, conflicts: [{ type: 'feature_code', id: '9196' }] });
  });

  it('a tenant admin reads its rendered context, entry by entry in the order FreeSWITCH tries them', async () => {
    const res = await get('/api/dialplans', cast.adminA.token);
    expect(res.statusCode, res.body).toBe(200);
    const entries = res.json();
    expect(new Set(entries.map((e: { dialplan_context: string }) => e.dialplan_context))).toEqual(new Set(['acme.test']));
    expect(entries.map((e: { dialplan_order: number }) => e.dialplan_order)).toEqual(entries.map((_: unknown, i: number) => i + 1));
    const names = entries.map((e: { dialplan_name: string }) => e.dialplan_name);
    // The feature codes first (order 100), then the extensions (200): each state rendering, then the fields'.
    expect(names.slice(0, CORE_NUMBERS.length)).toEqual(expect.arrayContaining(['echo-test', 'voicemail-own', 'feature-dnd-on']));
    expect(names.indexOf('local-1001')).toBeGreaterThan(names.indexOf('feature-time'));
    expect(names.indexOf('local-1001-dnd')).toBeLessThan(names.indexOf('local-1001'));
    const dnd = entries.find((e: { dialplan_name: string }) => e.dialplan_name === 'feature-dnd-on');
    expect(dnd).toMatchObject({ tenant_id: cast.tenantA, tenant_name: 'Acme', dialplan_number: '^\\*78$', dialplan_module: 'feature-codes', dialplan_enabled: 'true' });
    expect(dnd.dialplan_xml).toMatch(/^<extension name="feature-dnd-on">/);
    const local = entries.find((e: { dialplan_name: string }) => e.dialplan_name === 'local-1001');
    expect(local).toMatchObject({ dialplan_number: '^1001$', dialplan_module: 'local-extensions' });
    expect(names).not.toContain('local-2001');
  });

  it('the super-admin reads every tenant\'s context or one; a tenant admin cannot name another, an end user reads none', async () => {
    const all = (await get('/api/dialplans', cast.admin)).json();
    expect(new Set(all.map((e: { dialplan_context: string }) => e.dialplan_context))).toEqual(new Set(['acme.test', 'globex.test']));
    const globex = (await get(`/api/dialplans?tenant_id=${cast.tenantB}`, cast.admin)).json();
    expect(globex.map((e: { dialplan_name: string }) => e.dialplan_name)).toContain('local-2001');
    expect(new Set(globex.map((e: { dialplan_context: string }) => e.dialplan_context))).toEqual(new Set(['globex.test']));
    expect((await get(`/api/dialplans?tenant_id=${cast.tenantB}`, cast.adminA.token)).statusCode).toBe(403);
    expect((await get('/api/dialplans', cast.userA.token)).statusCode).toBe(403);
  });

  it('GraphQL answers the same entries', async () => {
    const { dialplans } = dataOf(await t.gql('{ dialplans { dialplanContext dialplanOrder dialplanName dialplanModule dialplanEnabled dialplanXml } }', {}, cast.adminB.token));
    expect(dialplans[0]).toMatchObject({ dialplanContext: 'globex.test', dialplanOrder: 1, dialplanModule: 'feature-codes', dialplanEnabled: true });
    expect(dialplans.map((e: { dialplanName: string }) => e.dialplanName)).toContain('local-2001');
    expect(codeOf(await t.gql('query ($id: Int) { dialplans(tenantId: $id) { dialplanName } }', { id: cast.tenantA }, cast.adminB.token))).toBe(403);
  });

  it('the views follow changes: a new extension shows at once', async () => {
    await createExtension(t, cast.tenantA, { extension: '1002', password: 'Acme-pass-x2' });
    const names = (await get('/api/dialplans', cast.adminA.token)).json().map((e: { dialplan_name: string }) => e.dialplan_name);
    expect(names).toContain('local-1002');
  });
});
