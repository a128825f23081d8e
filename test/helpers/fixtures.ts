// The scoping cast used across suites: tenants A and B, each with a tenant admin and an end
// user, created through the REST API as an operator would.
import { expect } from 'vitest';
import type { TestApp } from './app.ts';

export const PASSWORD = 'Str0ng-Passw0rd!';

export interface Cast {
  admin: string;
  tenantA: number;
  tenantB: number;
  adminA: { id: number; token: string };
  adminB: { id: number; token: string };
  userA: { id: number; token: string };
  userB: { id: number; token: string };
}

export async function roleId(t: TestApp, name: string): Promise<number> {
  return (await t.app.services.repos.roles.findByName(name))!.id;
}

export async function createTenant(t: TestApp, token: string, body: Record<string, unknown>): Promise<number> {
  const res = await t.api('POST', '/api/tenants', { token, body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export async function createUser(t: TestApp, token: string, body: Record<string, unknown>): Promise<number> {
  const res = await t.api('POST', '/api/users', { token, body: { password: PASSWORD, ...body } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export async function seedCast(t: TestApp): Promise<Cast> {
  const admin = await t.adminToken();
  const tenantA = await createTenant(t, admin, { name: 'Acme', domain: 'acme.test' });
  const tenantB = await createTenant(t, admin, { name: 'Globex', domain: 'globex.test' });
  const tenantRole = await roleId(t, 'tenant');
  const make = async (username: string, tenant_id: number, roles?: number[]) => {
    const id = await createUser(t, admin, { username, tenant_id, email: `${username}@example.test`, ...(roles ? { role_ids: roles } : {}) });
    return { id, token: await t.login(username, PASSWORD) };
  };
  return {
    admin,
    tenantA,
    tenantB,
    adminA: await make('admin-a', tenantA, [tenantRole]),
    adminB: await make('admin-b', tenantB, [tenantRole]),
    userA: await make('user-a', tenantA),
    userB: await make('user-b', tenantB),
  };
}
