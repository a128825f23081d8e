// Regions and countries, for whoever may list routes or their destinations. ICTCore's country_id
// is the ISO 3166-1 numeric code, so the ICTPBX forms' defaults (586) name the same country here.
import { authorize, type Ctx } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { parse } from '../shared/schema.ts';
import type { CountriesRepository, CountryRecord, RegionRecord } from './countries.repository.ts';
import { CountryFilter, type CountryView, type RegionView } from './countries.schema.ts';

export const regionView = (r: RegionRecord): RegionView => ({ regionId: r.id, name: r.name, parentId: r.id.includes('.') ? r.id.slice(0, r.id.indexOf('.')) : null });

export const countryView = (c: CountryRecord): CountryView => ({ countryId: c.id, name: c.name, isoCode2: c.isoCode2, isoCode3: c.isoCode3, regionId: c.regionId });

export function createCountriesService(deps: { countries: CountriesRepository }) {
  const { countries } = deps;
  return {
    async regions(ctx: Ctx): Promise<RegionRecord[]> {
      authorize(ctx, 'region_list');
      return countries.regions();
    },

    async region(id: string, ctx: Ctx): Promise<RegionRecord> {
      authorize(ctx, 'region_read');
      const region = await countries.region(id);
      if (!region) throw notFound('Region');
      return region;
    },

    async list(query: unknown, ctx: Ctx): Promise<CountryRecord[]> {
      authorize(ctx, 'country_list');
      return countries.countries(parse(CountryFilter, query));
    },

    async get(id: number, ctx: Ctx): Promise<CountryRecord> {
      authorize(ctx, 'country_read');
      const country = await countries.country(id);
      if (!country) throw notFound('Country');
      return country;
    },
  };
}

export type CountriesService = ReturnType<typeof createCountriesService>;
