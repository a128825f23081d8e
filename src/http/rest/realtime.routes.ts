// Live PBX state and call control over the Event Socket: /realtime, /realtime/control,
// /call/originate, /status/providers and /conference_participants. Tenant-scoped: a tenant admin
// sees and touches only its domain, an end user only its own extensions' calls.
import type { FastifyInstance } from 'fastify';
import type { ControlAction } from '../../domain/realtime/realtime.service.ts';
import type { ParticipantAction } from '../../domain/realtime/conference-participants.service.ts';
import { arrayOf, errorEnvelope, errorResponses } from './shared.ts';
import {
  channelSchema,
  channelView,
  nodeStateSchema,
  nodeStateView,
  participantSchema,
  participantView,
  providerStateSchema,
  providerStateView,
  registrationSchema,
  registrationView,
} from './views/realtime.view.ts';

const switchErrors = { ...errorResponses, 502: errorEnvelope, 503: errorEnvelope, 504: errorEnvelope };

export default async function realtimeRoutes(app: FastifyInstance) {
  const { realtime, providerStatus, conferenceParticipants } = app.services;
  const tags = ['pbx'];

  app.get<{ Querystring: { node?: string; domain?: string } }>(
    '/realtime',
    {
      schema: {
        tags,
        summary: 'Active channels and registrations on every FreeSWITCH node, kept live from events',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { node: { type: 'string', maxLength: 64 }, domain: { type: 'string', maxLength: 253 } },
        },
        response: {
          200: {
            type: 'object',
            properties: { channels: arrayOf(channelSchema), registrations: arrayOf(registrationSchema), nodes: arrayOf(nodeStateSchema) },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const s = await realtime.snapshot(request.query, request.ctx);
      return { channels: s.channels.map(channelView), registrations: s.registrations.map(registrationView), nodes: s.nodes.map(nodeStateView) };
    },
  );

  app.post<{ Body: { action: ControlAction; uuid: string; destination?: string } }>(
    '/realtime/control',
    {
      schema: {
        tags,
        summary: 'Hang up, hold, unhold or blind-transfer a live channel (transfer needs destination)',
        body: {
          type: 'object',
          required: ['action', 'uuid'],
          additionalProperties: false,
          properties: {
            action: { type: 'string', enum: ['hangup', 'hold', 'unhold', 'transfer'] },
            uuid: { type: 'string', minLength: 1, maxLength: 64 },
            destination: { type: 'string', minLength: 1, maxLength: 64, description: 'Transfer target, dialled in the tenant context' },
          },
        },
        response: { 200: { type: 'boolean' }, ...switchErrors },
      },
    },
    async (request) => {
      await realtime.control(request.body, request.ctx);
      return true;
    },
  );

  app.post<{ Body: { from: string; to: string; tenant_id?: number } }>(
    '/call/originate',
    {
      schema: {
        tags,
        summary: 'Click-to-call: ring extension `from`, then dial `to` through the tenant dialplan with the tenant caller id',
        body: {
          type: 'object',
          required: ['from', 'to'],
          additionalProperties: false,
          properties: {
            from: { type: 'string', minLength: 1, maxLength: 64, description: 'One of the caller’s extensions' },
            to: { type: 'string', minLength: 1, maxLength: 64, description: 'An extension or an outside number' },
            tenant_id: { type: 'integer', minimum: 1, description: 'Super-admin: the tenant of `from`' },
          },
        },
        response: {
          200: { type: 'object', properties: { job_uuid: { type: 'string' }, uuid: { type: 'string' }, node: { type: 'string' } } },
          ...switchErrors,
        },
      },
    },
    async (request) => {
      const { from, to, tenant_id } = request.body;
      const call = await realtime.originate({ from, to, tenantId: tenant_id }, request.ctx);
      return { job_uuid: call.jobUuid, uuid: call.uuid, node: call.node };
    },
  );

  app.get(
    '/status/providers',
    {
      schema: {
        tags: ['routing'],
        summary: 'Trunk registration state per FreeSWITCH node (sofia xmlstatus, sofia::gateway_state)',
        response: { 200: arrayOf(providerStateSchema), ...errorResponses },
      },
    },
    async (request, reply) => {
      const states = await providerStatus.list(request.ctx);
      reply.header('x-total-count', String(states.length));
      return states.map(providerStateView);
    },
  );

  app.get<{ Querystring: { conference_name?: string } }>(
    '/conference_participants',
    {
      schema: {
        tags,
        summary: 'Live conference participants (one conference with conference_name, else all in view)',
        querystring: { type: 'object', additionalProperties: false, properties: { conference_name: { type: 'string', minLength: 1, maxLength: 128 } } },
        response: { 200: arrayOf(participantSchema), ...switchErrors },
      },
    },
    async (request, reply) => {
      const members = await conferenceParticipants.list({ conference: request.query.conference_name }, request.ctx);
      reply.header('x-total-count', String(members.length));
      return members.map(participantView);
    },
  );

  app.post<{ Body: { conference_name: string; member_id: number; action: ParticipantAction } }>(
    '/conference_participants',
    {
      schema: {
        tags,
        summary: 'Mute, unmute, deaf, undeaf or kick a conference participant',
        body: {
          type: 'object',
          required: ['conference_name', 'member_id', 'action'],
          additionalProperties: false,
          properties: {
            conference_name: { type: 'string', minLength: 1, maxLength: 128 },
            member_id: { type: 'integer', minimum: 1 },
            action: { type: 'string', enum: ['mute', 'unmute', 'deaf', 'undeaf', 'kick'] },
          },
        },
        response: { 200: { type: 'boolean' }, ...switchErrors },
      },
    },
    async (request) => {
      const { conference_name, member_id, action } = request.body;
      await conferenceParticipants.act({ conference: conference_name, memberId: member_id, action }, request.ctx);
      return true;
    },
  );
}
