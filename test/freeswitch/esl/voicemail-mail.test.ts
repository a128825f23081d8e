// Voicemail e-mail through Switchyard's mailer (VOICEMAIL_MAILER=switchyard): mod_voicemail fires
// CUSTOM vm::maintenance with VM-Action leave-message when it takes a message, delivered here by
// the fake Event Socket. No such event was captured from a real FreeSWITCH
// (../shared/freeswitch/esl-transcripts: transcript 20 deposited nothing): the frame is the captured
// CUSTOM JSON event's framing (sofia::register, as the toggle tests do) carrying the headers
// mod_voicemail.c deliver_vm sets (VM-Action, VM-User, VM-Domain, VM-Caller-ID-Name,
// VM-Caller-ID-Number, VM-File-Path, VM-Flags, VM-Folder, VM-UUID, VM-Message-Len, VM-Timestamp).
// A box in mode attach gets a mail with the recording and, unless it keeps messages, vm_delete on
// the node; mode link a mail without it; mode none nothing. A file outside the box's directory
// under the storage (another tenant's box, `..`, a symlink), an unknown box or a bad event mails
// nothing and is logged; the recording is never logged. Without SMTP the real mailer writes the
// MIME message with its attachment to DATA_DIR/outbox.
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';
import { wavFile } from '../../helpers/audio.ts';
import { databaseKinds } from '../../helpers/databases.ts';
import { eslEnv } from '../../helpers/esl-app.ts';
import { deriveJsonEvent, eventFrames } from '../../helpers/esl-transcripts.ts';
import { captured, startFakeEsl, type FakeEsl } from '../../helpers/fake-esl.ts';
import { createExtension, createTenant } from '../../helpers/pbx-fixtures.ts';
import { until } from '../../helpers/wait.ts';

const CUSTOM_FRAME = eventFrames('event-json-subset-register-call').find((f) => f.includes('"sofia::register"'))!;

/** The leave-message event deliver_vm fires, in the captured CUSTOM event's framing. */
function leaveMessage(fields: Record<string, string | undefined>): string {
  return deriveJsonEvent(CUSTOM_FRAME, {
    set: {
      'Event-Subclass': 'vm::maintenance',
      'VM-Action': 'leave-message',
      'VM-Caller-ID-Name': 'Bob Sales',
      'VM-Caller-ID-Number': '15551234567',
      'VM-Flags': 'B_NORMAL',
      'VM-Folder': 'inbox',
      'VM-Message-Len': '72',
      'VM-Timestamp': '1796588125',
      ...fields,
    },
  });
}

let n = 0;
const messageUuid = () => `0f0e0d0c-0b0a-4908-8706-${String(++n).padStart(12, '0')}`;

async function startApp(kind: (typeof databaseKinds)[number], fake: FakeEsl, lines: string[], realMailer = false) {
  const t = await createTestApp(
    kind,
    { ...eslEnv(fake), VOICEMAIL_MAILER: 'switchyard', VOICEMAIL_ATTACH_MAX_BYTES: '4096', LOG_LEVEL: 'info' },
    { logStream: { write: (line) => void lines.push(line) }, realMailer },
  );
  await until(() => t.app.esl.client('default')?.isConnected() === true);
  return t;
}

describe('VOICEMAIL_MAILER', () => {
  it('is switchyard by default when SMTP is configured, freeswitch otherwise, and takes nothing else', () => {
    const env = { DATA_DIR: '/tmp/switchyard-config-test' };
    expect(loadConfig(env).voicemail).toEqual({ mailer: 'freeswitch', attachMaxBytes: 20 * 1024 * 1024 });
    expect(loadConfig({ ...env, SMTP_URL: 'smtp://mail.example.test' }).voicemail.mailer).toBe('switchyard');
    expect(loadConfig({ ...env, SMTP_URL: 'smtp://mail.example.test', VOICEMAIL_MAILER: 'freeswitch' }).voicemail.mailer).toBe('freeswitch');
    expect(loadConfig({ ...env, VOICEMAIL_MAILER: 'switchyard' }).voicemail.mailer).toBe('switchyard');
    expect(() => loadConfig({ ...env, VOICEMAIL_MAILER: 'sendmail' })).toThrow(ConfigError);
  });
});

describe.each(databaseKinds)('voicemail mailed by Switchyard on $name', (kind) => {
  let t: TestApp;
  let fake: FakeEsl;
  const lines: string[] = [];
  let storage: string;

  /** A recording of box `box`@`domain` as mod_voicemail leaves it: <storage>/<domain>/<box>/msg_<uuid>.wav. */
  function record(domain: string, box: string, uuid: string, bytes = wavFile({ seconds: 0.05 })) {
    const dir = join(storage, domain, box);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `msg_${uuid}.wav`);
    writeFileSync(path, bytes);
    return { path, bytes };
  }
  const fire = (box: string, domain: string, uuid: string, path: string, extra: Record<string, string | undefined> = {}) =>
    fake.push(leaveMessage({ 'VM-User': box, 'VM-Domain': domain, 'VM-UUID': uuid, 'VM-File-Path': path, ...extra }));
  /** Sends a message 1004 always mails, and waits for it: every event pushed before it has been handled. */
  async function settle() {
    const uuid = messageUuid();
    const before = t.mail.length;
    fire('1004', 'acme.test', uuid, record('acme.test', '1004', uuid).path);
    await until(() => t.mail.some((m, i) => i >= before && m.to === 'dave@acme.test'));
    const mails = t.mail.splice(before);
    expect(mails.map((m) => m.to)).toEqual(['dave@acme.test']);
  }
  const vmDeletes = () => fake.commands.filter((c) => c.startsWith('api vm_delete'));

  beforeAll(async () => {
    fake = await startFakeEsl();
    fake.answer(/^api vm_delete /, captured.apiOk);
    t = await startApp(kind, fake, lines);
    storage = join(t.config.media.dir, 'voicemail', 'default');
    const token = await t.adminToken();
    const acme = await createTenant(t, { name: 'Acme', domain: 'acme.test' });
    const globex = await createTenant(t, { name: 'Globex', domain: 'globex.test' });
    const boxes: [number, string, string, string, boolean][] = [
      [acme, '1001', 'alice@acme.test', 'attach', false],
      [acme, '1002', 'bob@acme.test', 'link', false],
      [acme, '1003', 'carol@acme.test', 'none', false],
      [acme, '1004', 'dave@acme.test', 'attach', true],
      [globex, '1001', 'eve@globex.test', 'attach', false],
    ];
    for (const [tenant, number, mailTo, file, keep] of boxes) {
      await createExtension(t, tenant, { extension: number, password: 'Pass-word-x1' });
      const res = await t.api('POST', '/api/voicemails', {
        token,
        body: { tenant_id: tenant, voicemail_id: number, voicemail_password: '4826', voicemail_mail_to: mailTo, voicemail_file: file, voicemail_local_after_email: keep },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('subscribes to mod_voicemail maintenance events on the node', () => {
    expect(fake.subscribed('CUSTOM vm::maintenance')).toBe(true);
  });

  it('mode attach: mails the recording attached, with caller id, duration and time, then deletes the message on the node', async () => {
    const uuid = messageUuid();
    const { path, bytes } = record('acme.test', '1001', uuid);
    fire('1001', 'acme.test', uuid, path);
    await until(() => t.mail.length === 1);
    const mail = t.mail.shift()!;
    expect(mail.to).toBe('alice@acme.test');
    expect(mail.subject).toBe('Voicemail for 1001 from Bob Sales <15551234567> (1:12)');
    expect(mail.text).toContain('box 1001@acme.test');
    expect(mail.text).toContain('Duration: 1:12');
    expect(mail.text).toContain('Received: 2026-12-06 20:15:25 UTC');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments![0]).toMatchObject({ filename: `msg_${uuid}.wav`, contentType: 'audio/wav' });
    expect(Buffer.from(mail.attachments![0].content).equals(bytes)).toBe(true);
    await fake.waitForCommand(`api vm_delete 1001@acme.test/default ${uuid}`);
    expect(lines.some((l) => l.includes('voicemail message mailed') && l.includes('alice@acme.test'))).toBe(true);
  });

  it('a message heard twice (as every Switchyard node connected to the switch hears it) is mailed once', async () => {
    const uuid = messageUuid();
    const { path } = record('acme.test', '1004', uuid);
    const before = t.mail.length;
    fire('1004', 'acme.test', uuid, path);
    fire('1004', 'acme.test', uuid, path);
    await until(() => t.mail.length > before);
    expect(t.mail.splice(before).map((m) => m.to)).toEqual(['dave@acme.test']);
    // Events are handled in turn: once the next message is mailed, the second hearing was handled (and mailed nothing).
    await settle();
  });

  it('a box that keeps its messages is mailed and nothing is deleted', async () => {
    const before = vmDeletes().length;
    await settle();
    expect(vmDeletes()).toHaveLength(before);
  });

  it('mode link: mails without the recording, and keeps the message (it would be lost)', async () => {
    const before = vmDeletes().length;
    const uuid = messageUuid();
    // A caller id is the caller's text: no line of it becomes a header.
    fire('1002', 'acme.test', uuid, record('acme.test', '1002', uuid).path, { 'VM-Caller-ID-Name': 'Mallory\r\nBcc: evil@example.test' });
    await until(() => t.mail.length === 1);
    const mail = t.mail.shift()!;
    expect(mail.to).toBe('bob@acme.test');
    expect(mail.subject).toBe('Voicemail for 1002 from Mallory Bcc: evil@example.test <15551234567> (1:12)');
    expect(mail.attachments).toBeUndefined();
    expect(mail.text).toContain('kept in your voicemail box');
    await settle();
    expect(vmDeletes()).toHaveLength(before);
  });

  it('a recording too large for mail is mailed without it, with a note, and kept', async () => {
    const before = vmDeletes().length;
    const uuid = messageUuid();
    fire('1001', 'acme.test', uuid, record('acme.test', '1001', uuid, wavFile({ seconds: 1 })).path);
    await until(() => t.mail.length === 1);
    const mail = t.mail.shift()!;
    expect(mail.attachments).toBeUndefined();
    expect(mail.text).toContain('is not attached');
    await settle();
    expect(vmDeletes()).toHaveLength(before);
  });

  it('mode none mails nothing', async () => {
    const uuid = messageUuid();
    fire('1003', 'acme.test', uuid, record('acme.test', '1003', uuid).path);
    await settle();
  });

  it("a file outside the box's directory under the storage is never read nor mailed, and is logged", async () => {
    const secret = join(t.config.dataDir, 'secret.wav');
    writeFileSync(secret, wavFile({ seconds: 0.05 }));
    const globexUuid = messageUuid();
    const globexFile = record('globex.test', '1001', globexUuid).path;
    const linkUuid = messageUuid();
    const link = join(storage, 'acme.test', '1001', `msg_${linkUuid}.wav`);
    symlinkSync(secret, link);
    const linkedDir = join(storage, 'acme.test', '1005');
    symlinkSync(join(storage, 'globex.test', '1001'), linkedDir);
    const attempts: [string, string, string, string][] = [
      ['1001', 'acme.test', messageUuid(), secret],
      // Another tenant's message, named by an event for acme's box.
      ['1001', 'acme.test', globexUuid, globexFile],
      ['1001', 'acme.test', messageUuid(), `${storage}/acme.test/1001/../../globex.test/1001/msg_${globexUuid}.wav`],
      ['1001', 'acme.test', linkUuid, link],
      ['1005', 'acme.test', globexUuid, join(linkedDir, `msg_${globexUuid}.wav`)],
      ['1001', 'acme.test', messageUuid(), 'relative/msg.wav'],
    ];
    const before = vmDeletes().length;
    const logged = () => lines.filter((l) => l.includes("not in its box's directory")).length;
    const refusedBefore = logged();
    for (const [box, domain, uuid, path] of attempts) fire(box, domain, uuid, path);
    await settle();
    expect(vmDeletes()).toHaveLength(before);
    // 1005 has no box: that one is an unknown box; every other is refused and logged.
    expect(logged() - refusedBefore).toBe(attempts.length - 1);
  });

  it('an unknown box, another domain, or an event without its headers changes nothing and never crashes', async () => {
    const uuid = messageUuid();
    const path = record('acme.test', '1999', uuid).path;
    fire('1999', 'acme.test', uuid, path);
    fire('1001', 'initech.test', messageUuid(), path);
    fire('1001', 'acme.test', messageUuid(), path, { 'VM-User': undefined });
    fire('1001', 'acme.test', 'bad uuid;', path);
    fire('1001', 'acme.test', messageUuid(), path, { 'VM-File-Path': undefined });
    fire('1001', 'acme.test', messageUuid(), path, { 'VM-Action': 'mwi-update' });
    const before = vmDeletes().length;
    await settle();
    expect(vmDeletes()).toHaveLength(before);
    expect(lines.some((l) => l.includes('a box Switchyard does not know'))).toBe(true);
    expect(lines.some((l) => l.includes('without a box, domain, message uuid and file'))).toBe(true);
  });

  it('never logs the recording', () => {
    const sample = wavFile({ seconds: 0.05 });
    const all = lines.join('\n');
    expect(all).not.toContain(sample.toString('base64').slice(0, 64));
    expect(all).not.toContain('RIFF');
  });
});

describe.each(databaseKinds)('voicemail mailed by Switchyard without SMTP on $name', (kind) => {
  let t: TestApp;
  let fake: FakeEsl;

  beforeAll(async () => {
    fake = await startFakeEsl();
    fake.answer(/^api vm_delete /, captured.apiOk);
    t = await startApp(kind, fake, [], true);
    const acme = await createTenant(t, { name: 'Acme', domain: 'acme.test' });
    await createExtension(t, acme, { extension: '1001', password: 'Pass-word-x1' });
    const res = await t.api('POST', '/api/voicemails', {
      token: await t.adminToken(),
      body: { tenant_id: acme, voicemail_id: '1001', voicemail_password: '4826', voicemail_mail_to: 'alice@acme.test', voicemail_file: 'attach', voicemail_local_after_email: true },
    });
    expect(res.statusCode, res.body).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  it('writes a MIME message with the recording attached to DATA_DIR/outbox', async () => {
    const uuid = messageUuid();
    const dir = join(t.config.media.dir, 'voicemail', 'default', 'acme.test', '1001');
    mkdirSync(dir, { recursive: true });
    const bytes = wavFile({ seconds: 0.05 });
    writeFileSync(join(dir, `msg_${uuid}.wav`), bytes);
    fake.push(leaveMessage({ 'VM-User': '1001', 'VM-Domain': 'acme.test', 'VM-UUID': uuid, 'VM-File-Path': join(dir, `msg_${uuid}.wav`) }));
    const outbox = join(t.config.dataDir, 'outbox');
    await until(() => {
      try {
        return readdirSync(outbox).some((f) => f.endsWith('.eml'));
      } catch {
        return false;
      }
    });
    const eml = readFileSync(join(outbox, readdirSync(outbox).find((f) => f.endsWith('.eml'))!), 'utf8');
    expect(eml).toContain('To: alice@acme.test');
    expect(eml).toMatch(/Content-Disposition: attachment;\s+filename=msg_[0-9a-f-]+\.wav/);
    expect(eml.replace(/\r\n/g, '')).toContain(bytes.toString('base64'));
  });
});
