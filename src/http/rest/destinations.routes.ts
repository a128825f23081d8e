// /destination: ICTCore's destinations, dialling prefixes keyed by their code
// (/destination/:destination_id), which the ICTPBX route form lists by country
// (GET /destination?country_id=) and routes name. Everyone who routes reads them; the super-admin
// keeps them. Bodies and answers are the destination schema (domain/destinations/destinations.schema.ts)
// in the client's words.
import type { FastifyInstance } from 'fastify';
import { DestinationCreate, DestinationFilter, DestinationUpdate, DestinationView } from '../../domain/destinations/destinations.schema.ts';
import { destinationView } from '../../domain/destinations/destinations.service.ts';
import { arrayOf, errorResponses, listQuery, sendJsonString, sendPage } from './shared.ts';
import { fromWire, toWire, wireSchema } from './wire.ts';

const destinationSchema = wireSchema(DestinationView);
const params = {
  type: 'object',
  required: ['destination_id'],
  properties: { destination_id: { type: 'string', pattern: '^[0-9]{1,15}$', description: 'The dialling code' } },
} as const;

type Params = { Params: { destination_id: string } };

export default async function destinationsRoutes(app: FastifyInstance) {
  const { destinations } = app.services;
  const tags = ['routing'];

  app.get(
    '/destination',
    {
      schema: {
        tags,
        summary: 'List destinations (dialling prefixes), by country; ?phone= finds those whose code begins a number, longest first',
        querystring: listQuery((wireSchema(DestinationFilter) as { properties: Record<string, object> }).properties, ['destination_id', 'name', 'prefix', 'country_id', 'date_created']),
        response: { 200: arrayOf(destinationSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await destinations.list(fromWire(request.query), request.ctx), (d) => toWire(destinationView(d))),
  );

  app.get<Params>(
    '/destination/:destination_id',
    { schema: { tags, summary: 'Read a destination', params, response: { 200: destinationSchema, ...errorResponses } } },
    async (request) => toWire(destinationView(await destinations.get(request.params.destination_id, request.ctx))),
  );

  app.post(
    '/destination',
    {
      schema: {
        tags,
        summary: 'Create a destination (super-admin); answers its destination_id (409 when the code exists)',
        body: wireSchema(DestinationCreate),
        response: { 200: { type: 'string' }, ...errorResponses },
      },
    },
    async (request, reply) => sendJsonString(reply, (await destinations.create(fromWire(request.body), request.ctx)).id),
  );

  app.put<Params>(
    '/destination/:destination_id',
    {
      schema: { tags, summary: 'Update a destination (super-admin): its name, prefix or country', params, body: wireSchema(DestinationUpdate), response: { 200: destinationSchema, ...errorResponses } },
    },
    async (request) => toWire(destinationView(await destinations.update(request.params.destination_id, fromWire(request.body), request.ctx))),
  );

  app.delete<Params>(
    '/destination/:destination_id',
    { schema: { tags, summary: 'Delete a destination (super-admin; 409 while routes use it)', params, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await destinations.remove(request.params.destination_id, request.ctx);
      return true;
    },
  );
}
