// /fpbx_extensions: SIP extensions (FusionPBX field names). Create answers the bare new
// extension_uuid and 409 when the number is taken by anything dialable in the tenant.
import type { FastifyInstance } from 'fastify';
import type { ExtensionInput } from '../../domain/extensions/extensions.service.ts';
import { arrayOf, errorResponses, listQuery, sendJsonString, sendPage } from './shared.ts';
import { extensionSchema, extensionView } from './views/extension.view.ts';

interface ExtensionBody {
  tenant_id?: number;
  user_id?: number | null;
  extension?: string;
  password?: string;
  display_name?: string;
  effective_caller_id_name?: string;
  effective_caller_id_number?: string;
  outbound_caller_id_name?: string;
  outbound_caller_id_number?: string;
  accountcode?: string;
  toll_allow?: string;
  call_timeout?: number;
  call_group?: string;
  user_record?: string;
  hold_music?: string;
  auth_acl?: string;
  cidr?: string;
  do_not_disturb?: boolean;
  forward_all_enabled?: boolean;
  forward_all_destination?: string;
  forward_busy_enabled?: boolean;
  forward_busy_destination?: string;
  forward_no_answer_enabled?: boolean;
  forward_no_answer_destination?: string;
  voicemail_enabled?: boolean;
  voicemail_password?: string;
  voicemail_mail_to?: string;
  enabled?: boolean;
  description?: string;
}

const text = (max: number) => ({ type: 'string', maxLength: max }) as const;
const bool = { type: 'boolean', description: "true/false ('true'/'false' and 1/0 accepted)" } as const;

const bodyProperties = {
  tenant_id: { type: 'integer', minimum: 1, description: 'Super-admin: the tenant; a tenant admin creates in its own tenant' },
  user_id: { type: ['integer', 'null'], minimum: 0, description: 'The user (of the same tenant) the extension belongs to; 0 or null for none' },
  extension: { type: 'string', pattern: '^[0-9]{2,10}$', description: 'The number: 2 to 10 digits' },
  password: {
    type: 'string',
    minLength: 1,
    maxLength: 64,
    description: 'SIP password (write-only): at least 6 characters with a letter and a digit, without the extension number; generated when omitted',
  },
  display_name: text(64),
  effective_caller_id_name: text(64),
  effective_caller_id_number: text(32),
  outbound_caller_id_name: text(64),
  outbound_caller_id_number: text(32),
  accountcode: text(64),
  toll_allow: { ...text(128), description: 'Comma-separated toll classes the extension may call: local, domestic, international' },
  call_timeout: { type: 'integer', minimum: 1, maximum: 600 },
  call_group: text(128),
  user_record: { type: 'string', enum: ['', 'all', 'local', 'inbound', 'outbound'] },
  hold_music: text(255),
  auth_acl: text(64),
  cidr: { ...text(512), description: 'Comma-separated addresses or CIDR ranges allowed to register without a password' },
  do_not_disturb: bool,
  forward_all_enabled: bool,
  forward_all_destination: text(32),
  forward_busy_enabled: bool,
  forward_busy_destination: text(32),
  forward_no_answer_enabled: bool,
  forward_no_answer_destination: text(32),
  voicemail_enabled: bool,
  voicemail_password: { type: 'string', pattern: '^[0-9]{4,10}$', description: 'Voicemail PIN (4 to 10 digits, write-only); generated when omitted' },
  voicemail_mail_to: text(255),
  enabled: bool,
  description: text(1024),
} as const;

function toInput(b: ExtensionBody): ExtensionInput {
  const input: ExtensionInput = {
    tenantId: b.tenant_id,
    userId: b.user_id === 0 ? null : b.user_id,
    extension: b.extension,
    password: b.password,
    displayName: b.display_name,
    effectiveCallerIdName: b.effective_caller_id_name,
    effectiveCallerIdNumber: b.effective_caller_id_number,
    outboundCallerIdName: b.outbound_caller_id_name,
    outboundCallerIdNumber: b.outbound_caller_id_number,
    accountcode: b.accountcode,
    tollAllow: b.toll_allow,
    callTimeout: b.call_timeout,
    callGroup: b.call_group,
    userRecord: b.user_record,
    holdMusic: b.hold_music,
    authAcl: b.auth_acl,
    cidr: b.cidr,
    doNotDisturb: b.do_not_disturb,
    forwardAllEnabled: b.forward_all_enabled,
    forwardAllDestination: b.forward_all_destination,
    forwardBusyEnabled: b.forward_busy_enabled,
    forwardBusyDestination: b.forward_busy_destination,
    forwardNoAnswerEnabled: b.forward_no_answer_enabled,
    forwardNoAnswerDestination: b.forward_no_answer_destination,
    voicemailEnabled: b.voicemail_enabled,
    voicemailPassword: b.voicemail_password,
    voicemailMailTo: b.voicemail_mail_to,
    enabled: b.enabled,
    description: b.description,
  };
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as ExtensionInput;
}

interface ExtensionQuery {
  tenant_id?: number;
  user_id?: number;
  extension?: string;
  enabled?: boolean;
  display_name?: string;
}

const listFilters = {
  tenant_id: { type: 'integer' },
  user_id: { type: 'integer' },
  extension: { type: 'string' },
  enabled: { type: 'boolean' },
  display_name: { type: 'string' },
};
const sortable = ['extension', 'extension_uuid', 'display_name', 'date_created', 'enabled'];

export default async function extensionsRoutes(app: FastifyInstance) {
  const { extensions } = app.services;
  const tags = ['pbx'];
  const params = { type: 'object', required: ['extension_uuid'], properties: { extension_uuid: { type: 'string', maxLength: 64 } } } as const;
  const toFilter = ({ tenant_id, user_id, display_name, ...q }: ExtensionQuery) => ({ ...q, tenantId: tenant_id, userId: user_id, displayName: display_name });

  app.get<{ Querystring: ExtensionQuery }>(
    '/fpbx_extensions',
    {
      schema: {
        tags,
        summary: 'List extensions (a tenant admin sees its tenant’s, an end user those assigned to it)',
        querystring: listQuery(listFilters, sortable),
        response: { 200: arrayOf(extensionSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await extensions.list(toFilter(request.query), request.ctx), extensionView),
  );

  app.get<{ Querystring: { start?: number; tenant_id?: number } }>(
    '/fpbx_extensions/next_available',
    {
      schema: {
        tags,
        summary: 'The lowest free number of `start` (default 1000) or more, across everything dialable in the tenant',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { start: { type: 'integer', minimum: 10, maximum: 9999999999 }, tenant_id: { type: 'integer', minimum: 1, description: 'Super-admin: the tenant' } },
        },
        response: { 200: { type: 'object', properties: { extension: { type: 'string' } } }, ...errorResponses },
      },
    },
    async (request) => ({ extension: await extensions.nextAvailable(request.query.start, request.query.tenant_id, request.ctx) }),
  );

  app.get<{ Querystring: { extension: string; tenant_id?: number } }>(
    '/fpbx_extensions/check',
    {
      schema: {
        tags,
        summary: 'Whether a number is free in the tenant, and what holds it (extensions, feature codes, and later ring groups, IVRs, queues, conferences)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['extension'],
          properties: { extension: { type: 'string', pattern: '^[0-9]{2,10}$' }, tenant_id: { type: 'integer', minimum: 1, description: 'Super-admin: the tenant' } },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              extension: { type: 'string' },
              available: { type: 'boolean' },
              conflicts: { type: 'array', items: { type: 'object', properties: { type: { type: 'string' }, id: { type: ['string', 'integer'] } } } },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => extensions.check(request.query.extension, request.query.tenant_id, request.ctx),
  );

  app.get<{ Querystring: ExtensionQuery }>(
    '/fpbx_extensions/available_for_fax',
    {
      schema: {
        tags,
        summary: 'Extensions usable as fax endpoints: the enabled extensions in reach (the fax module will narrow this to those not already used by a fax account)',
        querystring: listQuery(listFilters, sortable),
        response: { 200: arrayOf(extensionSchema), ...errorResponses },
      },
    },
    async (request, reply) => sendPage(reply, await extensions.availableForFax(toFilter(request.query), request.ctx), extensionView),
  );

  app.get<{ Params: { extension_uuid: string } }>(
    '/fpbx_extensions/:extension_uuid',
    { schema: { tags, summary: 'Read an extension', params, response: { 200: extensionSchema, ...errorResponses } } },
    async (request) => extensionView(await extensions.get(request.params.extension_uuid, request.ctx)),
  );

  app.post<{ Body: ExtensionBody & { extension: string } }>(
    '/fpbx_extensions',
    {
      schema: {
        tags,
        summary: 'Create an extension; answers the new extension_uuid, 409 when the number is in use',
        body: { type: 'object', required: ['extension'], additionalProperties: false, properties: bodyProperties },
        response: { 200: { type: 'string' }, ...errorResponses },
      },
    },
    async (request, reply) => sendJsonString(reply, (await extensions.create(toInput(request.body) as ExtensionInput & { extension: string }, request.ctx)).id),
  );

  app.put<{ Params: { extension_uuid: string }; Body: ExtensionBody }>(
    '/fpbx_extensions/:extension_uuid',
    {
      schema: {
        tags,
        summary: 'Update an extension',
        params,
        body: { type: 'object', additionalProperties: false, minProperties: 1, properties: bodyProperties },
        response: { 200: extensionSchema, ...errorResponses },
      },
    },
    async (request) => extensionView(await extensions.update(request.params.extension_uuid, toInput(request.body), request.ctx)),
  );

  app.delete<{ Params: { extension_uuid: string } }>(
    '/fpbx_extensions/:extension_uuid',
    { schema: { tags, summary: 'Delete an extension', params, response: { 200: { type: 'boolean' }, ...errorResponses } } },
    async (request) => {
      await extensions.remove(request.params.extension_uuid, request.ctx);
      return true;
    },
  );

  app.post<{ Params: { extension_uuid: string }; Body: { user_id: number | null } }>(
    '/fpbx_extensions/:extension_uuid/assign',
    {
      schema: {
        tags,
        summary: 'Assign the extension to a user of its tenant (user_id 0 or null unassigns); answers the extension',
        params,
        body: { type: 'object', required: ['user_id'], additionalProperties: false, properties: { user_id: { type: ['integer', 'null'], minimum: 0 } } },
        response: { 200: extensionSchema, ...errorResponses },
      },
    },
    async (request) => extensionView(await extensions.assign(request.params.extension_uuid, request.body.user_id || null, request.ctx)),
  );
}
