// The settings the `internal` and `external` sofia profiles start with, after FreeSWITCH's vanilla
// profiles. `$${…}` are FreeSWITCH's own global variables, expanded by FreeSWITCH: each must be one
// a stock FreeSWITCH defines (STOCK_GLOBALS), as the stock profiles use them.
// `internal` deliberately has no force-register-domain, force-register-db-domain or
// force-subscription-domain: with them every tenant collapses into one domain (NOTES.md).

export interface ProfileSettingInput {
  name: string;
  value: string;
  enabled?: boolean;
}

const shared: [string, string][] = [
  ['debug', '0'],
  ['sip-trace', 'no'],
  ['sip-capture', 'no'],
  ['rfc2833-pt', '101'],
  ['dialplan', 'XML'],
  ['context', 'public'],
  ['dtmf-duration', '2000'],
  ['rtp-timer-name', 'soft'],
  ['rtp-ip', '$${local_ip_v4}'],
  ['sip-ip', '$${local_ip_v4}'],
  ['hold-music', '$${hold_music}'],
  ['local-network-acl', 'localnet.auto'],
  ['inbound-codec-negotiation', 'generous'],
  ['inbound-late-negotiation', 'true'],
  ['nonce-ttl', '60'],
  ['rtp-timeout-sec', '300'],
  ['rtp-hold-timeout-sec', '1800'],
  ['tls', 'false'],
];

const internal: [string, string][] = [
  ...shared,
  ['sip-port', '$${internal_sip_port}'],
  ['inbound-codec-prefs', '$${global_codec_prefs}'],
  ['outbound-codec-prefs', '$${global_codec_prefs}'],
  ['apply-nat-acl', 'nat.auto'],
  ['apply-inbound-acl', 'domains'],
  ['log-auth-failures', 'true'],
  ['auth-calls', 'true'],
  ['auth-subscriptions', 'true'],
  ['inbound-reg-force-matching-username', 'true'],
  ['auth-all-packets', 'false'],
  ['challenge-realm', 'auto_from'],
  ['manage-presence', 'true'],
  ['presence-privacy', '$${presence_privacy}'],
  ['ext-rtp-ip', '$${external_rtp_ip}'],
  ['ext-sip-ip', '$${external_sip_ip}'],
  ['record-path', '$${recordings_dir}'],
  ['record-template', '${caller_id_number}.${target_domain}.${strftime(%Y-%m-%d-%H-%M-%S)}.wav'],
];

const external: [string, string][] = [
  ...shared,
  ['sip-port', '$${external_sip_port}'],
  ['inbound-codec-prefs', '$${global_codec_prefs}'],
  ['outbound-codec-prefs', '$${outbound_codec_prefs}'],
  // Only the trunks (and trusted networks) may send calls in unauthenticated.
  ['apply-inbound-acl', 'providers'],
  ['auth-calls', 'false'],
  ['manage-presence', 'false'],
  ['parse-all-invite-headers', 'true'],
  ['ext-rtp-ip', '$${external_rtp_ip}'],
  ['ext-sip-ip', '$${external_sip_ip}'],
];

const settings = (pairs: [string, string][]): ProfileSettingInput[] => pairs.map(([name, value]) => ({ name, value, enabled: true }));

export const DEFAULT_PROFILES: Record<string, ProfileSettingInput[]> = {
  internal: settings(internal),
  external: settings(external),
};
