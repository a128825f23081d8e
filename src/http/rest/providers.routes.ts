// /providers: SIP trunks as the ICTPBX client's provider screens have them (ICTCore's provider plus
// FusionPBX's gateway fields; domain/providers/providers.schema.ts). ?service_flag= filters
// bitwise (2 lists fax-capable trunks). The form binds its yes/no selects to strings, so REST
// answers them as it sends them: FusionPBX's flags as 'true'/'false', ICTCore's `active` as '1'/'0'
// (the client's fax check reads Number(active) === 1). Shared trunks (no tenant_id) are the
// super-admin's; tenants see them and may route through them.
import type { FastifyInstance } from 'fastify';
import { ProviderCreate, ProviderFilter, ProviderUpdate, ProviderView } from '../../domain/providers/providers.schema.ts';
import { providerView, type Provider } from '../../domain/providers/providers.service.ts';
import { arrayOf, errorResponses, idParams, listQuery, sendPage } from './shared.ts';
import { trueFalseAnswer } from './views/true-false.ts';
import { fromWire, wireSchema } from './wire.ts';

const { schema: providerSchema, answer } = trueFalseAnswer<ReturnType<typeof providerView>>(ProviderView, { active: { type: 'string', enum: ['1', '0'] } });
const providerAnswer = (p: Provider) => ({ ...answer(providerView(p)), active: p.active ? '1' : '0' });

export default async function providersRoutes(app: FastifyInstance) {
  const { providers } = app.services;
  const tags = ['routing'];
  const params = idParams('provider_id');

  app.get(
    '/providers',
    {
      schema: {
        tags,
        summary: 'List SIP trunks (a tenant sees its own and the shared ones); ?service_flag=2 lists fax-capable ones',
        querystring: listQuery((wireSchema(ProviderFilter) as { properties: Record<string, object> }).properties, ['provider_id', 'name', 'host', 'date_created']),
        response: { 200: arrayOf(providerSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await providers.list(fromWire(request.query), request.ctx), providerAnswer),
  );

  app.get<{ Params: { provider_id: number } }>(
    '/providers/:provider_id',
    { schema: { tags, summary: 'Read a SIP trunk (never its password)', params, response: { 200: providerSchema, ...errorResponses } } },
    async (request) => providerAnswer(await providers.get(request.params.provider_id, request.ctx)),
  );

  app.post(
    '/providers',
    {
      schema: {
        tags,
        summary: 'Create a SIP trunk; answers the new provider_id',
        body: wireSchema(ProviderCreate),
        response: { 200: { type: 'integer' }, ...errorResponses },
      },
    },
    async (request) => (await providers.create(fromWire(request.body), request.ctx)).id,
  );

  app.put<{ Params: { provider_id: number } }>(
    '/providers/:provider_id',
    {
      schema: { tags, summary: 'Update a SIP trunk (the object as read, with the edits)', params, body: wireSchema(ProviderUpdate), response: { 200: providerSchema, ...errorResponses } },
    },
    async (request) => providerAnswer(await providers.update(request.params.provider_id, fromWire(request.body), request.ctx)),
  );

  app.delete<{ Params: { provider_id: number } }>(
    '/providers/:provider_id',
    { schema: { tags, summary: 'Delete a SIP trunk (409 while outbound routes use it)', params, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await providers.remove(request.params.provider_id, request.ctx);
      return true;
    },
  );
}
