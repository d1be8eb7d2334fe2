import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MailOutboxEntity } from './mail-outbox.entity';

export interface OutgoingMail {
  recipient: string;
  subject: string;
  body: string;
  template: string;
}

/** Queues mail in the outbox, inside the caller's transaction, so a rolled-back change sends nothing. */
@Injectable()
export class MailService {
  private readonly logger = new Logger('Mail');

  async enqueue(manager: EntityManager, mail: OutgoingMail): Promise<void> {
    await manager.insert(MailOutboxEntity, { id: new MailOutboxEntity().id, ...mail });
    // MailDeliveryService sends it when SMTP_URL is set; otherwise the outbox row is all there is (docs/operations.md).
    this.logger.log({ recipient: mail.recipient, template: mail.template }, 'mail queued in outbox');
  }
}
