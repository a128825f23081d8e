// The ICTPBX client's PBX CDR screen, call by call (ictinnovations/ictpbx-community-edition-gui,
// src/app/pages/fpbx_cdr/: fpbx_cdr.service.ts makes the calls, fpbx_cdr.component.ts builds and
// reads them): GET /fpbx_cdr?limit=25&offset=<page*25>[&start_date=&end_date=&direction=] read as
// { rows, total } (a start_stamp the date pipe parses, missed_call a boolean, hangup_cause compared
// to NORMAL_CLEARING), and the ETL panel: GET /cdr_etl/status, POST /cdr_etl/run with '{}', then
// status polled until not running. Switchyard has no ETL: FreeSWITCH posts each leg as it ends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { encodeBody, jsonLeg, postCdr, seedExtension } from '../helpers/cdr-posts.ts';
import { databaseKinds } from '../helpers/databases.ts';
import { seedCast, type Cast } from '../helpers/fixtures.ts';
import { answer, guiClient, type GuiClient } from './gui-client.ts';

const micros = (iso: string) => String(Date.parse(iso) * 1000);

function leg(uuid: string, direction: 'inbound' | 'outbound', start: string, billsec: number, cause: string) {
  return jsonLeg({
    uuid,
    variables: {
      direction,
      domain_name: 'acme.test',
      dialed_domain: undefined,
      sip_req_host: undefined,
      sip_to_host: undefined,
      sip_from_host: undefined,
      dialed_extension: undefined,
      user_name: direction === 'inbound' ? '1001' : undefined,
      dialed_user: direction === 'inbound' ? '5550100' : '1001',
      start_uepoch: micros(start),
      answer_uepoch: billsec > 0 ? String(Date.parse(start) * 1000 + 5_000_000) : '0',
      end_uepoch: String(Date.parse(start) * 1000 + (billsec + 5) * 1_000_000),
      duration: String(billsec + 5),
      billsec: String(billsec),
      hangup_cause: cause,
    },
    profile: { caller_id_name: 'Caller', caller_id_number: '+15550100', destination_number: direction === 'inbound' ? '5550100' : '1001' },
  });
}

describe.each(databaseKinds)('ICTPBX client: PBX CDRs on $name', (kind) => {
  let t: TestApp;
  let cast: Cast;
  let tenantAdmin: GuiClient;

  beforeAll(async () => {
    t = await createTestApp(kind);
    cast = await seedCast(t);
    tenantAdmin = guiClient(t, cast.adminA.token);
    await seedExtension(t, cast.tenantA, '1001', cast.userA.id);
  }, 120_000);
  afterAll(() => t?.close());

  it('fpbx_cdr.component.ts ETL panel: GET /cdr_etl/status before any CDR says never_run, not running', async () => {
    expect(answer(await tenantAdmin.get('/cdr_etl/status'))).toEqual({ running: false, status: 'never_run', last_run: null, inserted: 0, error: null });
    for (const [uuid, direction, start, billsec, cause] of [
      ['c1', 'outbound', '2026-02-01T09:00:00Z', 60, 'NORMAL_CLEARING'],
      ['c2', 'inbound', '2026-02-02T10:30:00Z', 0, 'NO_ANSWER'],
      ['c3', 'inbound', '2026-02-03T11:45:10Z', 30, 'NORMAL_CLEARING'],
    ] as const) {
      const { body, contentType } = encodeBody(leg(uuid, direction, start, billsec, cause), 'false', 'json');
      expect((await postCdr(t, body, contentType)).statusCode).toBe(200);
    }
  });

  it('fpbx_cdr.service.ts: GET /fpbx_cdr?limit=25&offset=0 answers { rows, total } with every field the screen reads', async () => {
    const { rows, total } = answer(await tenantAdmin.get('/fpbx_cdr?limit=25&offset=0'));
    expect(total).toBe(3);
    expect(rows.map((r: { xml_cdr_uuid: string }) => r.xml_cdr_uuid)).toEqual(['c3', 'c2', 'c1']);
    expect(rows[1]).toEqual(
      expect.objectContaining({
        xml_cdr_uuid: 'c2',
        domain_name: 'acme.test',
        direction: 'inbound',
        caller_id_name: 'Caller',
        caller_id_number: '+15550100',
        destination_number: '5550100',
        start_stamp: '2026-02-02 10:30:00',
        duration: 5,
        billsec: 0,
        hangup_cause: 'NO_ANSWER',
        missed_call: true,
      }),
    );
    expect(rows[0]).toMatchObject({ hangup_cause: 'NORMAL_CLEARING', missed_call: false });
    expect(rows[2]).toMatchObject({ direction: 'outbound', missed_call: false });
    // The date pipe parses the stamp.
    expect(Number.isNaN(Date.parse(rows[0].start_stamp))).toBe(false);
  });

  it('fpbx_cdr.component.ts filters: start_date, end_date (UTC days, inclusive) and direction; paging by offset', async () => {
    const get = async (query: string) => answer(await tenantAdmin.get(`/fpbx_cdr?limit=25&offset=0${query}`));
    expect((await get('&start_date=2026-02-02&end_date=2026-02-03')).rows.map((r: { xml_cdr_uuid: string }) => r.xml_cdr_uuid)).toEqual(['c3', 'c2']);
    expect((await get('&direction=inbound')).total).toBe(2);
    expect((await get('&direction=outbound&start_date=2026-02-01&end_date=2026-02-01')).rows).toHaveLength(1);
    const second = answer(await tenantAdmin.get('/fpbx_cdr?limit=2&offset=2'));
    expect(second).toMatchObject({ total: 3, rows: [expect.objectContaining({ xml_cdr_uuid: 'c1' })] });
    // Another tenant's admin sees none of them.
    expect(answer(await guiClient(t, cast.adminB.token).get('/fpbx_cdr?limit=25&offset=0'))).toEqual({ rows: [], total: 0 });
  });

  it("fpbx_cdr.component.ts ETL panel: GET /cdr_etl/status reads running, status, last_run, inserted, error; POST /cdr_etl/run '{}' answers started, then status is not running", async () => {
    const status = answer(await tenantAdmin.get('/cdr_etl/status'));
    expect(status).toMatchObject({ running: false, status: 'ok', inserted: 3, error: null });
    expect(status.last_run).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const run = answer(await tenantAdmin.post('/cdr_etl/run', {}));
    expect(run.status).toBe('started');
    expect(answer(await tenantAdmin.get('/cdr_etl/status')).running).toBe(false);
    // Another tenant sees what arrived for it: nothing.
    expect(answer(await guiClient(t, cast.adminB.token).get('/cdr_etl/status'))).toMatchObject({ status: 'never_run', inserted: 0 });
  });
});
