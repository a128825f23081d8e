// One call leg as the CDR intake hands it to the domain, whatever format FreeSWITCH posted,
// and the rule that turns a hangup into a disposition.

export type Disposition = 'answered' | 'no_answer' | 'busy' | 'failed';
export const DISPOSITIONS: Disposition[] = ['answered', 'no_answer', 'busy', 'failed'];

export interface CdrLeg {
  uuid: string;
  /** The FreeSWITCH that reported the leg (its switchname). */
  node: string;
  direction: string;
  callerIdName: string;
  callerIdNumber: string;
  destinationNumber: string;
  context: string;
  startAt: Date;
  answerAt: Date | null;
  endAt: Date | null;
  duration: number;
  billsec: number;
  hangupCause: string;
  /** The decoded document as posted. */
  raw: string;
  /** Tenant hints, most telling first: a domain uuid, then domain names. */
  domainUuids: string[];
  domains: string[];
  /** Numbers that may be one of the tenant's extensions, most telling first. */
  extensions: string[];
}

// Causes that mean nobody picked up (the caller gave up, the callee did not answer, or the
// call was answered elsewhere), as opposed to a refusal or a failure.
const NO_ANSWER_CAUSES = new Set([
  'NORMAL_CLEARING',
  'NO_ANSWER',
  'NO_USER_RESPONSE',
  'ORIGINATOR_CANCEL',
  'ALLOTTED_TIMEOUT',
  'PROGRESS_TIMEOUT',
  'LOSE_RACE',
  'PICKED_OFF',
  'CALL_AWARDED_DELIVERED',
  'SUCCESS',
]);
const BUSY_CAUSES = new Set(['USER_BUSY', 'CALL_REJECTED']);

export function dispositionOf(leg: Pick<CdrLeg, 'billsec' | 'answerAt' | 'hangupCause'>): Disposition {
  if (leg.billsec > 0 || leg.answerAt) return 'answered';
  const cause = leg.hangupCause.toUpperCase();
  if (BUSY_CAUSES.has(cause)) return 'busy';
  if (NO_ANSWER_CAUSES.has(cause)) return 'no_answer';
  return 'failed';
}
