// Calls built as the ICTPBX web client builds them (ictinnovations/ictpbx-community-edition-gui,
// src/app/app.service.ts createAuthorizationHeader): `Authorization: " Bearer <jwt>"` with its
// leading space, JSON content type and accept on every call, DELETE included (which carries no
// body), and every answer read with JSON.parse (an empty body would fail the call).
import { expect } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import type { DatabaseKind } from '../helpers/databases.ts';
import { seedCast } from '../helpers/fixtures.ts';

export interface GuiClient {
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export function guiClient(t: TestApp, token: string | null): GuiClient {
  const headers = {
    'content-type': 'application/json',
    accept: 'application/json',
    ...(token ? { authorization: ` Bearer ${token}` } : {}),
  };
  const send = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) =>
    t.app.inject({ method, url: `/api${url}`, headers, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });
  return {
    get: (url) => send('GET', url),
    post: (url, body) => send('POST', url, body),
    put: (url, body) => send('PUT', url, body),
    delete: (url) => send('DELETE', url),
  };
}

/** The answer as the client's `.json()` reads it, after checking the status. */
export function answer(res: LightMyRequestResponse, status = 200): any {
  expect(res.statusCode, res.body).toBe(status);
  return JSON.parse(res.body);
}

/**
 * A fresh app with the cast seeded (helpers/fixtures.ts) and the callers the PBX screens are tested
 * as: the super-admin, tenant A's admin and tenant B's.
 */
export async function guiCast(kind: DatabaseKind) {
  const t = await createTestApp(kind);
  const cast = await seedCast(t);
  return { t, cast, admin: guiClient(t, cast.admin), tenantAdmin: guiClient(t, cast.adminA.token), otherAdmin: guiClient(t, cast.adminB.token) };
}

/** How the client reads a yes/no it may get as a boolean or as 'true'/'false'. */
export const clientFlag = (v: unknown) => v === true || v === 'true';
