// Outgoing mail: SMTP through nodemailer when SMTP_URL is set; otherwise each message is written
// to DATA_DIR/outbox/ so flows such as a password reset can still be completed. A message with
// attachments (a voicemail recording) is composed as MIME by nodemailer in both cases.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

export interface MailAttachment {
  filename: string;
  content: Uint8Array;
  contentType: string;
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
  attachments?: MailAttachment[];
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

const nodemailerAttachments = (mail: Mail) => mail.attachments?.map((a) => ({ filename: a.filename, content: Buffer.from(a.content), contentType: a.contentType }));

export function createMailer(options: { smtpUrl?: string; from: string; outboxDir: string }): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      async send(mail) {
        await transport.sendMail({ from: options.from, ...mail, attachments: nodemailerAttachments(mail) });
      },
    };
  }
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const write = (message: string | Buffer) => {
    mkdirSync(options.outboxDir, { recursive: true, mode: 0o700 });
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${Math.random().toString(36).slice(2, 8)}.eml`;
    writeFileSync(join(options.outboxDir, name), message, { mode: 0o600 });
  };
  return {
    async send(mail) {
      if (mail.attachments?.length) {
        const info = await composer.sendMail({ from: options.from, ...mail, attachments: nodemailerAttachments(mail) });
        write(info.message as Buffer);
        return;
      }
      write([`From: ${options.from}`, `To: ${mail.to}`, `Subject: ${mail.subject}`, `Date: ${new Date().toUTCString()}`, '', mail.text, ''].join('\r\n'));
    },
  };
}
