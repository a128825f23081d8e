// Event Socket frames for a tenant's calls and registrations, derived from the JSON events
// captured from FreeSWITCH 1.10 (only the identifying headers change; Content-Length is recounted).
import { deriveJsonEvent, eventFrames, eventNameOf } from './esl-transcripts.ts';

const SOURCE = 'event-json-subset-register-call';
const captured = (name: string) => {
  const frame = eventFrames(SOURCE).find((f) => eventNameOf(f) === name);
  if (!frame) throw new Error(`${SOURCE} has no ${name} event`);
  return frame;
};
const CHANNEL = {
  CHANNEL_CREATE: captured('CHANNEL_CREATE'),
  CHANNEL_ANSWER: captured('CHANNEL_ANSWER'),
  CHANNEL_HANGUP_COMPLETE: captured('CHANNEL_HANGUP_COMPLETE'),
};
const REGISTRATION = {
  register: captured('CUSTOM sofia::register'),
  unregister: captured('CUSTOM sofia::unregister'),
};

export interface CallLeg {
  uuid: string;
  domain: string;
  extension: string;
  callerIdName?: string;
}

/** A channel event of `leg`: its uuid, and the domain and extension FreeSWITCH would name. */
export function channelFrame(event: keyof typeof CHANNEL, leg: CallLeg): string {
  return deriveJsonEvent(CHANNEL[event], {
    set: {
      'Unique-ID': leg.uuid,
      'Caller-Unique-ID': leg.uuid,
      'Channel-Call-UUID': leg.uuid,
      'Channel-Presence-ID': `${leg.extension}@${leg.domain}`,
      variable_presence_id: `${leg.extension}@${leg.domain}`,
      variable_domain_name: leg.domain,
      variable_user_name: leg.extension,
      variable_dialed_domain: undefined,
      ...(leg.callerIdName ? { 'Caller-Caller-ID-Name': leg.callerIdName } : {}),
    },
  });
}

export function registrationFrame(action: keyof typeof REGISTRATION, user: string, domain: string, callId: string): string {
  return deriveJsonEvent(REGISTRATION[action], {
    set: {
      username: user,
      'from-user': user,
      'to-user': user,
      user_name: user,
      sip_auth_username: user,
      realm: domain,
      domain_name: domain,
      'from-host': domain,
      'to-host': domain,
      sip_auth_realm: domain,
      'call-id': callId,
    },
  });
}
