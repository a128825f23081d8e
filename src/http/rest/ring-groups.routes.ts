// /ring_groups: ring groups with FusionPBX's names as the ICTPBX client has them
// (domain/ring-groups/ring-groups.schema.ts). Flags answer as JS booleans: the client's list reads
// `=== true || === 'true'`, and its form binds nb-checkboxes to them (which would show the text
// 'false' as checked). Create and update answer the group (its ring_group_uuid); delete answers true.
import type { FastifyInstance } from 'fastify';
import { RingGroupCreate, RingGroupFilter, RingGroupUpdate, RingGroupView } from '../../domain/ring-groups/ring-groups.schema.ts';
import { ringGroupView } from '../../domain/ring-groups/ring-groups.service.ts';
import type { RingGroupRecord } from '../../domain/ring-groups/ring-groups.repository.ts';
import { arrayOf, errorResponses, listQuery, sendPage } from './shared.ts';
import { fromWire, toWire, wireSchema } from './wire.ts';

const ringGroupSchema = wireSchema(RingGroupView);
const answer = (g: RingGroupRecord) => toWire(ringGroupView(g));
const sortable = ['ring_group_name', 'ring_group_extension', 'ring_group_strategy', 'ring_group_uuid', 'date_created', 'ring_group_enabled'];
const filters = (wireSchema(RingGroupFilter) as { properties: Record<string, object> }).properties;

export default async function ringGroupsRoutes(app: FastifyInstance) {
  const { ringGroups } = app.services;
  const tags = ['pbx'];
  const params = { type: 'object', required: ['ring_group_uuid'], properties: { ring_group_uuid: { type: 'string', maxLength: 64 } } } as const;

  app.get(
    '/ring_groups',
    {
      schema: {
        tags,
        summary: 'List ring groups (the super-admin sees all, or one tenant’s with tenant_id; a tenant admin its own)',
        querystring: listQuery(filters, sortable),
        response: { 200: arrayOf(ringGroupSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await ringGroups.list(fromWire(request.query), request.ctx), answer),
  );

  app.get<{ Params: { ring_group_uuid: string } }>(
    '/ring_groups/:ring_group_uuid',
    { schema: { tags, summary: 'Read a ring group, with its members (destinations)', params, response: { 200: ringGroupSchema, ...errorResponses } } },
    async (request) => answer(await ringGroups.get(request.params.ring_group_uuid, request.ctx)),
  );

  app.post(
    '/ring_groups',
    {
      schema: {
        tags,
        summary: 'Create a ring group; answers it (with its ring_group_uuid), 409 when its number is in use in the tenant',
        body: wireSchema(RingGroupCreate),
        response: { 200: ringGroupSchema, ...errorResponses },
      },
    },
    async (request) => answer(await ringGroups.create(fromWire(request.body), request.ctx)),
  );

  app.put<{ Params: { ring_group_uuid: string } }>(
    '/ring_groups/:ring_group_uuid',
    {
      schema: {
        tags,
        summary: 'Update a ring group (the object as read, with the edits; destinations, when sent, replace its members)',
        params,
        body: wireSchema(RingGroupUpdate),
        response: { 200: ringGroupSchema, ...errorResponses },
      },
    },
    async (request) => answer(await ringGroups.update(request.params.ring_group_uuid, fromWire(request.body), request.ctx)),
  );

  app.delete<{ Params: { ring_group_uuid: string } }>(
    '/ring_groups/:ring_group_uuid',
    { schema: { tags, summary: 'Delete a ring group (409 while a DID or another destination points at it)', params, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await ringGroups.remove(request.params.ring_group_uuid, request.ctx);
      return true;
    },
  );
}
