// A voicemail box as the ICTPBX client has it (its Voicemail model, src/app/pages/voicemails/
// voicemails.ts: FusionPBX's v_voicemails fields) and its greetings (VoicemailGreeting). The form
// (voicemails-form-component.ts) sends the box as it loaded it, its checkboxes as booleans, the
// PIN in voicemail_password, and `greetings` / `greeting_count` back with it (read-only here:
// greetings are uploaded and deleted at /voicemail_greetings). A box is bound to an extension of
// the tenant: voicemail_id is the extension's number.
import { Blank, Flag, Id, Input, Int, Matching, Nullable, ReadOnly, Shaped, SwitchText, Text, Type, type Static, type StaticDecode } from '../shared/schema.ts';

const EMAIL = '^$|^[^\\s@,;]+@[^\\s@,;]+\\.[^\\s@,;]+$';

/** What the e-mail of a new message carries: mod_voicemail attaches the recording, or only tells. */
export const VOICEMAIL_FILES = ['attach', 'link', 'none'] as const;

/** mod_voicemail keeps greetings 1 to 9 (VM_MAX_GREETINGS in mod_voicemail.c). */
export const MAX_GREETINGS = 9;

const writable = {
  tenantId: Type.Optional(Id({ description: "Super-admin: the box's tenant (checked against the extension's)" })),
  voicemailPassword: Type.Optional(
    Matching('^[0-9]{4,10}$', 'must be 4 to 10 digits', { description: "The box's PIN (the extension's voicemail PIN): 4 to 10 digits, not all the same, not the box number" }),
  ),
  voicemailMailTo: Blank(Shaped(255, EMAIL, 'must be an email address', { description: 'Where mod_voicemail e-mails each new message (vm-mailto)' })),
  voicemailSmsTo: Blank(Matching('^$|^\\+?[0-9]{2,20}$', 'must be a phone number (digits, optional +)', { description: 'Kept for the client: Switchyard sends no SMS' })),
  voicemailTranscriptionEnabled: Type.Optional(Flag({ description: 'Kept for the client: Switchyard does not transcribe' })),
  voicemailFile: Type.Optional(
    Type.Union(
      VOICEMAIL_FILES.map((f) => Type.Literal(f)),
      { description: 'attach: the e-mail carries the recording; link: the e-mail only tells; none: no e-mail', typeMessage: 'must be attach, link or none' },
    ),
  ),
  voicemailLocalAfterEmail: Type.Optional(Flag({ description: 'Keep the message in the box once e-mailed (vm-keep-local-after-email)' })),
  voicemailTutorial: Type.Optional(Flag({ description: 'Kept for the client' })),
  voicemailRecordingInstructions: Type.Optional(Flag({ description: 'Kept for the client' })),
  voicemailRecordingOptions: Type.Optional(Flag({ description: 'Kept for the client' })),
  voicemailAlternateGreetId: Blank(Matching('^$|^[0-9]{1,20}$', 'must be digits', { description: 'The number the default greeting says instead of the box number' })),
  voicemailEnabled: Type.Optional(Flag({ description: "Whether the box takes messages (the extension's voicemail_enabled)" })),
  voicemailDescription: Blank(SwitchText(255)),
  greetingId: Type.Optional(
    Nullable(Int(1, MAX_GREETINGS, { description: "Switchyard: the chosen greeting's greeting_id (null: mod_voicemail's own greeting)" })),
  ),
};

/** What the client sends back because it read it. */
const echoed = {
  voicemailUuid: ReadOnly(),
  domainUuid: ReadOnly(),
  domainName: ReadOnly(),
  tenantName: ReadOnly(),
  extensionUuid: ReadOnly(),
  greetings: ReadOnly('uploaded and deleted at /voicemail_greetings'),
  greetingCount: ReadOnly(),
  dateCreated: ReadOnly(),
  lastUpdated: ReadOnly(),
};

const voicemailId = Matching('^[0-9]{1,20}$', 'must be the number of an extension of the tenant', { description: 'The box number: an extension of the tenant' });

export const VoicemailCreate = Input({ voicemailId, ...writable, ...echoed }, { description: 'A voicemail box' });
export const VoicemailUpdate = Input({ voicemailId: Type.Optional(voicemailId), ...writable, ...echoed });

export const VoicemailFilter = Input({
  tenantId: Type.Optional(Id()),
  voicemailId: Type.Optional(Text(20)),
  voicemailEnabled: Type.Optional(Flag()),
});

export type VoicemailCreateInput = StaticDecode<typeof VoicemailCreate>;
export type VoicemailUpdateInput = StaticDecode<typeof VoicemailUpdate>;

export const VoicemailGreetingView = Type.Object({
  voicemailGreetingUuid: Type.String(),
  voicemailUuid: Type.String(),
  greetingId: Type.Integer({ description: 'Its number in the box (1 to 9): greeting_<n> in the box directory' }),
  greetingName: Type.String(),
  greetingFilename: Type.String({ description: 'The stored file name (greeting_<n>.wav or .mp3)' }),
  greetingDescription: Type.String(),
  greetingFormat: Type.String({ description: 'wav or mp3, read from the bytes' }),
  greetingSize: Type.Integer({ description: 'bytes' }),
  greetingChosen: Type.Boolean({ description: "Whether it is the box's chosen greeting" }),
  dateCreated: Type.Integer({ description: 'unix seconds' }),
});

export type VoicemailGreetingView = Static<typeof VoicemailGreetingView>;

/** A box as every client reads it (REST in snake_case, GraphQL in camelCase). */
export const VoicemailView = Type.Object({
  voicemailUuid: Type.String(),
  tenantId: Type.Integer(),
  tenantName: Type.String(),
  domainUuid: Type.String(),
  domainName: Type.String(),
  extensionUuid: Type.String(),
  voicemailId: Type.String(),
  voicemailPassword: Type.Optional(Type.String({ description: 'The PIN: only for those who may see secrets' })),
  voicemailMailTo: Type.String(),
  voicemailSmsTo: Type.String(),
  voicemailTranscriptionEnabled: Type.Boolean(),
  voicemailFile: Type.String(),
  voicemailLocalAfterEmail: Type.Boolean(),
  voicemailTutorial: Type.Boolean(),
  voicemailRecordingInstructions: Type.Boolean(),
  voicemailRecordingOptions: Type.Boolean(),
  voicemailAlternateGreetId: Type.String(),
  voicemailEnabled: Type.Boolean(),
  voicemailDescription: Type.String(),
  greetingId: Type.Union([Type.Integer(), Type.Null()], { description: 'The chosen greeting (null: none)' }),
  greetings: Type.Array(VoicemailGreetingView),
  greetingCount: Type.Integer(),
  dateCreated: Type.Integer({ description: 'unix seconds' }),
  lastUpdated: Type.Integer({ description: 'unix seconds' }),
});

export type VoicemailView = Static<typeof VoicemailView>;

/** The text fields of a greeting upload (multipart), besides its file. */
export const GreetingUpload = Input({
  voicemailUuid: Text(64, { minLength: 1, description: 'The box it belongs to' }),
  greetingName: Blank(SwitchText(64)),
  greetingDescription: Blank(SwitchText(255)),
  greetingId: Type.Optional(Matching('^[1-9]$', `must be a number from 1 to ${MAX_GREETINGS}`, { description: 'Its number in the box; the first free one when omitted' })),
});

export const GreetingFilter = Input({ voicemailUuid: Type.Optional(Text(64)), tenantId: Type.Optional(Id()) });

/** A message in a box, as mod_voicemail's vm_list says it. */
export const VoicemailMessageView = Type.Object({
  messageUuid: Type.String(),
  createdEpoch: Type.Integer(),
  readEpoch: Type.Integer({ description: '0 while unread' }),
  folder: Type.String(),
  callerIdName: Type.String(),
  callerIdNumber: Type.String(),
  messageLength: Type.Integer({ description: 'seconds' }),
  node: Type.String({ description: 'The FreeSWITCH node that answered' }),
});

export type VoicemailMessageView = Static<typeof VoicemailMessageView>;
