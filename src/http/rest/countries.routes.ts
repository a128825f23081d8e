// /region and /country: ICTCore's reference data, as the ICTPBX route form reads it to pick
// destinations (GET /region, then GET /country?region_id=).
import type { FastifyInstance } from 'fastify';
import { CountryFilter, CountryView, RegionView } from '../../domain/countries/countries.schema.ts';
import { countryView, regionView } from '../../domain/countries/countries.service.ts';
import { arrayOf, errorResponses, idParams } from './shared.ts';
import { fromWire, toWire, wireSchema } from './wire.ts';

const regionSchema = wireSchema(RegionView);
const countrySchema = wireSchema(CountryView);

export default async function countriesRoutes(app: FastifyInstance) {
  const { countries } = app.services;
  const tags = ['routing'];

  app.get(
    '/region',
    { schema: { tags, summary: 'World regions (continents and their sub-regions)', response: { 200: arrayOf(regionSchema), ...errorResponses } } },
    async (request) => (await countries.regions(request.ctx)).map((r) => toWire(regionView(r))),
  );

  app.get<{ Params: { region_id: string } }>(
    '/region/:region_id',
    {
      schema: {
        tags,
        summary: 'Read a region',
        params: { type: 'object', required: ['region_id'], properties: { region_id: { type: 'string', maxLength: 5 } } },
        response: { 200: regionSchema, ...errorResponses },
      },
    },
    async (request) => toWire(regionView(await countries.region(request.params.region_id, request.ctx))),
  );

  app.get(
    '/country',
    {
      schema: {
        tags,
        summary: 'Countries (ISO 3166-1), by name; ?region_id= those of a region and its sub-regions',
        querystring: { type: 'object', additionalProperties: false, properties: (wireSchema(CountryFilter) as { properties: Record<string, object> }).properties },
        response: { 200: arrayOf(countrySchema), ...errorResponses },
      },
    },
    async (request) => (await countries.list(fromWire(request.query), request.ctx)).map((c) => toWire(countryView(c))),
  );

  app.get<{ Params: { country_id: number } }>(
    '/country/:country_id',
    { schema: { tags, summary: 'Read a country', params: idParams('country_id'), response: { 200: countrySchema, ...errorResponses } } },
    async (request) => toWire(countryView(await countries.get(request.params.country_id, request.ctx))),
  );
}
