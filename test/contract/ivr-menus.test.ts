// The ICTPBX client's IVR menu screens, call by call (ictinnovations/ictpbx-community-edition-gui,
// src/app/pages/ivr_menus/: ivr_menu.service.ts makes the calls, ivr_menu.ts is the model,
// ivr_menu-form.component.ts/.html builds the body, ivr_menu-list.component.ts/.html reads the
// list; src/app/services/pbx-destination.service.ts and extension-check.service.ts too). The form
// sends JS booleans, numbers from its number inputs, null for an empty sound, a transfer as
// "<number> XML default", and PUTs back the object it loaded. The list and the form read
// `ivr_menu_enabled === 'true' || === true`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { databaseKinds } from '../helpers/databases.ts';
import type { Cast } from '../helpers/fixtures.ts';
import { answer, clientFlag as flag, guiCast, type GuiClient, guiClient } from './gui-client.ts';

/** What ivr_menu-form.component.ts sends for a new menu: the model's defaults (ivr_menu.ts), then the edits. */
const newMenu = (edits: Record<string, unknown>) => ({
  ivr_menu_name: '',
  ivr_menu_extension: '',
  ivr_menu_language: 'en',
  ivr_menu_greet_long: null,
  ivr_menu_greet_short: null,
  ivr_menu_invalid_sound: null,
  ivr_menu_exit_sound: null,
  ivr_menu_timeout: 10000,
  ivr_menu_exit_app: null,
  ivr_menu_exit_data: null,
  ivr_menu_max_failures: 3,
  ivr_menu_max_timeouts: 3,
  ivr_menu_direct_dial: false,
  ivr_menu_enabled: true,
  ivr_menu_description: null,
  options: [],
  ...edits,
});

/** addOption() then the row's edits: a transfer as onOptionDestValueChange builds it. */
const option = (digits: string, order: number, edits: Record<string, unknown> = {}) => ({
  ivr_menu_option_digits: digits,
  ivr_menu_option_action: 'transfer',
  ivr_menu_option_param: '',
  ivr_menu_option_order: order,
  ivr_menu_option_description: '',
  ivr_menu_option_enabled: true,
  ...edits,
});


describe.each(databaseKinds)('ICTPBX client: IVR menus on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let admin: GuiClient;
  let tenantAdmin: GuiClient;
  let otherAdmin: GuiClient;
  let uuid: string;

  beforeAll(async () => {
    ({ t, cast, admin, tenantAdmin, otherAdmin } = await guiCast(kind));
    for (const extension of ['1001', '1002']) answer(await tenantAdmin.post('/fpbx_extensions', { extension, password: 'Acme-pass-x1' }));
    answer(await otherAdmin.post('/fpbx_extensions', { extension: '1003', password: 'Globex-pass-x1' }));
  }, 120_000);
  afterAll(() => t?.close());

  it('ivr_menu-form.component.ts: POST /ivr_menus with the form body answers the menu with its ivr_menu_uuid', async () => {
    const body = newMenu({
      ivr_menu_name: 'Main menu',
      ivr_menu_extension: '7000',
      ivr_menu_greet_long: 'ivr/ivr-welcome_to_freeswitch.wav',
      ivr_menu_invalid_sound: 'ivr/ivr-that_was_an_invalid_entry.wav',
      ivr_menu_exit_app: 'transfer',
      ivr_menu_exit_data: '1001 XML default',
      ivr_menu_direct_dial: true,
      options: [option('2', 20, { ivr_menu_option_param: '1002 XML default' }), option('1', 10, { ivr_menu_option_param: '1001 XML default' }), option('9', 30, { ivr_menu_option_action: 'hangup' })],
    });
    const created = answer(await tenantAdmin.post('/ivr_menus', body));
    expect(created.ivr_menu_uuid).toMatch(/^[0-9a-f-]{36}$/);
    uuid = created.ivr_menu_uuid;
    expect(created).toMatchObject({
      ivr_menu_name: 'Main menu',
      ivr_menu_extension: '7000',
      ivr_menu_language: 'en',
      ivr_menu_greet_long: 'ivr/ivr-welcome_to_freeswitch.wav',
      ivr_menu_greet_short: '',
      ivr_menu_timeout: 10000,
      ivr_menu_max_failures: 3,
      ivr_menu_max_timeouts: 3,
      ivr_menu_exit_app: 'transfer',
      ivr_menu_exit_data: '1001 XML acme.test',
      ivr_menu_direct_dial: true,
      ivr_menu_enabled: true,
      ivr_menu_context: 'acme.test',
      ivr_menu_freeswitch_name: uuid,
    });
    expect(created.options.map((o: { ivr_menu_option_digits: string }) => o.ivr_menu_option_digits)).toEqual(['1', '2', '9']);
    expect(created.options[0]).toMatchObject({ ivr_menu_option_action: 'transfer', ivr_menu_option_param: '1001 XML acme.test', ivr_menu_option_order: 10, ivr_menu_option_enabled: true, destination_type: 'extension' });
    expect(created.options[2]).toMatchObject({ ivr_menu_option_action: 'hangup', ivr_menu_option_param: '', destination_type: '' });
  });

  it('ivr_menu.service.ts: GET /ivr_menus answers a bare array with every column the list shows', async () => {
    const rows = answer(await tenantAdmin.get('/ivr_menus'));
    expect(rows).toHaveLength(1);
    const [row] = rows;
    for (const column of ['ivr_menu_uuid', 'ivr_menu_extension', 'ivr_menu_name', 'ivr_menu_language', 'ivr_menu_enabled', 'tenant_name']) expect(row).toHaveProperty(column);
    expect(flag(row.ivr_menu_enabled)).toBe(true);
    expect(row.tenant_name).toBe('Acme');
  });

  it('ivr_menu.service.ts: GET /ivr_menus?tenant_id= (the super-admin tenant picker) lists one tenant; ICTCore paging and ?totalrows work', async () => {
    expect(answer(await admin.get(`/ivr_menus?tenant_id=${cast.tenantA}`))).toHaveLength(1);
    expect(answer(await admin.get(`/ivr_menus?tenant_id=${cast.tenantB}`))).toEqual([]);
    expect(answer(await admin.get('/ivr_menus?pageIndex=0&pageSize=10'))).toHaveLength(1);
    const count = await admin.get('/ivr_menus?totalrows');
    expect(count.statusCode).toBe(200);
    expect(JSON.parse(count.body)).toBe(1);
  });

  it('pbx-destination.service.ts: getIvrMenus reads ivr_menu_uuid, ivr_menu_extension and ivr_menu_name', async () => {
    const [row] = answer(await tenantAdmin.get('/ivr_menus'));
    expect(row).toMatchObject({ ivr_menu_uuid: uuid, ivr_menu_extension: '7000', ivr_menu_name: 'Main menu' });
  });

  it('extension-check.service.ts: the menu number is taken (check and next_available see it), and a second menu on it is a 409', async () => {
    expect(answer(await tenantAdmin.get('/fpbx_extensions/check?extension=7000'))).toMatchObject({ available: false });
    expect(answer(await tenantAdmin.get('/fpbx_extensions/next_available?start=7000')).next_available).toBe('7001');
    expect((await tenantAdmin.post('/ivr_menus', newMenu({ ivr_menu_name: 'Again', ivr_menu_extension: '7000' }))).statusCode).toBe(409);
    expect((await tenantAdmin.post('/ivr_menus', newMenu({ ivr_menu_name: 'Clash', ivr_menu_extension: '1001' }))).statusCode).toBe(409);
    expect((await tenantAdmin.post('/fpbx_extensions', { extension: '7000', password: 'Acme-pass-x1' })).statusCode).toBe(409);
    expect((await tenantAdmin.post('/ring_groups', { ring_group_name: 'RG', ring_group_extension: '7000', destinations: [] })).statusCode).toBe(409);
  });

  it('ivr_menu-form.component.ts: GET /ivr_menus/:uuid then PUT of the loaded object with edits', async () => {
    const loaded = answer(await tenantAdmin.get(`/ivr_menus/${uuid}`));
    expect(loaded.options).toHaveLength(3);
    expect(flag(loaded.ivr_menu_direct_dial)).toBe(true);
    loaded.ivr_menu_enabled = false;
    loaded.ivr_menu_timeout = 5000;
    loaded.ivr_menu_greet_short = null;
    loaded.options.pop();
    loaded.options[1].ivr_menu_option_param = '1001 XML default';
    const updated = answer(await tenantAdmin.put(`/ivr_menus/${uuid}`, loaded));
    expect(updated).toMatchObject({ ivr_menu_enabled: false, ivr_menu_timeout: 5000, ivr_menu_exit_data: '1001 XML acme.test' });
    expect(updated.options.map((o: { ivr_menu_option_param: string }) => o.ivr_menu_option_param)).toEqual(['1001 XML acme.test', '1001 XML acme.test']);
    expect(flag(answer(await tenantAdmin.get('/ivr_menus'))[0].ivr_menu_enabled)).toBe(false);
    answer(await tenantAdmin.put(`/ivr_menus/${uuid}`, { ivr_menu_enabled: 'true' }));
  });

  it("ivr_menu-form.component.ts: an option to another menu (picked as 'IVR Menu'), flags as strings, and a menu pointed at cannot go", async () => {
    const second = answer(
      await tenantAdmin.post(
        '/ivr_menus',
        newMenu({
          ivr_menu_name: 'Sub menu',
          ivr_menu_extension: '7001',
          ivr_menu_enabled: '1',
          ivr_menu_direct_dial: 'false',
          ivr_menu_exit_app: 'voicemail',
          ivr_menu_exit_data: '1002',
          options: [option('0', 10, { ivr_menu_option_param: '7000 XML default' }), option('*', 20, { ivr_menu_option_action: 'menu', ivr_menu_option_param: uuid, ivr_menu_option_enabled: '0' })],
        }),
      ),
    );
    expect(second).toMatchObject({ ivr_menu_enabled: true, ivr_menu_direct_dial: false, ivr_menu_exit_app: 'voicemail', ivr_menu_exit_data: '1002' });
    expect(second.options[0]).toMatchObject({ destination_type: 'ivr', ivr_menu_option_param: '7000 XML acme.test' });
    expect(second.options[1]).toMatchObject({ ivr_menu_option_action: 'menu', ivr_menu_option_param: '7000', ivr_menu_option_enabled: false });
    const blocked = await tenantAdmin.delete(`/ivr_menus/${uuid}`);
    expect(blocked.statusCode).toBe(409);
    expect(JSON.parse(blocked.body).error.message).toMatch(/ivr/);
    expect((await tenantAdmin.put(`/ivr_menus/${uuid}`, { ivr_menu_extension: '7010' })).statusCode).toBe(409);
    answer(await tenantAdmin.delete(`/ivr_menus/${second.ivr_menu_uuid}`));
  });

  it('ivr_menu-form.component.ts: refuses what the client cannot mean, naming the field, and writes nothing', async () => {
    const base = { ivr_menu_name: 'X', ivr_menu_extension: '7100' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ivr_menu_name: 'Bad ${system(id)}' }, 'ivr_menu_name'],
      [{ ivr_menu_greet_long: '${system(id)}.wav' }, 'ivr_menu_greet_long'],
      [{ ivr_menu_greet_long: '/etc/passwd' }, 'ivr_menu_greet_long'],
      [{ ivr_menu_invalid_sound: '../../other/greeting.wav' }, 'ivr_menu_invalid_sound'],
      [{ ivr_menu_exit_sound: 'tone_stream://%(100,0,440)' }, 'ivr_menu_exit_sound'],
      [{ ivr_menu_exit_app: 'transfer', ivr_menu_exit_data: '9196 XML default' }, 'ivr_menu_exit_data'],
      [{ ivr_menu_exit_app: 'transfer', ivr_menu_exit_data: '1001 XML globex.test' }, 'ivr_menu_exit_data'],
      [{ ivr_menu_exit_app: 'bridge' }, 'ivr_menu_exit_app'],
      [{ ivr_menu_timeout: 50 }, 'ivr_menu_timeout'],
      [{ options: [option('1', 10, { ivr_menu_option_param: '9196 XML default' })] }, 'ivr_menu_option_param'],
      [{ options: [option('1', 10, { ivr_menu_option_action: 'set', ivr_menu_option_param: 'x=1' })] }, 'ivr_menu_option'],
      [{ options: [option('1', 10, { ivr_menu_option_action: 'menu', ivr_menu_option_param: '7999' })] }, 'ivr_menu_option_param'],
      [{ options: [option('1', 10, { ivr_menu_option_action: 'menu', ivr_menu_option_param: '7100' })] }, 'ivr_menu_option_param'],
      [{ options: [option('1', 10, { ivr_menu_option_param: '1001' }), option('1', 20, { ivr_menu_option_param: '1002' })] }, 'ivr_menu_option_digits'],
      [{ options: [option('1a', 10, { ivr_menu_option_param: '1001' })] }, 'ivr_menu_option_digits'],
      [{ options: [option('1', 10, { ivr_menu_option_action: 'playback', ivr_menu_option_param: '${x}' })] }, 'ivr_menu_option_param'],
      [{ ivr_menu_pin_number: '1234' }, 'ivr_menu_pin_number'],
    ];
    for (const [edits, field] of cases) {
      const res = await tenantAdmin.post('/ivr_menus', newMenu({ ...base, ...edits }));
      expect(res.statusCode, JSON.stringify(edits)).toBe(400);
      expect(JSON.parse(res.body).error.message, JSON.stringify(edits)).toContain(field);
    }
    expect(answer(await tenantAdmin.get('/ivr_menus'))).toHaveLength(1);
  });

  it('ivr_menu-list.component.ts: another tenant sees nothing and cannot read, change or delete the menu', async () => {
    expect(answer(await otherAdmin.get('/ivr_menus'))).toEqual([]);
    expect((await otherAdmin.get(`/ivr_menus/${uuid}`)).statusCode).toBe(404);
    expect((await otherAdmin.put(`/ivr_menus/${uuid}`, { ivr_menu_name: 'Mine' })).statusCode).toBe(404);
    expect((await otherAdmin.delete(`/ivr_menus/${uuid}`)).statusCode).toBe(404);
    // Another tenant's menu is not a destination here either.
    expect((await otherAdmin.post('/ivr_menus', newMenu({ ivr_menu_name: 'G', ivr_menu_extension: '7200', options: [option('1', 10, { ivr_menu_option_action: 'menu', ivr_menu_option_param: uuid })] }))).statusCode).toBe(400);
    expect((await guiClient(t, cast.userA.token).get('/ivr_menus')).statusCode).toBe(403);
  });

  it('ivr_menu-list.component.ts: DELETE with a JSON content type and no body answers true, then the menu is gone', async () => {
    const res = await tenantAdmin.delete(`/ivr_menus/${uuid}`);
    expect(answer(res)).toBe(true);
    expect((await tenantAdmin.get(`/ivr_menus/${uuid}`)).statusCode).toBe(404);
    expect(answer(await tenantAdmin.get('/fpbx_extensions/check?extension=7000'))).toMatchObject({ available: true });
  });

  it('GraphQL: the same menu through createIvrMenu, ivrMenus and deleteIvrMenu, scoped to the tenant', async () => {
    const gql = (token: string, query: string, variables: Record<string, unknown> = {}) =>
      t.app.inject({ method: 'POST', url: '/graphql', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: { query, variables } });
    const create = await gql(cast.adminA.token, 'mutation($input: IvrMenuCreateInput!) { createIvrMenu(input: $input) { ivrMenuUuid ivrMenuExtension ivrMenuDirectDial options { ivrMenuOptionDigits ivrMenuOptionParam destinationType } } }', {
      input: { ivrMenuName: 'Gql', ivrMenuExtension: '7300', ivrMenuDirectDial: true, options: [{ ivrMenuOptionDigits: '1', ivrMenuOptionParam: '1001' }] },
    });
    const made = create.json().data.createIvrMenu;
    expect(made).toMatchObject({ ivrMenuExtension: '7300', ivrMenuDirectDial: true, options: [{ ivrMenuOptionDigits: '1', ivrMenuOptionParam: '1001 XML acme.test', destinationType: 'extension' }] });
    const bad = await gql(cast.adminA.token, 'mutation($input: IvrMenuCreateInput!) { createIvrMenu(input: $input) { ivrMenuUuid } }', { input: { ivrMenuName: 'Bad', ivrMenuExtension: '7301', ivrMenuGreetLong: '${system(id)}' } });
    expect(bad.json().errors[0].extensions.code).toBe(400);
    expect(bad.json().errors[0].message).toContain('ivrMenuGreetLong');
    const mine = await gql(cast.adminA.token, '{ ivrMenus { total items { ivrMenuUuid tenantName } } }');
    expect(mine.json().data.ivrMenus).toMatchObject({ total: 1, items: [{ ivrMenuUuid: made.ivrMenuUuid, tenantName: 'Acme' }] });
    expect((await gql(cast.adminB.token, '{ ivrMenus { total } }')).json().data.ivrMenus.total).toBe(0);
    expect((await gql(cast.adminB.token, `{ ivrMenu(id: "${made.ivrMenuUuid}") { ivrMenuUuid } }`)).json().errors[0].extensions.code).toBe(404);
    expect((await gql(cast.adminA.token, `mutation { deleteIvrMenu(id: "${made.ivrMenuUuid}") }`)).json().data.deleteIvrMenu).toBe(true);
  });
});
