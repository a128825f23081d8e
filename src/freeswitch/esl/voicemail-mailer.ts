// A voicemail message was left on some node, and Switchyard mails it (VOICEMAIL_MAILER=switchyard,
// docs/media-and-devices.md): mod_voicemail fires CUSTOM vm::maintenance with VM-Action
// leave-message (mod_voicemail.c deliver_vm: VM-User, VM-Domain, VM-Caller-ID-Name,
// VM-Caller-ID-Number, VM-File-Path, VM-Flags, VM-Folder, VM-UUID, VM-Message-Len, VM-Timestamp),
// only for a box that keeps its messages, which is why the directory then renders
// vm-keep-local-after-email=true and vm-email-all-messages=false (mod_voicemail mails nothing).
// No such event was captured from a real FreeSWITCH: its shape is read from mod_voicemail's source.
//
// `deliver` (control/voicemail-mail.service.ts) looks the box up and mails; when the recording went
// out attached and the box does not keep messages once mailed, the message is deleted on the node
// that took it (`vm_delete <box>@<domain>/default <uuid>`: the file, the row and the lamp).
// An event of another shape, for an unknown box, or naming a file outside the box's directory
// changes nothing and is logged (addresses and paths, never the recording). Events are handled
// one at a time, in arrival order; the queue is bounded.
import type { EslLogger } from './client.ts';
import { commands } from './commands.ts';
import { createEventQueue } from './event-queue.ts';
import type { SwitchManager } from './manager.ts';
import type { VoicemailLeftHeaders } from './normalise.ts';
import { VOICEMAIL_PROFILE } from '../../domain/voicemails/voicemail-storage.ts';

/** A message mod_voicemail took, its headers checked. */
export interface LeftMessage {
  node: string;
  box: string;
  /** VM-Domain as sent: the box's directory is named with it. */
  domain: string;
  callerIdName: string;
  callerIdNumber: string;
  filePath: string;
  uuid: string;
  seconds: number;
  /** Epoch seconds. */
  timestamp: number;
}

export type MailOutcome =
  | { kind: 'unknown-box' }
  /** The box has no address, or its mode is `none`. */
  | { kind: 'not-mailed' }
  | { kind: 'refused-path' }
  | { kind: 'missing-file' }
  /** Another Switchyard node took it first. */
  | { kind: 'mailed-elsewhere' }
  | { kind: 'mailed'; to: string; attached: boolean; tooLarge: boolean; bytes: number; deleteAfter: boolean };

const DOMAIN = /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/i;
const BOX = /^[0-9]{1,20}$/;
/** A session uuid: mod_voicemail names the message after the call (an origination_uuid may be any word). */
const MESSAGE_UUID = /^[A-Za-z0-9-]{1,64}$/;
const DIGITS = /^[0-9]{1,12}$/;

/** The message an event tells of, or null when its headers are not what deliver_vm sets. */
export function leftMessage(node: string, h: VoicemailLeftHeaders, receivedAt: number): LeftMessage | null {
  const box = h['VM-User'];
  const domain = h['VM-Domain'];
  const uuid = h['VM-UUID'];
  const filePath = h['VM-File-Path'];
  if (!box || !BOX.test(box) || !domain || !DOMAIN.test(domain) || !uuid || !MESSAGE_UUID.test(uuid) || !filePath || filePath.length > 1024) return null;
  const len = h['VM-Message-Len'];
  const ts = h['VM-Timestamp'];
  return {
    node,
    box,
    domain,
    callerIdName: h['VM-Caller-ID-Name'] ?? '',
    callerIdNumber: h['VM-Caller-ID-Number'] ?? '',
    filePath,
    uuid,
    seconds: len && DIGITS.test(len) ? Number(len) : 0,
    timestamp: ts && DIGITS.test(ts) ? Number(ts) : Math.floor(receivedAt / 1000),
  };
}

export function createVoicemailMailer(deps: { manager: SwitchManager; deliver: (m: LeftMessage) => Promise<MailOutcome>; log: EslLogger }) {
  const { manager, deliver, log } = deps;
  const queue = createEventQueue(log, 'voicemail mail');

  async function handle(node: string, headers: VoicemailLeftHeaders, at: number) {
    const m = leftMessage(node, headers, at);
    if (!m) {
      log.warn({ node }, 'voicemail leave-message event without a box, domain, message uuid and file: ignored');
      return;
    }
    const box = `${m.box}@${m.domain}`;
    const outcome = await deliver(m);
    switch (outcome.kind) {
      case 'unknown-box':
        log.warn({ node, box }, 'voicemail message for a box Switchyard does not know: not mailed');
        return;
      case 'not-mailed':
      case 'mailed-elsewhere':
        return;
      case 'refused-path':
        log.warn({ node, box, path: m.filePath.slice(0, 300) }, "voicemail message file is not in its box's directory under the voicemail storage: not mailed");
        return;
      case 'missing-file':
        log.warn({ node, box, path: m.filePath.slice(0, 300) }, 'voicemail message file not found: not mailed');
        return;
      case 'mailed':
        log.info({ node, box, to: outcome.to, attached: outcome.attached, tooLarge: outcome.tooLarge, bytes: outcome.bytes }, 'voicemail message mailed');
        if (outcome.deleteAfter) await remove(m, box);
    }
  }

  async function remove(m: LeftMessage, box: string) {
    const client = manager.client(m.node);
    if (!client) return log.warn({ node: m.node, box }, 'voicemail message mailed but its node is gone: kept in the box');
    try {
      const result = await client.api(commands.voicemailDelete(`${box}/${VOICEMAIL_PROFILE}`, m.uuid));
      if (!result.ok) log.warn({ node: m.node, box, reply: result.text }, 'vm_delete of a mailed voicemail message refused: kept in the box');
    } catch (err) {
      log.warn({ node: m.node, box, err }, 'vm_delete of a mailed voicemail message failed: kept in the box');
    }
  }

  let unsubscribe: (() => void) | null = null;
  return {
    start() {
      unsubscribe = manager.events.subscribe((event) => {
        if (event.kind === 'voicemail_left') queue.push(event.node, () => handle(event.node, event.headers, event.at));
      });
    },
    /** Waits for the events already received. */
    idle: queue.idle,
    stop() {
      unsubscribe?.();
      unsubscribe = null;
    },
  };
}
