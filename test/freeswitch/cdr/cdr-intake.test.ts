import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { createTenant } from '../../helpers/fixtures.ts';
import {
  captureFiles,
  encodeBody,
  jsonLeg,
  postCapture,
  postCdr,
  readCapture,
  seedExtension,
  xmlLeg,
} from '../../helpers/cdr-posts.ts';

// What each captured call must become, whichever module posted it.
const EXPECTED: Record<string, Record<string, unknown>> = {
  'public-call-bridged-a-leg': {
    xml_cdr_uuid: '431d6592-c02c-4f01-94a4-c1036b3b5360',
    switchname: 'vm',
    direction: 'inbound',
    caller_id_name: 'sipp',
    caller_id_number: 'sipp',
    destination_number: '1000',
    extension: '1000',
    context: 'default',
    start_stamp: '2026-11-28T04:41:34.445Z',
    answer_stamp: '2026-11-28T04:41:34.785Z',
    end_stamp: '2026-11-28T04:41:37.805Z',
    start_epoch: 1795840894,
    duration: 3,
    billsec: 3,
    hangup_cause: 'NORMAL_CLEARING',
    disposition: 'answered',
    domain_name: '127.0.0.1',
  },
  // originate user/1000 with caller id 9000, then uuid_transfer to conference 3000: the caller
  // profile is flipped, the real caller is in pre_transfer_caller_id_number.
  'outbound-leg-conference': {
    xml_cdr_uuid: 'b807cd85-262b-4755-a456-aa1f5f018abb',
    direction: 'outbound',
    caller_id_name: '',
    caller_id_number: '9000',
    destination_number: '3000',
    extension: '1000',
    context: 'default',
    start_stamp: '2026-11-28T04:40:08.745Z',
    answer_stamp: '2026-11-28T04:40:09.045Z',
    end_stamp: '2026-11-28T04:40:29.145Z',
    duration: 21,
    billsec: 20,
    hangup_cause: 'NORMAL_CLEARING',
    disposition: 'answered',
    domain_name: '127.0.0.1',
  },
  // A loopback leg carries no domain at all: stored, but owned by no tenant.
  'fax-tx-leg': {
    xml_cdr_uuid: 'fax-tx-0001',
    direction: 'outbound',
    caller_id_number: '0000000000',
    destination_number: '9978',
    extension: '',
    start_stamp: '2026-11-28T04:42:16.145Z',
    end_stamp: '2026-11-28T04:42:36.825Z',
    duration: 20,
    billsec: 20,
    disposition: 'answered',
    tenant_id: null,
    domain_name: null,
  },
};

const callOf = (file: string) => file.replace(/^cdr-(json|xml)-/, '').replace(/\.txt$/, '');

// /usersCDR lists every leg for the super-admin with all of Switchyard's fields (/fpbx_cdr answers
// the ICTPBX client's { rows, total }).
async function findCdr(t: TestApp, uuid: string) {
  const res = await t.api('GET', '/api/usersCDR?limit=500', { token: await t.adminToken() });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { xml_cdr_uuid: string }[]).find((c) => c.xml_cdr_uuid === uuid);
}

async function cdrCount(t: TestApp): Promise<number> {
  const res = await t.api('GET', '/api/usersCDR?limit=1', { token: await t.adminToken() });
  return Number(res.headers['x-total-count']);
}

describe.each(databaseKinds)('CDR intake on $name', (kind) => {
  // The JSON and XML captures describe the same legs (same uuids), so each format gets an app.
  const apps: Record<'json' | 'xml', TestApp> = {} as never;
  let t: TestApp;
  const labs: Record<'json' | 'xml', number> = {} as never;
  let acme: number;
  let globex: number;

  beforeAll(async () => {
    for (const format of ['json', 'xml'] as const) {
      const app = await createTestApp(kind);
      const admin = await app.adminToken();
      const labId = await createTenant(app, admin, { name: 'Lab', domain: '127.0.0.1' });
      await seedExtension(app, labId, '1000');
      apps[format] = app;
      labs[format] = labId;
    }
    t = apps.json;
    const admin = await t.adminToken();
    acme = await createTenant(t, admin, { name: 'Acme', domain: 'acme.test' });
    globex = await createTenant(t, admin, { name: 'Globex', domain: 'globex.test' });
    await seedExtension(t, acme, '1001');
    await seedExtension(t, globex, '1001');
  });
  afterAll(async () => {
    for (const app of Object.values(apps)) await app?.close();
  });

  describe.each(captureFiles())('the captured post %s', (file) => {
    it('is stored as one normalised leg and answered 200', async () => {
      const capture = readCapture(file);
      const app = apps[capture.format];
      const res = await postCapture(app, capture);
      expect(res.statusCode, res.body).toBe(200);
      const expected = EXPECTED[callOf(file)];
      expect(res.json()).toEqual({ uuid: expected.xml_cdr_uuid, stored: true });
      const cdr = await findCdr(app, expected.xml_cdr_uuid as string);
      expect(cdr).toMatchObject(expected);
      if (expected.domain_name) expect(cdr).toMatchObject({ tenant_id: labs[capture.format] });
    });

    it('a second post of the same leg answers 200 and changes nothing', async () => {
      const capture = readCapture(file);
      const app = apps[capture.format];
      const uuid = EXPECTED[callOf(file)].xml_cdr_uuid as string;
      const before = await findCdr(app, uuid);
      const count = await cdrCount(app);
      const res = await postCapture(app, capture);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ uuid, stored: false });
      expect(await findCdr(app, uuid)).toEqual(before);
      expect(await cdrCount(app)).toBe(count);
    });
  });

  it('JSON and XML posts of the same call give the same record', async () => {
    for (const expected of Object.values(EXPECTED)) {
      const uuid = expected.xml_cdr_uuid as string;
      const [fromJson, fromXml] = [await findCdr(apps.json, uuid), await findCdr(apps.xml, uuid)];
      expect(fromJson).toBeDefined();
      expect(fromXml).toEqual(fromJson);
    }
  });

  it('the same leg posted by the other module is a duplicate too', async () => {
    const res = await postCapture(t, readCapture('cdr-xml-public-call-bridged-a-leg.txt'));
    expect(res.json()).toEqual({ uuid: '431d6592-c02c-4f01-94a4-c1036b3b5360', stored: false });
  });

  it('attributes a leg to its tenant by domain_name, dialed_domain, domain_uuid or context', async () => {
    const acmeUuid = (await t.api('GET', `/api/tenants/${acme}`, { token: await t.adminToken() })).json().domain_uuid;
    const cases: [string, Record<string, string | undefined>, Record<string, string> | undefined, number][] = [
      ['by-domain-name', { domain_name: 'acme.test', dialed_domain: undefined, sip_req_host: undefined, sip_to_host: undefined, sip_from_host: undefined }, undefined, acme],
      ['by-dialed-domain', { dialed_domain: 'Globex.Test', sip_req_host: undefined }, undefined, globex],
      ['by-domain-uuid', { domain_uuid: acmeUuid, domain_name: 'globex.test' }, undefined, acme],
      ['by-context', { dialed_domain: undefined, sip_req_host: undefined, sip_to_host: undefined, sip_from_host: undefined }, { context: 'globex.test' }, globex],
    ];
    for (const [name, variables, profile, tenant] of cases) {
      const uuid = `attr-${name}`;
      const { body, contentType } = encodeBody(jsonLeg({ uuid, variables, profile }), 'false', 'json');
      expect((await postCdr(t, body, contentType)).statusCode).toBe(200);
      expect(await findCdr(t, uuid), name).toMatchObject({ tenant_id: tenant });
    }
  });

  it('picks the tenant extension the leg involved, not another tenant with the same number', async () => {
    const base = { dialed_domain: undefined, sip_req_host: undefined, dialed_extension: undefined };
    const inbound = encodeBody(jsonLeg({ uuid: 'ext-inbound', variables: { ...base, domain_name: 'acme.test', user_name: '1001', dialed_user: '555' } }), 'false', 'json');
    await postCdr(t, inbound.body, inbound.contentType);
    expect(await findCdr(t, 'ext-inbound')).toMatchObject({ tenant_id: acme, extension: '1001' });
    const unknown = encodeBody(jsonLeg({ uuid: 'ext-none', variables: { ...base, domain_name: 'globex.test', dialed_user: '7777' }, profile: { destination_number: '7777' } }), 'false', 'json');
    await postCdr(t, unknown.body, unknown.contentType);
    expect(await findCdr(t, 'ext-none')).toMatchObject({ tenant_id: globex, extension: '' });
  });

  it('keeps UTF-8 caller names intact in every encoding', async () => {
    const name = 'Zoë Ünal 日本';
    const posts = [
      ['utf8-json', 'false', 'json', jsonLeg({ uuid: 'utf8-json', profile: { caller_id_name: name } })],
      ['utf8-json-form', 'true', 'json', jsonLeg({ uuid: 'utf8-json-form', profile: { caller_id_name: name } })],
      ['utf8-json-base64', 'base64', 'json', jsonLeg({ uuid: 'utf8-json-base64', profile: { caller_id_name: name } })],
      ['utf8-xml', 'true', 'xml', xmlLeg({ uuid: 'utf8-xml', profile: { caller_id_name: name } })],
      ['utf8-xml-plain', 'false', 'xml', xmlLeg({ uuid: 'utf8-xml-plain', profile: { caller_id_name: name } })],
      ['utf8-xml-base64', 'base64', 'xml', xmlLeg({ uuid: 'utf8-xml-base64', profile: { caller_id_name: name } })],
      ['utf8-xml-textxml', 'textxml', 'xml', xmlLeg({ uuid: 'utf8-xml-textxml', profile: { caller_id_name: name } })],
      // An originated leg: the caller's name is a (URL-encoded, in XML) variable.
      ['utf8-xml-flipped', 'true', 'xml', xmlLeg({ uuid: 'utf8-xml-flipped', variables: { pre_transfer_caller_id_name: name } }, 'cdr-xml-outbound-leg-conference.txt')],
    ] as const;
    for (const [uuid, encode, format, document] of posts) {
      const { body, contentType } = encodeBody(document, encode, format);
      const res = await postCdr(t, Buffer.from(body, 'utf8'), contentType);
      expect(res.statusCode, `${uuid}: ${res.body}`).toBe(200);
      expect(await findCdr(t, uuid), uuid).toMatchObject({ caller_id_name: name });
    }
  });

  it('reads JSON whose values mod_json_cdr URL-encoded (encode-values=true)', async () => {
    const doc = JSON.parse(jsonLeg({ uuid: 'json-encoded-values', variables: { pre_transfer_caller_id_name: 'Zoë Ünal' } }, 'cdr-json-outbound-leg-conference.txt'));
    for (const k of Object.keys(doc.variables)) doc.variables[k] = encodeURIComponent(doc.variables[k]);
    const res = await postCdr(t, JSON.stringify(doc), 'application/json');
    expect(res.statusCode, res.body).toBe(200);
    expect(await findCdr(t, 'json-encoded-values')).toMatchObject({ caller_id_name: 'Zoë Ünal', start_stamp: '2026-11-28T04:40:08.745Z' });
  });

  it('derives the disposition from the hangup cause and billsec', async () => {
    const unanswered = { answer_epoch: '0', answer_uepoch: '0', billsec: '0' };
    const cases: [string, Record<string, string>, string][] = [
      ['disp-busy', { ...unanswered, hangup_cause: 'USER_BUSY' }, 'busy'],
      ['disp-rejected', { ...unanswered, hangup_cause: 'CALL_REJECTED' }, 'busy'],
      ['disp-no-answer', { ...unanswered, hangup_cause: 'NO_ANSWER' }, 'no_answer'],
      ['disp-cancel', { ...unanswered, hangup_cause: 'ORIGINATOR_CANCEL' }, 'no_answer'],
      ['disp-failed', { ...unanswered, hangup_cause: 'NORMAL_TEMPORARY_FAILURE' }, 'failed'],
      ['disp-unregistered', { ...unanswered, hangup_cause: 'USER_NOT_REGISTERED' }, 'failed'],
      ['disp-answered', { hangup_cause: 'NORMAL_CLEARING' }, 'answered'],
    ];
    for (const [uuid, variables, disposition] of cases) {
      const { body, contentType } = encodeBody(jsonLeg({ uuid, variables }), 'false', 'json');
      await postCdr(t, body, contentType);
      expect(await findCdr(t, uuid), uuid).toMatchObject({ disposition, answer_stamp: variables.answer_uepoch === '0' ? null : expect.any(String) });
    }
  });

  it('accepts the /json and /xml aliases', async () => {
    const json = encodeBody(jsonLeg({ uuid: 'alias-json' }), 'false', 'json');
    expect((await postCdr(t, json.body, json.contentType, { url: '/freeswitch/cdr/json' })).statusCode).toBe(200);
    const xml = encodeBody(xmlLeg({ uuid: 'alias-xml' }), 'true', 'xml');
    expect((await postCdr(t, xml.body, xml.contentType, { url: '/freeswitch/cdr/xml' })).statusCode).toBe(200);
  });

  it('answers 400 to malformed posts and stores nothing', async () => {
    const count = await cdrCount(t);
    const xml = xmlLeg({ uuid: 'never-stored' });
    const bad: [string, string, string][] = [
      ['empty', '', 'application/json'],
      ['not a document', 'hello', 'text/plain'],
      ['broken JSON', '{"variables": {', 'application/json'],
      ['JSON without variables', '{"callflow": []}', 'application/json'],
      ['JSON without a start time', jsonLeg({ uuid: 'never-stored', variables: { start_epoch: undefined, start_uepoch: undefined } }), 'application/json'],
      ['JSON without a uuid', jsonLeg({ uuid: '', variables: { uuid: undefined, call_uuid: undefined } }), 'application/json'],
      ['truncated XML', encodeBody(xml.slice(0, xml.length / 2), 'true', 'xml').body, 'application/x-www-form-urlencoded'],
      ['XML with a DTD', `<!DOCTYPE cdr [<!ENTITY e "x">]>${xml.replace('<?xml version="1.0"?>', '')}`, 'text/xml'],
      ['mismatched XML', '<cdr><variables><uuid>x</variables></cdr>', 'text/xml'],
      ['XML that is not a CDR', '<document type="freeswitch/xml"/>', 'text/xml'],
      ['bad URL encoding', 'cdr=%3Ccdr%ZZ', 'application/x-www-form-urlencoded'],
      // Values the database cannot hold: FreeSWITCH retries every answer but 2xx, so these are 400s.
      ['a start time past 2200', jsonLeg({ uuid: 'never-stored', variables: { start_uepoch: '99999999999999999999' } }), 'application/json'],
      ['a start time before 2000', jsonLeg({ uuid: 'never-stored', variables: { start_uepoch: '1000000' } }), 'application/json'],
      ['a bogus end epoch', jsonLeg({ uuid: 'never-stored', variables: { end_uepoch: undefined, end_epoch: '9'.repeat(30) } }), 'application/json'],
      ['a duration beyond a 32-bit integer', jsonLeg({ uuid: 'never-stored', variables: { duration: '4294967296' } }), 'application/json'],
      ['a NUL in a caller name', jsonLeg({ uuid: 'never-stored', profile: { caller_id_name: 'a\u0000b' } }), 'application/json'],
      ['an encoded NUL in XML', encodeBody(xmlLeg({ uuid: 'never-stored', variables: { caller_id_name: 'a\u0000b' } }), 'true', 'xml').body, 'application/x-www-form-urlencoded'],
    ];
    for (const [what, body, contentType] of bad) {
      const res = await postCdr(t, body, contentType);
      expect(res.statusCode, what).toBe(400);
      expect(res.json().error, what).toMatchObject({ code: 400 });
    }
    expect(await cdrCount(t)).toBe(count);
  });
});
