// An IVR menu as the ICTPBX client has it (src/app/pages/ivr_menus/ivr_menu.ts: FusionPBX's
// v_ivr_menus fields, keyed by `ivr_menu_uuid`, its keys as `options`). The form sends JS booleans,
// numbers from its number inputs (null once cleared), null for an empty sound, a transfer as
// "<number> XML default" (ivr_menu-form.component.ts buildIvrDest: the context is always the
// word 'default'), and PUTs back the object it loaded. REST speaks these names in snake_case,
// GraphQL in camelCase.
import { Blank, Flag, Id, Input, Matching, Nullable, ReadOnly, Shaped, SwitchText, Text, Type, Whole, type Static, type StaticDecode } from '../shared/schema.ts';

export const IVR_MENU_NUMBER = '^[0-9]{2,10}$';

/** The option actions the client's form offers that Switchyard renders (the others are refused by name). */
export const OPTION_ACTIONS = ['transfer', 'menu', 'voicemail', 'check_voicemail', 'playback', 'hangup'] as const;
export type OptionAction = (typeof OPTION_ACTIONS)[number];
/** Offered by the client's form, refused: `set` writes any channel variable, `respond` any SIP answer, `directory` needs mod_directory's own config. */
export const REFUSED_ACTIONS = ['set', 'respond', 'directory'] as const;

export const EXIT_APPS = ['transfer', 'hangup', 'voicemail'] as const;

/**
 * A sound as FreeSWITCH's ivr menu plays it (switch_ivr_play_file): a stock sound path under the
 * sound prefix (ivr/ivr-welcome.wav), `phrase:<macro>` (a phrase of the language files) or
 * `say:<text>` (the tts-engine's speech). No absolute path (another tenant's recordings), no `..`,
 * no other prefix (tone_stream://, file_string://), nothing FreeSWITCH would expand.
 */
export const SOUND = '^$|^(?!.*\\.\\.)[A-Za-z0-9_-]+(/[A-Za-z0-9_.-]+)*\\.(wav|mp3|ogg|flac)$|^phrase:[A-Za-z0-9_]{1,64}$|^say:[^${}:]{1,256}$';
const soundProblem = "must be a stock sound path (ivr/ivr-welcome.wav), phrase:<macro> or say:<text> ('' for none)";
const Sound = (description: string) => Blank(Shaped(300, SOUND, soundProblem, { description }));

/** A destination as the form writes it: "<number>", "<number> XML <context>", or *99<box> for a mailbox. */
export const DIAL = '^$|^(\\*99)?\\+?[0-9]{1,20}( XML [A-Za-z0-9_.-]{1,253})?$';
const dialProblem = "must be a number of the tenant or an external number, optionally followed by ' XML <context>' (*99<box> for a mailbox)";

/** A number input's value, which the client may send as text too. */
const Counted = (minimum: number, maximum: number, description: string) =>
  Type.Transform(
    Type.Union([Type.Integer({ minimum, maximum }), Matching('^[0-9]{1,6}$', `must be a whole number from ${minimum} to ${maximum}`)], {
      description,
      typeMessage: `must be a whole number from ${minimum} to ${maximum}`,
    }),
  )
    .Decode((v) => Number(v))
    .Encode((n) => n);

export const IvrMenuOptionInput = Input({
  ivrMenuOptionDigits: Matching('^[0-9*#]{1,10}$', 'must be the keys pressed: 1 to 10 of 0-9, * and #', { description: 'The keys the caller presses' }),
  ivrMenuOptionAction: Type.Optional(
    Matching(`^(${[...OPTION_ACTIONS, ...REFUSED_ACTIONS].join('|')})$`, `must be one of ${OPTION_ACTIONS.join(', ')}`, {
      description: `What the keys do: ${OPTION_ACTIONS.join(', ')} (default transfer)`,
    }),
  ),
  ivrMenuOptionParam: Blank(
    Shaped(300, `${DIAL}|${SOUND}|^[A-Z_]{1,40}$|^[0-9a-fA-F-]{36}$`, 'must be a destination number, a menu uuid, a sound, or a hangup cause', {
      description: 'transfer: the number (optionally "<number> XML <context>"); menu: the other menu’s number or uuid; voicemail: the mailbox; playback: a sound; hangup: an optional cause',
    }),
  ),
  ivrMenuOptionOrder: Type.Optional(Counted(0, 9999, 'Its place among the options')),
  ivrMenuOptionDescription: Blank(Text(255)),
  ivrMenuOptionEnabled: Type.Optional(Flag()),
  ivrMenuOptionUuid: ReadOnly(),
  destinationType: ReadOnly('the kind of destination the option names: worked out from its parameter'),
});

const writable = {
  tenantId: Type.Optional(Id({ description: 'Super-admin: the tenant; a tenant admin creates in its own tenant' })),
  ivrMenuName: Type.Optional(SwitchText(64, { minLength: 1, description: 'Its name (never rendered to FreeSWITCH: the menu is known there by its uuid)' })),
  ivrMenuLanguage: Type.Optional(Matching('^[a-z]{2}(-[A-Za-z]{2})?$', 'must be a language code such as en or fr', { description: 'Its language (en, fr, ...)' })),
  ivrMenuGreetLong: Sound('Played when the menu starts'),
  ivrMenuGreetShort: Sound('Played when the menu repeats (the long greeting when empty)'),
  ivrMenuInvalidSound: Sound('Played after keys no option takes'),
  ivrMenuExitSound: Sound('Played when the menu ends'),
  ivrMenuTimeout: Whole(1000, 300000, 'Milliseconds to wait for a key (1000 to 300000)'),
  ivrMenuMaxFailures: Whole(1, 25, 'Wrong entries before the menu ends (1 to 25)'),
  ivrMenuMaxTimeouts: Whole(1, 25, 'Silent rounds before the menu ends (1 to 25)'),
  ivrMenuExitApp: Blank(Matching(`^$|^(${EXIT_APPS.join('|')})$`, `must be one of ${EXIT_APPS.join(', ')} ('' for none)`, { description: "What happens when the menu ends: transfer, voicemail, hangup ('' hangs up)" })),
  ivrMenuExitData: Blank(Shaped(300, DIAL, dialProblem, { description: 'transfer: "<number> XML <context>" or the number; voicemail: the mailbox' })),
  ivrMenuDirectDial: Type.Optional(Flag({ description: "Callers may dial the tenant's extensions (only them) from the menu" })),
  ivrMenuEnabled: Type.Optional(Flag()),
  ivrMenuDescription: Blank(Text(1024)),
  options: Type.Optional(Nullable(Type.Array(IvrMenuOptionInput, { maxItems: 50, description: 'Its keys, at most 50 (the list replaces the previous one)' }))),
};

/** What the client sends back because it read it (its edit form PUTs the loaded object). */
const echoed = {
  ivrMenuUuid: ReadOnly(),
  domainUuid: ReadOnly(),
  domainName: ReadOnly(),
  tenantName: ReadOnly(),
  ivrMenuContext: ReadOnly("always the tenant's domain"),
  ivrMenuFreeswitchName: ReadOnly(),
  dateCreated: ReadOnly(),
  lastUpdated: ReadOnly(),
};

const number = Matching(IVR_MENU_NUMBER, 'must be 2 to 10 digits', { description: 'Its number in the tenant’s dial plan: 2 to 10 digits' });

export const IvrMenuCreate = Input({ ivrMenuExtension: number, ...writable, ivrMenuName: SwitchText(64, { minLength: 1, description: 'Its name' }), ...echoed });
export const IvrMenuUpdate = Input({ ivrMenuExtension: Type.Optional(number), ...writable, ...echoed });

export const IvrMenuFilter = Input({
  tenantId: Type.Optional(Id()),
  ivrMenuExtension: Type.Optional(Text(10)),
  ivrMenuName: Type.Optional(Text(64, { description: 'Part of the name' })),
  ivrMenuEnabled: Type.Optional(Flag()),
});

export type IvrMenuCreateInput = StaticDecode<typeof IvrMenuCreate>;
export type IvrMenuUpdateInput = StaticDecode<typeof IvrMenuUpdate>;
export type IvrMenuOptionInput = StaticDecode<typeof IvrMenuOptionInput>;

export const IvrMenuOptionView = Type.Object({
  ivrMenuOptionUuid: Type.String(),
  ivrMenuOptionDigits: Type.String(),
  ivrMenuOptionAction: Type.String(),
  ivrMenuOptionParam: Type.String({ description: 'transfer: "<number> XML <tenant domain>"; menu: the other menu’s number; voicemail: the mailbox' }),
  ivrMenuOptionOrder: Type.Integer(),
  ivrMenuOptionDescription: Type.String(),
  ivrMenuOptionEnabled: Type.Boolean(),
  destinationType: Type.String({ description: "The kind of destination it names ('' for none)" }),
});

/** An IVR menu as every client reads it (REST in snake_case, GraphQL in camelCase). */
export const IvrMenuView = Type.Object({
  ivrMenuUuid: Type.String(),
  tenantId: Type.Integer(),
  tenantName: Type.String(),
  domainUuid: Type.String(),
  domainName: Type.String(),
  ivrMenuName: Type.String(),
  ivrMenuExtension: Type.String(),
  ivrMenuLanguage: Type.String(),
  ivrMenuGreetLong: Type.String(),
  ivrMenuGreetShort: Type.String(),
  ivrMenuInvalidSound: Type.String(),
  ivrMenuExitSound: Type.String(),
  ivrMenuTimeout: Type.Integer({ description: 'milliseconds' }),
  ivrMenuMaxFailures: Type.Integer(),
  ivrMenuMaxTimeouts: Type.Integer(),
  ivrMenuExitApp: Type.String(),
  ivrMenuExitData: Type.String(),
  ivrMenuDirectDial: Type.Boolean(),
  ivrMenuEnabled: Type.Boolean(),
  ivrMenuDescription: Type.String(),
  ivrMenuContext: Type.String({ description: "The tenant's domain" }),
  ivrMenuFreeswitchName: Type.String({ description: 'The menu’s name in ivr.conf (the `ivr` application’s data): its uuid' }),
  options: Type.Array(IvrMenuOptionView),
  dateCreated: Type.Integer({ description: 'unix seconds' }),
  lastUpdated: Type.Integer({ description: 'unix seconds' }),
});

export type IvrMenuView = Static<typeof IvrMenuView>;
