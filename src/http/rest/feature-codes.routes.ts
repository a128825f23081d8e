// /feature_codes: the feature codes of the caller's tenant, read-only, as the ICTPBX client's
// feature codes screen reads them (pages/feature_codes: a bare array; dialplan_number,
// dialplan_name, dialplan_description, and dialplan_enabled compared with 'true').
import type { FastifyInstance } from 'fastify';
import { FeatureCodeQuery, FeatureCodeView } from '../../domain/feature-codes/feature-codes.schema.ts';
import { arrayOf, errorResponses } from './shared.ts';
import { trueFalseAnswer } from './views/true-false.ts';
import { fromWire, wireSchema } from './wire.ts';

const { schema, answer } = trueFalseAnswer<FeatureCodeView>(FeatureCodeView);

export default async function featureCodesRoutes(app: FastifyInstance) {
  const { featureCodes } = app.services;
  app.get(
    '/feature_codes',
    {
      schema: {
        tags: ['pbx'],
        summary: 'The feature codes a tenant’s phones can dial (*97, *72, *78, *8, ...), read-only; the super-admin names the tenant with tenant_id (without it: the core codes every tenant has)',
        querystring: wireSchema(FeatureCodeQuery),
        response: { 200: arrayOf(schema), ...errorResponses },
      },
    },
    async (request) => (await featureCodes.list(fromWire(request.query), request.ctx)).map(answer),
  );
}
