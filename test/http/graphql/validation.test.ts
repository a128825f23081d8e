// Bad input answers extensions.code 400 (or 409 for a conflict) naming the problem, and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { codeOf, dataOf, firstError } from '../../helpers/graphql.ts';

describe.each(databaseKinds)('GraphQL validation errors on $name', (kind) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.adminToken();
  });
  afterAll(() => t?.close());

  const tenantCount = async () => dataOf(await t.gql('{ tenants { total } }', {}, admin)).tenants.total;

  it('createTenant with a bad domain answers 400 naming the domain and creates nothing', async () => {
    const before = await tenantCount();
    const res = await t.gql('mutation { createTenant(input: { name: "Bad", domain: "not a domain" }) { id } }', {}, admin);
    expect(firstError(res).extensions).toEqual({ code: 400, reason: 'VALIDATION_FAILED' });
    expect(firstError(res).message).toContain('domain');
    expect(res.data).toBeNull();
    expect(await tenantCount()).toBe(before);
  });

  it('inputs obey the same field rules as the REST bodies, naming the field', async () => {
    const cases: [string, string][] = [
      ['mutation { createTenant(input: { name: "Neg", maxConcurrentCalls: -1 }) { id } }', 'input.maxConcurrentCalls must be a whole number, 0 or more'],
      ['mutation { createTenant(input: { name: "Mail", email: "not-an-address" }) { id } }', 'input.email must be an e-mail address'],
      ['mutation { createTenant(input: { name: "" }) { id } }', 'input.name must not be empty'],
      ['mutation { createUser(input: { username: "has space", password: "Str0ng-Passw0rd!" }) { id } }', 'input.username may hold letters, digits'],
      ['mutation { createUser(input: { username: "ok", password: "Str0ng-Passw0rd!", countryId: 0 }) { id } }', 'input.countryId must be an id'],
      ['mutation { createRole(input: { name: "-dash" }) { id } }', 'input.name must start with a letter or digit'],
      ['mutation { setPasswordPolicy(input: { minLength: 1000 }) { minLength } }', 'input.minLength must be 128 or less'],
    ];
    const before = await tenantCount();
    for (const [query, message] of cases) {
      const res = await t.gql(query, {}, admin);
      expect(firstError(res).extensions, query).toEqual({ code: 400, reason: 'VALIDATION_FAILED' });
      expect(firstError(res).message, query).toContain(message);
    }
    expect(await tenantCount()).toBe(before);
    expect(dataOf(await t.gql('{ passwordPolicy { minLength } }', {}, admin)).passwordPolicy.minLength).toBe(8);
    const empty = await t.gql('mutation { createTenant(input: { name: "No mail", email: "" }) { email } }', {}, admin);
    expect(dataOf(empty).createTenant.email).toBe('');
  });

  it('a taken domain answers 409', async () => {
    dataOf(await t.gql('mutation { createTenant(input: { name: "First", domain: "first.test" }) { id } }', {}, admin));
    const res = await t.gql('mutation { createTenant(input: { name: "Second", domain: "FIRST.test" }) { id } }', {}, admin);
    expect(firstError(res).extensions).toEqual({ code: 409, reason: 'CONFLICT' });
  });

  it('a duplicate username answers 409', async () => {
    const create = 'mutation { createUser(input: { username: "twin", password: "Str0ng-Passw0rd!" }) { id } }';
    dataOf(await t.gql(create, {}, admin));
    expect(codeOf(await t.gql(create, {}, admin))).toBe(409);
  });

  it('an unknown permission name on a tenant answers 400', async () => {
    const res = await t.gql('mutation { createTenant(input: { name: "Perms", permissions: ["no_such_thing"] }) { id } }', {}, admin);
    expect(firstError(res).extensions.code).toBe(400);
    expect(firstError(res).message).toContain('no_such_thing');
  });

  it('a badly named permission answers 400', async () => {
    expect(codeOf(await t.gql('mutation { createPermission(input: { name: "Bad Name!" }) { id } }', {}, admin))).toBe(400);
  });

  it('documents that do not fit the schema answer HTTP 400 with extensions.code 400', async () => {
    for (const query of [
      '{ tenants { total nonsense } }',
      '{ tenant(id: "seven") { id } }',
      '{ users(sort: password) { total } }',
      '{ users(createdAfter: "yesterday") { total } }',
      '{ tenants { total ',
      'mutation { createUser(input: {}) { id } }',
    ]) {
      const res = await t.app.inject({ method: 'POST', url: '/graphql', payload: { query }, headers: { authorization: `Bearer ${admin}` } });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().data, query).toBeNull();
      expect(res.json().errors[0].extensions, query).toEqual({ code: 400, reason: 'GRAPHQL_VALIDATION_FAILED' });
    }
  });

  it('variables of the wrong type answer 400', async () => {
    const res = await t.gql('query ($id: Int!) { tenant(id: $id) { id } }', { id: 'seven' }, admin);
    expect(firstError(res).extensions).toEqual({ code: 400, reason: 'GRAPHQL_VALIDATION_FAILED' });
    const date = await t.gql('query ($d: DateTime) { users(createdAfter: $d) { total } }', { d: 'soon' }, admin);
    expect(firstError(date).extensions.code).toBe(400);
  });

  it('bad variables answer 400 on every run of a document, the one that compiles it too', async () => {
    // Mercurius compiles a document with graphql-jit on its second run, and that run's variables
    // are coerced by graphql-jit rather than checked beforehand.
    const query = 'mutation ($input: TenantCreateInput!) { createTenant(input: $input) { id } }';
    for (let run = 1; run <= 3; run++) {
      const res = await t.gql(query, { input: { name: `Run ${run}`, unknownField: 1 } }, admin);
      expect(res.data ?? null, `run ${run}`).toBeNull();
      expect(firstError(res).extensions, `run ${run}`).toEqual({ code: 400, reason: 'GRAPHQL_VALIDATION_FAILED' });
      expect(firstError(res).message, `run ${run}`).toContain('unknownField');
    }
  });

  it('paging outside its bounds answers 400 naming the argument', async () => {
    const res = await t.gql('{ users(limit: 100000) { total } }', {}, admin);
    expect(firstError(res).extensions).toEqual({ code: 400, reason: 'VALIDATION_FAILED' });
    expect(firstError(res).message).toContain('limit');
    expect(firstError(await t.gql('{ users(offset: -1) { total } }', {}, admin)).message).toContain('offset');
  });

  it('a DateTime filter takes ISO 8601', async () => {
    const future = dataOf(await t.gql('{ users(createdAfter: "2999-01-01T00:00:00Z") { total } }', {}, admin));
    expect(future.users.total).toBe(0);
    const past = dataOf(await t.gql('{ users(createdAfter: "2000-01-01T00:00:00Z") { total } }', {}, admin));
    expect(past.users.total).toBeGreaterThan(0);
  });

  it('a mutation over GET answers 405', async () => {
    const query = encodeURIComponent('mutation { deleteTenant(id: 1) }');
    const res = await t.app.inject({ method: 'GET', url: `/graphql?query=${query}`, headers: { authorization: `Bearer ${admin}` } });
    expect(res.statusCode).toBe(405);
    expect(res.json().errors[0].extensions.code).toBe(405);
  });

  it('a query over GET works', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/graphql?query=${encodeURIComponent('{ me { username } }')}`, headers: { authorization: `Bearer ${admin}` } });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.me.username).toBe('admin');
  });
});
