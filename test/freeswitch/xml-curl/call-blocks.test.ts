// Call blocks in the public context: an inbound call (the captured public-context request, with
// the DID and caller changed) from a blocked caller runs the block's applications before anything
// else of its tenant's routing; a call from anyone else routes as before. What FreeSWITCH runs is
// worked out from the answer as mod_dialplan_xml does for these extensions: the first extension
// whose conditions all hold (each condition breaks on false, none says continue) runs the actions
// of its conditions. The expressions are in the subset PCRE and JavaScript read alike
// (domain/shared/dial-pattern.ts), so JavaScript stands in for PCRE.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { answerOf, createDid, createExtension, createTenant, fetchXml } from '../../helpers/pbx-fixtures.ts';
import { loadCapture, withParams } from '../../helpers/xml-curl-captures.ts';
import { findAll, parseXml, type XmlNode } from '../../helpers/xml-tree.ts';

const captured = loadCapture('dialplan-inbound-sip-external-public.txt').body;

interface Caller {
  number: string;
  name?: string;
}

/** The public-context fetch FreeSWITCH sends for a call from `caller` to the DID `did`. */
function inbound(did: string, caller: Caller): string {
  const name = caller.name ?? caller.number;
  return withParams(captured, {
    'Caller-Destination-Number': did,
    'Hunt-Destination-Number': did,
    'Caller-Caller-ID-Number': caller.number,
    'Hunt-Caller-ID-Number': caller.number,
    'Caller-Caller-ID-Name': name,
    'Hunt-Caller-ID-Name': name,
  });
}

const actionsOf = (node: XmlNode) => findAll(node, 'action').map((a) => `${a.attrs.application} ${a.attrs.data ?? ''}`.trim());

/** The extension FreeSWITCH would run for this call, and its applications. */
function executed(xml: string, did: string, caller: Caller): { name: string; actions: string[] } | null {
  const fields: Record<string, string> = { destination_number: did, caller_id_number: caller.number, caller_id_name: caller.name ?? caller.number };
  for (const extension of findAll(parseXml(xml), 'extension')) {
    expect(extension.attrs.continue).toBeUndefined();
    const conditions = extension.children.filter((c) => c.name === 'condition');
    const holds = conditions.every((c) => {
      expect(c.attrs.break ?? 'on-false').toBe('on-false');
      expect(Object.keys(fields)).toContain(c.attrs.field);
      return new RegExp(c.attrs.expression).test(fields[c.attrs.field]);
    });
    if (holds) return { name: extension.attrs.name, actions: conditions.flatMap(actionsOf) };
  }
  return null;
}

describe.each(databaseKinds)('call blocks in the public context on $name', (kind) => {
  let t: TestApp;
  let acme: number;
  let acmeUuid: string;
  const blocks: Record<string, string> = {};

  const call = async (did: string, caller: Caller) => executed(await answerOf(fetchXml(t, inbound(did, caller))), did, caller);
  const block = async (body: Record<string, unknown>) => {
    const res = await t.api('POST', '/api/call_block', { token: await t.adminToken(), body: { tenant_id: acme, ...body } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().call_block_uuid as string;
  };
  const edit = async (uuid: string, body: Record<string, unknown>) => {
    const res = await t.api('PUT', `/api/call_block/${uuid}`, { token: await t.adminToken(), body });
    expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    acme = await createTenant(t, { name: 'Acme', domain: 'acme.test', max_concurrent_calls: 5 });
    const globex = await createTenant(t, { name: 'Globex', domain: 'globex.test' });
    acmeUuid = (await t.api('GET', `/api/tenants/${acme}`, { token: await t.adminToken() })).json().domain_uuid;
    await createExtension(t, acme, { extension: '1000', password: 'Acme-pass-0' });
    await createExtension(t, globex, { extension: '2000', password: 'Globex-pass-2' });
    await createDid(t, { phone: '+15551230001', tenant_id: acme, destination_type: 'extension', destination_value: '1000' });
    await createDid(t, { phone: '15551230002', tenant_id: acme, destination_type: 'voicemail', destination_value: '1000' });
    await createDid(t, { phone: '15551230003', tenant_id: globex, destination_type: 'extension', destination_value: '2000' });
    blocks.telemarketers = await block({ call_block_name: 'Telemarketers', call_block_number: '1800XXXXXXX', call_block_action: 'reject' });
    blocks.spam = await block({ call_block_name: 'Spam', call_block_caller_id_name: '*spam*', call_block_action: 'busy' });
    blocks.neighbour = await block({ call_block_name: 'Neighbour', call_block_number: '5550100', call_block_country_code: '1', call_block_action: 'hold' });
    blocks.london = await block({ call_block_name: 'London', call_block_number: '+4420*', call_block_action: 'voicemail', call_block_data: '1000' });
    blocks.off = await block({ call_block_name: 'Off', call_block_number: '999', call_block_action: 'hangup', call_block_enabled: 'false' });
  });
  afterAll(() => t?.close());

  const didRoute = (number: string) => ({
    name: `did-${number}`,
    actions: ['set domain_name=acme.test', `set domain_uuid=${acmeUuid}`, 'set call_direction=inbound', 'limit hash acme.test max_concurrent_calls 5 !USER_BUSY', 'transfer 1000 XML acme.test'],
  });
  const blocked = (uuid: string, ...actions: string[]) => ({
    name: `call-block-${uuid}`,
    actions: ['set domain_name=acme.test', `set domain_uuid=${acmeUuid}`, 'set call_direction=inbound', ...actions],
  });

  it('renders a block as the golden XML: the DID, the caller pattern built by Switchyard, then the action', async () => {
    const xml = await answerOf(fetchXml(t, inbound('+15551230001', { number: '0' })));
    const rendered = xml.match(new RegExp(`<extension name="call-block-${blocks.telemarketers}">[\\s\\S]*?</extension>`))![0];
    expect(rendered.replace(/>\s+</g, '><')).toBe(
      `<extension name="call-block-${blocks.telemarketers}">` +
        '<condition field="destination_number" expression="^\\+?15551230001$"/>' +
        '<condition field="caller_id_number" expression="^\\+?1800\\d\\d\\d\\d\\d\\d\\d$"/>' +
        '<condition field="destination_number" expression="^\\+?15551230001$">' +
        '<action application="set" data="domain_name=acme.test"/>' +
        `<action application="set" data="domain_uuid=${acmeUuid}"/>` +
        '<action application="set" data="call_direction=inbound"/>' +
        '<action application="hangup" data="CALL_REJECTED"/>' +
        '</condition>' +
        '</extension>',
    );
    // Every block of the tenant, oldest first, before the DID's own extension; the disabled one not at all.
    const names = findAll(parseXml(xml), 'extension').map((e) => e.attrs.name);
    expect(names).toEqual([blocks.telemarketers, blocks.spam, blocks.neighbour, blocks.london].map((u) => `call-block-${u}`).concat('did-15551230001'));
  });

  it('a call from a blocked number runs the block before anything else; a call from another number routes as before', async () => {
    expect(await call('+15551230001', { number: '18005551234' })).toEqual(blocked(blocks.telemarketers, 'hangup CALL_REJECTED'));
    expect(await call('15551230001', { number: '+18005551234' })).toEqual(blocked(blocks.telemarketers, 'hangup CALL_REJECTED'));
    expect(await call('+15551230001', { number: '15557654321' })).toEqual(didRoute('15551230001'));
    // One digit too many or too few is another number.
    expect(await call('+15551230001', { number: '180055512345' })).toEqual(didRoute('15551230001'));
  });

  it('blocks by caller-id name, whatever its case', async () => {
    expect(await call('+15551230001', { number: '15557654321', name: 'Likely SPAM Caller' })).toEqual(blocked(blocks.spam, 'hangup USER_BUSY'));
    expect(await call('+15551230001', { number: '15557654321', name: 'Spa m' })).toEqual(didRoute('15551230001'));
  });

  it('hold plays the stock hold music; a country code may precede the number or not', async () => {
    for (const number of ['5550100', '15550100', '+15550100']) {
      expect(await call('+15551230001', { number })).toEqual(blocked(blocks.neighbour, 'answer', 'playback $${hold_music}'));
    }
    expect(await call('+15551230001', { number: '25550100' })).toEqual(didRoute('15551230001'));
  });

  it("voicemail leaves the caller in the tenant's box named by the block", async () => {
    expect(await call('+15551230001', { number: '+442079460000' })).toEqual(blocked(blocks.london, 'answer', 'sleep 1000', 'voicemail default acme.test 1000'));
  });

  it('guards every DID of the tenant (one to voicemail too), and no DID of another tenant', async () => {
    expect(await call('15551230002', { number: '18005551234' })).toMatchObject({ name: `call-block-${blocks.telemarketers}` });
    expect(await call('15551230003', { number: '18005551234' })).toEqual({
      name: 'did-15551230003',
      actions: expect.arrayContaining(['transfer 2000 XML globex.test']),
    });
  });

  it('a disabled or deleted block leaves the dialplan at the next call; enabling it brings it back', async () => {
    expect(await call('+15551230001', { number: '999' })).toEqual(didRoute('15551230001'));
    await edit(blocks.off, { call_block_enabled: 'true' });
    expect(await call('+15551230001', { number: '999' })).toEqual(blocked(blocks.off, 'hangup'));
    await edit(blocks.off, { call_block_enabled: 'false' });
    expect(await call('+15551230001', { number: '999' })).toEqual(didRoute('15551230001'));

    const res = await t.api('DELETE', `/api/call_block/${blocks.telemarketers}`, { token: await t.adminToken() });
    expect(res.statusCode, res.body).toBe(200);
    expect(await call('+15551230001', { number: '18005551234' })).toEqual(didRoute('15551230001'));
  });
});
