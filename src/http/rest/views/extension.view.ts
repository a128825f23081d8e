// An extension as ICTPBX shows it (FusionPBX's v_extensions names, booleans as 'true'/'false').
// password and voicemail_password appear only for roles allowed to see them.
import type { Extension } from '../../../domain/extensions/extensions.service.ts';
import { unixSeconds } from '../shared.ts';

export const tf = (b: boolean) => (b ? 'true' : 'false');

const str = { type: 'string' } as const;
const bool = { type: 'string', enum: ['true', 'false'] } as const;

export const extensionSchema = {
  type: 'object',
  properties: {
    extension_uuid: str,
    tenant_id: { type: 'integer' },
    domain_uuid: str,
    domain_name: str,
    user_id: { type: ['integer', 'null'] },
    extension: str,
    password: { ...str, description: 'SIP password; only for tenant admins and the super-admin' },
    display_name: str,
    effective_caller_id_name: str,
    effective_caller_id_number: str,
    outbound_caller_id_name: str,
    outbound_caller_id_number: str,
    accountcode: str,
    toll_allow: str,
    call_timeout: { type: 'integer' },
    call_group: str,
    user_record: str,
    hold_music: str,
    auth_acl: str,
    cidr: str,
    do_not_disturb: bool,
    forward_all_enabled: bool,
    forward_all_destination: str,
    forward_busy_enabled: bool,
    forward_busy_destination: str,
    forward_no_answer_enabled: bool,
    forward_no_answer_destination: str,
    voicemail_enabled: bool,
    voicemail_password: { ...str, description: 'Voicemail PIN; only for tenant admins and the super-admin' },
    voicemail_mail_to: str,
    enabled: bool,
    description: str,
    date_created: { type: 'integer' },
    last_updated: { type: 'integer' },
  },
} as const;

export function extensionView(e: Extension) {
  return {
    extension_uuid: e.id,
    tenant_id: e.tenantId,
    domain_uuid: e.domainUuid,
    domain_name: e.domain,
    user_id: e.userId,
    extension: e.extension,
    ...(e.password !== null ? { password: e.password } : {}),
    display_name: e.displayName,
    effective_caller_id_name: e.effectiveCallerIdName,
    effective_caller_id_number: e.effectiveCallerIdNumber,
    outbound_caller_id_name: e.outboundCallerIdName,
    outbound_caller_id_number: e.outboundCallerIdNumber,
    accountcode: e.accountcode,
    toll_allow: e.tollAllow,
    call_timeout: e.callTimeout,
    call_group: e.callGroup,
    user_record: e.userRecord,
    hold_music: e.holdMusic,
    auth_acl: e.authAcl,
    cidr: e.cidr,
    do_not_disturb: tf(e.doNotDisturb),
    forward_all_enabled: tf(e.forwardAllEnabled),
    forward_all_destination: e.forwardAllDestination,
    forward_busy_enabled: tf(e.forwardBusyEnabled),
    forward_busy_destination: e.forwardBusyDestination,
    forward_no_answer_enabled: tf(e.forwardNoAnswerEnabled),
    forward_no_answer_destination: e.forwardNoAnswerDestination,
    voicemail_enabled: tf(e.voicemailEnabled),
    ...(e.voicemailPassword !== null ? { voicemail_password: e.voicemailPassword } : {}),
    voicemail_mail_to: e.voicemailMailTo,
    enabled: tf(e.enabled),
    description: e.description,
    date_created: unixSeconds(e.createdAt),
    last_updated: unixSeconds(e.updatedAt),
  };
}
