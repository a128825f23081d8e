// /ivr_menus: IVR menus with FusionPBX's names as the ICTPBX client has them
// (domain/ivr-menus/ivr-menus.schema.ts). Flags answer as JS booleans: the client's list and form
// read `=== 'true' || === true`, and its form binds nb-checkboxes to them (which would show the
// text 'false' as checked). Create and update answer the menu (its ivr_menu_uuid); delete answers true.
import type { FastifyInstance } from 'fastify';
import { IvrMenuCreate, IvrMenuFilter, IvrMenuUpdate, IvrMenuView } from '../../domain/ivr-menus/ivr-menus.schema.ts';
import { ivrMenuView } from '../../domain/ivr-menus/ivr-menus.service.ts';
import type { IvrMenuRecord } from '../../domain/ivr-menus/ivr-menus.repository.ts';
import { arrayOf, errorResponses, listQuery, sendPage } from './shared.ts';
import { fromWire, toWire, wireSchema } from './wire.ts';

const ivrMenuSchema = wireSchema(IvrMenuView);
const answer = (g: IvrMenuRecord) => toWire(ivrMenuView(g));
const sortable = ['ivr_menu_name', 'ivr_menu_extension', 'ivr_menu_language', 'ivr_menu_uuid', 'date_created', 'ivr_menu_enabled'];
const filters = (wireSchema(IvrMenuFilter) as { properties: Record<string, object> }).properties;

export default async function ivrMenusRoutes(app: FastifyInstance) {
  const { ivrMenus } = app.services;
  const tags = ['pbx'];
  const params = { type: 'object', required: ['ivr_menu_uuid'], properties: { ivr_menu_uuid: { type: 'string', maxLength: 64 } } } as const;

  app.get(
    '/ivr_menus',
    {
      schema: {
        tags,
        summary: 'List IVR menus (the super-admin sees all, or one tenant’s with tenant_id; a tenant admin its own)',
        querystring: listQuery(filters, sortable),
        response: { 200: arrayOf(ivrMenuSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await ivrMenus.list(fromWire(request.query), request.ctx), answer),
  );

  app.get<{ Params: { ivr_menu_uuid: string } }>(
    '/ivr_menus/:ivr_menu_uuid',
    { schema: { tags, summary: 'Read an IVR menu, with its options', params, response: { 200: ivrMenuSchema, ...errorResponses } } },
    async (request) => answer(await ivrMenus.get(request.params.ivr_menu_uuid, request.ctx)),
  );

  app.post(
    '/ivr_menus',
    {
      schema: {
        tags,
        summary: 'Create an IVR menu; answers it (with its ivr_menu_uuid), 409 when its number is in use in the tenant',
        body: wireSchema(IvrMenuCreate),
        response: { 200: ivrMenuSchema, ...errorResponses },
      },
    },
    async (request) => answer(await ivrMenus.create(fromWire(request.body), request.ctx)),
  );

  app.put<{ Params: { ivr_menu_uuid: string } }>(
    '/ivr_menus/:ivr_menu_uuid',
    {
      schema: {
        tags,
        summary: 'Update an IVR menu (the object as read, with the edits; options, when sent, replace its options)',
        params,
        body: wireSchema(IvrMenuUpdate),
        response: { 200: ivrMenuSchema, ...errorResponses },
      },
    },
    async (request) => answer(await ivrMenus.update(request.params.ivr_menu_uuid, fromWire(request.body), request.ctx)),
  );

  app.delete<{ Params: { ivr_menu_uuid: string } }>(
    '/ivr_menus/:ivr_menu_uuid',
    { schema: { tags, summary: 'Delete an IVR menu (409 while a DID or another destination points at it)', params, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await ivrMenus.remove(request.params.ivr_menu_uuid, request.ctx);
      return true;
    },
  );
}
