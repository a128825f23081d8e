// Live PBX state and call control over the Event Socket, in the ICTPBX client's words:
// /realtime, /realtime/control, /call/originate and /conference_participants (their schemas are
// in freeswitch/control/), and /status/providers. Tenant-scoped: a tenant admin sees and touches
// only its domain, an end user only its own extensions' calls.
import type { FastifyInstance } from 'fastify';
import { ConferenceRoomView, ParticipantControl, ParticipantControlAnswer, ParticipantsQuery } from '../../freeswitch/control/conference-participants.schema.ts';
import { CallControl, CallControlAnswer, Originate, OriginateAnswer, RealtimeQuery, RealtimeSnapshot } from '../../freeswitch/control/realtime.schema.ts';
import { arrayOf, errorEnvelope, errorResponses } from './shared.ts';
import { providerStateSchema, providerStateView } from './views/realtime.view.ts';
import { fromWire, toWire, wireSchema } from './wire.ts';

const switchErrors = { ...errorResponses, 502: errorEnvelope, 503: errorEnvelope, 504: errorEnvelope };

export default async function realtimeRoutes(app: FastifyInstance) {
  const { realtime, providerStatus, conferenceParticipants } = app.services;
  const tags = ['pbx'];

  app.get(
    '/realtime',
    {
      schema: {
        tags,
        summary: 'Active channels and registrations in view, with their counts, kept live from FreeSWITCH events (the nodes too, for the super-admin)',
        querystring: wireSchema(RealtimeQuery),
        response: { 200: wireSchema(RealtimeSnapshot), ...errorResponses },
      },
    },
    async (request) => toWire(await realtime.snapshot(fromWire(request.query), request.ctx)),
  );

  app.post(
    '/realtime/control',
    {
      schema: {
        tags,
        summary: 'Hang up, hold (a held call: unhold), unhold or blind-transfer (to destination) the channel channel_uuid',
        body: wireSchema(CallControl),
        response: { 200: wireSchema(CallControlAnswer), ...switchErrors },
      },
    },
    async (request) => realtime.control(fromWire(request.body), request.ctx),
  );

  app.post(
    '/call/originate',
    {
      schema: {
        tags,
        summary: 'Click-to-call: ring the registered extension from_ext, then dial to_number through the tenant dialplan with the tenant caller id',
        body: wireSchema(Originate),
        response: { 200: wireSchema(OriginateAnswer), ...switchErrors },
      },
    },
    async (request) => toWire(await realtime.originate(fromWire(request.body), request.ctx)),
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

  app.get(
    '/conference_participants',
    {
      schema: {
        tags,
        summary: 'A conference room and its live members (conference_uuid: a conference centre; conference_name: the running conference)',
        querystring: wireSchema(ParticipantsQuery),
        response: { 200: wireSchema(ConferenceRoomView), ...switchErrors },
      },
    },
    async (request) => toWire(await conferenceParticipants.room(fromWire(request.query), request.ctx)),
  );

  app.post(
    '/conference_participants',
    {
      schema: {
        tags,
        summary: 'Mute, unmute, deaf, undeaf or kick a member of a conference room',
        body: wireSchema(ParticipantControl),
        response: { 200: wireSchema(ParticipantControlAnswer), ...switchErrors },
      },
    },
    async (request) => toWire(await conferenceParticipants.act(fromWire(request.body), request.ctx)),
  );
}
