// A new voicemail message e-mailed by Switchyard (VOICEMAIL_MAILER=switchyard): mod_voicemail told
// of it over the Event Socket (esl/voicemail-mailer.ts reads the event) and Switchyard mails it to
// the box's address with its own mailer, the recording attached when the box says `attach`.
//
// The recording is read only from the box's own directory under voicemail.conf's storage-dir
// (MEDIA_DIR/voicemail/default/<domain>/<box>/, voicemail-storage.ts): the path the event names
// must be that directory's file, textually (no `..`, no other directory) and on disk (no symlink,
// neither the file nor a directory above it inside the storage), so an event can neither read a
// file elsewhere nor mail another box's (another tenant's) message. Anything else is refused.
import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import type { Config } from '../../config.ts';
import { storageSegments } from '../../domain/voicemails/voicemail-storage.ts';
import type { VoicemailsRepository } from '../../domain/voicemails/voicemails.repository.ts';
import type { Mail, Mailer } from '../../infra/mailer.ts';
import { createMediaStore } from '../../infra/media-store.ts';
import type { LeftMessage, MailOutcome } from '../esl/index.ts';

const CONTENT_TYPES: Record<string, string> = { '.wav': 'audio/wav', '.mp3': 'audio/mpeg' };

/** Caller-supplied text for a subject line: no control characters, bounded. */
const clean = (text: string, max = 80) =>
  [...text]
    .map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? ' ' : c))
    .join('')
    .replace(/ +/g, ' ')
    .trim()
    .slice(0, max);

export const formatDuration = (seconds: number) => {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
};

const formatTime = (epochSeconds: number) => `${new Date(epochSeconds * 1000).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

export function createVoicemailMailService(deps: { config: Config; voicemails: VoicemailsRepository; mailer: Mailer }) {
  const { voicemails, mailer } = deps;
  const storageDir = createMediaStore(deps.config.media.dir).pathOf(...storageSegments());
  const maxBytes = deps.config.voicemail.attachMaxBytes;

  /** The recording, opened without following a link; null when the path is not the box's own file. */
  async function openRecording(m: LeftMessage) {
    const boxDir = join(storageDir, m.domain, m.box);
    const p = m.filePath;
    if (!isAbsolute(p) || resolve(p) !== p || dirname(p) !== boxDir) return null;
    try {
      const [realRoot, realBox] = await Promise.all([realpath(storageDir), realpath(boxDir)]);
      if (realBox !== join(realRoot, m.domain, m.box)) return null;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'missing' as const;
      throw err;
    }
    try {
      const handle = await open(p, constants.O_RDONLY | constants.O_NOFOLLOW);
      const stat = await handle.stat();
      if (!stat.isFile()) {
        await handle.close();
        return null;
      }
      return { handle, size: stat.size };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') return null;
      if (code === 'ENOENT') return 'missing' as const;
      throw err;
    }
  }

  function compose(m: LeftMessage, to: string, mode: string, size: number, attached: boolean): Mail {
    const name = clean(m.callerIdName);
    const number = clean(m.callerIdNumber, 40) || 'unknown';
    const from = name && name !== number ? `${name} <${number}>` : number;
    const duration = formatDuration(m.seconds);
    const recording =
      mode === 'link'
        ? 'The recording is kept in your voicemail box: call your voicemail to hear it.'
        : attached
          ? `The recording is attached (${basename(m.filePath)}).`
          : `The recording (${mib(size)}) is larger than mail may carry (${mib(maxBytes)}): it is not attached. Call your voicemail to hear it.`;
    return {
      to,
      subject: `Voicemail for ${m.box} from ${from} (${duration})`,
      text: [
        `A new voicemail message was left in box ${m.box}@${m.domain}.`,
        '',
        `From: ${from}`,
        `Duration: ${duration}`,
        `Received: ${formatTime(m.timestamp)}`,
        '',
        recording,
        '',
      ].join('\n'),
    };
  }

  return {
    /** Mails the message when its box asks for it; says what was done (the caller logs it and deletes). */
    async deliver(m: LeftMessage): Promise<MailOutcome> {
      const box = await voicemails.mailSettings(m.domain.toLowerCase(), m.box);
      if (!box) return { kind: 'unknown-box' };
      if (!box.mailTo || box.file === 'none') return { kind: 'not-mailed' };
      const recording = await openRecording(m);
      if (recording === null) return { kind: 'refused-path' };
      if (recording === 'missing') return { kind: 'missing-file' };
      // Every Switchyard node hears the event: one of them mails it.
      if (!(await voicemails.claimMailing(m.uuid))) {
        await recording.handle.close();
        return { kind: 'mailed-elsewhere' };
      }
      const { handle, size } = recording;
      let mail: Mail;
      try {
        const attach = box.file === 'attach' && size <= maxBytes;
        mail = compose(m, box.mailTo, box.file, size, attach);
        if (attach) {
          const content = await handle.readFile();
          mail.attachments = [{ filename: basename(m.filePath), content, contentType: CONTENT_TYPES[extname(m.filePath).toLowerCase()] ?? 'application/octet-stream' }];
        }
      } finally {
        await handle.close();
      }
      await mailer.send(mail);
      const attached = !!mail.attachments;
      // Only a recording that went out with the mail leaves the box: otherwise it would be lost.
      return { kind: 'mailed', to: box.mailTo, attached, tooLarge: box.file === 'attach' && !attached, bytes: size, deleteAfter: attached && !box.keepLocalAfterEmail };
    },
  };
}

export type VoicemailMailService = ReturnType<typeof createVoicemailMailService>;
