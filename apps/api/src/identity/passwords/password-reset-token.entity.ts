import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

/** A one-time, expiring token that lets a user choose a new password. Only its SHA-256 is stored. */
@Entity('password_reset_tokens')
export class PasswordResetTokenEntity {
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  @Column('uuid')
  userId!: string;

  @Column('bytea')
  tokenHash!: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column('timestamptz', { nullable: true })
  usedAt!: Date | null;

  /** The administrator who forced the reset; null for self-service. */
  @Column('uuid', { nullable: true })
  requestedBy!: string | null;
}
