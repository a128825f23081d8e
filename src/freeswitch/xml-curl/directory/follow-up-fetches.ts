// A fetch FreeSWITCH makes right after another one, which the directory answers alike. After a
// REGISTER's sip_auth succeeds, mod_voicemail asks `action=message-count` for the same user, with
// the same fields but the action (../shared/freeswitch: NOTES.md and the captured
// directory-sip_auth-register and directory-message-count-after-register requests); both are
// answered with the user's document when the sip_auth found one. The listener thread keeps that
// answer under the follow-up's key as well, so each REGISTER asks the app once, not twice.
import type { FetchParams } from '../form-body.ts';

export function followUpOf(section: string, params: FetchParams): FetchParams | null {
  if (section !== 'directory' || params.action !== 'sip_auth' || !params.user) return null;
  return { ...params, action: 'message-count' };
}
