// A call leg as the ICTPBX / FusionPBX CDR screens name its fields. Stamps are ISO 8601 UTC,
// epochs unix seconds.
import type { CdrRecord } from '../../../domain/cdrs/cdrs.repository.ts';
import type { CsvCell } from '../csv.ts';
import { unixSeconds } from '../shared.ts';

const nullableString = { type: ['string', 'null'] } as const;
const nullableInteger = { type: ['integer', 'null'] } as const;

export const cdrSchema = {
  type: 'object',
  properties: {
    xml_cdr_uuid: { type: 'string', description: 'The leg uuid FreeSWITCH reported' },
    uuid: { type: 'string' },
    tenant_id: nullableInteger,
    domain_name: nullableString,
    switchname: { type: 'string' },
    direction: { type: 'string' },
    caller_id_name: { type: 'string' },
    caller_id_number: { type: 'string' },
    destination_number: { type: 'string' },
    extension: { type: 'string' },
    context: { type: 'string' },
    start_stamp: { type: 'string' },
    answer_stamp: nullableString,
    end_stamp: nullableString,
    start_epoch: { type: 'integer' },
    answer_epoch: nullableInteger,
    end_epoch: nullableInteger,
    duration: { type: 'integer' },
    billsec: { type: 'integer' },
    hangup_cause: { type: 'string' },
    disposition: { type: 'string', enum: ['answered', 'no_answer', 'busy', 'failed'] },
  },
} as const;

export function cdrView(c: CdrRecord) {
  return {
    xml_cdr_uuid: c.uuid,
    uuid: c.uuid,
    tenant_id: c.tenantId,
    domain_name: c.domain,
    switchname: c.node,
    direction: c.direction,
    caller_id_name: c.callerIdName,
    caller_id_number: c.callerIdNumber,
    destination_number: c.destinationNumber,
    extension: c.extension,
    context: c.context,
    start_stamp: c.startAt.toISOString(),
    answer_stamp: c.answerAt?.toISOString() ?? null,
    end_stamp: c.endAt?.toISOString() ?? null,
    start_epoch: unixSeconds(c.startAt) as number,
    answer_epoch: unixSeconds(c.answerAt),
    end_epoch: unixSeconds(c.endAt),
    duration: c.duration,
    billsec: c.billsec,
    hangup_cause: c.hangupCause,
    disposition: c.disposition,
  };
}

export const CDR_CSV_HEADER = [
  'xml_cdr_uuid',
  'domain_name',
  'direction',
  'caller_id_name',
  'caller_id_number',
  'destination_number',
  'extension',
  'start_stamp',
  'answer_stamp',
  'end_stamp',
  'duration',
  'billsec',
  'hangup_cause',
  'disposition',
];

export function cdrCsvRow(c: CdrRecord): CsvCell[] {
  const v = cdrView(c);
  return CDR_CSV_HEADER.map((field) => v[field as keyof typeof v]);
}
