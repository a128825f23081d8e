// /dids: DID numbers (/dids/:account_id is the DID's id). The super-admin creates DIDs and
// assigns them to tenants; a tenant admin sets where its DIDs' calls go.
import type { FastifyInstance } from 'fastify';
import type { DidInput } from '../../domain/dids/dids.service.ts';
import { DESTINATION_TYPES } from '../../domain/dialable/targets.ts';
import { arrayOf, errorResponses, idParams, listQuery, sendPage } from './shared.ts';
import { didSchema, didView } from './views/did.view.ts';

interface DidBody {
  number?: string;
  tenant_id?: number | null;
  provider_id?: number | null;
  destination_type?: string;
  destination_value?: string;
  caller_id_prefix?: string;
  active?: boolean;
  description?: string;
}

export const destinationTypeSchema = {
  type: 'string',
  enum: ['', ...DESTINATION_TYPES],
  description: `Where calls go: ${DESTINATION_TYPES.join(', ')} ('' for nowhere yet)`,
} as const;

const bodyProperties = {
  number: { type: 'string', pattern: '^\\+?[0-9]{3,15}$', description: 'E.164 digits, optional leading + (stored without it)' },
  tenant_id: { type: ['integer', 'null'], minimum: 1, description: 'Super-admin: the tenant the DID is assigned to (null: in stock)' },
  provider_id: { type: ['integer', 'null'], minimum: 1, description: 'The trunk the DID arrives on' },
  destination_type: destinationTypeSchema,
  destination_value: { type: 'string', maxLength: 64, description: 'The extension number, ring group / IVR / queue / conference id, or external number' },
  caller_id_prefix: { type: 'string', maxLength: 32, description: 'Prepended to the caller id name of inbound calls' },
  active: { type: 'boolean' },
  description: { type: 'string', maxLength: 1024 },
} as const;

function toInput(b: DidBody): DidInput {
  const input: DidInput = {
    number: b.number,
    tenantId: b.tenant_id,
    providerId: b.provider_id,
    destinationType: b.destination_type,
    destinationValue: b.destination_value,
    callerIdPrefix: b.caller_id_prefix,
    active: b.active,
    description: b.description,
  };
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as DidInput;
}

interface DidQuery {
  tenant_id?: number;
  number?: string;
  provider_id?: number;
  destination_type?: string;
  active?: boolean;
}

export default async function didsRoutes(app: FastifyInstance) {
  const { dids } = app.services;
  const tags = ['routing'];
  const params = idParams('account_id');

  app.get<{ Querystring: DidQuery }>(
    '/dids',
    {
      schema: {
        tags,
        summary: 'List DIDs (a tenant admin sees its own)',
        querystring: listQuery(
          { tenant_id: { type: 'integer' }, number: { type: 'string' }, provider_id: { type: 'integer' }, destination_type: { type: 'string' }, active: { type: 'boolean' } },
          ['account_id', 'number', 'tenant_id', 'date_created'],
        ),
        response: { 200: arrayOf(didSchema), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { tenant_id, provider_id, destination_type, ...q } = request.query;
      return sendPage(reply, await dids.list({ ...q, tenantId: tenant_id, providerId: provider_id, destinationType: destination_type }, request.ctx), didView);
    },
  );

  app.get<{ Params: { account_id: number } }>(
    '/dids/:account_id',
    { schema: { tags, summary: 'Read a DID', params, response: { 200: didSchema, ...errorResponses } } },
    async (request) => didView(await dids.get(request.params.account_id, request.ctx)),
  );

  app.post<{ Body: DidBody & { number: string } }>(
    '/dids',
    {
      schema: {
        tags,
        summary: 'Create a DID; answers its id (409 when the number exists)',
        body: { type: 'object', required: ['number'], additionalProperties: false, properties: bodyProperties },
        response: { 200: { type: 'integer' }, ...errorResponses },
      },
    },
    async (request) => (await dids.create(toInput(request.body) as DidInput & { number: string }, request.ctx)).id,
  );

  app.put<{ Params: { account_id: number }; Body: DidBody }>(
    '/dids/:account_id',
    {
      schema: {
        tags,
        summary: 'Update a DID (number, provider and tenant: super-admin only)',
        params,
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties: bodyProperties },
        response: { 200: didSchema, ...errorResponses },
      },
    },
    async (request) => didView(await dids.update(request.params.account_id, toInput(request.body), request.ctx)),
  );

  app.put<{ Params: { account_id: number }; Body: { tenant_id?: number | null; destination_type?: string; destination_value?: string } }>(
    '/dids/:account_id/assign',
    {
      schema: {
        tags,
        summary: 'Assign a DID to a tenant (super-admin; a new tenant clears the destination unless one is given) and/or set its destination',
        params,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { tenant_id: bodyProperties.tenant_id, destination_type: bodyProperties.destination_type, destination_value: bodyProperties.destination_value },
        },
        response: { 200: didSchema, ...errorResponses },
      },
    },
    async (request) => {
      const b = request.body;
      return didView(await dids.assign(request.params.account_id, { tenantId: b.tenant_id, destinationType: b.destination_type, destinationValue: b.destination_value }, request.ctx));
    },
  );

  app.delete<{ Params: { account_id: number } }>(
    '/dids/:account_id',
    { schema: { tags, summary: 'Delete a DID', params, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await dids.remove(request.params.account_id, request.ctx);
      return true;
    },
  );
}
