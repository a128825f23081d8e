// Turns a FreeSWITCH CDR document into the leg the domain stores. Which variable means what was
// read off the captured posts (../shared/freeswitch/cdr-posts): for an originated (outbound)
// leg FreeSWITCH flips caller and callee in the caller profile (channel_cid_flipped=yes) and
// keeps the real caller in pre_transfer_caller_id_* / origination_caller_id_*.
import { badRequest } from '../../errors.ts';
import type { CdrLeg } from '../../domain/cdrs/cdr-leg.ts';
import type { CdrDocument } from './cdr-document.ts';

const UUID = /^[\w.:@-]{1,128}$/;

function integer(value: string | undefined): number | null {
  if (!value || !/^\d+$/.test(value)) return null;
  return Number(value);
}

/** A time from the *_uepoch variable (microseconds), else the *_epoch one; 0 means "never". */
function timeOf(v: Record<string, string>, name: string): Date | null {
  const micros = integer(v[`${name}_uepoch`]);
  if (micros !== null) return micros ? new Date(Math.floor(micros / 1000)) : null;
  const seconds = integer(v[`${name}_epoch`]);
  return seconds ? new Date(seconds * 1000) : null;
}

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

  const seconds = (from: Date | null) => (from && endAt ? Math.max(0, Math.round((endAt.getTime() - from.getTime()) / 1000)) : 0);
  const caller = [v.user_name, v.sip_auth_username, v.sip_number_alias];
  const callee = [v.dialed_user, v.dialed_extension, v.sip_to_user, latest?.destinationNumber, original?.destinationNumber];

  return {
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
    duration: integer(v.duration) ?? seconds(startAt),
    billsec: integer(v.billsec) ?? seconds(answerAt),
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
}
