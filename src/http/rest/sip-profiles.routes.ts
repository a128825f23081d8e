// /sip_profiles: the settings of FreeSWITCH's sofia profiles, rendered into sofia.conf (super-admin).
import type { FastifyInstance } from 'fastify';
import { arrayOf, errorResponses } from './shared.ts';

const settingSchema = {
  type: 'object',
  required: ['name', 'value'],
  properties: {
    name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$' },
    value: { type: 'string', maxLength: 1024 },
    enabled: { type: 'boolean' },
  },
} as const;

const profileSchema = {
  type: 'object',
  properties: {
    profile: { type: 'string' },
    settings: arrayOf({ type: 'object', properties: { name: { type: 'string' }, value: { type: 'string' }, enabled: { type: 'boolean' } } }),
  },
} as const;

const params = {
  type: 'object',
  required: ['profile'],
  properties: { profile: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,31}$' } },
} as const;

export default async function sipProfilesRoutes(app: FastifyInstance) {
  const { sipProfiles } = app.services;
  const tags = ['freeswitch'];

  app.get('/sip_profiles', { schema: { tags, summary: 'List the sofia profiles and their settings', response: { 200: arrayOf(profileSchema), ...errorResponses } } }, (request) =>
    sipProfiles.list(request.ctx),
  );

  app.get<{ Params: { profile: string } }>(
    '/sip_profiles/:profile',
    { schema: { tags, summary: 'Read a sofia profile (internal, external, …)', params, response: { 200: profileSchema, ...errorResponses } } },
    (request) => sipProfiles.get(request.params.profile, request.ctx),
  );

  app.put<{ Params: { profile: string }; Body: { settings: { name: string; value: string; enabled?: boolean }[] } }>(
    '/sip_profiles/:profile',
    {
      schema: {
        tags,
        summary: 'Replace a sofia profile\'s settings; FreeSWITCH reads them at the next profile rescan or restart',
        params,
        body: { type: 'object', required: ['settings'], properties: { settings: { type: 'array', minItems: 1, maxItems: 500, items: settingSchema } } },
        response: { 200: profileSchema, ...errorResponses },
      },
    },
    (request) => sipProfiles.replace(request.params.profile, request.body.settings, request.ctx),
  );
}
