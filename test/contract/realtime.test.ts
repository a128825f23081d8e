// The ICTPBX client's realtime page, call by call (ictinnovations/ictpbx-community-edition-gui,
// src/app/pages/realtime/realtime.component.ts + .html): GET /realtime every 5 s read as
// { channel_count, registration_count, channels, registrations } (a channel's uuid, direction,
// cid_name, cid_num, dest, state, callstate, read_codec, ip_addr; a registration's reg_user, realm,
// network_ip, user_agent, status), and POST /realtime/control { action, channel_uuid, destination }
// with destination '' but for a transfer, and "hold" for the Unhold button of a HELD call too.
// Against a fake FreeSWITCH replaying captured Event Socket bytes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { callTo, createEslTestApp, registrationOf } from '../helpers/esl-app.ts';
import { deriveJsonEvent, jsonEventBody } from '../helpers/esl-transcripts.ts';
import { captured, startFakeEsl, type FakeEsl } from '../helpers/fake-esl.ts';
import { seedCast, type Cast } from '../helpers/fixtures.ts';
import { until } from '../helpers/wait.ts';
import { answer, guiClient, type GuiClient } from './gui-client.ts';

const LEGS = ['c0000000-0000-4000-8000-000000001000', 'd0000000-0000-4000-8000-000000001000'] as const;

describe.each(databaseKinds)('ICTPBX client: realtime on $name', (kind) => {
  let t: TestApp;
  let fake: FakeEsl;
  let cast: Cast;
  let tenantAdmin: GuiClient;

  beforeAll(async () => {
    fake = await startFakeEsl();
    fake.answer(/^api uuid_(kill|transfer) /, captured.apiOk);
    fake.answer(/^api uuid_hold /, captured.apiSuccess);
    t = await createEslTestApp(kind, fake);
    cast = await seedCast(t);
    tenantAdmin = guiClient(t, cast.adminA.token);
    answer(await guiClient(t, cast.admin).post('/fpbx_extensions', { tenant_id: cast.tenantA, extension: '1000', password: 'Secr3t-pass' }));
    fake.push([...callTo('acme.test', '1000', ...LEGS).slice(0, 6), registrationOf('acme.test', '1000')]);
    await until(() => t.app.esl.state.channels({ domain: 'acme.test' }).length === 2 && t.app.esl.state.registrations({ domain: 'acme.test' }).length === 1);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('realtime.component.ts: GET /realtime answers the counts, the channels and the registrations with the fields the page shows', async () => {
    const live = answer(await tenantAdmin.get('/realtime'));
    expect(live).toMatchObject({ channel_count: 2, registration_count: 1 });
    const inbound = live.channels.find((c: { uuid: string }) => c.uuid === LEGS[0]);
    expect(inbound).toMatchObject({ uuid: LEGS[0], direction: 'inbound', callstate: 'ACTIVE' });
    for (const field of ['uuid', 'direction', 'cid_name', 'cid_num', 'dest', 'state', 'callstate', 'read_codec', 'ip_addr']) expect(typeof inbound[field], field).toBe('string');
    expect(inbound.ip_addr).not.toBe('');
    expect(live.registrations).toEqual([expect.objectContaining({ reg_user: '1000', realm: 'acme.test', status: expect.stringMatching(/^Registered/) })]);
    for (const field of ['reg_user', 'realm', 'network_ip', 'user_agent', 'status']) expect(typeof live.registrations[0][field], field).toBe('string');
    // Another tenant sees none of it.
    expect(answer(await guiClient(t, cast.adminB.token).get('/realtime'))).toMatchObject({ channel_count: 0, registration_count: 0, channels: [], registrations: [] });
  });

  it("realtime.component.ts hangup/hold/transfer: POST /realtime/control { action, channel_uuid, destination: '' } answers { status: 'ok' }", async () => {
    expect(answer(await tenantAdmin.post('/realtime/control', { action: 'hold', channel_uuid: LEGS[0], destination: '' }))).toMatchObject({ status: 'ok', action: 'hold' });
    expect(answer(await tenantAdmin.post('/realtime/control', { action: 'transfer', channel_uuid: LEGS[0], destination: '2000' }))).toMatchObject({ status: 'ok' });
    expect(answer(await tenantAdmin.post('/realtime/control', { action: 'hangup', channel_uuid: LEGS[1], destination: '' }))).toMatchObject({ status: 'ok' });
    expect(fake.commands.filter((c) => c.includes(LEGS[0]) || c.includes(LEGS[1]))).toEqual([
      `api uuid_hold ${LEGS[0]}`,
      `api uuid_transfer ${LEGS[0]} 2000 XML acme.test`,
      `api uuid_kill ${LEGS[1]}`,
    ]);
    expect(answer(await tenantAdmin.post('/realtime/control', { action: 'transfer', channel_uuid: LEGS[0], destination: '' }), 400).error.message).toContain('destination');
    expect(answer(await tenantAdmin.post('/realtime/control', { action: 'explode', channel_uuid: LEGS[0], destination: '' }), 400).error.message).toContain('action');
  });

  it('realtime.component.ts Unhold: "hold" on a HELD call takes it off hold (uuid_hold off)', async () => {
    const frame = callTo('acme.test', '1000', ...LEGS).slice(0, 6).find((f) => jsonEventBody(f)['Unique-ID'] === LEGS[0])!;
    fake.push(deriveJsonEvent(frame, { set: { 'Channel-Call-State': 'HELD' } }));
    await until(() => t.app.esl.state.channel(LEGS[0])?.callState === 'HELD');
    const live = answer(await tenantAdmin.get('/realtime'));
    expect(live.channels.find((c: { uuid: string }) => c.uuid === LEGS[0]).callstate.toUpperCase()).toBe('HELD');
    expect(answer(await tenantAdmin.post('/realtime/control', { action: 'hold', channel_uuid: LEGS[0], destination: '' }))).toEqual({ status: 'ok', action: 'unhold' });
    await fake.waitForCommand(`api uuid_hold off ${LEGS[0]}`);
  });

  it("another tenant's channel is a JSON 404", async () => {
    const other = guiClient(t, cast.adminB.token);
    expect(answer(await other.post('/realtime/control', { action: 'hangup', channel_uuid: LEGS[0], destination: '' }), 404).error.message).toBe('Channel not found');
  });
});
