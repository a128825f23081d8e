// The data directory-user.xml renders for one extension: its digest secret (an a1-hash unless
// configured otherwise), voicemail and dial-by-name directory params, and the variables the
// dialplan reads. Secrets are
// opened here and go nowhere but into the document FreeSWITCH fetched.
import { createHash } from 'node:crypto';
import { holdMusicSource } from '../../../domain/music-on-hold/streams.ts';
import type { SecretBox } from '../../../security/secrets.ts';
import type { TrustedText } from '../templates/trusted-text.ts';
import type { DirectoryTenant, DirectoryUser } from './directory.repository.ts';

export interface DirectorySettings {
  directoryAuth: 'a1-hash' | 'password';
  /** The operator's (XML_CURL_DIAL_STRING): FreeSWITCH syntax by design. */
  dialString: TrustedText;
  /** FreeSWITCH keeps the user this long (ms) without asking; Switchyard's ESL flusher drops it on a change. */
  userCacheableMs: number;
  /** Who e-mails new voicemail messages (VOICEMAIL_MAILER). */
  voicemailMailer: 'switchyard' | 'freeswitch';
}

export const domainData = (tenant: DirectoryTenant, settings: DirectorySettings) => ({
  name: tenant.domain,
  uuid: tenant.domainUuid,
  dialString: settings.dialString,
});

/** md5 of "user:realm:password", the HA1 of RFC 2617 digest auth; the realm is the tenant's domain. */
export const a1Hash = (user: string, domain: string, password: string) => createHash('md5').update(`${user}:${domain}:${password}`).digest('hex');

/** The caller id an extension shows inside the PBX: as set, else its display name and number. */
export const callerIdOf = (user: Pick<DirectoryUser, 'extension' | 'displayName' | 'effectiveCallerIdName' | 'effectiveCallerIdNumber'>) => ({
  effectiveCallerIdName: user.effectiveCallerIdName || user.displayName || user.extension,
  effectiveCallerIdNumber: user.effectiveCallerIdNumber || user.extension,
});

/** The name mod_directory says and matches (its directory_full_name variable): first and last, as FusionPBX joins them. */
export const directoryFullName = (user: Pick<DirectoryUser, 'directoryFirstName' | 'directoryLastName'>) =>
  [user.directoryFirstName, user.directoryLastName].filter((n) => n !== '').join(' ');

export function userDocumentData(tenant: DirectoryTenant, user: DirectoryUser, secrets: SecretBox, settings: DirectorySettings) {
  const password = secrets.open(user.passwordEnc);
  const blank = (v: string) => (v === '' ? undefined : v);
  const mailedByFreeswitch = settings.voicemailMailer === 'freeswitch';
  return {
    domain: domainData(tenant, settings),
    user: {
      id: user.extension,
      numberAlias: blank(user.numberAlias),
      uuid: user.id,
      cidr: blank(user.cidr),
      cacheable: settings.userCacheableMs > 0 ? String(settings.userCacheableMs) : undefined,
      a1Hash: settings.directoryAuth === 'a1-hash' ? a1Hash(user.extension, tenant.domain, password) : undefined,
      password: settings.directoryAuth === 'password' ? password : undefined,
      // A user in do-not-disturb is busy to every user/… dial (group calls, originate) as well.
      dialString: user.doNotDisturb ? 'error/user_busy' : undefined,
      authAcl: user.authAcl,
      voicemailEnabled: user.voicemailEnabled,
      vmPassword: user.voicemailPasswordEnc ? secrets.open(user.voicemailPasswordEnc) : '',
      // VOICEMAIL_MAILER=freeswitch: mod_voicemail e-mails each message itself (deliver_vm): all of
      // them unless the box says none, with the recording when it says attach, and keeps or drops
      // the message once sent.
      vmMailTo: mailedByFreeswitch ? user.voicemailMailTo : '',
      vmEmailAll: user.voicemailFile !== 'none',
      vmAttachFile: user.voicemailFile === 'attach',
      vmKeepLocal: user.voicemailKeepLocal,
      // VOICEMAIL_MAILER=switchyard: mod_voicemail mails nothing and keeps every message, since
      // deliver_vm fires the leave-message event Switchyard mails from only for a box that keeps
      // it; Switchyard deletes a mailed message itself (esl/voicemail-mailer.ts).
      vmMailedBySwitchyard: !mailedByFreeswitch && user.voicemailMailTo !== '',
      // mod_directory reads these two as params of the user (FusionPBX writes them as variables, which it ignores).
      directoryVisible: user.directoryVisible,
      directoryExtenVisible: user.directoryExtenVisible,
      directoryFullName: directoryFullName(user),
      ...callerIdOf(user),
      outboundCallerIdName: user.outboundCallerIdName,
      outboundCallerIdNumber: user.outboundCallerIdNumber,
      emergencyCallerIdName: user.emergencyCallerIdName,
      emergencyCallerIdNumber: user.emergencyCallerIdNumber,
      absoluteCodecString: user.absoluteCodecString,
      accountcode: user.accountcode,
      tollAllow: user.tollAllow,
      callTimeout: user.callTimeout,
      // 0 means unlimited: no limit_max at all rather than a limit of none.
      limitMax: tenant.maxConcurrentCalls > 0 ? tenant.maxConcurrentCalls : undefined,
      callGroup: user.callGroup,
      userRecord: user.userRecord,
      // A class name plays the tenant's stream (music-on-hold/streams.ts), a stock name the stock one.
      holdMusic: holdMusicSource(user.holdMusic, tenant.domain),
      doNotDisturb: user.doNotDisturb,
      forwardAllEnabled: user.forwardAllEnabled,
      forwardAllDestination: user.forwardAllDestination,
      forwardBusyEnabled: user.forwardBusyEnabled,
      forwardBusyDestination: user.forwardBusyDestination,
      forwardNoAnswerEnabled: user.forwardNoAnswerEnabled,
      forwardNoAnswerDestination: user.forwardNoAnswerDestination,
      forwardUserNotRegisteredEnabled: user.forwardUserNotRegisteredEnabled,
      forwardUserNotRegisteredDestination: user.forwardUserNotRegisteredDestination,
    },
  };
}

export function reverseAuthData(tenant: DirectoryTenant, user: DirectoryUser, secrets: SecretBox) {
  return { domain: { name: tenant.domain }, user: { id: user.extension, password: secrets.open(user.passwordEnc) } };
}
