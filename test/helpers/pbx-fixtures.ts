// PBX data for the xml_curl suites, created through the REST API as an operator would (tenants,
// extensions, providers, routes, DIDs, caller ids), plus the one thing REST refuses on purpose:
// the captured requests were made with the SIP password "1234", below the REST password policy,
// so `setSipPassword` writes it through Prisma and announces the change as a write path does.
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from './app.ts';

export const XML_CURL_URL = '/freeswitch/xml';

async function created(res: LightMyRequestResponse): Promise<any> {
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export async function createTenant(t: TestApp, body: { name: string; domain: string; max_concurrent_calls?: number; active?: boolean }): Promise<number> {
  return created(await t.api('POST', '/api/tenants', { token: await t.adminToken(), body }));
}

export async function updateTenant(t: TestApp, id: number, body: Record<string, unknown>): Promise<void> {
  const res = await t.api('PUT', `/api/tenants/${id}`, { token: await t.adminToken(), body });
  expect(res.statusCode, res.body).toBe(200);
}

/** Creates an extension; answers its extension_uuid (POST answers the extension, as the ICTPBX client reads it). */
export async function createExtension(t: TestApp, tenantId: number, body: Record<string, unknown>): Promise<string> {
  return (await created(await t.api('POST', '/api/fpbx_extensions', { token: await t.adminToken(), body: { tenant_id: tenantId, ...body } }))).extension_uuid;
}

export async function updateExtension(t: TestApp, uuid: string, body: Record<string, unknown>): Promise<void> {
  const res = await t.api('PUT', `/api/fpbx_extensions/${uuid}`, { token: await t.adminToken(), body });
  expect(res.statusCode, res.body).toBe(200);
}

export async function createProvider(t: TestApp, body: Record<string, unknown>): Promise<number> {
  return created(await t.api('POST', '/api/providers', { token: await t.adminToken(), body }));
}

export async function updateProvider(t: TestApp, id: number, body: Record<string, unknown>): Promise<void> {
  const res = await t.api('PUT', `/api/providers/${id}`, { token: await t.adminToken(), body });
  expect(res.statusCode, res.body).toBe(200);
}

export async function providerGateway(t: TestApp, id: number): Promise<string> {
  const res = await t.api('GET', `/api/providers/${id}`, { token: await t.adminToken() });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().gateway_uuid;
}

export async function createRoute(t: TestApp, body: Record<string, unknown>): Promise<number> {
  return created(await t.api('POST', '/api/routes', { token: await t.adminToken(), body }));
}

export async function createDid(t: TestApp, body: Record<string, unknown>): Promise<number> {
  return created(await t.api('POST', '/api/dids', { token: await t.adminToken(), body }));
}

/** Creates a ring group; answers its ring_group_uuid. */
export async function createRingGroup(t: TestApp, tenantId: number, body: Record<string, unknown>): Promise<string> {
  return (await created(await t.api('POST', '/api/ring_groups', { token: await t.adminToken(), body: { tenant_id: tenantId, ...body } }))).ring_group_uuid;
}

export async function updateRingGroup(t: TestApp, uuid: string, body: Record<string, unknown>): Promise<void> {
  const res = await t.api('PUT', `/api/ring_groups/${uuid}`, { token: await t.adminToken(), body });
  expect(res.statusCode, res.body).toBe(200);
}

export async function createCallerId(t: TestApp, body: Record<string, unknown>): Promise<number> {
  return created(await t.api('POST', '/api/cids', { token: await t.adminToken(), body }));
}

/** Sets an extension's SIP password as the capture had it (below the REST policy), announcing the change. */
export async function setSipPassword(t: TestApp, uuid: string, password: string): Promise<void> {
  const { db } = t.app.database;
  const ext = await db.extension.update({ where: { id: uuid }, data: { passwordEnc: t.app.services.secrets.seal(password) }, include: { tenant: true } });
  await t.app.services.changes.publish({ entity: 'extension', tenantId: ext.tenantId, id: ext.id, domain: ext.tenant.domain });
}

/** POSTs a fetch as mod_xml_curl does (form body, its headers), from loopback unless told otherwise. */
export function fetchXml(
  t: TestApp,
  body: string | Record<string, string>,
  options: { url?: string; headers?: Record<string, string>; remoteAddress?: string } = {},
): Promise<LightMyRequestResponse> {
  const payload = typeof body === 'string' ? body : new URLSearchParams(body).toString();
  return t.app.inject({
    method: 'POST',
    url: options.url ?? XML_CURL_URL,
    payload,
    remoteAddress: options.remoteAddress ?? '127.0.0.1',
    headers: { 'user-agent': 'freeswitch-xml/1.0', accept: '*/*', 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
  });
}

/** The answer's XML, after checking it is a 200 text/xml answer. */
export async function answerOf(res: Promise<LightMyRequestResponse> | LightMyRequestResponse): Promise<string> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(200);
  expect(r.headers['content-type']).toMatch(/^text\/xml/);
  return r.body;
}
