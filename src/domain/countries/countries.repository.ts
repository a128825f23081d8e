// Regions and countries: reference rows, read only.
import type { Db } from '../../db/database.ts';

export interface RegionRecord {
  id: string;
  name: string;
}

export interface CountryRecord {
  id: number;
  name: string;
  isoCode2: string;
  isoCode3: string;
  regionId: string | null;
}

export interface CountryFilter {
  regionId?: string;
  name?: string;
}

const countrySelect = { id: true, name: true, isoCode2: true, isoCode3: true, regionId: true } as const;

export function countriesRepository(db: Db) {
  return {
    regions: (): Promise<RegionRecord[]> => db.region.findMany({ orderBy: { id: 'asc' } }),
    region: (id: string): Promise<RegionRecord | null> => db.region.findUnique({ where: { id } }),
    countries: (filter: CountryFilter): Promise<CountryRecord[]> =>
      db.country.findMany({
        where: {
          ...(filter.regionId === undefined ? {} : { OR: [{ regionId: filter.regionId }, { regionId: { startsWith: `${filter.regionId}.` } }] }),
          ...(filter.name === undefined ? {} : { name: { contains: filter.name } }),
        },
        select: countrySelect,
        orderBy: { name: 'asc' },
      }),
    country: (id: number): Promise<CountryRecord | null> => db.country.findUnique({ where: { id }, select: countrySelect }),
  };
}

export type CountriesRepository = ReturnType<typeof countriesRepository>;
