import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

/**
 * Mail waiting to be sent, written in the same transaction as what caused it. MailDeliveryService sends and stamps it
 * when SMTP is configured; without, development reads it here.
 */
@Entity('mail_outbox')
export class MailOutboxEntity {
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  @Column('text')
  recipient!: string;

  @Column('text')
  subject!: string;

  @Column('text')
  body!: string;

  @Column('text')
  template!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  sentAt!: Date | null;
}
