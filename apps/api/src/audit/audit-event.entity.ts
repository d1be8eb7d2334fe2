import { Column, Entity, PrimaryColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

export enum AuditCategory {
  /** Logins, sessions, passwords, users, roles: readable by administrators and auditors. */
  Security = 'security',
  /** Changes to business records: readable under the permission engine's field rules. */
  Business = 'business',
}

export type AuditChanges = Record<string, { old: unknown; new: unknown }>;

/** One row of the append-only audit log (a trigger refuses UPDATE and DELETE). */
@Entity('audit_events')
export class AuditEventEntity {
  /** UUIDv7: time-ordered, so it is also the pagination key. */
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  @Column('timestamptz', { default: () => 'now()' })
  occurredAt!: Date;

  @Column('text')
  category!: AuditCategory;

  @Column('text')
  action!: string;

  @Column('uuid', { nullable: true })
  actorId!: string | null;

  @Column('text', { nullable: true })
  actorEmail!: string | null;

  /** The API key the actor acted through (null for sessions), so an integration's acts stand apart from its user's. */
  @Column('uuid', { nullable: true })
  apiKeyId!: string | null;

  @Column('text', { nullable: true })
  entityType!: string | null;

  @Column('text', { nullable: true })
  entityId!: string | null;

  @Column('jsonb', { nullable: true })
  changes!: AuditChanges | null;

  @Column('jsonb', { nullable: true })
  details!: Record<string, unknown> | null;

  @Column('text', { nullable: true })
  ip!: string | null;

  @Column('text', { nullable: true })
  requestId!: string | null;
}
