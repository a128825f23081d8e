// The catalogue's hook: a module's contributed codes are listed after the core's, under the
// module's name, and reserved like any dialable number (pattern codes included).
import { describe, expect, it } from 'vitest';
import { createDialableNumbers } from '../../../src/domain/dialable/numbers.ts';
import { CORE_FEATURE_CODES, createFeatureCatalogue } from '../../../src/domain/feature-codes/catalogue.ts';

describe('feature code catalogue', () => {
  const catalogue = createFeatureCatalogue();
  catalogue.register('followMe', {
    codes: async (tenantId) => [
      { number: '*21', expression: '^\\*21$', name: 'Follow me', description: 'Toggle follow-me', action: 'follow_me_toggle', enabled: tenantId === 1 },
    ],
  });
  const numbers = createDialableNumbers([catalogue.dialable]);

  it("lists the core codes, then each module's, named after the module", async () => {
    const listed = await catalogue.list(1);
    expect(listed.slice(0, CORE_FEATURE_CODES.length)).toEqual(CORE_FEATURE_CODES);
    expect(listed.at(-1)).toMatchObject({ number: '*21', module: 'followMe', action: 'follow_me_toggle' });
  });

  it('reserves every enabled code, pattern codes by their expression', async () => {
    expect(await numbers.conflicts(1, '9196')).toEqual([{ type: 'feature_code', id: '9196' }]);
    expect(await numbers.conflicts(1, '*21')).toEqual([{ type: 'feature_code', id: '*21' }]);
    expect(await numbers.conflicts(2, '*21')).toEqual([]);
    expect(await numbers.conflicts(1, '**1001')).toEqual([{ type: 'feature_code', id: '**<extension>' }]);
    expect(await numbers.conflicts(1, '1001')).toEqual([]);
    expect(await numbers.nextAvailable(1, 9196, 9197)).toBe('9197');
  });
});
