import { Column, Entity, PrimaryColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { BusinessRecord } from '../../access/record-attributes';

/** The states of a quote (docs/api.md has the state machine). `expired` is not a state: it follows from validUntil. */
export enum QuoteStatus {
  Draft = 'draft',
  PendingApproval = 'pending_approval',
  Approved = 'approved',
  Rejected = 'rejected',
  Sent = 'sent',
  Accepted = 'accepted',
  /** A later revision of the quote replaced this one. */
  Superseded = 'superseded',
}

/** Who decides a quote under an approval rule. */
export enum Approver {
  None = 'none',
  SalesManager = 'sales_manager',
  SalesDirector = 'sales_director',
}

@Entity('quotes')
export class QuoteEntity extends BusinessRecord {
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  @Column('text')
  number!: string;

  @Column('integer')
  revision!: number;

  @Column('uuid')
  accountId!: string;

  @Column('uuid', { nullable: true })
  opportunityId!: string | null;

  @Column('text')
  currency!: string;

  /** `YYYY-MM-DD`. */
  @Column('date')
  validUntil!: string;

  @Column('text')
  status!: QuoteStatus;

  @Column('numeric', { precision: 5, scale: 2 })
  taxRate!: string;

  @Column('text', { nullable: true })
  notes!: string | null;

  @Column('numeric', { precision: 18, scale: 2 })
  subtotal!: string;

  @Column('numeric', { precision: 18, scale: 2 })
  discountTotal!: string;

  @Column('numeric', { precision: 18, scale: 2 })
  netTotal!: string;

  @Column('numeric', { precision: 18, scale: 2 })
  taxTotal!: string;

  @Column('numeric', { precision: 18, scale: 2 })
  grandTotal!: string;

  @Column('numeric', { precision: 5, scale: 2 })
  maxDiscountPercent!: string;

  @Column('text', { nullable: true })
  approvalRole!: Approver | null;

  @Column('text', { nullable: true })
  approvalTeamPath!: string | null;

  @Column('timestamptz', { nullable: true })
  submittedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  decidedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  sentAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  acceptedAt!: Date | null;
}

@Entity('quote_lines')
export class QuoteLineEntity {
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  @Column('uuid')
  quoteId!: string;

  @Column('integer')
  position!: number;

  @Column('uuid')
  productId!: string;

  @Column('text', { nullable: true })
  description!: string | null;

  @Column('numeric', { precision: 14, scale: 3 })
  quantity!: string;

  @Column('numeric', { precision: 18, scale: 2 })
  listPrice!: string;

  @Column('numeric', { precision: 5, scale: 2 })
  discountPercent!: string;

  @Column('numeric', { precision: 18, scale: 2 })
  netPrice!: string;

  @Column('numeric', { precision: 18, scale: 2 })
  lineTotal!: string;
}

@Entity('approval_rules')
export class ApprovalRuleEntity {
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  @Column('integer')
  position!: number;

  @Column('numeric', { precision: 5, scale: 2, nullable: true })
  maxDiscountPercent!: string | null;

  @Column('text')
  approver!: Approver;

  /** The version of the whole rule set (the same on every row): the ETag of GET /approval-rules. */
  @Column('integer')
  version!: number;

  @Column('timestamptz')
  updatedAt!: Date;
}

export enum ApprovalAction {
  Submitted = 'submitted',
  /** Submitted within the limits of the rules: approved without anyone deciding. */
  AutoApproved = 'auto_approved',
  Approved = 'approved',
  Rejected = 'rejected',
  /** Its lines changed after submission or approval: back to draft, to be approved again. */
  Reopened = 'reopened',
}

@Entity('quote_approvals')
export class QuoteApprovalEntity {
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  @Column('uuid')
  quoteId!: string;

  @Column('text')
  action!: ApprovalAction;

  @Column('text', { nullable: true })
  approverRole!: Approver | null;

  @Column('numeric', { precision: 5, scale: 2, nullable: true })
  maxDiscountPercent!: string | null;

  @Column('text', { nullable: true })
  comment!: string | null;

  @Column('uuid', { nullable: true })
  actorId!: string | null;

  @Column('timestamptz')
  occurredAt!: Date;
}
