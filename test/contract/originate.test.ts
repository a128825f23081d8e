// The ICTPBX client's click-to-call, on its realtime page (ictinnovations/ictpbx-community-edition-gui,
// src/app/pages/realtime/realtime.component.ts): POST /call/originate { from_ext, to_number }, both
// trimmed strings; on success it shows "extension <from> is ringing" (ICTPBX's ClickToCallApi
// answers { status: 'queued', from_ext, to_number, job_uuid }), on failure
// JSON.parse(err._body).error.message. Against a fake FreeSWITCH replaying captured bytes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { createEslTestApp, registrationOf } from '../helpers/esl-app.ts';
import { startFakeEsl, type FakeEsl } from '../helpers/fake-esl.ts';
import { seedCast, type Cast } from '../helpers/fixtures.ts';
import { until } from '../helpers/wait.ts';
import { answer, guiClient, type GuiClient } from './gui-client.ts';

describe.each(databaseKinds)('ICTPBX client: click-to-call on $name', (kind) => {
  let t: TestApp;
  let fake: FakeEsl;
  let cast: Cast;
  let user: GuiClient;

  beforeAll(async () => {
    fake = await startFakeEsl();
    t = await createEslTestApp(kind, fake);
    cast = await seedCast(t);
    user = guiClient(t, cast.userA.token);
    const admin = guiClient(t, cast.admin);
    answer(await admin.post('/fpbx_extensions', { tenant_id: cast.tenantA, extension: '1000', password: 'Secr3t-pass', user_id: cast.userA.id }));
    answer(await admin.post('/fpbx_extensions', { tenant_id: cast.tenantA, extension: '1002', password: 'Secr3t-pass', user_id: cast.userA.id }));
    fake.push(registrationOf('acme.test', '1000'));
    await until(() => t.app.esl.state.registrations({ domain: 'acme.test' }).length === 1);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it("realtime.component.ts: POST /call/originate { from_ext, to_number } answers { status: 'queued', from_ext, to_number, job_uuid } and rings the extension", async () => {
    const call = answer(await user.post('/call/originate', { from_ext: '1000', to_number: '5551234' }));
    expect(call).toMatchObject({ status: 'queued', from_ext: '1000', to_number: '5551234' });
    expect(call.job_uuid).toMatch(/^[0-9a-f-]{36}$/);
    const command = await fake.waitForCommand((c) => c.startsWith('bgapi originate') && c.includes(`Job-UUID: ${call.job_uuid}`));
    expect(command).toContain('user/1000@acme.test 5551234 XML acme.test');
  });

  it('realtime.component.ts errors: the message the page shows is body.error.message', async () => {
    expect(answer(await user.post('/call/originate', { from_ext: '1002', to_number: '5551234' }), 409).error.message).toBe('Extension 1002 is not registered, so it cannot be called.');
    expect(answer(await user.post('/call/originate', { from_ext: '1000', to_number: "55'}&park()" }), 400).error.message).toContain('to_number');
    expect(answer(await user.post('/call/originate', { from_ext: '1000' }), 400).error.message).toContain('to_number');
    expect(answer(await user.post('/call/originate', { from_ext: '1001', to_number: '5551234' }), 404).error.message).toBe('Extension not found');
  });

  it("Switchyard's earlier names from / to are accepted too", async () => {
    expect(answer(await user.post('/call/originate', { from: '1000', to: '1002' }))).toMatchObject({ status: 'queued', from_ext: '1000', to_number: '1002' });
  });
});
