import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../../src/infra/change-bus.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.each(databaseKinds)('fpbx_extensions on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  const create = (token: string, body: Record<string, unknown>) => t.api('POST', '/api/fpbx_extensions', { token, body });
  const createOk = async (token: string, body: Record<string, unknown>): Promise<string> => {
    const res = await create(token, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().extension_uuid;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
  });
  afterAll(() => t?.close());

  it('the reference worked example creates an extension for a tenant admin and answers it, with its uuid', async () => {
    const res = await create(cast.adminA.token, { extension: '1005', password: 'S3cret!', display_name: 'Reception' });
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json().extension_uuid;
    expect(id).toMatch(UUID);
    expect(res.json()).toMatchObject({ extension: '1005', display_name: 'Reception', tenant_id: cast.tenantA });
    const read = await t.api('GET', `/api/fpbx_extensions/${id}`, { token: cast.adminA.token });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({
      extension_uuid: id,
      extension: '1005',
      display_name: 'Reception',
      tenant_id: cast.tenantA,
      domain_name: 'acme.test',
      enabled: 'true',
      voicemail_enabled: 'true',
      password: 'S3cret!',
    });
    expect(read.json().voicemail_password).toMatch(/^[0-9]{6}$/);
  });

  it('SIP and voicemail secrets are encrypted at rest', async () => {
    const id = await createOk(cast.adminA.token, { extension: '1006', password: 'Pl41n-text', voicemail_password: '4321' });
    const row = (await t.app.database.db.extension.findUniqueOrThrow({ where: { id } }));
    expect(row.passwordEnc).not.toContain('Pl41n-text');
    expect(row.voicemailPasswordEnc).not.toContain('4321');
    expect(t.app.services.secrets.open(row.passwordEnc)).toBe('Pl41n-text');
    expect(t.app.services.secrets.open(row.voicemailPasswordEnc)).toBe('4321');
  });

  it('a number already in use in the tenant answers 409; the same number in another tenant is fine', async () => {
    await createOk(cast.adminA.token, { extension: '2000' });
    const dup = await create(cast.adminA.token, { extension: '2000' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 409 });
    await createOk(cast.adminB.token, { extension: '2000' });
  });

  it('a feature code is dialable too: 9196 answers 409', async () => {
    const res = await create(cast.adminA.token, { extension: '9196' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('feature_code');
  });

  it('check reports availability and what holds a number', async () => {
    const id = await createOk(cast.adminA.token, { extension: '3000' });
    const taken = await t.api('GET', '/api/fpbx_extensions/check?extension=3000', { token: cast.adminA.token });
    expect(taken.statusCode).toBe(200);
    expect(taken.json()).toEqual({ extension: '3000', available: false, used_by: 'Extension', conflicts: [{ type: 'extension', id }] });
    const free = await t.api('GET', '/api/fpbx_extensions/check?extension=3001', { token: cast.adminA.token });
    expect(free.json()).toEqual({ extension: '3001', available: true, conflicts: [] });
    const code = await t.api('GET', '/api/fpbx_extensions/check?extension=9196', { token: cast.adminA.token });
    expect(code.json()).toMatchObject({ available: false, used_by: 'Feature Code', conflicts: [{ type: 'feature_code', id: '9196' }] });
    const inB = await t.api('GET', '/api/fpbx_extensions/check?extension=3000', { token: cast.adminB.token });
    expect(inB.json().available).toBe(true);
    const bad = await t.api('GET', '/api/fpbx_extensions/check?extension=12ab', { token: cast.adminA.token });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('extension');
  });

  it('next_available answers the lowest free number from start', async () => {
    const first = await t.api('GET', '/api/fpbx_extensions/next_available', { token: cast.adminB.token });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ next_available: '1000' });
    await createOk(cast.adminB.token, { extension: '1000' });
    await createOk(cast.adminB.token, { extension: '1001' });
    await createOk(cast.adminB.token, { extension: '1003' });
    expect((await t.api('GET', '/api/fpbx_extensions/next_available', { token: cast.adminB.token })).json()).toEqual({ next_available: '1002' });
    expect((await t.api('GET', '/api/fpbx_extensions/next_available?start=1003', { token: cast.adminB.token })).json()).toEqual({ next_available: '1004' });
    expect((await t.api('GET', '/api/fpbx_extensions/next_available?start=9196', { token: cast.adminB.token })).json()).toEqual({ next_available: '9197' });
  });

  it('a super-admin names the tenant; without one it is told which field is missing', async () => {
    const missing = await create(cast.admin, { extension: '4000' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('tenant_id');
    const id = await createOk(cast.admin, { extension: '4000', tenant_id: cast.tenantB });
    expect((await t.api('GET', `/api/fpbx_extensions/${id}`, { token: cast.adminB.token })).json().tenant_id).toBe(cast.tenantB);
    const next = await t.api('GET', `/api/fpbx_extensions/next_available?tenant_id=${cast.tenantB}&start=4000`, { token: cast.admin });
    expect(next.json()).toEqual({ next_available: '4001' });
    expect((await t.api('GET', '/api/fpbx_extensions/next_available', { token: cast.admin })).statusCode).toBe(400);
  });

  it('tenant admin A cannot see or change tenant B’s extensions', async () => {
    const idB = await createOk(cast.adminB.token, { extension: '5000', display_name: 'Globex desk' });
    for (const [method, body] of [['GET'], ['PUT', { display_name: 'Hijacked' }], ['DELETE']] as const) {
      const res = await t.api(method, `/api/fpbx_extensions/${idB}`, { token: cast.adminA.token, body });
      expect(res.statusCode, method).toBe(404);
      expect(res.body).not.toContain('Globex desk');
    }
    const assign = await t.api('POST', `/api/fpbx_extensions/${idB}/assign`, { token: cast.adminA.token, body: { user_id: cast.userA.id } });
    expect(assign.statusCode).toBe(404);
    const list = await t.api('GET', '/api/fpbx_extensions?limit=500', { token: cast.adminA.token });
    expect(list.json().every((e: { tenant_id: number }) => e.tenant_id === cast.tenantA)).toBe(true);
    expect(Number(list.headers['x-total-count'])).toBe(list.json().length);
    const filtered = await t.api('GET', `/api/fpbx_extensions?tenant_id=${cast.tenantB}`, { token: cast.adminA.token });
    expect(filtered.json()).toEqual([]);
    const other = await create(cast.adminA.token, { extension: '5001', tenant_id: cast.tenantB });
    expect(other.statusCode).toBe(403);
    expect((await t.api('GET', `/api/fpbx_extensions/${idB}`, { token: cast.adminB.token })).json().display_name).toBe('Globex desk');
  });

  it('assign gives an extension to a user of its tenant; 0 unassigns; another tenant’s user is refused', async () => {
    const id = await createOk(cast.adminA.token, { extension: '6000' });
    const assigned = await t.api('POST', `/api/fpbx_extensions/${id}/assign`, { token: cast.adminA.token, body: { user_id: cast.userA.id } });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({ extension_uuid: id, user_id: cast.userA.id });
    const foreign = await t.api('POST', `/api/fpbx_extensions/${id}/assign`, { token: cast.adminA.token, body: { user_id: cast.userB.id } });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.message).toContain('user_id');
    const cleared = await t.api('POST', `/api/fpbx_extensions/${id}/assign`, { token: cast.adminA.token, body: { user_id: 0 } });
    expect(cleared.json().user_id).toBeNull();
  });

  it('an end user reads only its own extension, never its secrets, and cannot write', async () => {
    const mine = await createOk(cast.adminA.token, { extension: '6100', password: 'MyS1p-pass', user_id: cast.userA.id });
    const notMine = await createOk(cast.adminA.token, { extension: '6101' });
    const list = await t.api('GET', '/api/fpbx_extensions', { token: cast.userA.token });
    expect(list.statusCode).toBe(200);
    expect(list.json().map((e: { extension_uuid: string }) => e.extension_uuid)).toEqual([mine]);
    const read = await t.api('GET', `/api/fpbx_extensions/${mine}`, { token: cast.userA.token });
    expect(read.statusCode).toBe(200);
    expect(read.json()).not.toHaveProperty('password');
    expect(read.json()).not.toHaveProperty('voicemail_password');
    expect(read.body).not.toContain('MyS1p-pass');
    expect((await t.api('GET', `/api/fpbx_extensions/${notMine}`, { token: cast.userA.token })).statusCode).toBe(404);
    expect((await create(cast.userA.token, { extension: '6102' })).statusCode).toBe(403);
    expect((await t.api('PUT', `/api/fpbx_extensions/${mine}`, { token: cast.userA.token, body: { display_name: 'x' } })).statusCode).toBe(403);
    expect((await t.api('GET', '/api/fpbx_extensions/next_available', { token: cast.userA.token })).statusCode).toBe(403);
  });

  it('bad fields answer 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ extension: '12ab' }, 'extension'],
      [{ extension: '7000', password: 'abc12' }, 'password'],
      [{ extension: '7000', password: 'abcdefgh' }, 'password'],
      [{ extension: '7000', password: 'pw7000xyz' }, 'password'],
      [{ extension: '7000', forward_all_enabled: true }, 'forward_all_destination'],
      [{ extension: '7000', cidr: '10.0.0.0/33' }, 'cidr'],
      [{ extension: '7000', call_timeout: 0 }, 'call_timeout'],
      [{ extension: '7000', voicemail_password: '12' }, 'voicemail_password'],
      [{ extension: '7000', user_record: 'sometimes' }, 'user_record'],
      [{ extension: '7000', voicemail_mail_to: 'not-an-email' }, 'voicemail_mail_to'],
    ];
    for (const [body, field] of cases) {
      const res = await create(cast.adminA.token, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.message).toContain(field);
    }
    expect((await t.api('GET', '/api/fpbx_extensions/check?extension=7000', { token: cast.adminA.token })).json().available).toBe(true);
  });

  it('updates fields, renumbers only onto a free number, and changes the password', async () => {
    const id = await createOk(cast.adminA.token, { extension: '8000', password: 'F1rst-pass' });
    await createOk(cast.adminA.token, { extension: '8001' });
    const res = await t.api('PUT', `/api/fpbx_extensions/${id}`, {
      token: cast.adminA.token,
      body: { display_name: 'Sales', forward_busy_enabled: 'true', forward_busy_destination: '+15551234567', do_not_disturb: 1, password: 'S3cond-pass' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ display_name: 'Sales', forward_busy_enabled: 'true', do_not_disturb: 'true', password: 'S3cond-pass' });
    expect((await t.api('PUT', `/api/fpbx_extensions/${id}`, { token: cast.adminA.token, body: { extension: '8001' } })).statusCode).toBe(409);
    const renumbered = await t.api('PUT', `/api/fpbx_extensions/${id}`, { token: cast.adminA.token, body: { extension: '8002' } });
    expect(renumbered.json().extension).toBe('8002');
    const unforward = await t.api('PUT', `/api/fpbx_extensions/${id}`, { token: cast.adminA.token, body: { forward_busy_destination: '' } });
    expect(unforward.statusCode).toBe(400);
    expect(unforward.json().error.message).toContain('forward_busy_destination');
  });

  it('available_for_fax lists the enabled extensions in reach', async () => {
    const on = await createOk(cast.adminA.token, { extension: '8500' });
    const off = await createOk(cast.adminA.token, { extension: '8501', enabled: false });
    const res = await t.api('GET', '/api/fpbx_extensions/available_for_fax?limit=500', { token: cast.adminA.token });
    expect(res.statusCode).toBe(200);
    const ids = res.json().map((e: { extension_uuid: string }) => e.extension_uuid);
    expect(ids).toContain(on);
    expect(ids).not.toContain(off);
    expect(res.json().every((e: { enabled: string; tenant_id: number }) => e.enabled === 'true' && e.tenant_id === cast.tenantA)).toBe(true);
  });

  it('writes publish a change for the xml_curl and ESL caches', async () => {
    const seen: Change[] = [];
    const stop = t.app.services.changes.subscribe((c) => seen.push(c));
    try {
      const id = await createOk(cast.adminA.token, { extension: '8800' });
      await t.api('PUT', `/api/fpbx_extensions/${id}`, { token: cast.adminA.token, body: { display_name: 'Changed' } });
      await t.api('DELETE', `/api/fpbx_extensions/${id}`, { token: cast.adminA.token });
      expect(seen).toEqual([
        { entity: 'extension', tenantId: cast.tenantA, id, domain: 'acme.test' },
        { entity: 'extension', tenantId: cast.tenantA, id, domain: 'acme.test' },
        { entity: 'extension', tenantId: cast.tenantA, id, domain: 'acme.test' },
      ]);
    } finally {
      stop();
    }
  });

  it('delete answers true and the extension is gone', async () => {
    const id = await createOk(cast.adminA.token, { extension: '8900' });
    const res = await t.api('DELETE', `/api/fpbx_extensions/${id}`, { token: cast.adminA.token });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toBe(true);
    expect((await t.api('GET', `/api/fpbx_extensions/${id}`, { token: cast.adminA.token })).statusCode).toBe(404);
    expect((await t.api('GET', '/api/fpbx_extensions/check?extension=8900', { token: cast.adminA.token })).json().available).toBe(true);
  });

  it('fpbx_domains maps tenants to their FreeSWITCH domains, scoped', async () => {
    const all = await t.api('GET', '/api/fpbx_domains', { token: cast.admin });
    expect(all.statusCode).toBe(200);
    expect(all.json().map((d: { domain_name: string }) => d.domain_name)).toEqual(['acme.test', 'globex.test']);
    const mine = await t.api('GET', '/api/fpbx_domains', { token: cast.adminA.token });
    expect(mine.json()).toHaveLength(1);
    expect(mine.json()[0]).toMatchObject({ tenant_id: cast.tenantA, domain_name: 'acme.test', domain_enabled: 'true' });
    expect(mine.json()[0].domain_uuid).toMatch(UUID);
    expect((await t.api('GET', `/api/fpbx_domains/${cast.tenantA}`, { token: cast.adminA.token })).json().domain_name).toBe('acme.test');
    expect((await t.api('GET', `/api/fpbx_domains/${cast.tenantB}`, { token: cast.adminA.token })).statusCode).toBe(404);
    expect((await t.api('GET', '/api/fpbx_domains', { token: cast.userA.token })).statusCode).toBe(403);
  });
});
