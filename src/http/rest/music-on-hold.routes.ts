// /music_on_hold: music-on-hold classes, FusionPBX's names as the ICTPBX client has them
// (domain/music-on-hold/music-on-hold.schema.ts), keyed by music_on_hold_uuid.
// music_on_hold_shuffle answers as 'true'/'false' (the client's model and select hold those
// strings). Create and update answer the class; delete answers true (the client reads every answer
// as JSON). Switchyard's own: a class's audio files, uploaded as multipart/form-data (field `file`,
// PCM WAV or MP3 read from its bytes), listed and deleted under /music_on_hold/<uuid>/files.
import type { FastifyInstance } from 'fastify';
import { MusicOnHoldCreate, MusicOnHoldFileView, MusicOnHoldFilter, MusicOnHoldUpdate, MusicOnHoldUploadView, MusicOnHoldView } from '../../domain/music-on-hold/music-on-hold.schema.ts';
import { musicOnHoldView, type MusicOnHold } from '../../domain/music-on-hold/music-on-hold.service.ts';
import { arrayOf, errorEnvelope, errorResponses, listQuery, sendPage } from './shared.ts';
import { readUpload } from './uploads.ts';
import { trueFalseAnswer } from './views/true-false.ts';
import { fromWire, toWire, wireSchema } from './wire.ts';

const { schema: classSchema, answer } = trueFalseAnswer<ReturnType<typeof musicOnHoldView>>(MusicOnHoldView);
const classAnswer = (m: MusicOnHold) => answer(musicOnHoldView(m));

const sortable = ['music_on_hold_name', 'music_on_hold_rate', 'music_on_hold_uuid', 'date_created'];
const filters = (wireSchema(MusicOnHoldFilter) as { properties: Record<string, object> }).properties;

export default async function musicOnHoldRoutes(app: FastifyInstance) {
  const { musicOnHold } = app.services;
  const tags = ['pbx'];
  const uuid = { music_on_hold_uuid: { type: 'string', maxLength: 64 } } as const;
  const params = { type: 'object', required: ['music_on_hold_uuid'], properties: uuid } as const;
  const fileParams = { type: 'object', required: ['music_on_hold_uuid', 'file_name'], properties: { ...uuid, file_name: { type: 'string', maxLength: 200 } } } as const;

  app.get(
    '/music_on_hold',
    {
      schema: {
        tags,
        summary: 'List music-on-hold classes (a tenant admin sees its tenant’s; the super-admin every one, or one tenant’s with tenant_id)',
        querystring: listQuery(filters, sortable),
        response: { 200: arrayOf(classSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await musicOnHold.list(fromWire(request.query), request.ctx), classAnswer),
  );

  app.get<{ Params: { music_on_hold_uuid: string } }>(
    '/music_on_hold/:music_on_hold_uuid',
    { schema: { tags, summary: 'Read a music-on-hold class', params, response: { 200: classSchema, ...errorResponses } } },
    async (request) => classAnswer(await musicOnHold.get(request.params.music_on_hold_uuid, request.ctx)),
  );

  app.post(
    '/music_on_hold',
    {
      schema: {
        tags,
        summary: 'Create a music-on-hold class: a name at a rate (null: any rate), played by FreeSWITCH as local_stream://<domain>/<name>',
        body: wireSchema(MusicOnHoldCreate),
        response: { 200: classSchema, ...errorResponses },
      },
    },
    async (request) => classAnswer(await musicOnHold.create(fromWire(request.body), request.ctx)),
  );

  app.put<{ Params: { music_on_hold_uuid: string } }>(
    '/music_on_hold/:music_on_hold_uuid',
    {
      schema: { tags, summary: 'Update a music-on-hold class (the object as read, with the edits)', params, body: wireSchema(MusicOnHoldUpdate), response: { 200: classSchema, ...errorResponses } },
    },
    async (request) => classAnswer(await musicOnHold.update(request.params.music_on_hold_uuid, fromWire(request.body), request.ctx)),
  );

  app.delete<{ Params: { music_on_hold_uuid: string } }>(
    '/music_on_hold/:music_on_hold_uuid',
    { schema: { tags, summary: 'Delete a music-on-hold class and its files', params, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await musicOnHold.remove(request.params.music_on_hold_uuid, request.ctx);
      return true;
    },
  );

  app.get<{ Params: { music_on_hold_uuid: string } }>(
    '/music_on_hold/:music_on_hold_uuid/files',
    { schema: { tags, summary: 'List the audio files of a music-on-hold class', params, response: { 200: arrayOf(wireSchema(MusicOnHoldFileView)), ...errorResponses } } },
    async (request) => toWire(await musicOnHold.files(request.params.music_on_hold_uuid, request.ctx)),
  );

  app.post<{ Params: { music_on_hold_uuid: string } }>(
    '/music_on_hold/:music_on_hold_uuid/files',
    {
      schema: {
        tags,
        summary:
          'Upload an audio file to a music-on-hold class: multipart/form-data, the file in field `file`, PCM WAV or MP3 (read from its bytes; anything else 400), at most UPLOAD_MAX_BYTES (413). A file of the same name is replaced.',
        consumes: ['multipart/form-data'],
        params,
        response: { 200: wireSchema(MusicOnHoldUploadView), 413: errorEnvelope, 415: errorEnvelope, ...errorResponses },
      },
    },
    async (request) => {
      // Refused before the body is read: another tenant's class is not found.
      await musicOnHold.get(request.params.music_on_hold_uuid, request.ctx);
      const { file } = await readUpload(request);
      return toWire(await musicOnHold.upload(request.params.music_on_hold_uuid, file && { fileName: file.fileName, bytes: file.bytes }, request.ctx));
    },
  );

  app.delete<{ Params: { music_on_hold_uuid: string; file_name: string } }>(
    '/music_on_hold/:music_on_hold_uuid/files/:file_name',
    { schema: { tags, summary: 'Delete an audio file of a music-on-hold class', params: fileParams, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await musicOnHold.removeFile(request.params.music_on_hold_uuid, request.params.file_name, request.ctx);
      return true;
    },
  );
}
