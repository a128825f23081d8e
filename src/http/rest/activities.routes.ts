// The activity log (ICTPBX's ActivityApi): /users/activity/:user_id is that user's log;
// /users/activities/:user_id and the CSV export are the "System Activities" screen of the user in
// the path (the client sends its own id), filtered by user_id, tenant_id, from and to. Filters and
// answers are the activity schema (domain/activities/activities.schema.ts) in the client's words.
import type { FastifyInstance } from 'fastify';
import { ActivityFilter } from '../../domain/activities/activities.schema.ts';
import { sendCsv } from './csv.ts';
import { arrayOf, errorResponses, idParams, listQuery, sendPage } from './shared.ts';
import { activitySchema, activityText, activityView } from './views/activity.view.ts';
import { fromWire, wireSchema } from './wire.ts';

const filters = (wireSchema(ActivityFilter) as { properties: Record<string, object> }).properties;
const query = listQuery(filters, ['activitylog_id', 'date', 'action']);

export const ACTIVITY_CSV_HEADER = ['id', 'user_id', 'username', 'activities', 'date', 'action', 'ip_address', 'tenant_id'];

export default async function activitiesRoutes(app: FastifyInstance) {
  const { activities } = app.services;
  const tags = ['admin'];
  const params = idParams('user_id');
  const response = { 200: arrayOf(activitySchema), ...errorResponses };

  app.get<{ Params: { user_id: number } }>(
    '/users/activities/:user_id',
    {
      schema: {
        tags,
        summary: 'The activity log as the user in the path may see it (super-admin: all; tenant admin: its tenant; else its own), newest first',
        params,
        querystring: query,
        response,
      },
    },
    async (request, reply) => sendPage(reply, await activities.listVisible(request.params.user_id, fromWire(request.query), request.ctx), activityView),
  );

  app.get<{ Params: { user_id: number } }>(
    '/users/activity/:user_id',
    { schema: { tags, summary: "A user's own activity log, newest first (scoped like the user)", params, querystring: query, response } },
    async (request, reply) => sendPage(reply, await activities.listForUser(request.params.user_id, fromWire(request.query), request.ctx), activityView),
  );

  app.get<{ Params: { userid: number } }>(
    '/users/act/csv/:userid',
    {
      schema: {
        tags,
        summary: 'What /users/activities answers, whole, as a CSV download (oldest first; date in ISO 8601 UTC)',
        params: idParams('userid'),
        querystring: { type: 'object', additionalProperties: false, properties: filters },
        produces: ['text/csv'],
        response: { 200: { type: 'string', description: `CSV with the header ${ACTIVITY_CSV_HEADER.join(',')}` }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { userid } = request.params;
      const batches = await activities.exportVisible(userid, fromWire(request.query), request.ctx);
      return sendCsv(reply, `activity-${userid}.csv`, ACTIVITY_CSV_HEADER, batches, (a) => [
        a.id,
        a.userId,
        a.username,
        activityText(a),
        a.createdAt.toISOString(),
        a.action,
        a.ip,
        a.tenantId,
      ]);
    },
  );
}
