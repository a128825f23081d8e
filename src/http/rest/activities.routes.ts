// The activity log of a user (ICTCore's /users/activities, /users/activity and the CSV export).
import type { FastifyInstance } from 'fastify';
import type { ActivityQuery } from '../../domain/activities/activities.service.ts';
import { sendCsv } from './csv.ts';
import { arrayOf, errorResponses, idParams, listQuery, sendPage } from './shared.ts';
import { activitySchema, activityText, activityView } from './views/activity.view.ts';

interface ActivityQuerystring {
  action?: string;
  after?: number;
  before?: number;
  limit?: number;
  offset?: number;
  pageIndex?: number;
  pageSize?: number;
  sort?: string;
  order?: 'asc' | 'desc';
}

const filters = {
  action: { type: 'string', maxLength: 64, description: 'Only entries of this action (login, user_created, ...)' },
  after: { type: 'integer', minimum: 0, description: 'At or after (unix seconds)' },
  before: { type: 'integer', minimum: 0, description: 'At or before (unix seconds)' },
} as const;

const toQuery = (q: ActivityQuerystring): ActivityQuery => ({
  ...q,
  after: q.after !== undefined ? new Date(q.after * 1000) : undefined,
  before: q.before !== undefined ? new Date(q.before * 1000) : undefined,
});

export const ACTIVITY_CSV_HEADER = ['id', 'user_id', 'username', 'activities', 'date', 'action', 'ip_address', 'tenant_id'];

export default async function activitiesRoutes(app: FastifyInstance) {
  const { activities } = app.services;
  const tags = ['admin'];

  for (const url of ['/users/activities/:user_id', '/users/activity/:user_id']) {
    app.get<{ Params: { user_id: number }; Querystring: ActivityQuerystring }>(
      url,
      {
        schema: {
          tags,
          summary: "A user's activity log, newest first (scoped like the user)",
          params: idParams('user_id'),
          querystring: listQuery(filters, ['activitylog_id', 'date', 'action']),
          response: { 200: arrayOf(activitySchema), ...errorResponses },
        },
      },
      async (request, reply) =>
        sendPage(reply, await activities.listForUser(request.params.user_id, toQuery(request.query), request.ctx), activityView),
    );
  }

  app.get<{ Params: { userid: number }; Querystring: ActivityQuerystring }>(
    '/users/act/csv/:userid',
    {
      schema: {
        tags,
        summary: "A user's whole activity log as a CSV download (oldest first; date in ISO 8601 UTC)",
        params: idParams('userid'),
        querystring: { type: 'object', additionalProperties: false, properties: filters },
        produces: ['text/csv'],
        response: { 200: { type: 'string', description: `CSV with the header ${ACTIVITY_CSV_HEADER.join(',')}` }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { userid } = request.params;
      const batches = await activities.exportForUser(userid, toQuery(request.query), request.ctx);
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
