// IVR menus as FreeSWITCH reaches them: a dialplan request shaped like the captured ones for the
// menu's number answers the `ivr` application with the menu's name (its uuid), and ivr.conf
// fetched by that name (a request shaped like the captured demo_ivr one) answers the menu, both
// golden-filed. Direct dial reaches the tenant's extensions only; a change (disable, delete, a new
// extension) shows at the next fetch. A menu is a destination DIDs point at: one that does not
// exist is refused, one pointed at cannot go.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { answerOf, createDid, createExtension, createRingGroup, createTenant, fetchXml, updateExtension } from '../../helpers/pbx-fixtures.ts';
import { loadCapture, withParams } from '../../helpers/xml-curl-captures.ts';
import { find, findAll, isNotFound, parseXml, type XmlNode } from '../../helpers/xml-tree.ts';

const dialplanCapture = loadCapture('dialplan-inbound-sip-internal-9196.txt').body;
const ivrCapture = loadCapture('configuration-ivr.conf-menu-demo_ivr.txt').body;

const call = (t: TestApp, context: string, destination: string) =>
  answerOf(
    fetchXml(t, withParams(dialplanCapture, { 'Caller-Context': context, 'Hunt-Context': context, 'Caller-Destination-Number': destination, 'Hunt-Destination-Number': destination })),
  );

/** The ivr application's fetch: the captured one, naming another menu (and its data). */
const ivrConf = (t: TestApp, menu: string) => answerOf(fetchXml(t, withParams(ivrCapture, { 'Menu-Name': menu, variable_current_application_data: menu })));

const names = (tree: XmlNode) => findAll(tree, 'extension').map((e) => e.attrs.name);
const actionsOf = (node: XmlNode) => findAll(node, 'action').map((a) => `${a.attrs.application} ${a.attrs.data ?? ''}`.trim());
const entriesOf = (xml: string) => findAll(parseXml(xml), 'entry').map((e) => `${e.attrs.action} ${e.attrs.digits} ${e.attrs.param ?? ''}`.trim());

const option = (digits: string, edits: Record<string, unknown>) => ({ ivr_menu_option_digits: digits, ivr_menu_option_action: 'transfer', ivr_menu_option_enabled: true, ...edits });

async function createMenu(t: TestApp, tenantId: number, body: Record<string, unknown>): Promise<string> {
  const res = await t.api('POST', '/api/ivr_menus', { token: await t.adminToken(), body: { tenant_id: tenantId, ...body } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().ivr_menu_uuid;
}

async function updateMenu(t: TestApp, uuid: string, body: Record<string, unknown>): Promise<void> {
  const res = await t.api('PUT', `/api/ivr_menus/${uuid}`, { token: await t.adminToken(), body });
  expect(res.statusCode, res.body).toBe(200);
}

describe.each(databaseKinds)('IVR menus in the dialplan and ivr.conf on $name', (kind) => {
  let t: TestApp;
  let acme: number;
  let main: string;
  let sub: string;
  const ext: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(kind);
    acme = await createTenant(t, { name: 'Acme', domain: 'acme.test' });
    const globex = await createTenant(t, { name: 'Globex', domain: 'globex.test' });
    for (const number of ['1001', '1002', '1003']) ext[number] = await createExtension(t, acme, { extension: number, password: 'Acme-pass-x1' });
    await createExtension(t, globex, { extension: '2001', password: 'Globex-pass-x1' });
    await createRingGroup(t, acme, { ring_group_name: 'Sales', ring_group_extension: '6000', destinations: [{ destination_number: '1001' }] });
    sub = await createMenu(t, acme, { ivr_menu_name: 'Sub', ivr_menu_extension: '7001', ivr_menu_exit_app: 'voicemail', ivr_menu_exit_data: '1002' });
    main = await createMenu(t, acme, {
      ivr_menu_name: 'Main <menu> & "co"',
      ivr_menu_extension: '7000',
      ivr_menu_greet_long: 'phrase:demo_ivr_main_menu',
      ivr_menu_greet_short: 'phrase:demo_ivr_main_menu_short',
      ivr_menu_invalid_sound: 'ivr/ivr-that_was_an_invalid_entry.wav',
      ivr_menu_exit_sound: 'voicemail/vm-goodbye.wav',
      ivr_menu_timeout: 8000,
      ivr_menu_max_failures: 2,
      ivr_menu_max_timeouts: 4,
      ivr_menu_direct_dial: true,
      ivr_menu_exit_app: 'transfer',
      ivr_menu_exit_data: '6000 XML default',
      options: [
        option('1', { ivr_menu_option_param: '1001 XML default' }),
        option('2', { ivr_menu_option_param: '6000 XML default' }),
        option('3', { ivr_menu_option_param: '*991002 XML default' }),
        option('4', { ivr_menu_option_action: 'menu', ivr_menu_option_param: sub }),
        option('5', { ivr_menu_option_action: 'voicemail', ivr_menu_option_param: '1001' }),
        option('6', { ivr_menu_option_action: 'playback', ivr_menu_option_param: 'say:We are open from nine to five' }),
        option('7', { ivr_menu_option_action: 'check_voicemail' }),
        option('8', { ivr_menu_option_param: '+15551234567' }),
        option('0', { ivr_menu_option_action: 'hangup' }),
        option('1003', { ivr_menu_option_param: '1002' }),
        option('9', { ivr_menu_option_param: '1002', ivr_menu_option_enabled: false }),
      ],
    });
  }, 120_000);
  afterAll(() => t?.close());

  it("answers the menu's number with the ivr application named by the menu's uuid, then the exit destination", async () => {
    const xml = await call(t, 'acme.test', '7000');
    await expect(xml.replaceAll(main, 'MENU-UUID')).toMatchFileSnapshot('./golden/ivr-menu-dialplan.xml');
    const tree = parseXml(xml);
    expect(names(tree)).toEqual(['ivr-7000']);
    expect(actionsOf(tree)).toEqual(['answer', 'sleep 1000', 'set hangup_after_bridge=true', `ivr ${main}`, 'transfer 6000 XML acme.test']);
    expect(actionsOf(parseXml(await call(t, 'acme.test', '7001')))).toEqual(['answer', 'sleep 1000', 'set hangup_after_bridge=true', `ivr ${sub}`, 'sleep 1000', 'voicemail default acme.test 1002']);
    // Another tenant's context does not have it.
    expect(names(parseXml(await call(t, 'globex.test', '7000')))).toEqual([]);
  });

  it('answers ivr.conf fetched by that name (the captured request) with the menu, its entries and direct dial limited to the tenant’s extensions', async () => {
    const xml = await ivrConf(t, main);
    await expect(xml.replaceAll(main, 'MENU-UUID')).toMatchFileSnapshot('./golden/ivr-menu-ivr-conf.xml');
    const tree = parseXml(xml);
    expect(find(tree, 'configuration')?.attrs.name).toBe('ivr.conf');
    expect(find(tree, 'menu')?.attrs).toEqual({
      name: main,
      'greet-long': 'phrase:demo_ivr_main_menu',
      'greet-short': 'phrase:demo_ivr_main_menu_short',
      'invalid-sound': 'ivr/ivr-that_was_an_invalid_entry.wav',
      'exit-sound': 'voicemail/vm-goodbye.wav',
      timeout: '8000',
      'inter-digit-timeout': '2000',
      'max-failures': '2',
      'max-timeouts': '4',
      'digit-len': '4',
    });
    expect(entriesOf(xml)).toEqual([
      'menu-exec-app 1 transfer 1001 XML acme.test',
      'menu-exec-app 2 transfer 6000 XML acme.test',
      'menu-exec-app 3 voicemail default acme.test 1002',
      'menu-exec-app 4 transfer 7001 XML acme.test',
      'menu-exec-app 5 voicemail default acme.test 1001',
      'menu-play-sound 6 say:We are open from nine to five',
      'menu-exec-app 7 transfer *98 XML acme.test',
      'menu-exec-app 8 transfer +15551234567 XML acme.test',
      'menu-exec-app 0 hangup',
      'menu-exec-app 1003 transfer 1002 XML acme.test',
      // The tenant's extensions but 1003, which an option takes: never globex's 2001, a feature code or an outbound number.
      'menu-exec-app /^(1001|1002)$/ transfer $1 XML acme.test',
    ]);
    // The menu's name (user text) never reaches FreeSWITCH.
    expect(xml).not.toContain('Main');
  });

  it("leaves FreeSWITCH's own menus (demo_ivr) and unknown names to its files", async () => {
    expect(isNotFound(await answerOf(fetchXml(t, ivrCapture)))).toBe(true);
    expect(isNotFound(await ivrConf(t, '00000000-0000-4000-8000-000000000000'))).toBe(true);
  });

  it('shows a new extension in direct dial at the next fetch, and drops a disabled one', async () => {
    await createExtension(t, acme, { extension: '1004', password: 'Acme-pass-x1' });
    expect(entriesOf(await ivrConf(t, main)).at(-1)).toBe('menu-exec-app /^(1001|1002|1004)$/ transfer $1 XML acme.test');
    await updateExtension(t, ext['1002'], { enabled: false });
    expect(entriesOf(await ivrConf(t, main)).at(-1)).toBe('menu-exec-app /^(1001|1004)$/ transfer $1 XML acme.test');
    await updateMenu(t, main, { ivr_menu_direct_dial: false });
    expect(entriesOf(await ivrConf(t, main)).some((e) => e.includes('$1'))).toBe(false);
  });

  it('drops a disabled menu from the dialplan and ivr.conf at once, and brings it back when enabled', async () => {
    await updateMenu(t, main, { ivr_menu_enabled: false });
    expect(names(parseXml(await call(t, 'acme.test', '7000')))).toEqual([]);
    expect(isNotFound(await ivrConf(t, main))).toBe(true);
    await updateMenu(t, main, { ivr_menu_enabled: '1' });
    expect(names(parseXml(await call(t, 'acme.test', '7000')))).toEqual(['ivr-7000']);
    expect(find(parseXml(await ivrConf(t, main)), 'menu')?.attrs.name).toBe(main);
  });

  it('refuses a DID to a menu that does not exist, routes one to the menu, and keeps a menu pointed at from going', async () => {
    const admin = await t.adminToken();
    const missing = await t.api('POST', '/api/dids', { token: admin, body: { phone: '15551230099', tenant_id: acme, destination_type: 'ivr', destination_value: '7999' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toMatch(/destination_value/);
    const did = await createDid(t, { phone: '15551230007', tenant_id: acme, destination_type: 'ivr', destination_value: '7001' });
    expect(actionsOf(parseXml(await call(t, 'public', '15551230007'))).slice(-1)).toEqual(['transfer 7001 XML acme.test']);
    // 7001 is the DID's and the main menu's option 4's destination.
    expect((await t.api('DELETE', `/api/ivr_menus/${sub}`, { token: admin })).statusCode).toBe(409);
    expect((await t.api('DELETE', `/api/dids/${did}`, { token: admin })).statusCode).toBe(200);
    expect((await t.api('DELETE', `/api/ivr_menus/${sub}`, { token: admin })).statusCode).toBe(409);
    expect((await t.api('DELETE', `/api/ivr_menus/${main}`, { token: admin })).statusCode).toBe(200);
    expect((await t.api('DELETE', `/api/ivr_menus/${sub}`, { token: admin })).statusCode).toBe(200);
    expect(names(parseXml(await call(t, 'acme.test', '7001')))).toEqual([]);
    expect(isNotFound(await ivrConf(t, sub))).toBe(true);
  });
});
