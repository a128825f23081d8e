// The ICTPBX client's dialplans screen (ictinnovations/ictpbx-community-edition-gui,
// src/app/pages/dialplans/dialplans.component.ts) frames FusionPBX's own page
// (/app/dialplans/dialplans.php) and makes no API call. /dialplans is the reference's "Raw
// dialplan entries" row: answered here to a call built as the client builds its calls (its
// headers, a bare JSON array), FusionPBX's dialplan_* names with the flag as 'true'.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { seedCast, type Cast } from '../helpers/fixtures.ts';
import { createExtension } from '../helpers/pbx-fixtures.ts';
import { answer, guiClient } from './gui-client.ts';

describe.each(databaseKinds)('ICTPBX client: dialplans on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    await createExtension(t, cast.tenantA, { extension: '1001', password: 'Acme-pass-x1' });
  }, 120_000);
  afterAll(() => t?.close());

  it('GET /dialplans with the client\'s headers answers the tenant\'s entries as a JSON array, in order', async () => {
    const entries = answer(await guiClient(t, cast.adminA.token).get('/dialplans'));
    expect(Array.isArray(entries)).toBe(true);
    for (const [i, e] of entries.entries()) {
      expect(e).toMatchObject({ dialplan_context: 'acme.test', dialplan_order: i + 1, dialplan_enabled: 'true' });
      for (const field of ['dialplan_name', 'dialplan_number', 'dialplan_module', 'dialplan_xml']) expect(typeof e[field]).toBe('string');
    }
    expect(entries.map((e: { dialplan_name: string }) => e.dialplan_name)).toContain('local-1001');
  });
});
