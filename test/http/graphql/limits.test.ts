// Query depth and cost limits (GRAPHQL_MAX_DEPTH, GRAPHQL_MAX_COST): refused with extensions.code
// 400 before any resolver runs.
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { dataOf, firstError } from '../../helpers/graphql.ts';

describe.each(databaseKinds)('GraphQL query limits on $name', (kind) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp(kind, { GRAPHQL_MAX_DEPTH: '6', GRAPHQL_MAX_COST: '1000' });
    admin = await t.adminToken();
  });
  afterAll(() => t?.close());

  /** Answer, HTTP status and the SQL statements the query caused beyond authenticating. */
  async function run(query: string, variables?: Record<string, unknown>) {
    t.queries.length = 0;
    await t.gql('{ __typename }', {}, admin);
    const authOnly = t.queries.length;
    t.queries.length = 0;
    const res = await t.app.inject({ method: 'POST', url: '/graphql', payload: { query, variables }, headers: { authorization: `Bearer ${admin}` } });
    return { status: res.statusCode, body: res.json(), statements: t.queries.length - authOnly };
  }

  it('a query at the depth limit runs', async () => {
    // me(1) tenant(2) users(3) items(4) roles(5) name(6)
    const { body } = await run('{ me { tenant { users(limit: 1) { items { roles { name } } } } } }');
    expect(body.errors?.find((e: { extensions: { reason: string } }) => e.extensions.reason === 'QUERY_TOO_DEEP')).toBeUndefined();
    expect(body.data).toEqual({ me: { tenant: null } });
  });

  it('a query deeper than GRAPHQL_MAX_DEPTH answers 400 without touching the database', async () => {
    const { status, body, statements } = await run('{ me { tenant { users(limit: 1) { items { roles { permissions { name } } } } } } }');
    expect(status).toBe(400);
    expect(body.data).toBeNull();
    expect(firstError(body)).toMatchObject({ message: 'Query depth 7 exceeds the maximum of 6', extensions: { code: 400, reason: 'QUERY_TOO_DEEP' } });
    expect(statements).toBe(0);
  });

  it('depth counts through fragments', async () => {
    const query = `{ me { ...Deep } }
      fragment Deep on User { tenant { users(limit: 1) { items { ... on User { roles { permissions { name } } } } } } }`;
    expect(firstError((await run(query)).body).extensions.reason).toBe('QUERY_TOO_DEEP');
  });

  it('a page costs its limit times its items: over GRAPHQL_MAX_COST answers 400 without touching the database', async () => {
    const cheap = await run('{ users(limit: 10) { total items { id username roles { name } } } }');
    expect(cheap.body.errors).toBeUndefined();
    const { status, body, statements } = await run('{ users(limit: 100) { total items { id username roles { name } } } }');
    expect(status).toBe(400);
    expect(body.data).toBeNull();
    expect(firstError(body).extensions).toEqual({ code: 400, reason: 'QUERY_TOO_COSTLY' });
    expect(firstError(body).message).toMatch(/^Query cost \d+ exceeds the maximum of 1000$/);
    expect(statements).toBe(0);
  });

  it('a limit given in a variable is priced by its value, and a missing limit by the default page size', async () => {
    const query = 'query ($n: Int) { users(limit: $n) { items { id username roles { name } } } }';
    expect((await run(query, { n: 5 })).body.errors).toBeUndefined();
    expect(firstError((await run(query, { n: 500 })).body).extensions.reason).toBe('QUERY_TOO_COSTLY');
    expect(firstError((await run(query, {})).body).extensions.reason).toBe('QUERY_TOO_COSTLY');
  });

  it('cost counts through fragments and nested pages multiply', async () => {
    const nested = `{ tenants(limit: 20) { ...T } } fragment T on TenantPage { items { users(limit: 20) { items { id username } } } }`;
    expect(firstError((await run(nested)).body).extensions.reason).toBe('QUERY_TOO_COSTLY');
  });

  it('introspection (what GraphiQL sends) is neither too deep nor too costly', async () => {
    const { status, body } = await run(getIntrospectionQuery());
    expect(status).toBe(200);
    expect(dataOf(body).__schema.queryType.name).toBe('Query');
  });

  it('introspection needs a token (GRAPHQL_INTROSPECTION=authenticated, the default)', async () => {
    const anonymous = await t.app.inject({ method: 'POST', url: '/graphql', payload: { query: getIntrospectionQuery() } });
    expect(anonymous.statusCode).toBe(401);
    expect(firstError(anonymous.json()).extensions.code).toBe(401);
    const typeOnly = await t.app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ __type(name: "User") { name } }' } });
    expect(typeOnly.statusCode).toBe(401);
    // A token-less login still works, __typename included.
    const login = await t.app.inject({ method: 'POST', url: '/graphql', payload: { query: 'mutation { login(username: "nobody", password: "x") { __typename } }' } });
    expect(firstError(login.json()).extensions.code).toBe(401);
    expect(firstError(login.json()).message).not.toMatch(/ntrospection/);
  });

  it('a thousand aliased copies of the schema are refused before anything is built', async () => {
    const copies = Array.from({ length: 1000 }, (_, i) => `s${i}: __schema { types { name fields { name } } }`).join(' ');
    const { status, body } = await run(`{ ${copies} }`);
    expect(status).toBe(400);
    expect(body.data).toBeNull();
    expect(body.errors.map((e: { extensions: { reason: string } }) => e.extensions.reason)).toContain('INTROSPECTION_LIMIT');
    expect(JSON.stringify(body).length).toBeLessThan(2_000_000);
  });

  it('introspection may not alias inside, nor nest lists deeper than the standard query', async () => {
    const aliased = await run('{ __schema { a: types { name } b: types { name } } }');
    expect(aliased.status).toBe(400);
    expect(firstError(aliased.body).extensions.reason).toBe('INTROSPECTION_LIMIT');
    const deep = await run('{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }');
    expect(deep.status).toBe(400);
    expect(firstError(deep.body).message).toBe('Introspection may nest lists at most 3 deep');
    const viaFragment = await run('{ __schema { ...S } } fragment S on __Schema { types { fields { args { type { fields { name } } } } } }');
    expect(firstError(viaFragment.body).extensions.reason).toBe('INTROSPECTION_LIMIT');
  });

  it('caps aliases per document (GRAPHQL_MAX_ALIASES)', async () => {
    const ok = await run(`{ ${Array.from({ length: 50 }, (_, i) => `a${i}: __typename`).join(' ')} }`);
    expect(ok.status).toBe(200);
    const over = await run(`{ ${Array.from({ length: 51 }, (_, i) => `a${i}: __typename`).join(' ')} }`);
    expect(over.status).toBe(400);
    expect(firstError(over.body)).toMatchObject({ message: 'More than 50 aliased fields', extensions: { reason: 'TOO_MANY_ALIASES' } });
  });

  it('refuses a document of more than 20,000 tokens before parsing it whole', async () => {
    const { status, body } = await run(`{ ${'__typename '.repeat(20_001)} }`);
    expect(status).toBe(400);
    expect(firstError(body).message).toMatch(/tokens/);
  });
});

describe.each(databaseKinds)('GRAPHQL_INTROSPECTION on $name', (kind) => {
  it('public lets anyone introspect; off refuses even the super-admin', async () => {
    const open = await createTestApp(kind, { GRAPHQL_INTROSPECTION: 'public' });
    try {
      const res = await open.app.inject({ method: 'POST', url: '/graphql', payload: { query: '{ __schema { queryType { name } } }' } });
      expect(res.json().data.__schema.queryType.name).toBe('Query');
    } finally {
      await open.close();
    }
    const off = await createTestApp(kind, { GRAPHQL_INTROSPECTION: 'off' });
    try {
      const res = await off.gql('{ __schema { queryType { name } } }', {}, await off.adminToken());
      expect(firstError(res).extensions.code).toBe(403);
    } finally {
      await off.close();
    }
  });
});
