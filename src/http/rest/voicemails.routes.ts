// /voicemails and /voicemail_greetings: voicemail boxes keyed by voicemail_uuid and their
// greetings, in the ICTPBX client's words (domain/voicemails/voicemails.schema.ts). The client's
// form binds the flags to checkboxes and its list reads voicemail_enabled as `=== true ||
// === 'true'`: REST answers JSON booleans. A greeting is uploaded as multipart/form-data (the
// client's uploadGreeting: fields `file`, `voicemail_uuid`, `greeting_name`) and answered as the
// client appends it to the box's greetings. Switchyard's extras: a box's messages, listed and
// deleted through the Event Socket (/voicemails/:voicemail_uuid/messages).
import type { FastifyInstance } from 'fastify';
import type { GreetingRecord } from '../../domain/voicemails/voicemails.repository.ts';
import { GreetingFilter, VoicemailCreate, VoicemailFilter, VoicemailGreetingView, VoicemailMessageView, VoicemailUpdate, VoicemailView } from '../../domain/voicemails/voicemails.schema.ts';
import { greetingView, voicemailView, type Voicemail } from '../../domain/voicemails/voicemails.service.ts';
import { errorEnvelope } from '../../errors.ts';
import { arrayOf, errorResponses, listQuery, sendPage } from './shared.ts';
import { readUpload } from './uploads.ts';
import { fromWire, toWire, wireSchema } from './wire.ts';

const voicemailSchema = wireSchema(VoicemailView);
const greetingSchema = wireSchema(VoicemailGreetingView);
const answer = (v: Voicemail) => toWire(voicemailView(v));
const greetingAnswer = (g: GreetingRecord) => toWire(greetingView(g));

const filters = (wireSchema(VoicemailFilter) as { properties: Record<string, object> }).properties;
const greetingFilters = (wireSchema(GreetingFilter) as { properties: Record<string, object> }).properties;
const uuidParam = (name: string) => ({ type: 'object', required: [name], properties: { [name]: { type: 'string', maxLength: 64 } } }) as const;

export default async function voicemailsRoutes(app: FastifyInstance) {
  const { voicemails, voicemailMessages } = app.services;
  const tags = ['pbx'];
  const params = uuidParam('voicemail_uuid');

  app.get(
    '/voicemails',
    {
      schema: {
        tags,
        summary: 'List voicemail boxes (the super-admin sees all, or one tenant’s with tenant_id; a tenant admin its own)',
        querystring: listQuery(filters, ['voicemail_id', 'date_created']),
        response: { 200: arrayOf(voicemailSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await voicemails.list(fromWire(request.query), request.ctx), answer),
  );

  app.get<{ Params: { voicemail_uuid: string } }>(
    '/voicemails/:voicemail_uuid',
    { schema: { tags, summary: 'Read a voicemail box, with its greetings', params, response: { 200: voicemailSchema, ...errorResponses } } },
    async (request) => answer(await voicemails.get(request.params.voicemail_uuid, request.ctx)),
  );

  app.post(
    '/voicemails',
    {
      schema: {
        tags,
        summary: 'Create the voicemail box of an extension (voicemail_id: its number); answers the box, 409 when the extension has one',
        body: wireSchema(VoicemailCreate),
        response: { 200: voicemailSchema, ...errorResponses },
      },
    },
    async (request) => answer(await voicemails.create(fromWire(request.body), request.ctx)),
  );

  app.put<{ Params: { voicemail_uuid: string } }>(
    '/voicemails/:voicemail_uuid',
    {
      schema: {
        tags,
        summary: 'Update a voicemail box (the object as read, with the edits; greeting_id chooses the greeting callers hear)',
        params,
        body: wireSchema(VoicemailUpdate),
        response: { 200: voicemailSchema, ...errorResponses },
      },
    },
    async (request) => answer(await voicemails.update(request.params.voicemail_uuid, fromWire(request.body), request.ctx)),
  );

  app.delete<{ Params: { voicemail_uuid: string } }>(
    '/voicemails/:voicemail_uuid',
    { schema: { tags, summary: 'Delete a voicemail box and its greetings (its extension takes no more messages)', params, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await voicemails.remove(request.params.voicemail_uuid, request.ctx);
      return true;
    },
  );

  app.get(
    '/voicemail_greetings',
    {
      schema: {
        tags,
        summary: 'List greetings (voicemail_uuid: one box’s)',
        querystring: listQuery(greetingFilters, ['greeting_id']),
        response: { 200: arrayOf(greetingSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await voicemails.greetings(fromWire(request.query), request.ctx), greetingAnswer),
  );

  app.get<{ Params: { greeting_uuid: string } }>(
    '/voicemail_greetings/:greeting_uuid',
    { schema: { tags, summary: 'Read a greeting', params: uuidParam('greeting_uuid'), response: { 200: greetingSchema, ...errorResponses } } },
    async (request) => greetingAnswer(await voicemails.greeting(request.params.greeting_uuid, request.ctx)),
  );

  app.post(
    '/voicemail_greetings',
    {
      schema: {
        tags,
        summary:
          'Upload a greeting to a box as multipart/form-data: file (WAV PCM or MP3, read from its bytes), voicemail_uuid, greeting_name, optional greeting_id (1-9; the first free one otherwise) and greeting_description. 413 over UPLOAD_MAX_BYTES, 415 when not multipart',
        consumes: ['multipart/form-data'],
        response: { 200: greetingSchema, 413: errorEnvelope, 415: errorEnvelope, ...errorResponses },
      },
    },
    async (request) => {
      const upload = await readUpload(request);
      return greetingAnswer(await voicemails.uploadGreeting({ file: upload.file, fields: fromWire(upload.fields) }, request.ctx));
    },
  );

  app.delete<{ Params: { greeting_uuid: string } }>(
    '/voicemail_greetings/:greeting_uuid',
    { schema: { tags, summary: 'Delete a greeting and its file (a box choosing it falls back to the default greeting)', params: uuidParam('greeting_uuid'), response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await voicemails.removeGreeting(request.params.greeting_uuid, request.ctx);
      return true;
    },
  );

  app.get<{ Params: { voicemail_uuid: string } }>(
    '/voicemails/:voicemail_uuid/messages',
    {
      schema: {
        tags,
        summary: 'Switchyard: the messages in a box, asked of the connected FreeSWITCH nodes (vm_list); 503 with none connected',
        params,
        response: { 200: arrayOf(wireSchema(VoicemailMessageView)), 502: errorEnvelope, 503: errorEnvelope, 504: errorEnvelope, ...errorResponses },
      },
    },
    async (request) => (await voicemailMessages.list(request.params.voicemail_uuid, request.ctx)).map((m) => toWire(m)),
  );

  app.delete<{ Params: { voicemail_uuid: string; message_uuid: string } }>(
    '/voicemails/:voicemail_uuid/messages/:message_uuid',
    {
      schema: {
        tags,
        summary: 'Switchyard: delete a message of a box on the nodes holding it (vm_delete); 404 when none does, 503 with no node connected',
        params: { type: 'object', required: ['voicemail_uuid', 'message_uuid'], properties: { voicemail_uuid: { type: 'string', maxLength: 64 }, message_uuid: { type: 'string', maxLength: 64 } } },
        response: { 200: { type: 'boolean' }, 502: errorEnvelope, 503: errorEnvelope, 504: errorEnvelope, ...errorResponses },
      },
    },
    async (request) => {
      await voicemailMessages.remove(request.params.voicemail_uuid, request.params.message_uuid, request.ctx);
      return true;
    },
  );
}
