// The ICTPBX client's gateway screens, call by call (ictinnovations/ictpbx-community-edition-gui,
// src/app/pages/gateways/: gateway.service.ts makes the calls, gateway-form.component.ts builds the
// body from its Gateway model (gateway.ts: JS booleans, ping as typed text) and
// gateway-list.component.html reads the rows). A gateway is a provider under FusionPBX's names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { seedCast, type Cast } from '../helpers/fixtures.ts';
import { answer, guiClient, type GuiClient } from './gui-client.ts';

/** The Gateway model's defaults (gateway.ts). */
const MODEL_DEFAULTS = {
  gateway: '',
  expire_seconds: 3600,
  register: true,
  register_transport: 'udp',
  retry_seconds: 30,
  caller_id_in_from: false,
  context: 'public',
  profile: 'external',
  enabled: true,
};

/** How the client reads a flag. */
const flag = (v: unknown) => v === 'true' || v === true;

describe.each(databaseKinds)('ICTPBX client: gateways on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let tenantAdmin: GuiClient;
  let uuid: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    tenantAdmin = guiClient(t, cast.adminA.token);
  }, 120_000);
  afterAll(() => t?.close());

  it('gateway-form.component.ts (new): POST /gateways with the model (JS booleans, ping as text) answers the new gateway_uuid', async () => {
    const created = answer(
      await tenantAdmin.post('/gateways', {
        ...MODEL_DEFAULTS,
        gateway: 'my-sip-trunk',
        username: 'acme',
        password: 'Gw-pass-1',
        realm: 'sip.carrier.test',
        from_user: 'acme-from',
        from_domain: 'carrier.test',
        proxy: 'sip.carrier.test:5070',
        outbound_proxy: 'edge.carrier.test',
        extension: '15550001000',
        codec_prefs: 'PCMU,PCMA,G722',
        ping: '30',
        ping_min: '',
        ping_max: '3',
        description: 'Main',
      }),
    );
    expect(typeof created).toBe('string');
    uuid = created;
  });

  it('gateway-form.component.ts (new): only the name and a realm are needed; the realm is then the proxy', async () => {
    const created = answer(await tenantAdmin.post('/gateways', { ...MODEL_DEFAULTS, gateway: 'by-realm', realm: 'realm.carrier.test', register: false }));
    const gw = answer(await tenantAdmin.get(`/gateways/${created}`));
    expect(gw).toMatchObject({ gateway: 'by-realm', realm: 'realm.carrier.test', proxy: 'realm.carrier.test' });
    expect(answer(await tenantAdmin.post('/gateways', { ...MODEL_DEFAULTS, gateway: 'nowhere' }), 400).error.message).toContain('proxy');
  });

  it('gateway-list.component.html: GET /gateways is an array of rows with the columns it shows', async () => {
    const rows = answer(await tenantAdmin.get('/gateways'));
    const row = rows.find((g: { gateway_uuid: string }) => g.gateway_uuid === uuid);
    expect(row).toMatchObject({ gateway: 'my-sip-trunk', username: 'acme', profile: 'external' });
    expect(row.realm || row.proxy).toBe('sip.carrier.test');
    expect(flag(row.register)).toBe(true);
    expect(flag(row.enabled)).toBe(true);
  });

  it('gateway-form.component.ts (edit): GET /gateways/:uuid, normalise the flags, PUT the loaded object with the edits', async () => {
    const loaded = answer(await tenantAdmin.get(`/gateways/${uuid}`));
    for (const f of ['register', 'caller_id_in_from', 'enabled']) expect(['true', 'false', true, false], f).toContain(loaded[f]);
    expect(loaded).toMatchObject({ proxy: 'sip.carrier.test:5070', ping: '30', ping_max: '3', from_user: 'acme-from', outbound_proxy: 'edge.carrier.test', codec_prefs: 'PCMU,PCMA,G722', context: 'public' });
    expect(loaded).not.toHaveProperty('password');
    const edited = {
      ...loaded,
      register: false,
      caller_id_in_from: flag(loaded.caller_id_in_from),
      enabled: flag(loaded.enabled),
      ping: '',
      context: 'acme.test',
    };
    const saved = answer(await tenantAdmin.put(`/gateways/${edited.gateway_uuid}`, edited));
    expect(flag(saved.register)).toBe(false);
    expect(saved).toMatchObject({ ping: '', context: 'acme.test', proxy: 'sip.carrier.test:5070' });
    // Calls from the trunk may enter its own tenant's context or public, not another tenant's.
    expect(answer(await tenantAdmin.put(`/gateways/${uuid}`, { ...saved, context: 'globex.test' }), 400).error.message).toContain('context');
  });

  it('the provider screens see the same trunk', async () => {
    const gw = answer(await tenantAdmin.get(`/gateways/${uuid}`));
    const provider = answer(await tenantAdmin.get(`/providers/${gw.provider_id}`));
    expect(provider).toMatchObject({ name: 'my-sip-trunk', host: 'sip.carrier.test', port: 5070, gateway_uuid: uuid, fpbx_gateway_uuid: uuid, register: 'false' });
  });

  it('gateway-list.component.ts: DELETE /gateways/:uuid (JSON content type, no body) answers JSON', async () => {
    expect(answer(await tenantAdmin.delete(`/gateways/${uuid}`))).toBe(true);
    expect((await tenantAdmin.get(`/gateways/${uuid}`)).statusCode).toBe(404);
  });

  it("a tenant admin does not see another tenant's gateways", async () => {
    const theirs = answer(await guiClient(t, cast.adminB.token).post('/gateways', { ...MODEL_DEFAULTS, gateway: 'globex', proxy: 'globex.carrier.test' }));
    expect((await tenantAdmin.get(`/gateways/${theirs}`)).statusCode).toBe(404);
    expect(answer(await tenantAdmin.get('/gateways')).map((g: { gateway_uuid: string }) => g.gateway_uuid)).not.toContain(theirs);
  });
});
