// Turns a FreeSWITCH CDR document into the leg the domain stores. Which variable means what was
// read off the captured posts (../shared/freeswitch/cdr-posts): for an originated (outbound)
// leg FreeSWITCH flips caller and callee in the caller profile (channel_cid_flipped=yes) and
// keeps the real caller in pre_transfer_caller_id_* / origination_caller_id_*.
import { badRequest } from '../../errors.ts';
import type { CdrLeg } from '../../domain/cdrs/cdr-leg.ts';
import type { CdrDocument } from './cdr-document.ts';

const UUID = /^[\w.:@-]{1,128}$/;

// FreeSWITCH retries every answer but 2xx, so anything the database could not store is a 400.
const INT_MAX = 2_147_483_647;
/** Times a call can have: from 2000 to 2200. */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

function integer(value: string | undefined): number | null {
  if (!value || !/^\d+$/.test(value)) return null;
  return Number(value);
}

/** A count of seconds; one that cannot be a call's is refused. */
function seconds(v: Record<string, string>, name: string): number | null {
  const value = integer(v[name]);
  if (value !== null && value > INT_MAX) throw badRequest(`The CDR's ${name} is out of range`);
  return value;
}

/** A time from the *_uepoch variable (microseconds), else the *_epoch one; 0 means "never". */
function timeOf(v: Record<string, string>, name: string): Date | null {
  const micros = integer(v[`${name}_uepoch`]);
  const millis = micros !== null ? Math.floor(micros / 1000) : (integer(v[`${name}_epoch`]) ?? 0) * 1000;
  if (!millis) return null;
  if (!(millis >= EARLIEST && millis < LATEST)) throw badRequest(`The CDR's ${name} time is out of range`);
  return new Date(millis);
}

/** Whether any string of the leg holds NUL (PostgreSQL's text cannot). */
const holdsNul = (leg: CdrLeg) => Object.values(leg).some((value) => [value].flat().some((s) => typeof s === 'string' && s.includes('\u0000')));

const hostOf = (value: string | undefined) => (value ?? '').replace(/^.*@/, '').replace(/:\d+$/, '').trim().toLowerCase();
const isTrue = (value: string | undefined) => /^(yes|true|1)$/i.test(value ?? '');

function distinct(values: (string | undefined)[]): string[] {
  return [...new Set(values.map((v) => (v ?? '').trim()).filter(Boolean))];
}

export function legOf(doc: CdrDocument, raw: string, queryUuid?: string): CdrLeg {
  const v = doc.variables;
  const uuid = v.uuid || v.call_uuid || (queryUuid ?? '').replace(/^a_/, '');
  if (!UUID.test(uuid)) throw badRequest('The CDR carries no usable call uuid');
  const startAt = timeOf(v, 'start');
  if (!startAt) throw badRequest('The CDR carries no start time (start_uepoch / start_epoch)');
  const answerAt = timeOf(v, 'answer');
  const endAt = timeOf(v, 'end');

  const latest = doc.profiles[0];
  const original = doc.profiles[doc.profiles.length - 1];
  const flipped = isTrue(v.channel_cid_flipped);
  const direction = (v.call_direction || v.direction || doc.channelDirection).toLowerCase();

  const callerIdName = flipped
    ? v.pre_transfer_caller_id_name || v.origination_caller_id_name || ''
    : latest?.callerIdName || v.caller_id_name || v.sip_from_display || '';
  const callerIdNumber = flipped
    ? v.pre_transfer_caller_id_number || v.origination_caller_id_number || latest?.ani || ''
    : latest?.callerIdNumber || v.caller_id_number || v.sip_from_user || '';

  const since = (from: Date | null) => (from && endAt ? Math.max(0, Math.round((endAt.getTime() - from.getTime()) / 1000)) : 0);
  const caller = [v.user_name, v.sip_auth_username, v.sip_number_alias];
  const callee = [v.dialed_user, v.dialed_extension, v.sip_to_user, latest?.destinationNumber, original?.destinationNumber];

  const leg: CdrLeg = {
    uuid,
    node: doc.switchname || doc.coreUuid,
    direction,
    callerIdName,
    callerIdNumber,
    destinationNumber: latest?.destinationNumber || v.destination_number || v.sip_to_user || '',
    context: latest?.context || v.user_context || '',
    startAt,
    answerAt,
    endAt,
    duration: seconds(v, 'duration') ?? since(startAt),
    billsec: seconds(v, 'billsec') ?? since(answerAt),
    hangupCause: v.hangup_cause || '',
    raw,
    domainUuids: distinct([v.domain_uuid]),
    domains: distinct(
      [
        v.domain_name,
        v.dialed_domain,
        hostOf(v.presence_id),
        ...doc.profiles.map((p) => p.context),
        v.user_context,
        v.sip_req_host,
        v.sip_invite_domain,
        v.sip_auth_realm,
        v.sip_to_host,
        v.sip_from_host,
      ].map((d) => hostOf(d)),
    ),
    extensions: distinct(direction === 'outbound' ? callee : [...caller, ...callee]),
  };
  if (holdsNul(leg)) throw badRequest('The CDR holds a NUL character');
  return leg;
}
