// /fpbx_domains. The ICTPBX client has no domain screen (no page, service or URL constant names it):
// its calls come from ICTPBX's own server, core/Api/FpbxDomainApi.php (ictinnovations/
// ictpbx-community-edition), which the client's deployments share, so these are built as the
// client builds every call (its headers) and named after that file. Domains are read-only here: a
// tenant's domain is set through /tenants.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { seedCast, type Cast } from '../helpers/fixtures.ts';
import { answer, guiClient, type GuiClient } from './gui-client.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.each(databaseKinds)('ICTPBX server calls: domains on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let admin: GuiClient;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    admin = guiClient(t, cast.admin);
  }, 120_000);
  afterAll(() => t?.close());

  it('FpbxDomainApi.php list_view: GET /fpbx_domains is an array of FusionPBX domains', async () => {
    const rows = answer(await admin.get('/fpbx_domains'));
    expect(rows.map((d: { domain_name: string }) => d.domain_name)).toEqual(['acme.test', 'globex.test']);
    expect(rows[0]).toMatchObject({ tenant_id: cast.tenantA, domain_name: 'acme.test', domain_enabled: 'true', domain_description: '' });
    expect(rows[0].domain_uuid).toMatch(UUID);
    expect(answer(await admin.get('/fpbx_domains?totalrows'))).toBe(2);
  });

  it('FpbxDomainApi.php read: GET /fpbx_domains/:tenant_id answers tenant_id, domain_uuid and domain_name', async () => {
    const d = answer(await admin.get(`/fpbx_domains/${cast.tenantB}`));
    expect(d).toMatchObject({ tenant_id: cast.tenantB, domain_name: 'globex.test' });
    expect(d.domain_uuid).toMatch(UUID);
  });

  it("a tenant admin sees its own domain only; another tenant's is not found; an end user may not ask", async () => {
    const tenantAdmin = guiClient(t, cast.adminA.token);
    expect(answer(await tenantAdmin.get('/fpbx_domains')).map((d: { domain_name: string }) => d.domain_name)).toEqual(['acme.test']);
    expect((await tenantAdmin.get(`/fpbx_domains/${cast.tenantB}`)).statusCode).toBe(404);
    expect((await guiClient(t, cast.userA.token).get('/fpbx_domains')).statusCode).toBe(403);
  });

  it('filters by domain_name and domain_enabled, in any of the client’s flag spellings', async () => {
    expect(answer(await admin.get('/fpbx_domains?domain_name=globex.test')).map((d: { tenant_id: number }) => d.tenant_id)).toEqual([cast.tenantB]);
    expect(answer(await admin.get('/fpbx_domains?domain_enabled=1'))).toHaveLength(2);
    expect(answer(await admin.get('/fpbx_domains?domain_enabled=false'))).toEqual([]);
  });
});
