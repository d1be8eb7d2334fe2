import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

/**
 * Mail waiting to be sent, written in the same transaction as what caused it. A delivery worker (SMTP, with the
 * marketing issue) sends and stamps it; until then, development reads it here and in the server log.
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
