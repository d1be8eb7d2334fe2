import { Column, Entity, PrimaryColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { RecyclableRecord } from '../../access/record-attributes';

/** Where a lead came from. */
export enum LeadSource {
  Manual = 'manual',
  Import = 'import',
  Web = 'web',
  Event = 'event',
  Partner = 'partner',
  Referral = 'referral',
  Other = 'other',
}

/** new → contacted → qualified → converted; disqualified (with a reason) from any open status. */
export enum LeadStatus {
  New = 'new',
  Contacted = 'contacted',
  Qualified = 'qualified',
  Converted = 'converted',
  Disqualified = 'disqualified',
}

export enum LeadRating {
  Hot = 'hot',
  Warm = 'warm',
  Cold = 'cold',
}

@Entity('leads')
export class LeadEntity extends RecyclableRecord {
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  /** The person. */
  @Column('text')
  name!: string;

  @Column('text', { nullable: true })
  company!: string | null;

  @Column('text', { nullable: true })
  title!: string | null;

  @Column('text', { nullable: true })
  phone!: string | null;

  @Column('text', { nullable: true })
  email!: string | null;

  @Column('text')
  source!: LeadSource;

  @Column('text')
  status!: LeadStatus;

  @Column('text', { nullable: true })
  disqualifiedReason!: string | null;

  @Column('text', { nullable: true })
  rating!: LeadRating | null;

  @Column('text', { nullable: true })
  region!: string | null;

  @Column('text', { nullable: true })
  industry!: string | null;

  @Column('text', { nullable: true })
  notes!: string | null;

  @Column('timestamptz', { nullable: true })
  convertedAt!: Date | null;

  @Column('uuid', { nullable: true })
  convertedAccountId!: string | null;

  @Column('uuid', { nullable: true })
  convertedContactId!: string | null;

  @Column('uuid', { nullable: true })
  convertedOpportunityId!: string | null;
}
