// Every foundation mutation, as the super-admin, round-tripped against what REST then shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { codeOf, dataOf } from '../../helpers/graphql.ts';

describe.each(databaseKinds)('GraphQL mutations on $name', (kind) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(kind, { TENANT_DOMAIN_SUFFIX: '.pbx.test', LOGIN_RATE_PER_MINUTE: '1000' });
    admin = await t.adminToken();
  });
  afterAll(() => t?.close());

  const gql = async (query: string, variables?: Record<string, unknown>) => dataOf(await t.gql(query, variables, admin));

  it('tenants: create (domain derived), update, list with users, delete with its users', async () => {
    const { createTenant } = await gql('mutation { createTenant(input: { name: "Zoë & Co", email: "" }) { id name domain domainUuid active createdAt } }');
    expect(createTenant).toMatchObject({ name: 'Zoë & Co', domain: 'zoe-co.pbx.test', active: true });
    expect(createTenant.domainUuid).toMatch(/^[0-9a-f-]{36}$/);
    const id = createTenant.id;

    const { updateTenant } = await gql('mutation ($id: Int!) { updateTenant(id: $id, input: { maxConcurrentCalls: 10, creditAlertThreshold: 5, permissions: ["mfa_enabled"] }) { maxConcurrentCalls creditAlertThreshold permissions } }', { id });
    expect(updateTenant).toEqual({ maxConcurrentCalls: 10, creditAlertThreshold: 5, permissions: ['mfa_enabled'] });
    expect((await t.api('GET', `/api/tenants/${id}`, { token: admin })).json()).toMatchObject({ max_concurrent_calls: 10, credit_alert_threshold: 5 });

    const { createUser } = await gql('mutation ($id: Int!) { createUser(input: { username: "zoe", password: "Str0ng-Passw0rd!", tenantId: $id, firstName: "Zoë" }) { id tenant { name } } }', { id });
    expect(createUser.tenant.name).toBe('Zoë & Co');
    expect((await gql('query ($id: Int!) { tenant(id: $id) { users { total items { username firstName } } } }', { id })).tenant.users).toEqual({
      total: 1,
      items: [{ username: 'zoe', firstName: 'Zoë' }],
    });

    expect(await gql('mutation ($id: Int!) { deleteTenant(id: $id) }', { id })).toEqual({ deleteTenant: true });
    expect(codeOf(await t.gql('query ($id: Int!) { tenant(id: $id) { id } }', { id }, admin))).toBe(404);
    expect(codeOf(await t.gql('query ($id: Int!) { user(id: $id) { id } }', { id: createUser.id }, admin))).toBe(404);
  });

  it('users: create, update (clearing a nullable field), set password, delete', async () => {
    const { createUser } = await gql(
      'mutation { createUser(input: { username: "sam", password: "Str0ng-Passw0rd!", email: "sam@example.test", countryId: 92 }) { id email countryId roles { name } isAdmin createdAt lastLoginAt } }',
    );
    expect(createUser).toMatchObject({ email: 'sam@example.test', countryId: 92, roles: [{ name: 'user' }], isAdmin: false, lastLoginAt: null });
    const id = createUser.id;

    const { updateUser } = await gql('mutation ($id: Int!) { updateUser(id: $id, input: { lastName: "Smith", countryId: null, email: null }) { lastName countryId email } }', { id });
    expect(updateUser).toEqual({ lastName: 'Smith', countryId: null, email: 'sam@example.test' });

    expect(await gql('mutation ($id: Int!) { setUserPassword(id: $id, password: "N3w-Passw0rd!!") }', { id })).toEqual({ setUserPassword: true });
    const login = await t.gql('mutation { login(username: "sam", password: "N3w-Passw0rd!!") { user { id lastLoginAt } } }');
    expect(dataOf(login).login.user.id).toBe(id);
    expect(dataOf(login).login.user.lastLoginAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    expect(await gql('mutation ($id: Int!) { deleteUser(id: $id) }', { id })).toEqual({ deleteUser: true });
    expect((await t.api('GET', `/api/users/${id}`, { token: admin })).statusCode).toBe(404);
  });

  it('roles: create, update, attach and detach permissions, delete; built-in roles stay', async () => {
    const { permissions } = await gql('{ permissions(name: "tenant_read") { total items { id name } } }');
    expect(permissions.total).toBe(1);
    const permissionId = permissions.items[0].id;

    const { createRole } = await gql('mutation { createRole(input: { name: "auditor", description: "Reads tenants" }) { id name builtIn permissions { name } } }');
    expect(createRole).toMatchObject({ name: 'auditor', builtIn: false, permissions: [] });
    const id = createRole.id;
    const { updateRole } = await gql('mutation ($id: Int!) { updateRole(id: $id, input: { description: "Reads tenants only" }) { description } }', { id });
    expect(updateRole.description).toBe('Reads tenants only');
    const attached = await gql('mutation ($id: Int!, $p: Int!) { attachRolePermission(roleId: $id, permissionId: $p) { permissions { name } } }', { id, p: permissionId });
    expect(attached.attachRolePermission.permissions).toEqual([{ name: 'tenant_read' }]);
    const detached = await gql('mutation ($id: Int!, $p: Int!) { detachRolePermission(roleId: $id, permissionId: $p) { permissions { name } } }', { id, p: permissionId });
    expect(detached.detachRolePermission.permissions).toEqual([]);
    expect(await gql('mutation ($id: Int!) { deleteRole(id: $id) }', { id })).toEqual({ deleteRole: true });
    expect(codeOf(await t.gql('query ($id: Int!) { role(id: $id) { id } }', { id }, admin))).toBe(404);

    const builtIn = (await gql('{ roles(name: "user") { items { id } } }')).roles.items[0].id;
    expect(codeOf(await t.gql('mutation ($id: Int!) { deleteRole(id: $id) }', { id: builtIn }, admin))).toBe(409);
  });

  it('permissions: define one and grant it to a user directly, then revoke it', async () => {
    const { createPermission } = await gql('mutation { createPermission(input: { name: "report_export", description: "Export reports" }) { id name description } }');
    expect(createPermission).toMatchObject({ name: 'report_export', description: 'Export reports' });
    const { createUser } = await gql('mutation { createUser(input: { username: "reporter", password: "Str0ng-Passw0rd!" }) { id } }');
    const vars = { u: createUser.id, p: createPermission.id };
    const granted = await gql('mutation ($u: Int!, $p: Int!) { grantUserPermission(userId: $u, permissionId: $p) { permissions directPermissions { name description } } }', vars);
    expect(granted.grantUserPermission.permissions).toContain('report_export');
    expect(granted.grantUserPermission.directPermissions).toEqual([{ name: 'report_export', description: 'Export reports' }]);
    const revoked = await gql('mutation ($u: Int!, $p: Int!) { revokeUserPermission(userId: $u, permissionId: $p) { permissions directPermissions { name } } }', vars);
    expect(revoked.revokeUserPermission.permissions).not.toContain('report_export');
    expect(revoked.revokeUserPermission.directPermissions).toEqual([]);
  });

  it('mutations in one request see each other’s effects', async () => {
    const { createTenant } = await gql('mutation { createTenant(input: { name: "Twice", domain: "twice.test" }) { id } }');
    const { createUser } = await gql('mutation ($t: Int!) { createUser(input: { username: "twice-user", password: "Str0ng-Passw0rd!", tenantId: $t }) { id } }', { t: createTenant.id });
    const both = await gql(
      'mutation ($t: Int!, $u: Int!) { a: updateUser(id: $u, input: { firstName: "A" }) { tenant { name } } b: updateTenant(id: $t, input: { name: "Renamed" }) { id } c: updateUser(id: $u, input: { firstName: "C" }) { tenant { name } } }',
      { t: createTenant.id, u: createUser.id },
    );
    expect(both.a.tenant.name).toBe('Twice');
    expect(both.c.tenant.name).toBe('Renamed');
  });

  it('the activity log records what GraphQL did', async () => {
    const me = (await gql('{ me { id } }')).me.id;
    const { activities } = await gql('query ($me: Int!) { activities(userId: $me, action: "tenant_created", sort: createdAt, order: desc, limit: 1) { total items { action detail } } }', { me });
    expect(activities.total).toBeGreaterThan(0);
    expect(activities.items[0].detail).toContain('Twice');
  });
});
