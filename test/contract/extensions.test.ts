// The ICTPBX client's extension screens, call by call (ictinnovations/ictpbx-community-edition-gui,
// src/app/pages/fpbx_extension/: fpbx_extension.service.ts makes the calls,
// fpbx_extension-form.component.ts and fpbx_extension-list.component.html build and read them;
// src/app/services/extension-check.service.ts and pbx-destination.service.ts too). The form's
// model (fpbx_extension.ts) sends JS booleans and null for every text left empty, and the edit
// form PUTs back the object it loaded. The client reads flags as `=== 'true' || === true`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { seedCast, type Cast } from '../helpers/fixtures.ts';
import { answer, guiClient, type GuiClient } from './gui-client.ts';

/** The body fpbx_extension-form.component.ts sends for a new extension: its model's defaults, then the edits. */
const newExtension = (edits: Record<string, unknown>) => ({
  extension: '',
  number_alias: null,
  password: null,
  description: null,
  enabled: true,
  effective_caller_id_name: null,
  effective_caller_id_number: null,
  outbound_caller_id_name: null,
  outbound_caller_id_number: null,
  emergency_caller_id_name: null,
  emergency_caller_id_number: null,
  directory_first_name: null,
  directory_last_name: null,
  directory_visible: true,
  directory_exten_visible: true,
  call_timeout: 30,
  call_group: null,
  toll_allow: null,
  accountcode: null,
  hold_music: null,
  user_context: null,
  do_not_disturb: false,
  user_record: 'none',
  absolute_codec_string: null,
  follow_me_enabled: false,
  forward_all_enabled: false,
  forward_all_destination: null,
  forward_busy_enabled: false,
  forward_busy_destination: null,
  forward_no_answer_enabled: false,
  forward_no_answer_destination: null,
  forward_user_not_registered_enabled: false,
  forward_user_not_registered_destination: null,
  fax_email: null,
  user_id: null,
  ...edits,
});

/** How the client reads a flag. */
const flag = (v: unknown) => v === 'true' || v === true;

describe.each(databaseKinds)('ICTPBX client: extensions on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let admin: GuiClient;
  let tenantAdmin: GuiClient;
  let uuid: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    admin = guiClient(t, cast.admin);
    tenantAdmin = guiClient(t, cast.adminA.token);
  }, 120_000);
  afterAll(() => t?.close());

  it('extension-check.service.ts: GET /fpbx_extensions/next_available answers next_available as a string', async () => {
    const next = answer(await tenantAdmin.get('/fpbx_extensions/next_available'));
    expect(next).toEqual({ next_available: '1000' });
  });

  it('extension-check.service.ts: GET /fpbx_extensions/check?extension= answers available, or not with used_by', async () => {
    expect(answer(await tenantAdmin.get('/fpbx_extensions/check?extension=1000'))).toMatchObject({ available: true });
    expect(answer(await tenantAdmin.get('/fpbx_extensions/check?extension=1000')).used_by).toBeUndefined();
    const code = answer(await tenantAdmin.get(`/fpbx_extensions/check?extension=${encodeURIComponent('9196')}`));
    expect(code).toMatchObject({ available: false, used_by: 'Feature Code' });
    expect(`Already in use by ${code.used_by}`).toBe('Already in use by Feature Code');
  });

  it('fpbx_extension-form.component.ts (new): POST /fpbx_extensions with the model, JS booleans, nulls and user_id; reads .extension_uuid', async () => {
    const created = answer(
      await tenantAdmin.post(
        '/fpbx_extensions',
        newExtension({
          extension: '1000',
          password: 'Desk-pass-1',
          effective_caller_id_name: 'Front desk',
          effective_caller_id_number: '1000',
          number_alias: '2000',
          emergency_caller_id_number: '+15550009110',
          directory_first_name: 'Front',
          directory_last_name: 'Desk',
          absolute_codec_string: 'PCMU,PCMA',
          forward_user_not_registered_enabled: true,
          forward_user_not_registered_destination: '+15550001111',
          user_id: cast.userA.id,
        }),
      ),
    );
    expect(typeof created.extension_uuid).toBe('string');
    uuid = created.extension_uuid;
    const taken = answer(await tenantAdmin.get('/fpbx_extensions/check?extension=1000'));
    expect(taken).toMatchObject({ available: false, used_by: 'Extension' });
    // The alias is a number of the tenant too.
    expect(answer(await tenantAdmin.get('/fpbx_extensions/check?extension=2000'))).toMatchObject({ available: false, used_by: 'Extension' });
  });

  it('fpbx_extension-list.component.html: GET /fpbx_extensions is an array of rows with the columns it shows', async () => {
    const rows = answer(await tenantAdmin.get('/fpbx_extensions'));
    expect(Array.isArray(rows)).toBe(true);
    const row = rows.find((r: { extension_uuid: string }) => r.extension_uuid === uuid);
    expect(row).toMatchObject({
      extension: '1000',
      effective_caller_id_name: 'Front desk',
      effective_caller_id_number: '1000',
      extension_type: 'voice',
      call_timeout: 30,
      linked_username: 'user-a',
    });
    expect(flag(row.enabled)).toBe(true);
    expect(row.fax_email ?? '—').toBe('—');
  });

  it('fpbx_extension-list.component.ts (super-admin): GET /fpbx_extensions?tenant_id= shows tenant_name', async () => {
    const rows = answer(await admin.get(`/fpbx_extensions?tenant_id=${cast.tenantA}`));
    expect(rows.map((r: { tenant_name: string }) => r.tenant_name)).toEqual(['Acme']);
    expect(answer(await admin.get(`/fpbx_extensions?tenant_id=${cast.tenantB}`))).toEqual([]);
  });

  it('pbx-destination.service.ts: the list gives extension_uuid, extension and effective_caller_id_name for the forwarding pickers', async () => {
    const [row] = answer(await tenantAdmin.get('/fpbx_extensions'));
    expect(typeof row.extension_uuid).toBe('string');
    expect(typeof row.extension).toBe('string');
    expect(typeof row.effective_caller_id_name).toBe('string');
  });

  it('fpbx_extension-form.component.ts (edit): GET /fpbx_extensions/:uuid, then PUT the loaded object with the edits', async () => {
    const loaded = answer(await tenantAdmin.get(`/fpbx_extensions/${uuid}`));
    for (const f of ['enabled', 'directory_visible', 'directory_exten_visible', 'do_not_disturb', 'follow_me_enabled', 'forward_all_enabled', 'forward_busy_enabled', 'forward_no_answer_enabled']) {
      expect(['true', 'false', true, false], f).toContain(loaded[f]);
    }
    expect(flag(loaded.forward_user_not_registered_enabled)).toBe(true);
    expect(String(loaded.linked_user_id)).toBe(String(cast.userA.id));
    expect(loaded.password).toBe('Desk-pass-1');
    expect(loaded.user_record).toBe('none');
    // The form normalises the flags to booleans and sets user_id from the user select, then saves.
    const edited = {
      ...loaded,
      enabled: flag(loaded.enabled),
      directory_visible: false,
      do_not_disturb: flag(loaded.do_not_disturb),
      forward_busy_enabled: true,
      forward_busy_destination: '1001',
      user_record: 'all',
      description: 'Reception',
      user_id: +String(loaded.linked_user_id),
    };
    const saved = answer(await tenantAdmin.put(`/fpbx_extensions/${edited.extension_uuid}`, edited));
    expect(saved).toMatchObject({ extension_uuid: uuid, description: 'Reception', user_record: 'all', forward_busy_destination: '1001', number_alias: '2000' });
    expect(flag(saved.directory_visible)).toBe(false);
    expect(flag(saved.forward_busy_enabled)).toBe(true);
    // Unassigned: the select's '' becomes null.
    const unassigned = answer(await tenantAdmin.put(`/fpbx_extensions/${uuid}`, { ...saved, user_id: null }));
    expect(unassigned.linked_user_id).toBeNull();
    expect(unassigned.linked_username).toBeNull();
  });

  it('fpbx_extension-form.component.ts: a fax extension (extension_type fax) is refused, naming the field, until fax accounts exist', async () => {
    const res = await tenantAdmin.post('/fpbx_extensions', newExtension({ extension: '1002', password: 'Fax-pass-12', extension_type: 'fax', fax_email: 'fax@example.test' }));
    expect(answer(res, 400).error.message).toContain('extension_type');
    expect(answer(await tenantAdmin.get('/fpbx_extensions/check?extension=1002'))).toMatchObject({ available: true });
  });

  it('available_for_fax: GET /fpbx_extensions/available_for_fax?exclude_account_id= answers extension_uuid and extension', async () => {
    const rows = answer(await tenantAdmin.get('/fpbx_extensions/available_for_fax?exclude_account_id=7'));
    expect(rows).toEqual(expect.arrayContaining([expect.objectContaining({ extension_uuid: uuid, extension: '1000' })]));
  });

  it('fpbx_extension-list.component.ts: DELETE /fpbx_extensions/:uuid (JSON content type, no body) answers JSON', async () => {
    expect(answer(await tenantAdmin.delete(`/fpbx_extensions/${uuid}`))).toBe(true);
    expect(answer(await tenantAdmin.get(`/fpbx_extensions/${uuid}`), 404).error.message).toContain('not found');
    expect(answer(await tenantAdmin.get('/fpbx_extensions/check?extension=2000'))).toMatchObject({ available: true });
  });

  it("a tenant admin sees its own extensions only; another tenant's is not found", async () => {
    const other = answer(await guiClient(t, cast.adminB.token).post('/fpbx_extensions', newExtension({ extension: '3000', password: 'Other-pass-3' })));
    expect((await tenantAdmin.get(`/fpbx_extensions/${other.extension_uuid}`)).statusCode).toBe(404);
    expect(answer(await tenantAdmin.get('/fpbx_extensions')).map((r: { extension: string }) => r.extension)).not.toContain('3000');
  });
});
