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
});
