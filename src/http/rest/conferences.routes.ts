// /conferences: conference rooms with the ICTPBX client's conference centre names
// (domain/conferences/conferences.schema.ts), keyed by conference_center_uuid. Flags answer as JS
// booleans: the client's list reads `=== true || === 'true'` and its form binds an nb-checkbox to
// conference_center_enabled. Create and update answer the room (its conference_center_uuid);
// delete answers true.
import type { FastifyInstance } from 'fastify';
import type { ConferenceRecord } from '../../domain/conferences/conferences.repository.ts';
import { ConferenceCreate, ConferenceFilter, ConferenceUpdate, ConferenceView } from '../../domain/conferences/conferences.schema.ts';
import { conferenceView } from '../../domain/conferences/conferences.service.ts';
import { arrayOf, errorResponses, listQuery, sendPage } from './shared.ts';
import { fromWire, toWire, wireSchema } from './wire.ts';

const conferenceSchema = wireSchema(ConferenceView);
const answer = (c: ConferenceRecord) => toWire(conferenceView(c));
const sortable = ['conference_center_name', 'conference_center_extension', 'conference_center_uuid', 'date_created', 'conference_center_enabled'];
const filters = (wireSchema(ConferenceFilter) as { properties: Record<string, object> }).properties;

export default async function conferencesRoutes(app: FastifyInstance) {
  const { conferences } = app.services;
  const tags = ['pbx'];
  const params = { type: 'object', required: ['conference_center_uuid'], properties: { conference_center_uuid: { type: 'string', maxLength: 64 } } } as const;

  app.get(
    '/conferences',
    {
      schema: {
        tags,
        summary: 'List conference rooms (the super-admin sees all, or one tenant’s with tenant_id; a tenant admin its own)',
        querystring: listQuery(filters, sortable),
        response: { 200: arrayOf(conferenceSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await conferences.list(fromWire(request.query), request.ctx), answer),
  );

  app.get<{ Params: { conference_center_uuid: string } }>(
    '/conferences/:conference_center_uuid',
    { schema: { tags, summary: 'Read a conference room', params, response: { 200: conferenceSchema, ...errorResponses } } },
    async (request) => answer(await conferences.get(request.params.conference_center_uuid, request.ctx)),
  );

  app.post(
    '/conferences',
    {
      schema: {
        tags,
        summary: 'Create a conference room; answers it (with its conference_center_uuid), 409 when its number is in use in the tenant',
        body: wireSchema(ConferenceCreate),
        response: { 200: conferenceSchema, ...errorResponses },
      },
    },
    async (request) => answer(await conferences.create(fromWire(request.body), request.ctx)),
  );

  app.put<{ Params: { conference_center_uuid: string } }>(
    '/conferences/:conference_center_uuid',
    {
      schema: {
        tags,
        summary: 'Update a conference room (the object as read, with the edits; 409 when renumbering a room something points at)',
        params,
        body: wireSchema(ConferenceUpdate),
        response: { 200: conferenceSchema, ...errorResponses },
      },
    },
    async (request) => answer(await conferences.update(request.params.conference_center_uuid, fromWire(request.body), request.ctx)),
  );

  app.delete<{ Params: { conference_center_uuid: string } }>(
    '/conferences/:conference_center_uuid',
    { schema: { tags, summary: 'Delete a conference room (409 while a DID or another destination points at it)', params, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await conferences.remove(request.params.conference_center_uuid, request.ctx);
      return true;
    },
  );
}
