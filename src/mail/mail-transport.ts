import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer, { Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** A stable Message-ID: a resend after a crash carries the same one, so mail clients can fold duplicates. */
  messageId: string;
}

/**
 * The mail seam. With SMTP_URL it sends through nodemailer over SMTP; without (the embedded
 * default) it renders the message to an .eml file in DATA_DIR/outbox, so nothing needs a server.
 * It knows nothing of vendors or reminders.
 */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly smtp: Transporter | null;
  private readonly local: Transporter;

  constructor(private readonly config: AppConfig) {
    // Short timeouts: an SMTP server that is down fails the attempt (retried later), it does not hang the run.
    this.smtp = config.smtpUrl
      ? nodemailer.createTransport({ url: config.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as never)
      : null;
    this.local = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  get kind(): 'smtp' | 'local-folder' {
    return this.smtp ? 'smtp' : 'local-folder';
  }

  async send(mail: OutgoingMail): Promise<string> {
    const message = { from: this.config.mailFrom, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId };
    if (this.smtp) {
      const info = await this.smtp.sendMail(message);
      return String(info.messageId ?? mail.messageId);
    }
    const info = (await this.local.sendMail(message)) as { message: Buffer };
    const folder = join(this.config.dataDir, 'outbox');
    mkdirSync(folder, { recursive: true });
    const file = join(folder, `${mail.messageId.replace(/[<>@]/g, '_')}.eml`);
    writeFileSync(file, info.message);
    return `file:${file}`;
  }

  onModuleDestroy(): void {
    this.smtp?.close();
  }
}
