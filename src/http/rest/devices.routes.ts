// /devices, /device_profiles, /device_lines, /device_vendors as the ICTPBX client calls them
// (src/app/pages/devices/). Flags answer as JS booleans (its lists read `=== true || === 'true'`).
// POST /devices answers the new device's uuid as a bare JSON string: the form takes the answer
// `as string` for the lines it saves next. Profiles and lines answer the object they wrote;
// deletes answer true. /device_vendors answers [{ name, models }] (the form's vendor and model
// selects) from the catalogue the provisioning templates implement.
import type { FastifyInstance } from 'fastify';
import { deviceLineView, deviceProfileView, deviceView } from '../../domain/devices/device-views.ts';
import type { DeviceLineRecord, DeviceProfileRecord, DeviceRecord } from '../../domain/devices/devices.repository.ts';
import {
  DeviceCreate,
  DeviceFilter,
  DeviceLineCreate,
  DeviceLineFilter,
  DeviceLineUpdate,
  DeviceLineView,
  DeviceProfileCreate,
  DeviceProfileFilter,
  DeviceProfileUpdate,
  DeviceProfileView,
  DeviceUpdate,
  DeviceVendorView,
  DeviceView,
} from '../../domain/devices/devices.schema.ts';
import { arrayOf, errorResponses, listQuery, sendJsonString, sendPage } from './shared.ts';
import { fromWire, toWire, wireSchema } from './wire.ts';

const filtersOf = (schema: object) => (wireSchema(schema) as { properties: Record<string, object> }).properties;
const uuidParam = (name: string) => ({ type: 'object', required: [name], properties: { [name]: { type: 'string', maxLength: 64 } } }) as const;

export default async function devicesRoutes(app: FastifyInstance) {
  const { devices: service } = app.services;
  const tags = ['pbx'];

  // Profiles ------------------------------------------------------------------------------------
  {
    const schema = wireSchema(DeviceProfileView);
    const answer = (p: DeviceProfileRecord) => toWire(deviceProfileView(p));
    const params = uuidParam('device_profile_uuid');
    type P = { Params: { device_profile_uuid: string } };
    app.get(
      '/device_profiles',
      { schema: { tags, summary: 'List device profiles (the super-admin sees all, or one tenant’s with tenant_id)', querystring: listQuery(filtersOf(DeviceProfileFilter), ['device_profile_name', 'device_profile_uuid', 'date_created', 'device_profile_enabled']), response: { 200: arrayOf(schema), ...errorResponses } } },
      async (request, reply) => sendPage(reply, await service.profiles.list(fromWire(request.query), request.ctx), answer),
    );
    app.get<P>('/device_profiles/:device_profile_uuid', { schema: { tags, summary: 'Read a device profile', params, response: { 200: schema, ...errorResponses } } }, async (request) =>
      answer(await service.profiles.get(request.params.device_profile_uuid, request.ctx)),
    );
    app.post('/device_profiles', { schema: { tags, summary: 'Create a device profile; answers it', body: wireSchema(DeviceProfileCreate), response: { 200: schema, ...errorResponses } } }, async (request) =>
      answer(await service.profiles.create(fromWire(request.body), request.ctx)),
    );
    app.put<P>('/device_profiles/:device_profile_uuid', { schema: { tags, summary: 'Update a device profile', params, body: wireSchema(DeviceProfileUpdate), response: { 200: schema, ...errorResponses } } }, async (request) =>
      answer(await service.profiles.update(request.params.device_profile_uuid, fromWire(request.body), request.ctx)),
    );
    app.delete<P>('/device_profiles/:device_profile_uuid', { schema: { tags, summary: 'Delete a device profile (409 while devices use it)', params, response: { 200: { type: 'boolean' }, ...errorResponses } } }, async (request) => {
      await service.profiles.remove(request.params.device_profile_uuid, request.ctx);
      return true;
    });
  }

  // Devices -------------------------------------------------------------------------------------
  {
    const schema = wireSchema(DeviceView);
    const answer = (d: DeviceRecord) => toWire(deviceView(d));
    const params = uuidParam('device_uuid');
    type P = { Params: { device_uuid: string } };
    app.get(
      '/devices',
      { schema: { tags, summary: 'List devices (MAC addresses normalised: 12 lowercase hex digits)', querystring: listQuery(filtersOf(DeviceFilter), ['device_address', 'device_label', 'device_vendor', 'device_model', 'device_uuid', 'date_created', 'device_enabled']), response: { 200: arrayOf(schema), ...errorResponses } } },
      async (request, reply) => sendPage(reply, await service.devices.list(fromWire(request.query), request.ctx), answer),
    );
    app.get<P>('/devices/:device_uuid', { schema: { tags, summary: 'Read a device (its password is never answered)', params, response: { 200: schema, ...errorResponses } } }, async (request) =>
      answer(await service.devices.get(request.params.device_uuid, request.ctx)),
    );
    app.post(
      '/devices',
      { schema: { tags, summary: 'Create a device; answers its device_uuid (400 for a MAC address in no usual spelling, 409 when the MAC is in use)', body: wireSchema(DeviceCreate), response: { 200: { type: 'string' }, ...errorResponses } } },
      async (request, reply) => sendJsonString(reply, (await service.devices.create(fromWire(request.body), request.ctx)).id),
    );
    app.put<P>('/devices/:device_uuid', { schema: { tags, summary: 'Update a device (an empty device_password keeps the stored one)', params, body: wireSchema(DeviceUpdate), response: { 200: schema, ...errorResponses } } }, async (request) =>
      answer(await service.devices.update(request.params.device_uuid, fromWire(request.body), request.ctx)),
    );
    app.delete<P>('/devices/:device_uuid', { schema: { tags, summary: 'Delete a device and its lines', params, response: { 200: { type: 'boolean' }, ...errorResponses } } }, async (request) => {
      await service.devices.remove(request.params.device_uuid, request.ctx);
      return true;
    });
  }

  // Lines ---------------------------------------------------------------------------------------
  {
    const schema = wireSchema(DeviceLineView);
    const answer = (l: DeviceLineRecord) => toWire(deviceLineView(l));
    const params = uuidParam('device_line_uuid');
    type P = { Params: { device_line_uuid: string } };
    app.get(
      '/device_lines',
      { schema: { tags, summary: "List device lines (the form asks for one device's with device_uuid)", querystring: listQuery(filtersOf(DeviceLineFilter), ['line_number', 'device_line_uuid', 'date_created']), response: { 200: arrayOf(schema), ...errorResponses } } },
      async (request, reply) => sendPage(reply, await service.lines.list(fromWire(request.query), request.ctx), answer),
    );
    app.get<P>('/device_lines/:device_line_uuid', { schema: { tags, summary: 'Read a device line', params, response: { 200: schema, ...errorResponses } } }, async (request) =>
      answer(await service.lines.get(request.params.device_line_uuid, request.ctx)),
    );
    app.post('/device_lines', { schema: { tags, summary: "Put an extension of the device's tenant on a line of the device; answers the line", body: wireSchema(DeviceLineCreate), response: { 200: schema, ...errorResponses } } }, async (request) =>
      answer(await service.lines.create(fromWire(request.body), request.ctx)),
    );
    app.put<P>('/device_lines/:device_line_uuid', { schema: { tags, summary: 'Update a device line', params, body: wireSchema(DeviceLineUpdate), response: { 200: schema, ...errorResponses } } }, async (request) =>
      answer(await service.lines.update(request.params.device_line_uuid, fromWire(request.body), request.ctx)),
    );
    app.delete<P>('/device_lines/:device_line_uuid', { schema: { tags, summary: 'Delete a device line', params, response: { 200: { type: 'boolean' }, ...errorResponses } } }, async (request) => {
      await service.lines.remove(request.params.device_line_uuid, request.ctx);
      return true;
    });
  }

  app.get('/device_vendors', { schema: { tags, summary: 'The vendors and models Switchyard provisions, and the file names their phones ask for', response: { 200: arrayOf(wireSchema(DeviceVendorView)), ...errorResponses } } }, async (request) =>
    service.vendors(request.ctx).map((v) => toWire(v)),
  );
}
