// The ICTPBX client's provider (trunk) screens, call by call (ictinnovations/ictpbx-community-edition-gui,
// src/app/pages/provider/: provider-form-component.ts builds the body from its Provider model
// (provider.ts) and binds every yes/no select to the strings 'true'/'false' or '1'/'0';
// provider-component.html lists; app.service.ts checkFaxProvider and mfa.service.ts filter by
// service_flag; the route form picks a provider). provider.service.ts is not stored for this
// repository: its calls are those of the identical ictfax one (GET/POST /providers,
// GET/PUT/DELETE /providers/:id).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { seedCast, type Cast } from '../helpers/fixtures.ts';
import { answer, guiClient, type GuiClient } from './gui-client.ts';

/** What provider-form-component.ts sets on a new provider before the user types. */
const NEW_FORM_DEFAULTS = {
  active: '1',
  type: 'sip',
  service_flag: 1,
  register: 'true',
  enabled: 'true',
  profile: 'external',
  context: 'public',
  register_transport: 'udp',
  expire_seconds: 800,
  retry_seconds: 30,
  codec_prefs: 'PCMU,PCMA,OPUS,G722',
  distinct_to: 'false',
  caller_id_in_from: 'false',
  supress_cng: 'false',
  sip_cid_type: 'none',
  outbound_caller_id: '',
  extension_in_contact: 'false',
  contact_in_ping: 'false',
};

const SELECT_FLAGS = ['register', 'enabled', 'caller_id_in_from', 'supress_cng', 'distinct_to', 'extension_in_contact', 'contact_in_ping'];

describe.each(databaseKinds)('ICTPBX client: providers on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let admin: GuiClient;
  let tenantAdmin: GuiClient;
  let providerId: number;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    admin = guiClient(t, cast.admin);
    tenantAdmin = guiClient(t, cast.adminA.token);
  }, 120_000);
  afterAll(() => t?.close());

  it('provider-form-component.ts (new): POST /providers with the whole form, string flags and a numeric service_flag, answers the bare provider_id', async () => {
    const body = {
      ...NEW_FORM_DEFAULTS,
      name: 'signalwire-uk',
      host: 'sip.signalwire.test',
      port: 5060,
      username: 'acme',
      password: 'Trunk-pass-1',
      from_user: 'acme-from',
      from_domain: 'signalwire.test',
      realm: 'signalwire.test',
      auth_username: 'acme-auth',
      register_proxy: 'reg.signalwire.test',
      outbound_proxy: 'out.signalwire.test:5080',
      contact_params: 'tport=tcp',
      extension: '15550001000',
      ping: 30,
      ping_min: 2,
      ping_max: 4,
      channels: 10,
      weight: 5,
      prefix: '+1',
      description: 'Main trunk',
      supress_cng: 'true',
      sip_cid_type: 'rpid',
      // Service flag as addProvider computes it: voice, plus fax when "Supports Fax" is ticked.
      service_flag: 1 | 2,
    };
    const id = answer(await tenantAdmin.post('/providers', body));
    expect(typeof id).toBe('number');
    providerId = id;
  });

  it('provider-component.html: GET /providers is an array of rows with provider_id, name, host and type', async () => {
    const rows = answer(await tenantAdmin.get('/providers'));
    const row = rows.find((p: { provider_id: number }) => p.provider_id === providerId);
    expect(row).toMatchObject({ provider_id: providerId, name: 'signalwire-uk', host: 'sip.signalwire.test', type: 'sip' });
  });

  it('provider-form-component.ts (edit): GET /providers/:id answers the select values as strings, service_flag as a number', async () => {
    const p = answer(await tenantAdmin.get(`/providers/${providerId}`));
    for (const f of SELECT_FLAGS) expect(['true', 'false'], f).toContain(p[f]);
    expect(p).toMatchObject({
      register: 'true',
      enabled: 'true',
      supress_cng: 'true',
      sip_cid_type: 'rpid',
      active: '1',
      register_transport: 'udp',
      from_user: 'acme-from',
      auth_username: 'acme-auth',
      register_proxy: 'reg.signalwire.test',
      outbound_proxy: 'out.signalwire.test:5080',
      contact_params: 'tport=tcp',
      extension: '15550001000',
      codec_prefs: 'PCMU,PCMA,OPUS,G722',
      context: 'public',
      profile: 'external',
      channels: 10,
      weight: 5,
    });
    expect((Number(p.service_flag) & 2) > 0).toBe(true);
    // ip_auth is read from the username.
    expect(!p.username || p.username === 'anonymous').toBe(false);
    expect(p).not.toHaveProperty('password');
  });

  it('provider-form-component.ts (edit): PUT /providers/:id with the loaded object, ICTCore fields and the IP-auth toggle', async () => {
    const loaded = answer(await tenantAdmin.get(`/providers/${providerId}`));
    // onIpAuthChange clears the credentials and turns registering off; fax off resets the codecs.
    const edited = {
      ...loaded,
      username: '',
      password: '',
      auth_username: '',
      register: 'false',
      codec_prefs: 'PCMU,PCMA,OPUS,G722',
      service_flag: 1,
      // Fields of the ICTCore Provider model that mean nothing for a SIP trunk: accepted, ignored.
      from_email: '',
      encryption: '',
      gateway_flag: 1,
      node_id: 1,
      httpkey: '',
      dialstring: '',
      settings: 'foo=bar',
      hostname: '',
    };
    const saved = answer(await tenantAdmin.put(`/providers/${loaded.provider_id}`, edited));
    expect(saved).toMatchObject({ provider_id: providerId, username: '', register: 'false', service_flag: 1, auth_username: '' });
    expect(saved).not.toHaveProperty('settings');
  });

  it('provider-form-component.ts: Enabled and Active are one switch; the one the user changed wins', async () => {
    const loaded = answer(await tenantAdmin.get(`/providers/${providerId}`));
    const off = answer(await tenantAdmin.put(`/providers/${providerId}`, { ...loaded, enabled: 'false' }));
    expect({ enabled: off.enabled, active: off.active }).toEqual({ enabled: 'false', active: '0' });
    const on = answer(await tenantAdmin.put(`/providers/${providerId}`, { ...off, active: '1' }));
    expect({ enabled: on.enabled, active: on.active }).toEqual({ enabled: 'true', active: '1' });
  });

  it('app.service.ts checkFaxProvider: GET /providers?service_flag=2 lists fax trunks, read with Number(p.active) === 1', async () => {
    const fax = answer(await admin.post('/providers', { ...NEW_FORM_DEFAULTS, name: 'fax-trunk', host: 'fax.example.test', service_flag: 3 }));
    const rows = answer(await admin.get('/providers?service_flag=2'));
    expect(rows.map((p: { provider_id: number }) => p.provider_id)).toContain(fax);
    expect(rows.every((p: { service_flag: number }) => (p.service_flag & 2) === 2)).toBe(true);
    expect(rows.some((p: { active: string }) => Number(p.active) === 1)).toBe(true);
  });

  it('mfa.service.ts: GET /providers?service_flag=&type= filters by type too', async () => {
    expect(answer(await admin.get('/providers?service_flag=1&type=sip')).length).toBeGreaterThan(0);
    expect(answer(await admin.get('/providers?service_flag=1&type=smtp'))).toEqual([]);
  });

  it('route-form-component.ts: GET /providers gives the dropdown its provider_id and name', async () => {
    const rows = answer(await tenantAdmin.get('/providers'));
    for (const p of rows) {
      expect(typeof p.provider_id).toBe('number');
      expect(typeof p.name).toBe('string');
    }
  });

  it('provider-form-component.ts: a gateway type other than SIP is refused, naming type', async () => {
    expect(answer(await tenantAdmin.post('/providers', { ...NEW_FORM_DEFAULTS, type: 'smtp', name: 'mail', host: 'smtp.example.test' }), 400).error.message).toContain('type');
  });

  it('provider-component.ts: DELETE /providers/:id reads body.error.message when routes use it, else answers JSON', async () => {
    const route = answer(await tenantAdmin.post('/routes', { name: 'Out', pattern: '^9(\\d+)$', provider_id: providerId }));
    expect(answer(await tenantAdmin.delete(`/providers/${providerId}`), 409).error.message).toContain('route');
    answer(await tenantAdmin.delete(`/routes/${route}`));
    expect(answer(await tenantAdmin.delete(`/providers/${providerId}`))).toBe(true);
    expect((await tenantAdmin.get(`/providers/${providerId}`)).statusCode).toBe(404);
  });
});
