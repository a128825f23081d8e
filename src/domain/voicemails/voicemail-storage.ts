// Where mod_voicemail keeps a box's files: voicemail.conf's `default` profile has its storage-dir
// at MEDIA_DIR/voicemail/default, and mod_voicemail (voicemail_leave_main, mod_voicemail.c) reads
// a box of a profile with its own storage-dir from <storage-dir>/<domain>/<id>/: its messages
// (msg_<uuid>.<ext>) and its greetings (greeting_<n>.<ext>, recorded from the phone too).
export const VOICEMAIL_PROFILE = 'default';

/** The profile's storage-dir, as media-store segments. */
export const storageSegments = (): string[] => ['voicemail', VOICEMAIL_PROFILE];

/** A box's directory. */
export const boxSegments = (domain: string, box: string): string[] => [...storageSegments(), domain, box];

/** A greeting's file name in its box: greeting_<n>.<wav|mp3>. */
export const greetingFileName = (greetingId: number, format: string) => `greeting_${greetingId}.${format}`;
