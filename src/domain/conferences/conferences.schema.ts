// A conference room as the ICTPBX client has it: its conference centre (src/app/pages/conferences/
// conferences.ts, FusionPBX's v_conference_centers fields: name, extension, pin length, greeting,
// description, enabled), keyed by `conference_center_uuid`. The form sends the PIN length from a
// number input, the greeting as text (null when never typed), enabled as a JS boolean, and PUTs
// back the object it loaded. Switchyard's extras, all optional, are the settings FusionPBX keeps on
// a centre's rooms (v_conference_rooms), flattened onto the one room a centre is here: participant
// and moderator PINs, PIN retries, member limit, recording, wait-for-moderator, profile, and hold
// music. REST speaks these names in snake_case, GraphQL in camelCase.
import { SOUND } from '../ivr-menus/ivr-menus.schema.ts';
import { HOLD_MUSIC_INPUT, HOLD_MUSIC_INPUT_MAX, HOLD_MUSIC_PROBLEM } from '../music-on-hold/streams.ts';
import { Blank, Flag, Id, Input, Matching, ReadOnly, Shaped, SwitchText, Text, Type, Whole, type Static, type StaticDecode } from '../shared/schema.ts';

export const CONFERENCE_NUMBER = '^[0-9]{2,10}$';

/** The stock conference.conf profiles a room may take its sample rate from. */
export const PROFILE_RATES = { default: 8000, wideband: 16000, ultrawideband: 32000, cdquality: 48000 } as const;
export type ConferenceProfile = keyof typeof PROFILE_RATES;
const PROFILES = Object.keys(PROFILE_RATES);

export const PIN_LENGTH = { min: 3, max: 12 };
const PIN = `^$|^[0-9]{${PIN_LENGTH.min},${PIN_LENGTH.max}}$`;
const pinProblem = `must be ${PIN_LENGTH.min} to ${PIN_LENGTH.max} digits ('' for none)`;

const soundProblem = "must be a stock sound path (conference/conf-welcome.wav), phrase:<macro> or say:<text> ('' for none)";

const writable = {
  tenantId: Type.Optional(Id({ description: 'Super-admin: the tenant; a tenant admin creates in its own tenant' })),
  conferenceCenterName: Type.Optional(SwitchText(64, { minLength: 1, description: 'Its name' })),
  conferenceCenterPinLength: Whole(PIN_LENGTH.min, PIN_LENGTH.max, `The digits a PIN has (${PIN_LENGTH.min} to ${PIN_LENGTH.max}, default 4): both PINs have exactly this many`),
  conferenceCenterGreeting: Blank(
    Shaped(300, SOUND, soundProblem, { description: "Played to each caller before the PIN prompt and joining: a stock sound path, phrase:<macro> or say:<text> ('' for none)" }),
  ),
  conferenceCenterDescription: Blank(Text(1024)),
  conferenceCenterEnabled: Type.Optional(Flag()),
  conferenceCenterPin: Blank(Matching(PIN, pinProblem, { description: "The participants' PIN, asked before joining ('' for none)" })),
  conferenceCenterModeratorPin: Blank(
    Matching(PIN, pinProblem, { description: "The moderator's PIN: who enters it joins as moderator. Needs a participant PIN, and differs from it ('' for none)" }),
  ),
  conferenceCenterPinRetries: Whole(1, 9, 'Tries a caller has to enter a PIN (1 to 9, default 3)'),
  conferenceCenterMaxMembers: Whole(0, 1000, 'Callers at most at once: 0 for no limit, else 2 to 1000'),
  conferenceCenterRecord: Type.Optional(Flag({ description: 'Record every session of the room (under the recordings directory, by tenant domain and room)' })),
  conferenceCenterWaitMod: Type.Optional(Flag({ description: 'Callers hear hold music until a moderator joins (needs a moderator PIN)' })),
  conferenceCenterProfile: Type.Optional(
    Matching(`^(${PROFILES.join('|')})$`, `must be one of ${PROFILES.join(', ')}`, { description: `The stock profile whose sample rate it takes: ${PROFILES.join(', ')} (default)` }),
  ),
  // The shape only: the service checks the class is the tenant's (music-on-hold holdMusicChecker).
  conferenceCenterHoldMusic: Blank(
    Shaped(HOLD_MUSIC_INPUT_MAX, HOLD_MUSIC_INPUT, HOLD_MUSIC_PROBLEM, {
      description:
        "What a caller alone (or waiting for the moderator) hears: a music-on-hold class of the tenant (its name or local_stream://<domain>/<name>) or a stock stream (default, moh); '' for the stock hold music",
    }),
  ),
};

/** What the client sends back because it read it (its edit form PUTs the loaded object). */
const echoed = {
  conferenceCenterUuid: ReadOnly(),
  domainUuid: ReadOnly(),
  domainName: ReadOnly(),
  tenantName: ReadOnly(),
  conferenceName: ReadOnly('the running conference: <extension>-<domain>'),
  dateCreated: ReadOnly(),
  lastUpdated: ReadOnly(),
};

const number = Matching(CONFERENCE_NUMBER, 'must be 2 to 10 digits', { description: 'Its number in the tenant’s dial plan: 2 to 10 digits' });

export const ConferenceCreate = Input({
  conferenceCenterExtension: number,
  ...writable,
  conferenceCenterName: SwitchText(64, { minLength: 1, description: 'Its name' }),
  ...echoed,
});
export const ConferenceUpdate = Input({ conferenceCenterExtension: Type.Optional(number), ...writable, ...echoed });

export const ConferenceFilter = Input({
  tenantId: Type.Optional(Id()),
  conferenceCenterExtension: Type.Optional(Text(10)),
  conferenceCenterName: Type.Optional(Text(64, { description: 'Part of the name' })),
  conferenceCenterEnabled: Type.Optional(Flag()),
});

export type ConferenceCreateInput = StaticDecode<typeof ConferenceCreate>;
export type ConferenceUpdateInput = StaticDecode<typeof ConferenceUpdate>;

/** A conference room as every client reads it (REST in snake_case, GraphQL in camelCase). */
export const ConferenceView = Type.Object({
  conferenceCenterUuid: Type.String(),
  tenantId: Type.Integer(),
  tenantName: Type.String(),
  domainUuid: Type.String(),
  domainName: Type.String(),
  conferenceCenterName: Type.String(),
  conferenceCenterExtension: Type.String(),
  conferenceCenterPinLength: Type.Integer(),
  conferenceCenterGreeting: Type.String(),
  conferenceCenterDescription: Type.String(),
  conferenceCenterEnabled: Type.Boolean(),
  conferenceCenterPin: Type.String(),
  conferenceCenterModeratorPin: Type.String(),
  conferenceCenterPinRetries: Type.Integer(),
  conferenceCenterMaxMembers: Type.Integer({ description: '0: no limit' }),
  conferenceCenterRecord: Type.Boolean(),
  conferenceCenterWaitMod: Type.Boolean(),
  conferenceCenterProfile: Type.String(),
  conferenceCenterHoldMusic: Type.String({ description: "What plays: local_stream://<domain>/<class> for the tenant's class, local_stream://<stream> for a stock one ('' for the stock hold music)" }),
  conferenceName: Type.String({ description: 'The running conference as FreeSWITCH names it: <extension>-<domain>' }),
  dateCreated: Type.Integer({ description: 'unix seconds' }),
  lastUpdated: Type.Integer({ description: 'unix seconds' }),
});

export type ConferenceView = Static<typeof ConferenceView>;
