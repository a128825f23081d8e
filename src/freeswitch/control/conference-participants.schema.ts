// A live conference room's members as the ICTPBX client's conference panel reads and drives them
// (ICTPBX's ConferenceParticipantApi): the room's extension and its members, muted when their
// status says "mute". Rooms are named by `conference_uuid` (the conference centre: a room of
// domain/conferences); a running conference may also be named by `conference_name`.
import { Input, Int, Matching, Nullable, Text, Type, type Static, type StaticDecode } from '../../domain/shared/schema.ts';

export const PARTICIPANT_ACTIONS = ['mute', 'unmute', 'deaf', 'undeaf', 'kick'] as const;

const ConferenceName = Matching('^[A-Za-z0-9_.@:+-]{1,128}$', 'must be a conference name (letters, digits and _ . @ : + -)', {
  description: 'The running conference, as FreeSWITCH names it (<room>-<domain>)',
});

/** A member id from the client (a number) or a form (text). */
const MemberId = Type.Transform(Type.Union([Int(1, 2_147_483_647), Matching('^[1-9][0-9]{0,9}$', 'must be a member id')], { typeMessage: 'must be a member id (1 or more)' }))
  .Decode((v) => Number(v))
  .Encode((n) => n);

export const ParticipantsQuery = Input({
  conferenceUuid: Type.Optional(Text(64, { description: 'The conference centre' })),
  conferenceName: Type.Optional(ConferenceName),
});

export const ParticipantControl = Input({
  conferenceUuid: Type.Optional(Text(64, { description: 'The conference centre' })),
  conferenceName: Type.Optional(ConferenceName),
  action: Type.Union(PARTICIPANT_ACTIONS.map((a) => Type.Literal(a))),
  memberId: MemberId,
});

export const ConferenceMemberView = Type.Object({
  memberId: Type.Integer(),
  uuid: Type.String(),
  callerIdName: Type.String(),
  callerIdNumber: Type.String(),
  status: Type.String({ description: "FreeSWITCH's member flags: hear|speak|talking|floor, with mute / deaf when so" }),
  conferenceName: Type.String(),
  node: Type.String(),
  muted: Type.Boolean(),
  deaf: Type.Boolean(),
  talking: Type.Boolean(),
  hasFloor: Type.Boolean(),
  moderator: Type.Boolean(),
  joinTime: Nullable(Type.Integer({ description: 'seconds in the conference' })),
  energy: Nullable(Type.Integer()),
});

export const ConferenceRoomView = Type.Object({
  conferenceCenterExtension: Type.String({ description: 'The room (its number)' }),
  conferenceName: Type.String(),
  members: Type.Array(ConferenceMemberView),
});

export const ParticipantControlAnswer = Type.Object({ status: Type.Literal('ok'), action: Type.String(), memberId: Type.Integer() });

export type ParticipantsQueryInput = StaticDecode<typeof ParticipantsQuery>;
export type ParticipantControlInput = StaticDecode<typeof ParticipantControl>;
export type ConferenceMemberView = Static<typeof ConferenceMemberView>;
export type ConferenceRoomView = Static<typeof ConferenceRoomView>;
export type ParticipantControlAnswer = Static<typeof ParticipantControlAnswer>;
