// ICTCore's regions and countries, as the ICTPBX route form reads them (GET /region, then
// GET /country?region_id=): reference data the migration seeds, read by everyone who routes.
import { Id, Input, Text, Type, type Static, type StaticDecode } from '../shared/schema.ts';

/** A region id: ICTCore's dotted keys ("as" Asia, "as.s" Southern Asia). */
export const RegionId = (options = {}) => Type.String({ pattern: '^[a-z]{1,2}(\\.[a-z]{1,2})?$', patternMessage: 'must be a region id such as as.s', maxLength: 5, ...options });

export const CountryFilter = Input({
  regionId: Type.Optional(RegionId({ description: 'A region: its countries and those of its sub-regions ("as" holds "as.s")' })),
  name: Type.Optional(Text(64, { description: 'Part of the name' })),
});

export type CountryFilterInput = StaticDecode<typeof CountryFilter>;

export const RegionView = Type.Object({
  regionId: Type.String(),
  name: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()], { description: 'The region it belongs to ("as" for "as.s"); null for a continent' }),
});

export const CountryView = Type.Object({
  countryId: Id({ description: 'ISO 3166-1 numeric code (586 is Pakistan)' }),
  name: Type.String(),
  isoCode2: Type.String(),
  isoCode3: Type.String(),
  regionId: Type.Union([Type.String(), Type.Null()]),
});

export type RegionView = Static<typeof RegionView>;
export type CountryView = Static<typeof CountryView>;
