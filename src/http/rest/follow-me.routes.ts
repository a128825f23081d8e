// /follow_me: follow-me keyed by FusionPBX's follow_me_uuid, in the ICTPBX client's words
// (domain/follow-me/follow-me.schema.ts). The client's list and form read the flags as
// `=== 'true' || === true` and its form sends them as 'true'/'false': REST answers FusionPBX's
// text. A destination's follow_me_prompt answers so too: the form binds it to a select whose
// options are the strings 'false' and 'true'. Create and update answer the follow-me; delete true.
import type { FastifyInstance } from 'fastify';
import type { FollowMeRecord } from '../../domain/follow-me/follow-me.repository.ts';
import { FollowMeCreate, FollowMeDestinationView, FollowMeFilter, FollowMeUpdate, FollowMeView } from '../../domain/follow-me/follow-me.schema.ts';
import { followMeView } from '../../domain/follow-me/follow-me.service.ts';
import { arrayOf, errorResponses, listQuery, sendPage } from './shared.ts';
import { trueFalseAnswer } from './views/true-false.ts';
import { fromWire, wireAnswer, wireSchema } from './wire.ts';

const destinationSchema = wireAnswer(FollowMeDestinationView, { follow_me_prompt: { type: 'string', enum: ['true', 'false'] } });
const { schema: followMeSchema, answer: flagsAnswer } = trueFalseAnswer<ReturnType<typeof followMeView>>(FollowMeView, { destinations: arrayOf(destinationSchema) });

function answer(f: FollowMeRecord) {
  const wire = flagsAnswer(followMeView(f));
  wire.destinations = (wire.destinations as Record<string, unknown>[]).map((d) => ({ ...d, follow_me_prompt: d.follow_me_prompt ? 'true' : 'false' }));
  return wire;
}

const sortable = ['follow_me_uuid', 'date_created', 'extension_uuid'];
const filters = (wireSchema(FollowMeFilter) as { properties: Record<string, object> }).properties;

export default async function followMeRoutes(app: FastifyInstance) {
  const { followMe } = app.services;
  const tags = ['pbx'];
  const params = { type: 'object', required: ['follow_me_uuid'], properties: { follow_me_uuid: { type: 'string', maxLength: 64 } } } as const;

  app.get(
    '/follow_me',
    {
      schema: {
        tags,
        summary: 'List follow-me (the super-admin sees all, or one tenant’s with tenant_id; a tenant admin its own)',
        querystring: listQuery(filters, sortable),
        response: { 200: arrayOf(followMeSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await followMe.list(fromWire(request.query), request.ctx), answer),
  );

  app.get<{ Params: { follow_me_uuid: string } }>(
    '/follow_me/:follow_me_uuid',
    { schema: { tags, summary: 'Read a follow-me, with its destinations', params, response: { 200: followMeSchema, ...errorResponses } } },
    async (request) => answer(await followMe.get(request.params.follow_me_uuid, request.ctx)),
  );

  app.post(
    '/follow_me',
    {
      schema: {
        tags,
        summary: 'Create the follow-me of an extension; answers it (with its follow_me_uuid), 409 when the extension has one',
        body: wireSchema(FollowMeCreate),
        response: { 200: followMeSchema, ...errorResponses },
      },
    },
    async (request) => answer(await followMe.create(fromWire(request.body), request.ctx)),
  );

  app.put<{ Params: { follow_me_uuid: string } }>(
    '/follow_me/:follow_me_uuid',
    {
      schema: {
        tags,
        summary: 'Update a follow-me (the object as read, with the edits; destinations, when sent, replace the previous ones)',
        params,
        body: wireSchema(FollowMeUpdate),
        response: { 200: followMeSchema, ...errorResponses },
      },
    },
    async (request) => answer(await followMe.update(request.params.follow_me_uuid, fromWire(request.body), request.ctx)),
  );

  app.delete<{ Params: { follow_me_uuid: string } }>(
    '/follow_me/:follow_me_uuid',
    { schema: { tags, summary: 'Delete a follow-me (its extension rings alone again)', params, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await followMe.remove(request.params.follow_me_uuid, request.ctx);
      return true;
    },
  );
}
