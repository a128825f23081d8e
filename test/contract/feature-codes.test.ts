// The ICTPBX client's feature codes screen (ictinnovations/ictpbx-community-edition-gui,
// src/app/pages/feature_codes/feature-codes.component.ts and .html): GET /feature_codes with its
// headers, `r.json() || []` as the list, filtered on dialplan_number, dialplan_name and
// dialplan_description (each `(x || '').toLowerCase()`), and the Enabled icon on
// `item.dialplan_enabled === 'true'`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { seedCast, type Cast } from '../helpers/fixtures.ts';
import { answer, guiClient } from './gui-client.ts';

describe.each(databaseKinds)('ICTPBX client: feature codes on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
  }, 120_000);
  afterAll(() => t?.close());

  it('feature-codes.component.ts load(): GET /feature_codes answers a list whose rows the table and the filter read', async () => {
    for (const token of [cast.adminA.token, cast.admin]) {
      const items = answer(await guiClient(t, token).get('/feature_codes'));
      expect(Array.isArray(items)).toBe(true);
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        for (const field of ['dialplan_number', 'dialplan_name', 'dialplan_description']) expect(typeof item[field]).toBe('string');
        expect(item.dialplan_enabled).toBe('true');
      }
      // The filter box: "dnd" finds the do-not-disturb codes by their description or name.
      const q = 'disturb';
      const found = items.filter((i: Record<string, string>) => ['dialplan_number', 'dialplan_name', 'dialplan_description'].some((f) => (i[f] || '').toLowerCase().includes(q)));
      expect(found.map((i: Record<string, string>) => i.dialplan_number)).toEqual(expect.arrayContaining(['*78', '*79']));
    }
  });

  it('feature-codes.component.ts load(): without a token the call fails and the screen shows its error', async () => {
    expect((await guiClient(t, null).get('/feature_codes')).statusCode).toBe(401);
  });
});
