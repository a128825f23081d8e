// A call leg as the ICTPBX client's PBX CDR screen reads it (src/app/pages/fpbx_cdr: ICTPBX's
// FpbxCdrApi answers { rows, total } with FusionPBX's v_xml_cdr names), with Switchyard's extras,
// and the CDR "ETL" status that screen polls. Switchyard has no ETL: FreeSWITCH posts each leg as
// it ends (mod_json_cdr / mod_xml_cdr), so the status says what arrived, and a run has nothing to do.
import { Nullable, Type, type Static } from '../shared/schema.ts';

const Stamp = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$', description: `${description}: 'YYYY-MM-DD HH:MM:SS', UTC` });

export const FpbxCdrRow = Type.Object({
  xmlCdrUuid: Type.String({ description: 'The leg uuid FreeSWITCH reported' }),
  domainName: Nullable(Type.String({ description: "The tenant's domain (null: a leg no tenant claims)" })),
  direction: Type.String({ description: 'inbound, outbound or local' }),
  callerIdName: Type.String(),
  callerIdNumber: Type.String(),
  destinationNumber: Type.String(),
  startStamp: Stamp('When the leg started'),
  duration: Type.Integer({ description: 'seconds' }),
  billsec: Type.Integer({ description: 'seconds answered' }),
  hangupCause: Type.String(),
  missedCall: Type.Boolean({ description: 'An inbound or local call nobody answered' }),
  tenantId: Nullable(Type.Integer()),
  extension: Type.String({ description: 'The tenant extension the leg involved' }),
  answerStamp: Nullable(Stamp('When it was answered')),
  endStamp: Nullable(Stamp('When it ended')),
  disposition: Type.String({ description: 'answered, no_answer, busy or failed' }),
});

export const FpbxCdrPage = Type.Object({ rows: Type.Array(FpbxCdrRow), total: Type.Integer() });

export const CdrEtlStatus = Type.Object({
  running: Type.Boolean({ description: 'Always false: nothing batches CDRs, they arrive live' }),
  status: Type.Union([Type.Literal('ok'), Type.Literal('never_run')], { description: "ok once a CDR arrived, never_run before ('error' is never said: intake errors are logged)" }),
  lastRun: Nullable(Stamp('When the newest CDR arrived')),
  inserted: Type.Integer({ description: 'The CDRs in view' }),
  error: Type.Null(),
});

export const CdrEtlRun = Type.Object({
  status: Type.Literal('started'),
  message: Type.String(),
});

export type FpbxCdrRow = Static<typeof FpbxCdrRow>;
export type CdrEtlStatus = Static<typeof CdrEtlStatus>;
export type CdrEtlRun = Static<typeof CdrEtlRun>;
