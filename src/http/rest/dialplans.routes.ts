// /dialplans: each tenant's rendered dialplan context, entry by entry in the order FreeSWITCH tries
// them, read-only (the entries come from the xml_curl answerer's compiled context, not rendered
// again). A tenant admin reads its own tenant's; the super-admin every tenant's or one (tenant_id).
import type { FastifyInstance } from 'fastify';
import { DialplanQuery } from '../../domain/dialplans/dialplans.service.ts';
import { DialplanEntryView, dialplanEntryViews } from '../../freeswitch/xml-curl/dialplan/dialplan-entries.ts';
import { arrayOf, errorResponses } from './shared.ts';
import { trueFalseAnswer } from './views/true-false.ts';
import { fromWire, wireSchema } from './wire.ts';

const { schema, answer } = trueFalseAnswer<DialplanEntryView>(DialplanEntryView);

export default async function dialplansRoutes(app: FastifyInstance) {
  const { dialplans } = app.services;
  app.get(
    '/dialplans',
    {
      schema: {
        tags: ['pbx'],
        summary: 'The rendered dialplan entries of each tenant’s context, in the order FreeSWITCH tries them (read-only)',
        querystring: wireSchema(DialplanQuery),
        response: { 200: arrayOf(schema), ...errorResponses },
      },
    },
    async (request) => {
      const tenants = await dialplans.tenants(fromWire(request.query), request.ctx);
      const views = await Promise.all(tenants.map(async (t) => dialplanEntryViews(t, await app.xmlCurl.dialplanEntries(t.domain))));
      return views.flat().map(answer);
    },
  );
}
