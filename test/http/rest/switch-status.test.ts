// GET /status/providers and /conference_participants against a fake FreeSWITCH node replaying
// captured bytes, scoped per tenant, on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { createEslTestApp, gatewayState } from '../../helpers/esl-app.ts';
import { captured, startFakeEsl, type FakeEsl } from '../../helpers/fake-esl.ts';
import { createTenant, createUser, PASSWORD, roleId, seedCast, type Cast } from '../../helpers/fixtures.ts';
import { until } from '../../helpers/wait.ts';

describe.each(databaseKinds)('trunk status and conference participants on $name', (kind) => {
  let t: TestApp;
  let fake: FakeEsl;
  let cast: Cast;
  // A tenant on the captured domain (127.0.0.1), whose conference 3000-127.0.0.1 is live.
  let local: { id: number; token: string };
  let acmeProvider: { id: number; gatewayUuid: string };

  beforeAll(async () => {
    fake = await startFakeEsl();
    t = await createEslTestApp(kind, fake);
    cast = await seedCast(t);
    const id = await createTenant(t, cast.admin, { name: 'Local', domain: '127.0.0.1' });
    await createUser(t, cast.admin, { username: 'local-admin', tenant_id: id, role_ids: [await roleId(t, 'tenant')] });
    local = { id, token: await t.login('local-admin', PASSWORD) };
    const created = await t.api('POST', '/api/providers', { token: cast.adminA.token, body: { name: 'Acme trunk', host: 'sip.acme-carrier.test', username: 'acme', password: 'trunk-Secr3t' } });
    expect(created.statusCode, created.body).toBe(200);
    const read = await t.api('GET', `/api/providers/${created.json()}`, { token: cast.admin });
    acmeProvider = { id: created.json(), gatewayUuid: read.json().gateway_uuid };
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it("reports a trunk's state from sofia::gateway_state and sofia xmlstatus, per node", async () => {
    fake.push(gatewayState(acmeProvider.gatewayUuid, 'REGED'));
    await until(() => t.app.esl.state.gateways().some((g) => g.name === acmeProvider.gatewayUuid));
    const res = await t.api('GET', '/api/status/providers', { token: cast.adminA.token });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-total-count']).toBe('1');
    expect(res.json()).toEqual([
      {
        provider_id: acmeProvider.id,
        gateway_uuid: acmeProvider.gatewayUuid,
        name: 'Acme trunk',
        tenant_id: cast.tenantA,
        profile: 'external',
        register: 1,
        active: 1,
        state: 'REGED',
        nodes: [{ node: 'default', state: 'REGED', ping_status: 'UP' }],
      },
    ]);
    expect(fake.commands.filter((c) => c === 'api sofia xmlstatus').length).toBeGreaterThanOrEqual(2);
    fake.push(gatewayState(acmeProvider.gatewayUuid, 'FAIL_WAIT', 'DOWN'));
    await until(() => t.app.esl.state.gateways().some((g) => g.state === 'FAIL_WAIT'));
    expect((await t.api('GET', '/api/status/providers', { token: cast.admin })).json()[0]).toMatchObject({ state: 'FAIL_WAIT', nodes: [{ ping_status: 'DOWN' }] });
  });

  it("hides other tenants' trunks; end users may not ask", async () => {
    expect((await t.api('GET', '/api/status/providers', { token: cast.adminB.token })).json()).toEqual([]);
    expect((await t.api('GET', '/api/status/providers', { token: cast.userA.token })).statusCode).toBe(403);
  });

  it('shows a live room with its members: the super-admin and its tenant admin, not another tenant', async () => {
    const room = await t.api('GET', '/api/conference_participants?conference_name=3000-127.0.0.1', { token: cast.admin });
    expect(room.statusCode, room.body).toBe(200);
    expect(room.json()).toEqual({
      conference_center_extension: '3000',
      conference_name: '3000-127.0.0.1',
      members: [
        {
          node: 'default',
          conference_name: '3000-127.0.0.1',
          member_id: 1,
          uuid: 'b807cd85-262b-4755-a456-aa1f5f018abb',
          caller_id_name: 'Outbound Call',
          caller_id_number: '1000',
          status: 'hear|speak|floor',
          muted: false,
          deaf: false,
          talking: false,
          has_floor: true,
          moderator: false,
          join_time: 8,
          energy: 100,
        },
      ],
    });
    expect((await t.api('GET', '/api/conference_participants?conference_name=3000-127.0.0.1', { token: local.token })).json().members).toHaveLength(1);
    expect((await t.api('GET', '/api/conference_participants?conference_name=3000-127.0.0.1', { token: cast.adminA.token })).statusCode).toBe(404);
    expect((await t.api('GET', '/api/conference_participants?conference_name=3000-127.0.0.1', { token: cast.userA.token })).statusCode).toBe(403);
  });

  it('mutes and kicks a participant of the tenant; others answer 404', async () => {
    fake.answer(/^api conference 3000-127\.0\.0\.1 (mute|kick) /, captured.apiOk);
    const mute = await t.api('POST', '/api/conference_participants', { token: local.token, body: { conference_name: '3000-127.0.0.1', member_id: 1, action: 'mute' } });
    expect(mute.statusCode, mute.body).toBe(200);
    await fake.waitForCommand('api conference 3000-127.0.0.1 mute 1');
    const kick = await t.api('POST', '/api/conference_participants', { token: cast.admin, body: { conference_name: '3000-127.0.0.1', member_id: 1, action: 'kick' } });
    expect(kick.statusCode).toBe(200);
    await fake.waitForCommand('api conference 3000-127.0.0.1 kick 1');
    const other = await t.api('POST', '/api/conference_participants', { token: cast.adminA.token, body: { conference_name: '3000-127.0.0.1', member_id: 1, action: 'mute' } });
    expect(other.statusCode).toBe(404);
    const missing = await t.api('POST', '/api/conference_participants', { token: local.token, body: { conference_name: '3000-127.0.0.1', member_id: 7, action: 'mute' } });
    expect(missing.statusCode).toBe(404);
    const bad = await t.api('POST', '/api/conference_participants', { token: local.token, body: { conference_name: '3000-127.0.0.1', member_id: 1, action: 'explode' } });
    expect(bad.statusCode).toBe(400);
  });

  it('the same over GraphQL', async () => {
    const res = await t.gql('{ providerStatus { providerId state nodes { node state } } conferenceParticipants { conferenceName memberId hasFloor joinTime } }', {}, cast.admin);
    expect(res.errors).toBeUndefined();
    expect(res.data.providerStatus).toContainEqual({ providerId: acmeProvider.id, state: 'FAIL_WAIT', nodes: [{ node: 'default', state: 'FAIL_WAIT' }] });
    expect(res.data.conferenceParticipants).toEqual([{ conferenceName: '3000-127.0.0.1', memberId: 1, hasFloor: true, joinTime: null }]);
  });
});
