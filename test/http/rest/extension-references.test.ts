// An extension something points at is not deleted or renumbered (409), through REST and GraphQL:
// as an extension or a voicemail box, from every module that names extensions (a DID, a ring
// group's member, an IVR option, a time condition, a call flow, a follow-me destination, a call
// block's voicemail, another extension's forward). Once nothing points at it, it goes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/app.ts';
import { createTestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { createDid, createExtension, createRingGroup, createTenant, updateExtension } from '../../helpers/pbx-fixtures.ts';

describe.each(databaseKinds)('extensions something points at on $name', (kind) => {
  let t: TestApp;
  let acme: number;
  let token: string;
  const ext: Record<string, string> = {};
  const made: Record<string, string | number> = {};

  const post = async (url: string, body: Record<string, unknown>) => {
    const res = await t.api('POST', url, { token, body: { tenant_id: acme, ...body } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const remove = (number: string) => t.api('DELETE', `/api/fpbx_extensions/${ext[number]}`, { token });
  const renumber = (number: string, body: Record<string, unknown>) => t.api('PUT', `/api/fpbx_extensions/${ext[number]}`, { token, body });
  const gqlDelete = (number: string) => t.gql('mutation($id: ID!) { deleteExtension(id: $id) }', { id: ext[number] }, token);
  const gqlRenumber = (number: string, extension: string) =>
    t.gql('mutation($id: ID!, $n: String!) { updateExtension(id: $id, input: { extension: $n }) { extension } }', { id: ext[number], n: extension }, token);
  const exists = async (number: string) => (await t.app.database.db.extension.count({ where: { id: ext[number] } })) === 1;

  beforeAll(async () => {
    t = await createTestApp(kind);
    token = await t.adminToken();
    acme = await createTenant(t, { name: 'Acme', domain: 'acme.test' });
    for (const n of ['1001', '1002', '1003', '1004', '1005', '1006', '1007', '1008', '1009', '1010', '1011']) {
      ext[n] = await createExtension(t, acme, { extension: n, password: 'Secret-pass-7' });
    }
    await updateExtension(t, ext['1011'], { number_alias: '2011' });
    made.did = await createDid(t, { phone: '15551230001', tenant_id: acme, destination_type: 'extension', destination_value: '1001' });
    made.ringGroup = await createRingGroup(t, acme, {
      ring_group_name: 'Sales',
      ring_group_extension: '6000',
      destinations: [{ destination_number: '1002', destination_delay: 0, destination_timeout: 20, destination_enabled: true }],
    });
    made.ivr = (
      await post('/api/ivr_menus', {
        ivr_menu_name: 'Main',
        ivr_menu_extension: '7000',
        options: [{ ivr_menu_option_digits: '1', ivr_menu_option_action: 'transfer', ivr_menu_option_param: '1003 XML default', ivr_menu_option_enabled: true }],
      })
    ).ivr_menu_uuid;
    made.timeCondition = (await post('/api/time_conditions', { tc_name: 'Office', tc_extension: '5000', tc_timezone: 'UTC', tc_open_destination: '1004' })).dialplan_uuid;
    made.callFlow = (await post('/api/call_flows', { call_flow_name: 'Night', call_flow_extension: '5100', call_flow_data: '6000', call_flow_alternate_data: '*991005' })).call_flow_uuid;
    made.followMe = (
      await post('/api/follow_me', {
        extension_uuid: ext['1009'],
        follow_me_enabled: 'true',
        destinations: [{ follow_me_destination: '1006' }, { follow_me_destination: '1009' }],
      })
    ).follow_me_uuid;
    made.callBlock = (await post('/api/call_block', { call_block_name: 'Spam', call_block_number: '+4420*', call_block_action: 'voicemail', call_block_data: '1007' })).call_block_uuid;
    await updateExtension(t, ext['1010'], { forward_busy_enabled: 'true', forward_busy_destination: '1008' });
    made.aliasDid = await createDid(t, { phone: '15551230002', tenant_id: acme, destination_type: 'voicemail', destination_value: '2011' });
  }, 120_000);
  afterAll(() => t?.close());

  it('REST: each module pointing at an extension refuses its deletion (409, naming what points), and nothing is deleted', async () => {
    const cases: [string, string][] = [
      ['1001', `did ${made.did}`],
      ['1002', `ring_group ${made.ringGroup}`],
      ['1003', `ivr ${made.ivr}`],
      ['1004', `time_condition ${made.timeCondition}`],
      ['1005', `call_flow ${made.callFlow}`],
      ['1006', `follow_me ${made.followMe}`],
      ['1007', `call_block ${made.callBlock}`],
      ['1008', `extension ${ext['1010']}`],
      ['1011', `did ${made.aliasDid}`],
    ];
    for (const [number, by] of cases) {
      const res = await remove(number);
      expect(res.statusCode, `${number}: ${res.body}`).toBe(409);
      expect(res.json().error).toMatchObject({ code: 409 });
      expect(res.json().error.message).toContain(by);
      expect(await exists(number)).toBe(true);
    }
  });

  it('REST: renumbering an extension, or dropping the alias something points at, is refused too; other edits are not', async () => {
    const res = await renumber('1002', { extension: '1102' });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.message).toContain(`ring_group ${made.ringGroup}`);
    const alias = await renumber('1011', { number_alias: '' });
    expect(alias.statusCode, alias.body).toBe(409);
    expect(alias.json().error.message).toContain(`did ${made.aliasDid}`);
    // Swapping number and alias gives up neither.
    expect((await renumber('1011', { extension: '2011', number_alias: '1011' })).statusCode).toBe(200);
    expect((await renumber('1011', { extension: '1011', number_alias: '2011' })).statusCode).toBe(200);
    expect((await renumber('1002', { display_name: 'Sales desk' })).statusCode).toBe(200);
    expect((await t.app.database.db.extension.findUniqueOrThrow({ where: { id: ext['1002'] } })).extension).toBe('1002');
  });

  it('GraphQL: deleteExtension and a renumbering updateExtension answer extensions.code 409', async () => {
    const deleted = await gqlDelete('1003');
    expect(deleted.errors?.[0].extensions.code).toBe(409);
    expect(deleted.errors?.[0].message).toContain(`ivr ${made.ivr}`);
    const renumbered = await gqlRenumber('1006', '1106');
    expect(renumbered.errors?.[0].extensions.code).toBe(409);
    expect(renumbered.errors?.[0].message).toContain(`follow_me ${made.followMe}`);
    expect(await exists('1003')).toBe(true);
  });

  it('a disabled forward does not hold its target; an extension whose own follow-me lists it still goes', async () => {
    await updateExtension(t, ext['1010'], { forward_busy_enabled: 'false' });
    expect((await remove('1008')).statusCode).toBe(200);
    // 1009's follow-me rings 1009 itself: the follow-me goes with it.
    expect((await gqlDelete('1009')).data).toEqual({ deleteExtension: true });
    expect(await t.app.database.db.followMe.count({ where: { id: String(made.followMe) } })).toBe(0);
  });

  it('once nothing points at it, an extension deletes and renumbers (REST and GraphQL)', async () => {
    // 1009's follow-me was the only one pointing at 1006.
    expect((await gqlRenumber('1006', '1106')).data).toEqual({ updateExtension: { extension: '1106' } });
    const del = await t.api('DELETE', `/api/ivr_menus/${made.ivr}`, { token });
    expect(del.statusCode, del.body).toBe(200);
    expect((await remove('1003')).statusCode).toBe(200);
    expect(await exists('1003')).toBe(false);
    expect((await gqlDelete('1006')).data).toEqual({ deleteExtension: true });
  });

  it('another tenant pointing at the same number does not hold this tenant’s extension', async () => {
    const globex = await createTenant(t, { name: 'Globex', domain: 'globex.test' });
    await createExtension(t, globex, { extension: '1012', password: 'Secret-pass-7' });
    await createDid(t, { phone: '15551239001', tenant_id: globex, destination_type: 'extension', destination_value: '1012' });
    const lone = await createExtension(t, acme, { extension: '1012', password: 'Secret-pass-7' });
    expect((await t.api('DELETE', `/api/fpbx_extensions/${lone}`, { token })).statusCode).toBe(200);
  });
});
