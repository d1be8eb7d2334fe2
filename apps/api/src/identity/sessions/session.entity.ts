import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

/**
 * A login: one family of rotating refresh tokens. Access tokens carry the session id, so revoking the session
 * (logout, reuse of an old refresh token, deactivation, password change) ends every token of it at once.
 */
@Entity('auth_sessions')
export class SessionEntity {
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  @Column('uuid')
  userId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;

  @Column('text', { nullable: true })
  revokedReason!: string | null;

  @Column('text', { nullable: true })
  ip!: string | null;

  @Column('text', { nullable: true })
  userAgent!: string | null;
}

/** One refresh token of a session; only its SHA-256 is stored. A token used twice revokes its session. */
@Entity('refresh_tokens')
export class RefreshTokenEntity {
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  @Column('uuid')
  sessionId!: string;

  @Column('bytea')
  tokenHash!: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  issuedAt!: Date;

  @Column('timestamptz', { nullable: true })
  usedAt!: Date | null;
}
