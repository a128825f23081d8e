// /sip_profiles: the settings of FreeSWITCH's sofia profiles, rendered into sofia.conf (super-admin).
// Bodies and answers are the profile schema (domain/sip-profiles/sip-profiles.schema.ts).
import type { FastifyInstance } from 'fastify';
import { ProfileName, ProfileSettings, SipProfileView } from '../../domain/sip-profiles/sip-profiles.schema.ts';
import { arrayOf, errorResponses } from './shared.ts';
import { wireSchema } from './wire.ts';

const params = { type: 'object', required: ['profile'], properties: { profile: ProfileName } } as const;

export default async function sipProfilesRoutes(app: FastifyInstance) {
  const { sipProfiles } = app.services;
  const tags = ['freeswitch'];

  app.get('/sip_profiles', { schema: { tags, summary: 'List the sofia profiles and their settings', response: { 200: arrayOf(SipProfileView), ...errorResponses } } }, (request) =>
    sipProfiles.list(request.ctx),
  );

  app.get<{ Params: { profile: string } }>(
    '/sip_profiles/:profile',
    { schema: { tags, summary: 'Read a sofia profile (internal, external, …)', params, response: { 200: SipProfileView, ...errorResponses } } },
    (request) => sipProfiles.get(request.params.profile, request.ctx),
  );

  app.put<{ Params: { profile: string } }>(
    '/sip_profiles/:profile',
    {
      schema: {
        tags,
        summary: "Replace a sofia profile's settings; FreeSWITCH reads them at the next profile rescan or restart",
        params,
        body: wireSchema(ProfileSettings),
        response: { 200: SipProfileView, ...errorResponses },
      },
    },
    (request) => sipProfiles.replace(request.params.profile, request.body, request.ctx),
  );
}
