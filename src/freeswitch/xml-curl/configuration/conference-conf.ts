// conference.conf as mod_conference asks for it, one part per fetch (the captured requests):
// - the `conference` application (conference_function) asks with profile_name and reads
//   <profiles><profile name=…>: a room's profile is named by the room's uuid (the dialplan's
//   `conference <extension>-<domain>@<uuid>`), and `default` is FreeSWITCH's stock default
//   profile (conf/vanilla/autoload_configs/conference.conf.xml), for its own dialplan's rooms;
// - a member joining (conference_member_bind_controls) asks with Action=request-controls and
//   Controls=<group>, and reads <caller-controls><group name=…>: the stock `default` group, the
//   one every room uses;
// - the module's start (send_presence) asks with presence=true and reads <advertise>: no room is
//   advertised (a room's presence comes from its running conference, in its tenant's domain).
// Each param is one conference_new (mod_conference.c) reads. The PINs are the room's digits; the
// recording path is under the stock $${recordings_dir}, by tenant domain and room number (both
// checked when written: a host name, digits), the file named by the start time, which
// mod_conference expands on a member's channel when recording starts (conference_thread_run:
// switch_channel_expand_variables of auto-record). The hold music is the room's music-on-hold
// class (local_stream://<domain>/<name>) or stock stream, checked when written.
import { PROFILE_RATES, type ConferenceProfile } from '../../../domain/conferences/conferences.schema.ts';
import { holdMusicSource } from '../../../domain/music-on-hold/streams.ts';
import { trusted, type TrustedText } from '../templates/trusted-text.ts';
import type { ConferenceConfRoom } from './configuration.repository.ts';

export interface ConferenceParam {
  name: string;
  value: string | number | TrustedText;
}

/** The stock `default` group of caller controls (DTMF during the conference). */
export const STOCK_CONTROLS = [
  { action: 'mute', digits: '0' },
  { action: 'deaf mute', digits: '*' },
  { action: 'energy up', digits: '9' },
  { action: 'energy equ', digits: '8' },
  { action: 'energy dn', digits: '7' },
  { action: 'vol talk up', digits: '3' },
  { action: 'vol talk zero', digits: '2' },
  { action: 'vol talk dn', digits: '1' },
  { action: 'vol listen up', digits: '6' },
  { action: 'vol listen zero', digits: '5' },
  { action: 'vol listen dn', digits: '4' },
  { action: 'hangup', digits: '#' },
];

/** The stock profile's sounds (files under the sound prefix, and tones). */
const STOCK_SOUNDS: ConferenceParam[] = [
  { name: 'muted-sound', value: 'conference/conf-muted.wav' },
  { name: 'unmuted-sound', value: 'conference/conf-unmuted.wav' },
  { name: 'alone-sound', value: 'conference/conf-alone.wav' },
  { name: 'enter-sound', value: 'tone_stream://%(200,0,500,600,700)' },
  { name: 'exit-sound', value: 'tone_stream://%(500,0,300,200,100,50,25)' },
  { name: 'kicked-sound', value: 'conference/conf-kicked.wav' },
  { name: 'locked-sound', value: 'conference/conf-locked.wav' },
  { name: 'is-locked-sound', value: 'conference/conf-is-locked.wav' },
  { name: 'is-unlocked-sound', value: 'conference/conf-is-unlocked.wav' },
  { name: 'pin-sound', value: 'conference/conf-pin.wav' },
  { name: 'bad-pin-sound', value: 'conference/conf-bad-pin.wav' },
];

const STOCK_HOLD_MUSIC = trusted('$${hold_music}');
const STOCK_CALLER_ID = [
  { name: 'caller-id-name', value: trusted('$${outbound_caller_name}') },
  { name: 'caller-id-number', value: trusted('$${outbound_caller_id}') },
];

/** FreeSWITCH's stock `default` profile, as the vanilla conference.conf.xml sets it. */
export function stockDefaultProfile(): { name: string; params: ConferenceParam[] } {
  return {
    name: 'default',
    params: [
      { name: 'domain', value: trusted('$${domain}') },
      { name: 'rate', value: 8000 },
      { name: 'interval', value: 20 },
      { name: 'energy-level', value: 300 },
      ...STOCK_SOUNDS,
      { name: 'moh-sound', value: STOCK_HOLD_MUSIC },
      ...STOCK_CALLER_ID,
      { name: 'comfort-noise', value: 'true' },
    ],
  };
}

/** Where a room's sessions are recorded: $${recordings_dir}/<domain>/conferences/<room>/<start time>.wav. */
export function recordingPathOf(domain: string, extension: string): TrustedText {
  if (!/^[A-Za-z0-9.-]+$/.test(domain) || !/^[0-9]+$/.test(extension)) throw new Error(`conference.conf: unexpected domain or room number (${domain}, ${extension})`);
  return trusted(`$\${recordings_dir}/${domain}/conferences/${extension}/\${strftime(%Y-%m-%d-%H-%M-%S)}.wav`);
}

/** A room's own profile: the stock one's settings, with the room's rate, domain, PINs, limit, recording and hold music. */
export function roomProfile(room: ConferenceConfRoom): { name: string; params: ConferenceParam[] } {
  const optional = (name: string, value: ConferenceParam['value'] | '' | 0 | false): ConferenceParam[] => (value === '' || value === 0 || value === false ? [] : [{ name, value }]);
  return {
    name: room.id,
    params: [
      { name: 'domain', value: room.tenant.domain },
      { name: 'rate', value: PROFILE_RATES[room.profile as ConferenceProfile] ?? PROFILE_RATES.default },
      { name: 'interval', value: 20 },
      { name: 'energy-level', value: 300 },
      ...STOCK_SOUNDS,
      { name: 'moh-sound', value: holdMusicSource(room.holdMusic, room.tenant.domain) || STOCK_HOLD_MUSIC },
      ...STOCK_CALLER_ID,
      { name: 'comfort-noise', value: 'true' },
      ...optional('pin', room.pin),
      ...optional('moderator-pin', room.moderatorPin),
      ...optional('pin-retries', room.pin || room.moderatorPin ? room.pinRetries : 0),
      ...optional('max-members', room.maxMembers),
      ...optional('auto-record', room.record && recordingPathOf(room.tenant.domain, room.extension)),
      ...optional('conference-flags', room.waitMod && 'wait-mod'),
    ],
  };
}
