// The ICTPBX client's live conference panel (ictinnovations/ictpbx-community-edition-gui,
// src/app/pages/conferences/): GET /conference_participants?conference_uuid=<centre> read as
// { conference_center_extension, members: [{ member_id, caller_id_name, caller_id_number, status }] }
// (muted when status contains "mute"), and POST /conference_participants { conference_uuid,
// action, member_id } answered { status: 'ok', action, member_id }. A conference_uuid names a room
// of the conferences module, looked up in the caller's tenants (any other is 404 "Conference not
// found"); its running conference is <extension>-<domain>. A running conference may also be named
// by conference_name. Against a fake FreeSWITCH replaying the captured conference 3000-127.0.0.1:
// room 3000 of a tenant whose domain is 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { createEslTestApp } from '../helpers/esl-app.ts';
import { captured, startFakeEsl, type FakeEsl } from '../helpers/fake-esl.ts';
import { createTenant, seedCast, type Cast } from '../helpers/fixtures.ts';
import { answer, guiClient, type GuiClient } from './gui-client.ts';

const ROOM = '3000-127.0.0.1';

describe.each(databaseKinds)('ICTPBX client: conference participants on $name', (kind) => {
  let t: TestApp;
  let fake: FakeEsl;
  let cast: Cast;
  let admin: GuiClient;
  let room: string;
  let acmeRoom: string;

  beforeAll(async () => {
    fake = await startFakeEsl();
    fake.answer(/^api conference \S+ (mute|unmute|deaf|undeaf|kick) /, captured.apiOk);
    t = await createEslTestApp(kind, fake);
    cast = await seedCast(t);
    admin = guiClient(t, cast.admin);
    const local = await createTenant(t, cast.admin, { name: 'Loopback', domain: '127.0.0.1' });
    room = answer(await admin.post('/conferences', { tenant_id: local, conference_center_name: 'Captured', conference_center_extension: '3000', conference_center_pin_length: 4, conference_center_enabled: true })).conference_center_uuid;
    acmeRoom = answer(await guiClient(t, cast.adminA.token).post('/conferences', { conference_center_name: 'Acme', conference_center_extension: '3000' })).conference_center_uuid;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('conferences component: GET /conference_participants?conference_uuid= of an unknown centre is a JSON 404 "Conference not found"', async () => {
    const res = await admin.get('/conference_participants?conference_uuid=0b8f3c1e-6d2a-4f7e-9a51-3c2d1e0f9a8b');
    expect(answer(res, 404).error).toMatchObject({ code: 404, message: 'Conference not found' });
    expect(answer(await admin.get('/conference_participants'), 400).error.message).toContain('conference_uuid');
  });

  it('conferences-list.component.ts loadParticipants: GET /conference_participants?conference_uuid=<room> reads conference_center_extension and the running conference’s members', async () => {
    const live = answer(await admin.get(`/conference_participants?conference_uuid=${room}`));
    expect(live.conference_center_extension).toBe('3000');
    expect(live.conference_name).toBe(ROOM);
    expect(live.members).toHaveLength(1);
    expect(live.members[0]).toMatchObject({ member_id: 1, caller_id_name: 'Outbound Call', caller_id_number: '1000', status: 'hear|speak|floor' });
    expect(live.members[0].status.toLowerCase().includes('mute')).toBe(false);
    await fake.waitForCommand(`api conference ${ROOM} json_list`);
    // Acme's room 3000 runs as 3000-acme.test, which is not running: an idle room has no members.
    const idle = answer(await guiClient(t, cast.adminA.token).get(`/conference_participants?conference_uuid=${acmeRoom}`));
    expect(idle).toEqual({ conference_center_extension: '3000', conference_name: '3000-acme.test', members: [] });
    // Another tenant's room is not found, for its admin as for the other tenant's.
    for (const token of [cast.adminA.token, cast.adminB.token]) {
      expect(answer(await guiClient(t, token).get(`/conference_participants?conference_uuid=${room}`), 404).error.message).toBe('Conference not found');
    }
    expect(answer(await guiClient(t, cast.adminB.token).get(`/conference_participants?conference_uuid=${acmeRoom}`), 404).error.message).toBe('Conference not found');
  });

  it("conferences-list.component.ts controlParticipant: POST /conference_participants { conference_uuid: <room>, action, member_id } mutes, unmutes, deafens, undeafens and kicks through the Event Socket", async () => {
    for (const action of ['mute', 'unmute', 'deaf', 'undeaf', 'kick']) {
      expect(answer(await admin.post('/conference_participants', { conference_uuid: room, action, member_id: 1 }))).toEqual({ status: 'ok', action, member_id: 1 });
      await fake.waitForCommand(`api conference ${ROOM} ${action} 1`);
    }
    expect(answer(await admin.post('/conference_participants', { conference_uuid: room, action: 'kick', member_id: 7 }), 404).error.message).toBe('Conference participant not found');
    // Another tenant's admin cannot drive the room, and FreeSWITCH is not asked.
    const before = fake.commands.length;
    expect(answer(await guiClient(t, cast.adminA.token).post('/conference_participants', { conference_uuid: room, action: 'kick', member_id: 1 }), 404).error.message).toBe('Conference not found');
    expect(fake.commands.slice(before).filter((c) => c.includes('kick'))).toEqual([]);
  });

  it('conferences component: GET /conference_participants (a running conference) reads conference_center_extension and members', async () => {
    const room = answer(await admin.get(`/conference_participants?conference_name=${ROOM}`));
    expect(room.conference_center_extension).toBe('3000');
    expect(room.members).toHaveLength(1);
    const [member] = room.members;
    expect(member).toMatchObject({ member_id: 1, uuid: 'b807cd85-262b-4755-a456-aa1f5f018abb', caller_id_number: '1000' });
    for (const field of ['caller_id_name', 'caller_id_number', 'status']) expect(typeof member[field], field).toBe('string');
    expect(member.status.toLowerCase().includes('mute')).toBe(member.muted);
    // A tenant admin sees only its domain's conferences.
    expect(answer(await guiClient(t, cast.adminA.token).get(`/conference_participants?conference_name=${ROOM}`), 404).error.message).toBe('Conference not found');
  });

  it("conferences component: POST /conference_participants { conference_uuid, action, member_id } answers { status: 'ok', action, member_id }", async () => {
    expect(answer(await admin.post('/conference_participants', { conference_uuid: '0b8f3c1e-6d2a-4f7e-9a51-3c2d1e0f9a8b', action: 'mute', member_id: 1 }), 404).error.message).toBe('Conference not found');
    expect(answer(await admin.post('/conference_participants', { conference_name: ROOM, action: 'mute', member_id: 1 }))).toEqual({ status: 'ok', action: 'mute', member_id: 1 });
    await fake.waitForCommand(`api conference ${ROOM} mute 1`);
    expect(answer(await admin.post('/conference_participants', { conference_name: ROOM, action: 'explode', member_id: 1 }), 400).error.message).toContain('action');
    expect(answer(await admin.post('/conference_participants', { conference_name: ROOM, action: 'kick', member_id: 7 }), 404).error.message).toBe('Conference participant not found');
  });
});
