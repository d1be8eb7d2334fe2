import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

export enum ApiKeyRevocation {
  /** The key's own user revoked it. */
  Owner = 'owner',
  /** A system administrator revoked it (security oversight). */
  Administrator = 'administrator',
  /** Its user was deactivated. */
  UserDeactivated = 'user_deactivated',
}

/** An API key: acts as its user. Only the SHA-256 of the key is stored, with its public prefix. */
@Entity('api_keys')
export class ApiKeyEntity {
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  @Column('uuid')
  userId!: string;

  @Column('text')
  name!: string;

  @Column('text')
  prefix!: string;

  @Column('bytea', { select: false })
  secretHash!: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column('timestamptz', { nullable: true })
  lastUsedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;

  @Column('uuid', { nullable: true })
  revokedBy!: string | null;

  @Column('text', { nullable: true })
  revokedReason!: ApiKeyRevocation | null;
}
