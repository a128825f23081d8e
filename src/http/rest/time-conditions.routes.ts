// /time_conditions: time conditions keyed by FusionPBX's dialplan uuid, in the ICTPBX client's words
// (domain/time-conditions/time-conditions.schema.ts). tc_enabled answers as 'true'/'false'
// (FusionPBX's text; the client reads `=== 'true' || === true`). Create answers the time condition
// itself, dialplan_uuid included.
import type { FastifyInstance } from 'fastify';
import { TimeConditionCreate, TimeConditionFilter, TimeConditionUpdate, TimeConditionView } from '../../domain/time-conditions/time-conditions.schema.ts';
import { timeConditionView } from '../../domain/time-conditions/time-conditions.service.ts';
import type { TimeConditionRecord } from '../../domain/time-conditions/time-conditions.repository.ts';
import { arrayOf, errorResponses, listQuery, sendPage } from './shared.ts';
import { trueFalseAnswer } from './views/true-false.ts';
import { fromWire, wireSchema } from './wire.ts';

const { schema: timeConditionSchema, answer } = trueFalseAnswer<ReturnType<typeof timeConditionView>>(TimeConditionView);
const timeConditionAnswer = (tc: TimeConditionRecord) => answer(timeConditionView(tc));

const sortable = ['dialplan_uuid', 'tc_name', 'tc_extension', 'tc_enabled', 'date_created'];
const filters = (wireSchema(TimeConditionFilter) as { properties: Record<string, object> }).properties;

export default async function timeConditionsRoutes(app: FastifyInstance) {
  const { timeConditions } = app.services;
  const tags = ['pbx'];
  const params = { type: 'object', required: ['dialplan_uuid'], properties: { dialplan_uuid: { type: 'string', maxLength: 64 } } } as const;

  app.get(
    '/time_conditions',
    {
      schema: {
        tags,
        summary: 'List time conditions (the super-admin sees all, or one tenant’s with tenant_id; a tenant admin its own)',
        querystring: listQuery(filters, sortable),
        response: { 200: arrayOf(timeConditionSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await timeConditions.list(fromWire(request.query), request.ctx), timeConditionAnswer),
  );

  app.get<{ Params: { dialplan_uuid: string } }>(
    '/time_conditions/:dialplan_uuid',
    { schema: { tags, summary: 'Read a time condition', params, response: { 200: timeConditionSchema, ...errorResponses } } },
    async (request) => timeConditionAnswer(await timeConditions.get(request.params.dialplan_uuid, request.ctx)),
  );

  app.post(
    '/time_conditions',
    {
      schema: {
        tags,
        summary: 'Create a time condition; answers it (with its dialplan_uuid), 409 when its number is in use',
        body: wireSchema(TimeConditionCreate),
        response: { 200: timeConditionSchema, ...errorResponses },
      },
    },
    async (request) => timeConditionAnswer(await timeConditions.create(fromWire(request.body), request.ctx)),
  );

  app.put<{ Params: { dialplan_uuid: string } }>(
    '/time_conditions/:dialplan_uuid',
    {
      schema: {
        tags,
        summary: 'Update a time condition (the object as read, with the edits); 409 when renumbering one something points at',
        params,
        body: wireSchema(TimeConditionUpdate),
        response: { 200: timeConditionSchema, ...errorResponses },
      },
    },
    async (request) => timeConditionAnswer(await timeConditions.update(request.params.dialplan_uuid, fromWire(request.body), request.ctx)),
  );

  app.delete<{ Params: { dialplan_uuid: string } }>(
    '/time_conditions/:dialplan_uuid',
    { schema: { tags, summary: 'Delete a time condition (409 while a DID or another destination points at it)', params, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await timeConditions.remove(request.params.dialplan_uuid, request.ctx);
      return true;
    },
  );
}
