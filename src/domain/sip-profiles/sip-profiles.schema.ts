// A sofia profile's settings as the super-admin replaces them (a Switchyard extra: the ICTPBX client
// has no such screen). Values reach sofia.conf: the service checks each with profileValueProblem.
import { Flag, Input, Matching, Text, Type, type Static, type StaticDecode } from '../shared/schema.ts';

export const ProfileName = Matching('^[a-z0-9][a-z0-9_-]{0,31}$', 'must be a profile name (lower-case letters, digits, _ and -)');

const Setting = Input({
  name: Matching('^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$', "must be a sofia parameter's name"),
  value: Text(1024),
  enabled: Type.Optional(Flag()),
});

export const ProfileSettings = Input({ settings: Type.Array(Setting, { minItems: 1, maxItems: 500 }) });

export const SipProfileView = Type.Object({
  profile: Type.String(),
  settings: Type.Array(Type.Object({ name: Type.String(), value: Type.String(), enabled: Type.Boolean() })),
});

export type ProfileSettingsInput = StaticDecode<typeof ProfileSettings>;
export type SipProfileView = Static<typeof SipProfileView>;
