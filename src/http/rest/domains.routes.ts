// /fpbx_domains: each tenant's FreeSWITCH domain (FusionPBX's v_domains names). Read-only: a
// tenant's domain is set through /tenants.
import type { FastifyInstance } from 'fastify';
import type { PbxDomain } from '../../domain/domains/domains.service.ts';
import { arrayOf, errorResponses, idParams, listQuery, sendPage } from './shared.ts';
import { tf } from './views/extension.view.ts';

const domainSchema = {
  type: 'object',
  properties: {
    tenant_id: { type: 'integer' },
    domain_uuid: { type: 'string' },
    domain_name: { type: 'string' },
    domain_enabled: { type: 'string', enum: ['true', 'false'] },
    domain_description: { type: 'string' },
  },
} as const;

const domainView = (d: PbxDomain) => ({
  tenant_id: d.tenantId,
  domain_uuid: d.domainUuid,
  domain_name: d.domainName,
  domain_enabled: tf(d.enabled),
  domain_description: d.description,
});

export default async function domainsRoutes(app: FastifyInstance) {
  const { domains } = app.services;
  const tags = ['pbx'];

  app.get<{ Querystring: { domain_name?: string; domain_enabled?: boolean } }>(
    '/fpbx_domains',
    {
      schema: {
        tags,
        summary: 'Tenant to FreeSWITCH domain (a tenant admin sees its own)',
        querystring: listQuery({ domain_name: { type: 'string' }, domain_enabled: { type: 'boolean' } }, ['tenant_id', 'domain_name']),
        response: { 200: arrayOf(domainSchema), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { domain_name, domain_enabled, ...q } = request.query;
      return sendPage(reply, await domains.list({ ...q, domainName: domain_name, enabled: domain_enabled }, request.ctx), domainView);
    },
  );

  app.get<{ Params: { tenant_id: number } }>(
    '/fpbx_domains/:tenant_id',
    { schema: { tags, summary: 'The FreeSWITCH domain of a tenant', params: idParams('tenant_id'), response: { 200: domainSchema, ...errorResponses } } },
    async (request) => domainView(await domains.get(request.params.tenant_id, request.ctx)),
  );
}
