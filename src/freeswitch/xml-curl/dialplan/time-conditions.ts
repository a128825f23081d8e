// The tenant's time conditions: one extension per enabled time condition, on its number, that
// transfers to the open destination while the schedule holds and to the closed one otherwise
// (xml-templates/dialplan/time-condition.xml says how FreeSWITCH judges it). The rendered text
// depends on the schedule only, never on the time it was rendered: FreeSWITCH applies the zone's
// rules (DST included) at call time, so a cached answer stays right across a DST change.
import { tags } from '../change-tags.ts';
import type { TemplateStore } from '../templates/template-store.ts';
import type { DialplanRepository, TimeConditionRule } from './dialplan.repository.ts';
import type { DialplanTenant, TenantProvider } from './extension-provider.ts';
import { escapeRegExp } from './extension-provider.ts';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Zones whose clock is UTC all year: rendered as tod_tz_offset=0, which needs no zone table. */
const UTC_ZONES = new Set(['utc', 'etc/utc', 'uct', 'etc/uct', 'gmt', 'etc/gmt', 'etc/gmt0', 'etc/gmt+0', 'etc/gmt-0', 'gmt0', 'universal', 'etc/universal', 'zulu', 'etc/zulu']);

export interface App {
  application: string;
  data?: string;
}

export interface YearDays {
  year: string;
  yday?: string;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number) => (isLeap(y) ? 366 : 365);

/** The day of the year (1 = January 1st) of a calendar date, as FreeSWITCH's tm_yday + 1. */
export function dayOfYear(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return (Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86_400_000 + 1;
}

const range = (from: number, to: number) => (from === to ? String(from) : `${from}-${to}`);

/**
 * A span of days (both included; '' for open ended) as year/yday pieces, one condition each:
 * FreeSWITCH's switch_number_cmp reads one "a-b" range or a list of single values, not both.
 */
export function yearDays(from: string, to: string): YearDays[] {
  const pieces: YearDays[] = [];
  const fy = from ? Number(from.slice(0, 4)) : null;
  const ty = to ? Number(to.slice(0, 4)) : null;
  if (fy === null && ty === null) return [];
  if (fy === null) {
    if (ty! > 1970) pieces.push({ year: range(1970, ty! - 1) });
    pieces.push({ year: String(ty), yday: range(1, dayOfYear(to)) });
    return pieces;
  }
  const first = dayOfYear(from);
  if (ty === fy) return [{ year: String(fy), yday: range(first, dayOfYear(to)) }];
  pieces.push({ year: String(fy), yday: range(first, daysIn(fy)) });
  if (ty === null) return [...pieces, { year: range(fy + 1, 9999) }];
  if (ty - fy > 1) pieces.push({ year: range(fy + 1, ty - 1) });
  pieces.push({ year: String(ty), yday: range(1, dayOfYear(to)) });
  return pieces;
}

/** The weekdays from start to stop, wrapping past Saturday (switch_dow_cmp does not wrap a range). */
export function weekdays(start: string, stop: string): string {
  const a = WEEKDAYS.indexOf(start);
  const b = WEEKDAYS.indexOf(stop);
  if (a === b) return start;
  return a < b ? `${start}-${stop}` : `${start}-sat,sun-${stop}`;
}

/** The time of day from start to stop (stop excluded, as switch_tod_cmp), split at midnight when overnight. */
export function hoursOfDay(start: string, stop: string): string[] {
  if (start < stop) return [`${start}-${stop}`];
  return stop === '00:00' ? [`${start}-24:00`] : [`${start}-24:00`, `00:00-${stop}`];
}

/** What a destination runs: a mailbox, a number of the tenant's context, or a hangup for none. */
export function destinationApps(type: string, value: string, context: string): App[] {
  if (type === '') return [{ application: 'hangup', data: 'NO_ROUTE_DESTINATION' }];
  if (type === 'voicemail') {
    return [{ application: 'answer' }, { application: 'sleep', data: '1000' }, { application: 'voicemail', data: `default ${context} ${value}` }];
  }
  return [{ application: 'transfer', data: `${value} XML ${context}` }];
}

export function renderTimeCondition(tc: TimeConditionRule, tenant: DialplanTenant, templates: TemplateStore): string {
  const context = tenant.domain;
  const wday = weekdays(tc.wdayStart, tc.wdayStop);
  const pieces = hoursOfDay(tc.timeStart, tc.timeStop).map((timeOfDay) => ({ wday, timeOfDay }));
  return templates.get('dialplan/time-condition.xml').render({
    name: `tc-${tc.extension}`,
    expression: `^${escapeRegExp(tc.extension)}$`,
    utc: UTC_ZONES.has(tc.timezone.toLowerCase()),
    timezone: tc.timezone,
    holidays: tc.holidays.flatMap((h) => {
      const [from, to = from] = h.split('/');
      return yearDays(from, to);
    }),
    dates: yearDays(tc.dateStart, tc.dateStop),
    hours: pieces.length === 1 ? { single: pieces[0] } : { pieces },
    open: destinationApps(tc.openDestinationType, tc.openDestinationValue, context),
    closed: destinationApps(tc.closedDestinationType, tc.closedDestinationValue, context),
  });
}

export function timeConditionsProvider(repo: DialplanRepository): TenantProvider {
  return {
    name: 'time-conditions',
    order: 150,
    async load({ tenant }, templates) {
      const byNumber = new Map<string, string>();
      for (const tc of await repo.timeConditions(tenant.id)) byNumber.set(tc.extension, renderTimeCondition(tc, tenant, templates));
      return {
        tags: [tags.timeConditionsOf(tenant.id)],
        extensions: {
          match(destination) {
            const xml = byNumber.get(destination);
            return xml ? [xml] : [];
          },
          all: () => [...byNumber.values()],
        },
      };
    },
  };
}
