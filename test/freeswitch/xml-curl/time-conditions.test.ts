// Time conditions in the tenant's dialplan: the rendered extension (golden files), a dialplan
// request shaped like the captured ones reaching it, and what FreeSWITCH would run at a given
// instant, across a timezone boundary and a DST change, on a fixed clock (fake Date, no sleeping).
// `runExtension` plays mod_dialplan_xml's parse_exten on the answer (conditions in order, break
// on-false by default, regex="any" ORing its <regex> children, inline set/unset of the
// tod_tz_offset and timezone channel variables read before each condition) and
// switch_xml_std_datetime_check's year, yday, wday and time-of-day tests (switch_number_cmp,
// switch_dow_cmp, switch_tod_cmp), with Intl standing in for FreeSWITCH's zone table.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { answerOf, createDid, createExtension, createTenant, fetchXml } from '../../helpers/pbx-fixtures.ts';
import { loadCapture, withParams } from '../../helpers/xml-curl-captures.ts';
import { findAll, isNotFound, parseXml, type XmlNode } from '../../helpers/xml-tree.ts';
import { dayOfYear, hoursOfDay, weekdays, yearDays } from '../../../src/freeswitch/xml-curl/dialplan/time-conditions.ts';

const captured = loadCapture('dialplan-inbound-sip-internal-9196.txt').body;
const golden = (name: string) => readFileSync(new URL(`./golden/${name}`, import.meta.url), 'utf8').replace(/>\s+</g, '><').trim();

const call = (t: TestApp, context: string, destination: string) =>
  answerOf(
    fetchXml(
      t,
      withParams(captured, { 'Caller-Context': context, 'Hunt-Context': context, 'Caller-Destination-Number': destination, 'Hunt-Destination-Number': destination }),
    ),
  );

const fragment = (xml: string, name: string) => new RegExp(`<extension name="${name}">.*?</extension>`).exec(xml)?.[0];

// ---- FreeSWITCH's time checks, as read in src/switch_utils.c and src/switch_xml.c ----------------

function numberCmp(exp: string, val: number): boolean {
  if (exp.includes('-')) {
    const [min, max] = [parseInt(exp, 10), parseInt(exp.slice(exp.indexOf('-') + 1), 10)];
    return val >= min && val <= max;
  }
  return exp.split(',').some((v) => parseInt(v, 10) === val);
}

const DOW = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
function dowCmp(exp: string, val: number): boolean {
  return exp.split(',').some((part) => {
    const [a, b = a] = part.split('-').map((d) => (/^[1-7]$/.test(d) ? Number(d) : DOW.indexOf(d.slice(0, 3).toLowerCase()) + 1));
    return val >= a && val <= b;
  });
}

function todCmp(exp: string, val: number): boolean {
  const [from, to] = exp.split('-').map((hms) => hms.split(':').map(Number));
  const secs = ([h, m, s = 0]: number[]) => h * 3600 + m * 60 + s;
  return val >= secs(from) && val < secs(to);
}

interface Tm {
  year: number;
  yday: number;
  wday: number;
  tod: number;
}

/** The broken-down time FreeSWITCH judges by: tod_tz_offset (hours) wins, else the timezone name. */
function tmOf(now: Date, vars: Map<string, string>): Tm {
  const offset = vars.get('tod_tz_offset');
  const zone = offset !== undefined && /^-?\d+$/.test(offset) ? undefined : vars.get('timezone');
  const shifted = offset !== undefined && zone === undefined ? new Date(now.getTime() + Number(offset) * 3_600_000) : now;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone ?? 'UTC', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' })
      .formatToParts(shifted)
      .map((p) => [p.type, Number(p.value)]),
  );
  const dayStart = Date.UTC(parts.year, parts.month - 1, parts.day);
  return {
    year: parts.year,
    yday: (dayStart - Date.UTC(parts.year, 0, 1)) / 86_400_000 + 1,
    wday: new Date(dayStart).getUTCDay() + 1,
    tod: parts.hour * 3600 + parts.minute * 60 + parts.second,
  };
}

/** 1 matched, 0 not, -1 no time attribute (switch_xml_std_datetime_check). */
function timeMatch(node: XmlNode, tm: Tm): number {
  const checks: [string, (exp: string) => boolean][] = [
    ['year', (e) => numberCmp(e, tm.year)],
    ['yday', (e) => numberCmp(e, tm.yday)],
    ['wday', (e) => dowCmp(e, tm.wday)],
    ['time-of-day', (e) => todCmp(e, tm.tod)],
  ];
  const present = checks.filter(([attr]) => node.attrs[attr] !== undefined);
  if (present.length === 0) return -1;
  return present.every(([attr, check]) => check(node.attrs[attr])) ? 1 : 0;
}

/** The applications FreeSWITCH queues for `destination` at `now` from one extension, in order. */
function runExtension(extension: XmlNode, destination: string, now: Date): string[] {
  const vars = new Map<string, string>();
  const apps: string[] = [];
  for (const condition of extension.children.filter((c) => c.name === 'condition')) {
    const tm = tmOf(now, vars);
    let pass: boolean;
    if (condition.attrs.regex === 'any') pass = condition.children.filter((c) => c.name === 'regex').some((r) => timeMatch(r, tm) !== 0);
    else if (condition.attrs.field === 'destination_number') pass = new RegExp(condition.attrs.expression).test(destination);
    else pass = timeMatch(condition, tm) !== 0;
    for (const action of condition.children.filter((c) => c.name === (pass ? 'action' : 'anti-action'))) {
      const { application, data = '', inline } = action.attrs;
      if (inline === 'true' && application === 'set') vars.set(data.slice(0, data.indexOf('=')), data.slice(data.indexOf('=') + 1));
      else if (inline === 'true' && application === 'unset') vars.delete(data);
      else apps.push(`${application} ${data}`.trim());
    }
    const brk = condition.attrs.break ?? 'on-false';
    if ((brk === 'on-false' && !pass) || (brk === 'on-true' && pass) || brk === 'always') break;
  }
  return apps;
}

describe('the pieces a schedule is rendered from', () => {
  it('days of the year count from 1 and know leap years', () => {
    expect([dayOfYear('2026-01-01'), dayOfYear('2026-12-31'), dayOfYear('2028-12-31'), dayOfYear('2028-03-01')]).toEqual([1, 365, 366, 61]);
  });

  it('a span of days becomes one year/yday piece per year, whole years as a year range, open ends up to 9999 or from 1970', () => {
    expect(yearDays('2026-03-01', '2026-03-01')).toEqual([{ year: '2026', yday: '60' }]);
    expect(yearDays('2026-12-20', '2029-01-05')).toEqual([
      { year: '2026', yday: '354-365' },
      { year: '2027-2028' },
      { year: '2029', yday: '1-5' },
    ]);
    expect(yearDays('2026-07-01', '')).toEqual([{ year: '2026', yday: '182-365' }, { year: '2027-9999' }]);
    expect(yearDays('', '2026-01-31')).toEqual([{ year: '1970-2025' }, { year: '2026', yday: '1-31' }]);
    expect(yearDays('', '')).toEqual([]);
  });

  it('weekday ranges wrap past Saturday as two ranges; hours wrap past midnight as two pieces', () => {
    expect([weekdays('mon', 'fri'), weekdays('sat', 'sat'), weekdays('fri', 'mon'), weekdays('sun', 'sat')]).toEqual(['mon-fri', 'sat', 'fri-sat,sun-mon', 'sun-sat']);
    expect(hoursOfDay('08:00', '17:00')).toEqual(['08:00-17:00']);
    expect(hoursOfDay('22:00', '06:00')).toEqual(['22:00-24:00', '00:00-06:00']);
    expect(hoursOfDay('22:00', '00:00')).toEqual(['22:00-24:00']);
    expect(hoursOfDay('00:00', '24:00')).toEqual(['00:00-24:00']);
  });
});

const OPEN = ['transfer 1001 XML acme.test'];
const CLOSED = ['answer', 'sleep 1000', 'voicemail default acme.test 1002'];

describe.each(databaseKinds)('time conditions in the dialplan on $name', (kind) => {
  let t: TestApp;
  let acme: number;
  let office: string;
  let night: string;
  const token = () => t.adminToken();
  const create = async (body: Record<string, unknown>) => {
    const res = await t.api('POST', '/api/time_conditions', { token: await token(), body: { tenant_id: acme, ...body } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().dialplan_uuid as string;
  };
  /** What FreeSWITCH runs for a call to `number` in acme.test at `iso`, the dialplan fetched at that time. */
  const runAt = async (iso: string, number = '5000') => {
    vi.setSystemTime(new Date(iso));
    const tree = parseXml(await call(t, 'acme.test', number));
    const [extension] = findAll(tree, 'extension');
    return runExtension(extension, number, new Date());
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    acme = await createTenant(t, { name: 'Acme', domain: 'acme.test' });
    await createExtension(t, acme, { extension: '1001', password: 'Secret-pass-7' });
    await createExtension(t, acme, { extension: '1002', password: 'Secret-pass-7' });
    office = await create({
      tc_name: 'Office',
      tc_extension: '5000',
      tc_timezone: 'America/New_York',
      tc_holidays: ['2026-12-25', '2026-12-31/2027-01-01'],
      tc_date_start: '2026-01-01',
      tc_date_stop: '2027-06-30',
      tc_open_destination: '1001',
      tc_closed_destination: '*991002',
    });
    night = await create({ tc_name: 'Night line', tc_extension: '5100', tc_wday_start: 'fri', tc_wday_stop: 'mon', tc_time_start: '22:00', tc_time_stop: '06:30', tc_open_destination: '5000' });
  }, 120_000);
  afterEach(() => {
    vi.useRealTimers();
  });
  afterAll(() => t?.close());

  it('renders the golden extension: the timezone set inline, holidays, the date range, then weekdays and hours', async () => {
    const xml = await call(t, 'acme.test', '5000');
    expect(fragment(xml, 'tc-5000')).toBe(golden('time-condition-new-york.xml'));
  });

  it('renders UTC as tod_tz_offset=0, an overnight range split at midnight and a wrapping weekday range', async () => {
    const xml = await call(t, 'acme.test', '5100');
    expect(fragment(xml, 'tc-5100')).toBe(golden('time-condition-utc-overnight.xml'));
  });

  it('a dialplan request for the number answers the time condition only, with its applications in order', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const tree = parseXml(await call(t, 'acme.test', '5000'));
    expect(findAll(tree, 'extension').map((e) => e.attrs.name)).toEqual(['tc-5000']);
    // Monday 2 March 2026, 10:00 in New York (EST, UTC-5).
    expect(await runAt('2026-03-02T15:00:00Z')).toEqual(OPEN);
    // Saturday: closed, to the mailbox.
    expect(await runAt('2026-03-07T15:00:00Z')).toEqual(CLOSED);
    // Christmas (a Friday) is a holiday, the holiday range crosses the new year.
    expect(await runAt('2026-12-25T15:00:00Z')).toEqual(CLOSED);
    expect(await runAt('2027-01-01T15:00:00Z')).toEqual(CLOSED);
    expect(await runAt('2026-12-30T15:00:00Z')).toEqual(OPEN);
    // Outside the date range: closed on a working day at 10:00.
    expect(await runAt('2027-07-01T14:00:00Z')).toEqual(CLOSED);
  });

  it('is judged in its own timezone across the UTC day boundary', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // Tuesday 3 March 2026 02:30 UTC is still Monday 21:30 in New York: closed (after 17:00).
    expect(await runAt('2026-03-03T02:30:00Z')).toEqual(CLOSED);
    // Monday 2 March 12:30 UTC is 07:30 in New York, before opening, although 12:30 is business hours in UTC.
    expect(await runAt('2026-03-02T12:30:00Z')).toEqual(CLOSED);
    // Friday 6 March 21:59 UTC is 16:59 in New York, the last open minute; 22:00 UTC is 17:00, closed.
    expect(await runAt('2026-03-06T21:59:00Z')).toEqual(OPEN);
    expect(await runAt('2026-03-06T22:00:00Z')).toEqual(CLOSED);
    // In Auckland (UTC+13 in March) Monday 09:00 is still Sunday 20:00 in UTC.
    const auckland = await create({ tc_name: 'Auckland', tc_extension: '5200', tc_timezone: 'Pacific/Auckland', tc_open_destination: '1001', tc_closed_destination: '*991002' });
    expect(await runAt('2026-03-01T20:00:00Z', '5200')).toEqual(OPEN);
    expect(await runAt('2026-03-06T20:00:00Z', '5200')).toEqual(CLOSED); // Saturday 09:00 there
    expect((await t.api('DELETE', `/api/time_conditions/${auckland}`, { token: await token() })).statusCode).toBe(200);
    // The UTC night line: Saturday 7 March 03:00 UTC is inside fri-mon 22:00-06:30; it chains to 5000.
    expect(await runAt('2026-03-07T03:00:00Z', '5100')).toEqual(['transfer 5000 XML acme.test']);
    expect(await runAt('2026-03-04T03:00:00Z', '5100')).toEqual(['hangup NO_ROUTE_DESTINATION']);
  });

  it('stays right across the DST change without being rendered again (the answer does not depend on when it was rendered)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // New York moves from UTC-5 to UTC-4 on Sunday 8 March 2026 at 02:00.
    vi.setSystemTime(new Date('2026-03-06T13:30:00Z'));
    const before = await call(t, 'acme.test', '5000');
    expect(await runAt('2026-03-06T13:30:00Z')).toEqual(OPEN); // Friday 08:30 EST
    expect(await runAt('2026-03-06T12:30:00Z')).toEqual(CLOSED); // Friday 07:30 EST
    await t.app.services.changes.publish({ entity: 'resync', tenantId: null });
    vi.setSystemTime(new Date('2026-03-09T12:30:00Z'));
    const after = await call(t, 'acme.test', '5000');
    expect(after).toBe(before);
    // Monday 12:30 UTC is 08:30 EDT: open (a fixed UTC-5 offset would say 07:30, closed).
    expect(await runAt('2026-03-09T12:30:00Z')).toEqual(OPEN);
    // Monday 21:30 UTC is 17:30 EDT: closed (a fixed UTC-5 offset would say 16:30, open).
    expect(await runAt('2026-03-09T21:30:00Z')).toEqual(CLOSED);
    // And back in November: Monday 2 November 13:30 UTC is 08:30 EST again.
    expect(await runAt('2026-11-02T13:30:00Z')).toEqual(OPEN);
  });

  it('disabling or deleting removes it from the rendered XML at once; a DID pointing at it keeps it (409)', async () => {
    const admin = await token();
    expect(fragment(await call(t, 'acme.test', '5000'), 'tc-5000')).toBeDefined();
    await createDid(t, { phone: '15551230000', tenant_id: acme, destination_type: 'time_condition', destination_value: '5000' });
    const refused = await t.api('DELETE', `/api/time_conditions/${office}`, { token: admin });
    expect(refused.statusCode, refused.body).toBe(409);
    const renumber = await t.api('PUT', `/api/time_conditions/${office}`, { token: admin, body: { tc_extension: '5001' } });
    expect(renumber.statusCode, renumber.body).toBe(409);
    const disabled = await t.api('PUT', `/api/time_conditions/${office}`, { token: admin, body: { tc_enabled: 'false' } });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(isNotFound(await call(t, 'acme.test', '5000')) || fragment(await call(t, 'acme.test', '5000'), 'tc-5000') === undefined).toBe(true);
    await t.api('PUT', `/api/time_conditions/${office}`, { token: admin, body: { tc_enabled: 'true' } });
    expect(fragment(await call(t, 'acme.test', '5000'), 'tc-5000')).toBeDefined();
    // The night line points at 5000 too: deleting the night line is fine, and frees 5100.
    expect((await t.api('DELETE', `/api/time_conditions/${night}`, { token: admin })).statusCode).toBe(200);
    expect(fragment(await call(t, 'acme.test', '5100'), 'tc-5100')).toBeUndefined();
  });
});
