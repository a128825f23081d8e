// GET /realtime, POST /realtime/control and POST /call/originate against a fake FreeSWITCH node
// replaying captured bytes, with tenant scoping on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { callTo, createEslTestApp, registrationOf } from '../../helpers/esl-app.ts';
import { captured, startFakeEsl, type FakeEsl } from '../../helpers/fake-esl.ts';
import { createTenant, createUser, PASSWORD, roleId, seedCast, type Cast } from '../../helpers/fixtures.ts';
import { until } from '../../helpers/wait.ts';
import type { SwitchEvent } from '../../../src/freeswitch/esl/index.ts';

const LEGS = {
  acme1000: ['a0000000-0000-4000-8000-000000001000', 'b0000000-0000-4000-8000-000000001000'],
  acme1001: ['a0000000-0000-4000-8000-000000001001', 'b0000000-0000-4000-8000-000000001001'],
  globex1000: ['a0000000-0000-4000-8000-000000002000', 'b0000000-0000-4000-8000-000000002000'],
} as const;

describe.each(databaseKinds)('realtime and call control on $name', (kind) => {
  let t: TestApp & { events: SwitchEvent[] };
  let fake: FakeEsl;
  let cast: Cast;

  const uuids = (res: { json(): { channels: { uuid: string }[] } }) => res.json().channels.map((c) => c.uuid).sort();
  const regs = (res: { json(): { registrations: { reg_user: string; realm: string }[] } }) => res.json().registrations.map((r) => `${r.reg_user}@${r.realm}`).sort();

  beforeAll(async () => {
    fake = await startFakeEsl();
    fake.answer(/^api uuid_(kill|transfer) /, captured.apiOk);
    fake.answer(/^api uuid_hold /, captured.apiSuccess);
    t = await createEslTestApp(kind, fake);
    cast = await seedCast(t);
    const ext = async (tenant_id: number, extension: string, body: Record<string, unknown> = {}) => {
      const res = await t.api('POST', '/api/fpbx_extensions', { token: cast.admin, body: { tenant_id, extension, password: 'Secr3t-pass', ...body } });
      expect(res.statusCode, res.body).toBe(200);
    };
    await ext(cast.tenantA, '1000', { user_id: cast.userA.id, display_name: 'Alice', outbound_caller_id_name: 'Acme Sales', outbound_caller_id_number: '4420000001' });
    await ext(cast.tenantA, '1001');
    await ext(cast.tenantB, '1000', { user_id: cast.userB.id });

    fake.push([...callTo('acme.test', '1000', ...LEGS.acme1000).slice(0, 6), ...callTo('acme.test', '1001', ...LEGS.acme1001).slice(0, 6), ...callTo('globex.test', '1000', ...LEGS.globex1000).slice(0, 6)]);
    fake.push([registrationOf('acme.test', '1000'), registrationOf('acme.test', '1001'), registrationOf('globex.test', '1000')]);
    await until(() => t.app.esl.state.channels().length === 6 && t.app.esl.state.registrations().length === 4);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('super-admin sees every channel and registration on every node, and the nodes', async () => {
    const res = await t.api('GET', '/api/realtime', { token: cast.admin });
    expect(res.statusCode).toBe(200);
    expect(uuids(res)).toEqual([...LEGS.acme1000, ...LEGS.acme1001, ...LEGS.globex1000].sort());
    expect(regs(res)).toEqual(['1000@127.0.0.1', '1000@acme.test', '1000@globex.test', '1001@acme.test']);
    expect(res.json().nodes).toMatchObject([{ name: 'default', state: 'connected' }]);
    const inbound = res.json().channels.find((c: { uuid: string }) => c.uuid === LEGS.acme1000[0]);
    expect(inbound).toMatchObject({ node: 'default', domain: 'acme.test', extension: '1000', direction: 'inbound', callstate: 'ACTIVE', other_leg_uuid: LEGS.acme1000[1] });
  });

  it('a tenant admin sees only its domain, and no node details', async () => {
    const res = await t.api('GET', '/api/realtime', { token: cast.adminA.token });
    expect(res.statusCode).toBe(200);
    expect(uuids(res)).toEqual([...LEGS.acme1000, ...LEGS.acme1001].sort());
    expect(regs(res)).toEqual(['1000@acme.test', '1001@acme.test']);
    expect(res.json().nodes).toEqual([]);
    const asking = await t.api('GET', '/api/realtime?domain=globex.test', { token: cast.adminA.token });
    expect(asking.json()).toMatchObject({ channels: [], registrations: [] });
  });

  it("an end user sees only its own extension's calls and registration", async () => {
    const a = await t.api('GET', '/api/realtime', { token: cast.userA.token });
    expect(uuids(a)).toEqual([...LEGS.acme1000].sort());
    expect(regs(a)).toEqual(['1000@acme.test']);
    const b = await t.api('GET', '/api/realtime', { token: cast.userB.token });
    expect(uuids(b)).toEqual([...LEGS.globex1000].sort());
    expect((await t.api('GET', '/api/realtime')).statusCode).toBe(401);
  });

  it("another tenant's channel answers 404 and FreeSWITCH is never asked", async () => {
    const res = await t.api('POST', '/api/realtime/control', { token: cast.adminA.token, body: { action: 'hangup', uuid: LEGS.globex1000[0] } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 404 });
    expect(fake.commands.some((c) => c.includes(LEGS.globex1000[0]))).toBe(false);
    const unknown = await t.api('POST', '/api/realtime/control', { token: cast.admin, body: { action: 'hangup', uuid: 'ffffffff-0000-4000-8000-000000000000' } });
    expect(unknown.statusCode).toBe(404);
  });

  it("an end user cannot touch another extension's call of its own tenant", async () => {
    const res = await t.api('POST', '/api/realtime/control', { token: cast.userA.token, body: { action: 'hold', uuid: LEGS.acme1001[1] } });
    expect(res.statusCode).toBe(404);
    const own = await t.api('POST', '/api/realtime/control', { token: cast.userA.token, body: { action: 'hold', uuid: LEGS.acme1000[1] } });
    expect(own.statusCode, own.body).toBe(200);
    await fake.waitForCommand(`api uuid_hold ${LEGS.acme1000[1]}`);
  });

  it('hold, unhold, transfer and hangup send the matching uuid_ commands', async () => {
    const control = (body: Record<string, string>) => t.api('POST', '/api/realtime/control', { token: cast.adminA.token, body });
    expect((await control({ action: 'hold', uuid: LEGS.acme1001[0] })).statusCode).toBe(200);
    expect((await control({ action: 'unhold', uuid: LEGS.acme1001[0] })).statusCode).toBe(200);
    expect((await control({ action: 'transfer', uuid: LEGS.acme1001[0], destination: '2000' })).statusCode).toBe(200);
    expect((await control({ action: 'hangup', uuid: LEGS.acme1001[0] })).json()).toEqual({ status: 'ok', action: 'hangup' });
    const sent = fake.commands.filter((c) => c.includes(LEGS.acme1001[0]));
    expect(sent).toEqual([
      `api uuid_hold ${LEGS.acme1001[0]}`,
      `api uuid_hold off ${LEGS.acme1001[0]}`,
      `api uuid_transfer ${LEGS.acme1001[0]} 2000 XML acme.test`,
      `api uuid_kill ${LEGS.acme1001[0]}`,
    ]);
  });

  it('a transfer needs a dialable destination; an unknown action is refused', async () => {
    const control = (body: Record<string, string>) => t.api('POST', '/api/realtime/control', { token: cast.adminA.token, body });
    const missing = await control({ action: 'transfer', uuid: LEGS.acme1000[0] });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('destination');
    expect((await control({ action: 'transfer', uuid: LEGS.acme1000[0], destination: '2000 XML evil' })).statusCode).toBe(400);
    expect((await control({ action: 'explode', uuid: LEGS.acme1000[0] })).statusCode).toBe(400);
  });

  it('a channel FreeSWITCH no longer has answers 404 (-ERR No such channel!)', async () => {
    fake.answer(`api uuid_kill ${LEGS.acme1000[0]}`, captured.apiNoSuchChannel);
    const res = await t.api('POST', '/api/realtime/control', { token: cast.adminA.token, body: { action: 'hangup', uuid: LEGS.acme1000[0] } });
    expect(res.statusCode).toBe(404);
  });

  it('click-to-call rings the extension, then dials out with the tenant caller id, via bgapi', async () => {
    const res = await t.api('POST', '/api/call/originate', { token: cast.userA.token, body: { from: '1000', to: '5551234' } });
    expect(res.statusCode, res.body).toBe(200);
    const { job_uuid, uuid, node } = res.json();
    expect(node).toBe('default');
    const command = await fake.waitForCommand((c) => c.includes(`origination_uuid=${uuid}`));
    expect(command).toBe(
      `bgapi originate {origination_uuid=${uuid},origination_caller_id_name='Acme Sales',origination_caller_id_number=4420000001,originate_timeout=30}user/1000@acme.test 5551234 XML acme.test\nJob-UUID: ${job_uuid}`,
    );
    await until(() => t.events.some((e) => e.kind === 'job' && e.jobUuid === job_uuid));
    expect(t.events.find((e) => e.kind === 'job' && e.jobUuid === job_uuid)).toMatchObject({ ok: true, text: uuid, command: 'originate' });
  });

  it('click-to-call to an extension of the tenant presents the caller extension', async () => {
    const res = await t.api('POST', '/api/call/originate', { token: cast.adminA.token, body: { from: '1000', to: '1001' } });
    expect(res.statusCode, res.body).toBe(200);
    const command = await fake.waitForCommand((c) => c.includes(`origination_uuid=${res.json().uuid}`));
    expect(command).toContain("origination_caller_id_name='Alice',origination_caller_id_number=1000,");
    expect(command).toContain('user/1000@acme.test 1001 XML acme.test');
  });

  it('click-to-call is refused from an extension the caller does not own', async () => {
    expect((await t.api('POST', '/api/call/originate', { token: cast.userA.token, body: { from: '1001', to: '5551234' } })).statusCode).toBe(404);
    expect((await t.api('POST', '/api/call/originate', { token: cast.userB.token, body: { from: '1001', to: '5551234' } })).statusCode).toBe(404);
    const other = await t.api('POST', '/api/call/originate', { token: cast.adminA.token, body: { from: '1000', to: '5551234', tenant_id: cast.tenantB } });
    expect(other.statusCode).toBe(403);
    const noTenant = await t.api('POST', '/api/call/originate', { token: cast.admin, body: { from: '1000', to: '5551234' } });
    expect(noTenant.statusCode).toBe(400);
    expect((await t.api('POST', '/api/call/originate', { token: cast.admin, body: { from: '1000', to: '5551234', tenant_id: cast.tenantB } })).statusCode).toBe(200);
    expect((await t.api('POST', '/api/call/originate', { token: cast.userA.token, body: { from: '1000', to: "55'}&park()" } })).statusCode).toBe(400);
  });

  it('the same scoping holds over GraphQL', async () => {
    const query = '{ realtime { channelCount channels { uuid node domain extension } registrations { regUser realm node callId } nodes { name } } }';
    const res = await t.gql(query, {}, cast.adminB.token);
    expect(res.errors).toBeUndefined();
    expect(res.data.realtime.channels.map((c: { uuid: string }) => c.uuid).sort()).toEqual([...LEGS.globex1000].sort());
    expect(res.data.realtime.channelCount).toBe(2);
    expect(res.data.realtime.registrations).toEqual([{ regUser: '1000', realm: 'globex.test', node: 'default', callId: 'reg-1000@globex.test' }]);
    const control = await t.gql('mutation { controlCall(action: hangup, channelUuid: "' + LEGS.acme1000[1] + '") { status } }', {}, cast.adminB.token);
    expect(control.errors?.[0].extensions).toMatchObject({ code: 404 });
  });

  it('a tenant without a connected node still reads (empty), and click-to-call answers 503', async () => {
    const id = await createTenant(t, cast.admin, { name: 'Lonely', domain: 'lonely.test' });
    await createUser(t, cast.admin, { username: 'lonely-admin', tenant_id: id, role_ids: [await roleId(t, 'tenant')] });
    const token = await t.login('lonely-admin', PASSWORD);
    const res = await t.api('GET', '/api/realtime', { token });
    expect(res.json()).toMatchObject({ channels: [], registrations: [], nodes: [] });
    await fake.stop();
    await until(() => !t.app.esl.client('default')!.isConnected());
    const call = await t.api('POST', '/api/call/originate', { token: cast.adminA.token, body: { from: '1000', to: '5551234' } });
    expect(call.statusCode).toBe(503);
    expect((await t.api('GET', '/api/realtime', { token: cast.admin })).json().channels).toEqual([]);
    const ready = await t.api('GET', '/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().freeswitch).toEqual([{ name: 'default', state: expect.stringMatching(/disconnected|connecting/) }]);
    await fake.listen();
    await until(() => t.app.esl.client('default')!.isConnected());
    expect((await t.api('GET', '/readyz')).json().freeswitch).toEqual([{ name: 'default', state: 'connected' }]);
  });
});
