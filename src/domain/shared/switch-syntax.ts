// FreeSWITCH expands `$${name}` (a global variable) when it reads a document, and `${...}`
// (channel variables and API calls, `${system(...)}` included) when a call runs the dialplan. Text
// a user writes reaches the XML FreeSWITCH reads, so it must carry neither: these checks refuse it
// at write time, and the XML renderer refuses it again (templates/template.ts).
import { validationFailed } from '../../errors.ts';

/**
 * The global variables a stock FreeSWITCH 1.10 defines: set by the core at start, or by the stock
 * conf/vanilla/vars.xml. Any other `$${name}` expands to nothing, and some modules then refuse to
 * load (an empty ext-rtp-ip takes mod_sofia down with every profile).
 */
export const STOCK_GLOBALS: ReadonlySet<string> = new Set(
  [
    // the core (switch_core.c, switch_nat.c)
    'base_dir cache_dir certs_dir conf_dir core_uuid data_dir db_dir exclude_error_log_from_xml_cdr fonts_dir grammar_dir hostname',
    'htdocs_dir images_dir local_ip_v4 local_ip_v6 local_mask_v4 localstate_dir log_dir mod_dir nat_private_addr nat_public_addr',
    'nat_type recordings_dir rtp_retain_crypto_keys run_dir script_dir sound_prefix sounds_dir spawn_instead_of_system storage_dir temp_dir',
    // conf/vanilla/vars.xml
    'au-ring be-ring beep bind_server_ip bong-ring ca-ring call_debug cn-ring console_loglevel cy-ring cz-ring de-ring default_areacode',
    'default_country default_password default_provider default_provider_contact default_provider_from_domain default_provider_password',
    'default_provider_register default_provider_username df_luhn df_us_ssn digits_dialed_filter dk-ring domain domain_name dz-ring',
    'eg-ring es-ring external_auth_calls external_rtp_ip external_sip_ip external_sip_port external_ssl_enable external_tls_port fi-ring',
    'fr-ring global_codec_prefs hk-ring hold_music hu-ring il-ring in-ring internal_auth_calls internal_sip_port internal_ssl_enable',
    'internal_tls_port jp-ring ko-ring outbound_caller_id outbound_caller_name outbound_codec_prefs pk-ring pl-ring presence_privacy',
    'ro-ring rs-ring rtp_liberal_dtmf rtp_sdes_suites rtp_video_max_bandwidth_in rtp_video_max_bandwidth_out ru-ring sa-ring',
    'sip_tls_ciphers sip_tls_version sit suppress_cng tr-ring uk-ring unroll_loops us-ring use_profile video_mute_png video_no_avatar_png',
    'xmpp_client_profile xmpp_server_profile',
  ]
    .join(' ')
    .split(' '),
);

const EXPANDS = /[${}]/;

/** Free text (names, prefixes, e-mail addresses): no `$`, `{` or `}` at all. */
export function checkPlainText(field: string, value: string | undefined | null): void {
  if (value && EXPANDS.test(value)) throw validationFailed(field, 'must not contain $, { or } (FreeSWITCH would expand them)');
}

/**
 * Secrets and patterns, where `$` and braces have a meaning of their own (a password character, a
 * regular expression's anchor and counts): only the expansion itself, `${`, is refused.
 */
export function checkNoExpansion(field: string, value: string | undefined | null): void {
  if (value?.includes('${')) throw validationFailed(field, 'must not contain "${" (FreeSWITCH would expand it)');
}

// What a SIP profile setting may refer to: a stock global, a channel variable by name, or the
// date through strftime (the record-template of FreeSWITCH's own profiles). Nothing that runs.
const PROFILE_REFERENCE = /\$\$\{([A-Za-z0-9_-]+)\}|\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$\{strftime\([^${}()]*\)\}/g;

/** Why a SIP profile setting's value cannot be rendered, or null when it can. */
export function profileValueProblem(value: string): string | null {
  for (const [, global] of value.matchAll(PROFILE_REFERENCE)) {
    if (global !== undefined && !STOCK_GLOBALS.has(global)) return `names $\${${global}}, which a stock FreeSWITCH does not define`;
  }
  if (EXPANDS.test(value.replace(PROFILE_REFERENCE, ''))) {
    return 'may use $, { and } only in $${stock_global}, ${channel_variable} or ${strftime(...)}';
  }
  return null;
}

export function checkProfileValue(field: string, value: string): void {
  const problem = profileValueProblem(value);
  if (problem) throw validationFailed(field, problem);
}
