import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createTransport, type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

interface DueMail {
  id: string;
  recipient: string;
  subject: string;
  body: string;
  attempts: number;
}

const BATCH = 20;
/** After this many failed attempts a mail is given up (`failed_at`); the back-off reaches an hour long before. */
const MAX_ATTEMPTS = 10;

/**
 * Sends the mail outbox over SMTP when `SMTP_URL` is set (nodemailer). Every replica polls; `for update skip
 * locked` hands each row to one of them, and a row is stamped `sent_at` in the same transaction that held its lock,
 * so a mail goes out once (an SMTP server that accepted but whose answer was lost is the one case of a duplicate).
 * Failures back off exponentially (1, 2, 4 … 60 minutes) and keep the last error.
 */
@Injectable()
export class MailDeliveryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private transport: Transporter | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.mail.smtpUrl) return;
    // Short timeouts: a batch holds its rows' locks (and a database connection) while it talks to the relay.
    this.transport = createTransport({ url: this.config.mail.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
    this.timer = setInterval(() => void this.deliverDue().catch((error: unknown) => this.logger.error({ err: error }, 'mail delivery failed')), this.config.mail.pollMilliseconds);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
    this.transport?.close();
  }

  /** Sends what is due (one batch); answers how many went out. Not re-entered while a batch runs. */
  deliverDue(): Promise<number> {
    if (!this.transport) return Promise.resolve(0);
    this.running ??= this.sendBatch().finally(() => (this.running = undefined));
    return this.running;
  }

  private sendBatch(): Promise<number> {
    const transport = this.transport as Transporter;
    return this.dataSource.transaction(async (manager) => {
      const due: DueMail[] = await manager.query(
        `select id, recipient, subject, body, attempts from mail_outbox
          where sent_at is null and failed_at is null and (next_attempt_at is null or next_attempt_at <= now())
          order by created_at limit ${BATCH} for update skip locked`,
      );
      let sent = 0;
      for (const mail of due) {
        try {
          await transport.sendMail({ from: this.config.mail.from, to: mail.recipient, subject: mail.subject, text: mail.body });
          await manager.query('update mail_outbox set sent_at = now(), last_error = null where id = $1', [mail.id]);
          sent++;
        } catch (error) {
          const attempts = mail.attempts + 1;
          const backoffMinutes = Math.min(60, 2 ** (attempts - 1));
          await manager.query(
            `update mail_outbox set attempts = $2, last_error = $3, next_attempt_at = now() + make_interval(mins => $4),
                    failed_at = case when $2 >= ${MAX_ATTEMPTS} then now() end
              where id = $1`,
            [mail.id, attempts, String(error instanceof Error ? error.message : error).slice(0, 500), backoffMinutes],
          );
          this.logger.warn({ mailId: mail.id, attempts, err: error }, 'mail not sent; will retry');
        }
      }
      return sent;
    });
  }
}
