import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { seedCast, type Cast } from '../../helpers/fixtures.ts';
import { encodeBody, jsonLeg, postCdr, seedExtension } from '../../helpers/cdr-posts.ts';

interface Leg {
  uuid: string;
  domain?: string;
  direction: 'inbound' | 'outbound';
  extension: string;
  start: string;
  billsec: number;
  cause: string;
  callerName?: string;
}

// Tenant A (acme.test) owns extensions 1001 (user A) and 1002; tenant B (globex.test) has a
// 1001 of its own (user B).
const LEGS: Leg[] = [
  { uuid: 'a1', domain: 'acme.test', direction: 'outbound', extension: '1001', start: '2026-01-10T10:00:00Z', billsec: 60, cause: 'NORMAL_CLEARING' },
  { uuid: 'a2', domain: 'acme.test', direction: 'inbound', extension: '1002', start: '2026-01-11T10:00:00Z', billsec: 0, cause: 'NO_ANSWER', callerName: '+1+cmd|calc' },
  { uuid: 'a3', domain: 'acme.test', direction: 'inbound', extension: '1001', start: '2026-01-12T10:00:00Z', billsec: 0, cause: 'USER_BUSY', callerName: 'Doe, "Jo"' },
  { uuid: 'a4', domain: 'acme.test', direction: 'outbound', extension: '1001', start: '2026-01-13T23:59:59Z', billsec: 0, cause: 'NORMAL_TEMPORARY_FAILURE', callerName: '=HYPERLINK("http://x")' },
  { uuid: 'b1', domain: 'globex.test', direction: 'outbound', extension: '1001', start: '2026-01-10T12:00:00Z', billsec: 30, cause: 'NORMAL_CLEARING', callerName: 'Zoë Ünal' },
  { uuid: 'u1', direction: 'outbound', extension: '1001', start: '2026-01-10T13:00:00Z', billsec: 5, cause: 'NORMAL_CLEARING' },
];

function legDocument(leg: Leg): string {
  const startMs = Date.parse(leg.start);
  const answered = leg.billsec > 0;
  const micros = (ms: number) => String(ms * 1000);
  const endMs = startMs + (leg.billsec + 5) * 1000;
  const isCaller = leg.direction === 'inbound';
  return jsonLeg({
    uuid: leg.uuid,
    variables: {
      direction: leg.direction,
      domain_name: leg.domain,
      dialed_domain: undefined,
      sip_req_host: undefined,
      sip_to_host: undefined,
      sip_from_host: undefined,
      dialed_extension: undefined,
      user_name: isCaller ? leg.extension : undefined,
      dialed_user: isCaller ? '5550100' : leg.extension,
      channel_cid_flipped: undefined,
      start_uepoch: micros(startMs),
      answer_uepoch: answered ? micros(startMs + 5000) : '0',
      end_uepoch: micros(endMs),
      duration: String(leg.billsec + 5),
      billsec: String(leg.billsec),
      hangup_cause: leg.cause,
    },
    profile: { caller_id_name: leg.callerName ?? 'Caller', caller_id_number: '+15550100', destination_number: isCaller ? '5550100' : leg.extension },
  });
}

/** /fpbx_cdr answers { rows, total } (ICTPBX), /usersCDR a bare array. */
const rowsOf = (res: { json(): unknown }) => {
  const body = res.json() as { xml_cdr_uuid: string }[] | { rows: { xml_cdr_uuid: string }[] };
  return Array.isArray(body) ? body : body.rows;
};
const uuids = (res: { json(): unknown }) => rowsOf(res).map((c) => c.xml_cdr_uuid);

describe.each(databaseKinds)('CDR lists on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    await seedExtension(t, cast.tenantA, '1001', cast.userA.id);
    await seedExtension(t, cast.tenantA, '1002');
    await seedExtension(t, cast.tenantB, '1001', cast.userB.id);
    for (const leg of LEGS) {
      const { body, contentType } = encodeBody(legDocument(leg), 'false', 'json');
      const res = await postCdr(t, body, contentType);
      expect(res.statusCode, res.body).toBe(200);
    }
  });
  afterAll(() => t?.close());

  it('super-admin sees every leg, newest first, with the total', async () => {
    const res = await t.api('GET', '/api/fpbx_cdr', { token: cast.admin });
    expect(res.statusCode).toBe(200);
    expect(uuids(res)).toEqual(['a4', 'a3', 'a2', 'u1', 'b1', 'a1']);
    expect(res.json().total).toBe(6);
    expect(res.json().rows[5]).toMatchObject({
      xml_cdr_uuid: 'a1',
      tenant_id: cast.tenantA,
      domain_name: 'acme.test',
      direction: 'outbound',
      caller_id_number: '+15550100',
      destination_number: '1001',
      extension: '1001',
      start_stamp: '2026-01-10 10:00:00',
      answer_stamp: '2026-01-10 10:00:05',
      missed_call: false,
      duration: 65,
      billsec: 60,
      hangup_cause: 'NORMAL_CLEARING',
      disposition: 'answered',
    });
    const one = await t.api('GET', `/api/fpbx_cdr?tenant_id=${cast.tenantB}`, { token: cast.admin });
    expect(uuids(one)).toEqual(['b1']);
  });

  it('a tenant admin sees only its tenant and cannot reach another', async () => {
    const res = await t.api('GET', '/api/fpbx_cdr', { token: cast.adminA.token });
    expect(res.statusCode).toBe(200);
    expect(uuids(res).sort()).toEqual(['a1', 'a2', 'a3', 'a4']);
    const other = await t.api('GET', `/api/fpbx_cdr?tenant_id=${cast.tenantB}`, { token: cast.adminA.token });
    expect(other.statusCode).toBe(200);
    expect(other.json()).toEqual({ rows: [], total: 0 });
  });

  it("an end user sees its own extensions' legs, not another tenant's extension of the same number", async () => {
    const a = await t.api('GET', '/api/usersCDR', { token: cast.userA.token });
    expect(a.statusCode).toBe(200);
    expect(uuids(a).sort()).toEqual(['a1', 'a3', 'a4']);
    expect(uuids(await t.api('GET', '/api/fpbx_cdr', { token: cast.userA.token })).sort()).toEqual(['a1', 'a3', 'a4']);
    expect(uuids(await t.api('GET', '/api/usersCDR', { token: cast.userB.token }))).toEqual(['b1']);
    expect((await t.api('GET', `/api/usersCDR?user_id=${cast.userB.id}`, { token: cast.userA.token })).json()).toEqual([]);
  });

  it('usersCDR narrows to one user for admins, within their scope', async () => {
    expect(uuids(await t.api('GET', `/api/usersCDR?user_id=${cast.userA.id}`, { token: cast.admin })).sort()).toEqual(['a1', 'a3', 'a4']);
    expect(uuids(await t.api('GET', `/api/usersCDR?user_id=${cast.userA.id}`, { token: cast.adminA.token })).sort()).toEqual(['a1', 'a3', 'a4']);
    expect((await t.api('GET', `/api/usersCDR?user_id=${cast.userA.id}`, { token: cast.adminB.token })).json()).toEqual([]);
  });

  it('filters by date range (inclusive), direction, extension and disposition', async () => {
    const get = async (query: string) => {
      const res = await t.api('GET', `/api/fpbx_cdr?${query}`, { token: cast.admin });
      expect(res.statusCode, res.body).toBe(200);
      return uuids(res).sort();
    };
    expect(await get('from=2026-01-11&to=2026-01-13')).toEqual(['a2', 'a3', 'a4']);
    expect(await get('start_date=2026-01-11&end_date=2026-01-12')).toEqual(['a2', 'a3']);
    expect(await get(`from=${Date.parse('2026-01-10T12:00:00Z') / 1000}&to=${Date.parse('2026-01-10T13:00:00Z') / 1000}`)).toEqual(['b1', 'u1']);
    expect(await get('from=2026-01-10T11:00:00Z&to=2026-01-10T12:00:00Z')).toEqual(['b1']);
    expect(await get('direction=inbound')).toEqual(['a2', 'a3']);
    expect(await get(`extension=1001&tenant_id=${cast.tenantA}`)).toEqual(['a1', 'a3', 'a4']);
    expect(await get('disposition=busy')).toEqual(['a3']);
    expect(await get('disposition=no_answer')).toEqual(['a2']);
    expect(await get('disposition=failed')).toEqual(['a4']);
    expect(await get('disposition=answered&direction=outbound&from=2026-01-10&to=2026-01-10')).toEqual(['a1', 'b1', 'u1']);
  });

  it('refuses bad filters with 400 naming the field', async () => {
    for (const [query, field] of [
      ['from=yesterday', 'from'],
      ['to=2026-13-45', 'to'],
      ['disposition=maybe', 'disposition'],
      ['direction=sideways', 'direction'],
      ['sort=raw', 'sort'],
    ]) {
      const res = await t.api('GET', `/api/fpbx_cdr?${query}`, { token: cast.admin });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.message, query).toContain(field);
    }
  });

  it('pages and sorts', async () => {
    const res = await t.api('GET', '/api/fpbx_cdr?sort=start_stamp&limit=2&offset=1', { token: cast.admin });
    expect(uuids(res)).toEqual(['b1', 'u1']);
    expect(res.json().total).toBe(6);
    expect(uuids(await t.api('GET', '/api/fpbx_cdr?sort=-billsec&pageSize=1&pageIndex=2', { token: cast.admin }))).toEqual(['b1']);
    expect(uuids(await t.api('GET', '/api/fpbx_cdr?order=asc&limit=1', { token: cast.admin }))).toEqual(['a1']);
  });

  it('needs a token', async () => {
    expect((await t.api('GET', '/api/fpbx_cdr')).statusCode).toBe(401);
    expect((await t.api('GET', '/api/usersCDR/csv')).statusCode).toBe(401);
  });

  describe('CSV export', () => {
    it('writes a header and every matching row with RFC 4180 quoting', async () => {
      const res = await t.api('GET', `/api/usersCDR/csv?tenant_id=${cast.tenantA}&sort=start_stamp`, { token: cast.admin });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toContain('attachment');
      const lines = res.body.split('\r\n');
      expect(lines.at(-1)).toBe('');
      expect(lines[0]).toBe('xml_cdr_uuid,domain_name,direction,caller_id_name,caller_id_number,destination_number,extension,start_stamp,answer_stamp,end_stamp,duration,billsec,hangup_cause,disposition');
      expect(lines.slice(1, -1).map((l) => l.split(',')[0])).toEqual(['a1', 'a2', 'a3', 'a4']);
      expect(lines[3]).toContain(',"Doe, ""Jo""",');
      // Caller names a spreadsheet would run as formulas are kept as text; a phone number is not one.
      expect(lines[4]).toContain(`,"'=HYPERLINK(""http://x"")",`);
      expect(lines[2]).toContain(`,'+1+cmd|calc,+15550100,`);
      expect(lines[1]).toBe(
        "a1,acme.test,outbound,Caller,+15550100,1001,1001,2026-01-10T10:00:00.000Z,2026-01-10T10:00:05.000Z,2026-01-10T10:01:05.000Z,65,60,NORMAL_CLEARING,answered",
      );
    });

    it('is scoped and filtered like the list, and keeps UTF-8', async () => {
      const mine = await t.api('GET', '/api/usersCDR/csv', { token: cast.userB.token });
      expect(mine.statusCode).toBe(200);
      const lines = mine.body.trim().split('\r\n');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatch(/^b1,globex\.test,outbound,Zoë Ünal,/);
      const busy = await t.api('GET', '/api/usersCDR/csv?disposition=busy', { token: cast.userA.token });
      expect(busy.body.trim().split('\r\n').map((l) => l.split(',')[0])).toEqual(['xml_cdr_uuid', 'a3']);
      const none = await t.api('GET', `/api/usersCDR/csv?user_id=${cast.userA.id}`, { token: cast.adminB.token });
      expect(none.body.trim().split('\r\n')).toHaveLength(1);
    });
  });
});
