import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { createUser, PASSWORD } from '../../helpers/fixtures.ts';
import { codeOf, dataOf, firstError } from '../../helpers/graphql.ts';

const LOGIN = `mutation ($username: String, $password: String!) {
  login(username: $username, password: $password) { token expiresIn tokenType mfaRequired user { id username } }
}`;

describe.each(databaseKinds)('GraphQL authentication on $name', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { LOGIN_RATE_PER_MINUTE: '1000' });
  });
  afterAll(() => t?.close());

  it('login without a token answers a token that then authenticates me', async () => {
    const login = await t.gql(LOGIN, { username: ADMIN.username, password: ADMIN.password });
    expect(login.errors).toBeUndefined();
    expect(login.data.login).toMatchObject({ tokenType: 'Bearer', mfaRequired: false, user: { username: ADMIN.username } });
    expect(login.data.login.expiresIn).toBe(t.config.jwt.expiresIn);
    const me = await t.gql('{ me { id username isAdmin roles { name } } }', {}, login.data.login.token);
    expect(me.errors).toBeUndefined();
    expect(me.data.me).toMatchObject({ id: login.data.login.user.id, username: ADMIN.username, isAdmin: true, roles: [{ name: 'admin' }] });
  });

  it('the GraphQL token works on REST and the REST token on GraphQL', async () => {
    const gqlToken = (await t.gql(LOGIN, { username: ADMIN.username, password: ADMIN.password })).data.login.token;
    expect((await t.api('GET', '/api/get_user', { token: gqlToken })).statusCode).toBe(200);
    expect((await t.gql('{ me { username } }', {}, await t.adminToken())).data.me.username).toBe(ADMIN.username);
  });

  it('a wrong password answers extensions.code 401 and no token', async () => {
    const res = await t.gql(LOGIN, { username: ADMIN.username, password: 'wrong' });
    expect(res.data).toBeNull();
    expect(firstError(res).extensions).toMatchObject({ code: 401, reason: 'UNAUTHORIZED' });
  });

  it('every query without a token answers extensions.code 401', async () => {
    for (const query of ['{ me { id } }', '{ tenants { total } }', '{ users { total } }', '{ roles { total } }', '{ passwordPolicy { minLength } }']) {
      const res = await t.gql(query);
      expect(codeOf(res), query).toBe(401);
    }
    const mutation = await t.gql('mutation { createTenant(input: { name: "Sneaky" }) { id } }');
    expect(codeOf(mutation)).toBe(401);
    expect(mutation.data).toBeNull();
  });

  it('a malformed or forged token answers 401 even for login', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/graphql',
      payload: { query: '{ me { id } }' },
      headers: { authorization: 'Bearer not.a.jwt' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().errors[0].extensions.code).toBe(401);
  });

  it('cancelSessions revokes the user’s live tokens at once', async () => {
    const id = await createUser(t, await t.adminToken(), { username: 'leaver' });
    const token = await t.login('leaver', PASSWORD);
    expect((await t.gql('{ me { id } }', {}, token)).data.me.id).toBe(id);
    const cancel = await t.gql('mutation ($id: Int!) { cancelSessions(userId: $id) }', { id }, await t.adminToken());
    expect(cancel).toEqual({ data: { cancelSessions: true } });
    expect(codeOf(await t.gql('{ me { id } }', {}, token))).toBe(401);
  });

  it('with MFA enabled, login answers an MFA-pending token that /graphql refuses', async () => {
    await createUser(t, await t.adminToken(), { username: 'careful' });
    const token = await t.login('careful', PASSWORD);
    const { secret } = (await t.api('POST', '/api/user/totpqrcode', { token })).json();
    const confirm = await t.api('POST', '/api/user/totp/verify', { token, body: { code: await generate({ secret }) } });
    expect(confirm.statusCode, confirm.body).toBe(200);

    const login = await t.gql(LOGIN, { username: 'careful', password: PASSWORD });
    expect(login.data.login).toMatchObject({ mfaRequired: true, user: null });
    const pending = login.data.login.token;
    const me = await t.gql('{ me { id } }', {}, pending);
    expect(codeOf(me)).toBe(428);
    expect(me.data).toBeNull();
    const relogin = await t.gql(LOGIN, { username: 'careful', password: PASSWORD }, pending);
    expect(codeOf(relogin)).toBe(428);
  });

  it('the password policy reads and, for the super-admin, writes', async () => {
    const admin = await t.adminToken();
    const set = await t.gql('mutation { setPasswordPolicy(input: { minLength: 10, minNumbers: 1 }) { minLength minNumbers minUppercase } }', {}, admin);
    expect(dataOf(set).setPasswordPolicy).toEqual({ minLength: 10, minNumbers: 1, minUppercase: 0 });
    expect((await t.api('GET', '/api/password_policy', { token: admin })).json()).toMatchObject({ min_length: 10, min_numbers: 1 });
    await createUser(t, admin, { username: 'plain', password: 'Plain-Passw0rd!' });
    const plain = await t.login('plain', 'Plain-Passw0rd!');
    expect(dataOf(await t.gql('{ passwordPolicy { minLength } }', {}, plain)).passwordPolicy.minLength).toBe(10);
    expect(codeOf(await t.gql('mutation { setPasswordPolicy(input: { minLength: 4 }) { minLength } }', {}, plain))).toBe(403);
    const weak = await t.gql('mutation { createUser(input: { username: "weak", password: "Short-1" }) { id } }', {}, admin);
    expect(firstError(weak)).toMatchObject({ extensions: { code: 400, reason: 'VALIDATION_FAILED' } });
    expect(firstError(weak).message).toContain('password');
    await t.gql('mutation { setPasswordPolicy(input: { minLength: 8, minNumbers: 0 }) { minLength } }', {}, admin);
  });

  it('GraphiQL is served at /graphiql without a token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/graphiql' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body.toLowerCase()).toContain('graphiql');
    const script = await t.app.inject({ method: 'GET', url: '/graphiql/assets/switchyard-graphiql.js' });
    expect(script.statusCode).toBe(200);
    expect(script.body).toContain("new URL('graphql'");
  });
});
