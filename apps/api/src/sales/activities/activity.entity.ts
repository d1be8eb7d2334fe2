import { Column, Entity, PrimaryColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { RecyclableRecord } from '../../access/record-attributes';

export enum ActivityKind {
  Call = 'call',
  Meeting = 'meeting',
  Visit = 'visit',
  Task = 'task',
  Note = 'note',
}

export enum ActivityStatus {
  Planned = 'planned',
  Done = 'done',
  Cancelled = 'cancelled',
}

export enum ActivityPriority {
  Low = 'low',
  Normal = 'normal',
  High = 'high',
}

/** The records an activity can be about. */
export enum ActivityRelatedType {
  Account = 'account',
  Contact = 'contact',
  Opportunity = 'opportunity',
  Lead = 'lead',
  Quote = 'quote',
  Order = 'order',
}

@Entity('activities')
export class ActivityEntity extends RecyclableRecord {
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  @Column('text')
  kind!: ActivityKind;

  @Column('text')
  subject!: string;

  @Column('text', { nullable: true })
  description!: string | null;

  @Column('text')
  status!: ActivityStatus;

  @Column('text')
  priority!: ActivityPriority;

  /** When it is due (tasks) or happens (calls, meetings, visits); notes: when written. */
  @Column('timestamptz', { nullable: true })
  dueAt!: Date | null;

  @Column('integer', { nullable: true })
  durationMinutes!: number | null;

  @Column('text', { nullable: true })
  location!: string | null;

  /** What came of it: the visit report, the call's result. */
  @Column('text', { nullable: true })
  outcome!: string | null;

  /** Stamped by the server when the status becomes `done`. */
  @Column('timestamptz', { nullable: true })
  completedAt!: Date | null;

  @Column('text')
  relatedType!: ActivityRelatedType;

  @Column('uuid')
  relatedId!: string;

  /**
   * The account of the related record (the account itself, or the contact's, opportunity's, quote's, order's): its
   * timeline. A lead's activity has none until the lead is converted.
   */
  @Column('uuid', { nullable: true })
  accountId!: string | null;
}
