// What the time condition schema cannot say: real dates in order, a timezone Intl knows, a schedule
// that is not empty, and destinations worked out from the number the client's form sends.
import { validationFailed } from '../../errors.ts';
import type { DialableNumbers } from '../dialable/numbers.ts';
import { checkDestination, DESTINATION_TYPES, type DestinationTargets } from '../dialable/targets.ts';
import type { TimeConditionFields } from './time-conditions.repository.ts';

/** The ICTPBX client's dial string for a mailbox: `*99<box>` (its pbx-destination.service.ts VOICEMAIL_PREFIX). */
export const VOICEMAIL_DIAL = '*99';

/** A calendar date YYYY-MM-DD that exists (2026-02-30 does not). */
export function isDate(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1970 && y <= 2199;
}

/** The IANA name as Intl spells it when it only differs in case; refused when Intl does not know it. */
export function checkTimezone(name: string): string {
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    throw validationFailed('tcTimezone', 'must be an IANA timezone name (e.g. Europe/Paris)');
  }
  return resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
}

/** The time condition as it will be once written. */
export function checkSchedule(state: Required<Pick<TimeConditionFields, 'timeStart' | 'timeStop' | 'dateStart' | 'dateStop' | 'holidays'>>): void {
  if (state.timeStart === state.timeStop) {
    throw validationFailed('tcTimeStop', 'must differ from tc_time_start (an empty range would never match)');
  }
  for (const field of ['dateStart', 'dateStop'] as const) {
    if (state[field] && !isDate(state[field])) throw validationFailed(field === 'dateStart' ? 'tcDateStart' : 'tcDateStop', 'must be a real date from 1970 to 2199');
  }
  if (state.dateStart && state.dateStop && state.dateStart > state.dateStop) throw validationFailed('tcDateStop', 'must not be before tc_date_start');
  state.holidays.forEach((holiday, i) => {
    const [from, to = from] = holiday.split('/');
    if (!isDate(from) || !isDate(to)) throw validationFailed(`tcHolidays/${i}`, 'must be real dates from 1970 to 2199');
    if (from > to) throw validationFailed(`tcHolidays/${i}`, 'must not end before it starts');
  });
}

export interface ResolvedDestination {
  type: string;
  value: string;
}

/**
 * A destination as stored (kind, value) from what the client sent: a mailbox's `*99<box>`, a kind
 * when given, else the kind of whatever holds the number in the tenant. Checked with the module
 * that owns the kind: a destination naming nothing is refused.
 */
export async function resolveDestination(
  deps: { targets: DestinationTargets; dialable: DialableNumbers },
  tenantId: number,
  sent: { type: string | undefined; value: string },
  fields: { type: string; value: string },
  self: string,
): Promise<ResolvedDestination> {
  let { type = '', value } = sent;
  if (value.startsWith(VOICEMAIL_DIAL)) {
    if (type !== '' && type !== 'voicemail') throw validationFailed(fields.value, `is a mailbox (${VOICEMAIL_DIAL}<box>) but the kind says ${type}`);
    type = 'voicemail';
    value = value.slice(VOICEMAIL_DIAL.length);
  } else if (type === '' && value !== '') {
    const holders = await deps.dialable.conflicts(tenantId, value);
    const holder = holders.find((h) => (DESTINATION_TYPES as readonly string[]).includes(h.type));
    if (!holder) throw validationFailed(fields.value, `names nothing of the tenant that calls can go to (give ${fields.type} 'external' for an outside number)`);
    type = holder.type;
  }
  if (type === 'time_condition' && value === self) throw validationFailed(fields.value, 'must not be the time condition itself');
  await checkDestination(deps.targets, tenantId, type, value, fields);
  return { type, value };
}

/** A stored destination as the client's form reads it back: the number that reaches it. */
export const dialString = (type: string, value: string) => (type === 'voicemail' ? `${VOICEMAIL_DIAL}${value}` : value);
