// /fpbx_extensions: SIP extensions, FusionPBX's names as the ICTPBX client and ICTPBX's server
// have them (domain/extensions/extensions.schema.ts). Booleans answer as 'true'/'false' (FusionPBX's
// text, which the client reads as such). Create answers the extension itself: the client reads
// `extension_uuid` from the answer to attach follow-me (ICTPBX's bare uuid leaves it undefined).
import type { FastifyInstance } from 'fastify';
import { ExtensionAssign, ExtensionCheckView, ExtensionCreate, ExtensionFilter, ExtensionUpdate, ExtensionView } from '../../domain/extensions/extensions.schema.ts';
import { extensionView, type Extension } from '../../domain/extensions/extensions.service.ts';
import { arrayOf, errorResponses, listQuery, sendPage } from './shared.ts';
import { trueFalseAnswer } from './views/true-false.ts';
import { fromWire, toWire, wireSchema } from './wire.ts';

const { schema: extensionSchema, answer } = trueFalseAnswer<ReturnType<typeof extensionView>>(ExtensionView);
const extensionAnswer = (e: Extension) => answer(extensionView(e));

const sortable = ['extension', 'extension_uuid', 'display_name', 'date_created', 'enabled'];
const filters = (wireSchema(ExtensionFilter) as { properties: Record<string, object> }).properties;
const tenantQuery = { tenant_id: { type: 'integer', minimum: 1, description: 'Super-admin: the tenant (default its own)' } };

export default async function extensionsRoutes(app: FastifyInstance) {
  const { extensions } = app.services;
  const tags = ['pbx'];
  const params = { type: 'object', required: ['extension_uuid'], properties: { extension_uuid: { type: 'string', maxLength: 64 } } } as const;

  app.get(
    '/fpbx_extensions',
    {
      schema: {
        tags,
        summary: 'List extensions (a tenant admin sees its tenant’s, an end user those assigned to it)',
        querystring: listQuery(filters, sortable),
        response: { 200: arrayOf(extensionSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await extensions.list(fromWire(request.query), request.ctx), extensionAnswer),
  );

  app.get<{ Querystring: { start?: number; tenant_id?: number } }>(
    '/fpbx_extensions/next_available',
    {
      schema: {
        tags,
        summary: 'The lowest free number of `start` (default 1000) or more, across everything dialable in the tenant',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { start: { type: 'integer', minimum: 10, maximum: 9999999999 }, ...tenantQuery },
        },
        response: { 200: { type: 'object', properties: { next_available: { type: 'string' } } }, ...errorResponses },
      },
    },
    async (request) => ({ next_available: await extensions.nextAvailable(request.query.start, request.query.tenant_id, request.ctx) }),
  );

  app.get<{ Querystring: { extension: string; tenant_id?: number } }>(
    '/fpbx_extensions/check',
    {
      schema: {
        tags,
        summary: 'Whether a number is free in the tenant; when not, used_by names what holds it (Extension, Feature Code, ...)',
        querystring: { type: 'object', additionalProperties: false, required: ['extension'], properties: { extension: { type: 'string', maxLength: 32 }, ...tenantQuery } },
        response: { 200: wireSchema(ExtensionCheckView), ...errorResponses },
      },
    },
    async (request) => toWire(await extensions.check(request.query.extension, request.query.tenant_id, request.ctx)),
  );

  app.get(
    '/fpbx_extensions/available_for_fax',
    {
      schema: {
        tags,
        summary: 'Extensions usable as fax endpoints: the enabled extensions in reach (exclude_account_id names a fax account: none exist yet)',
        querystring: listQuery({ ...filters, exclude_account_id: { type: 'integer', minimum: 0 } }, sortable),
        response: { 200: arrayOf(extensionSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await extensions.availableForFax(fromWire(request.query), request.ctx), extensionAnswer),
  );

  app.get<{ Params: { extension_uuid: string } }>(
    '/fpbx_extensions/:extension_uuid',
    { schema: { tags, summary: 'Read an extension', params, response: { 200: extensionSchema, ...errorResponses } } },
    async (request) => extensionAnswer(await extensions.get(request.params.extension_uuid, request.ctx)),
  );

  app.post(
    '/fpbx_extensions',
    {
      schema: {
        tags,
        summary: 'Create an extension; answers it (with its extension_uuid), 409 when the number or alias is in use',
        body: wireSchema(ExtensionCreate),
        response: { 200: extensionSchema, ...errorResponses },
      },
    },
    async (request) => extensionAnswer(await extensions.create(fromWire(request.body), request.ctx)),
  );

  app.put<{ Params: { extension_uuid: string } }>(
    '/fpbx_extensions/:extension_uuid',
    {
      schema: { tags, summary: 'Update an extension (the object as read, with the edits)', params, body: wireSchema(ExtensionUpdate), response: { 200: extensionSchema, ...errorResponses } },
    },
    async (request) => extensionAnswer(await extensions.update(request.params.extension_uuid, fromWire(request.body), request.ctx)),
  );

  app.delete<{ Params: { extension_uuid: string } }>(
    '/fpbx_extensions/:extension_uuid',
    { schema: { tags, summary: 'Delete an extension', params, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await extensions.remove(request.params.extension_uuid, request.ctx);
      return true;
    },
  );

  app.post<{ Params: { extension_uuid: string } }>(
    '/fpbx_extensions/:extension_uuid/assign',
    {
      schema: {
        tags,
        summary: 'Assign the extension to a user of its tenant (user_id 0 or null unassigns); answers the extension',
        params,
        body: wireSchema(ExtensionAssign),
        response: { 200: extensionSchema, ...errorResponses },
      },
    },
    async (request) => extensionAnswer(await extensions.assign(request.params.extension_uuid, fromWire(request.body), request.ctx)),
  );
}
