// /fpbx_domains: each tenant's FreeSWITCH domain (FusionPBX's v_domains names, as ICTPBX's server
// answers them; domain/domains/domains.schema.ts). Read-only: a tenant's domain is set through
// /tenants. domain_enabled answers as FusionPBX's 'true'/'false'.
import type { FastifyInstance } from 'fastify';
import type { TenantRecord } from '../../domain/tenants/tenants.repository.ts';
import { DomainFilter, DomainView } from '../../domain/domains/domains.schema.ts';
import { domainView } from '../../domain/domains/domains.service.ts';
import { arrayOf, errorResponses, idParams, listQuery, sendPage } from './shared.ts';
import { trueFalseAnswer } from './views/true-false.ts';
import { fromWire, wireSchema } from './wire.ts';

const { schema: domainSchema, answer } = trueFalseAnswer<ReturnType<typeof domainView>>(DomainView);
const domainAnswer = (t: TenantRecord) => answer(domainView(t));

export default async function domainsRoutes(app: FastifyInstance) {
  const { domains } = app.services;
  const tags = ['pbx'];

  app.get(
    '/fpbx_domains',
    {
      schema: {
        tags,
        summary: 'Tenant to FreeSWITCH domain (a tenant admin sees its own)',
        querystring: listQuery((wireSchema(DomainFilter) as { properties: Record<string, object> }).properties, ['tenant_id', 'domain_name']),
        response: { 200: arrayOf(domainSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await domains.list(fromWire(request.query), request.ctx), domainAnswer),
  );

  app.get<{ Params: { tenant_id: number } }>(
    '/fpbx_domains/:tenant_id',
    { schema: { tags, summary: 'The FreeSWITCH domain of a tenant', params: idParams('tenant_id'), response: { 200: domainSchema, ...errorResponses } } },
    async (request) => domainAnswer(await domains.get(request.params.tenant_id, request.ctx)),
  );
}
