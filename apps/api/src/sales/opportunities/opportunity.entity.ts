import { Column, Entity, PrimaryColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { RecyclableRecord } from '../../access/record-attributes';

@Entity('opportunities')
export class OpportunityEntity extends RecyclableRecord {
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  @Column('text')
  name!: string;

  @Column('uuid')
  accountId!: string;

  @Column('uuid')
  pipelineId!: string;

  @Column('uuid')
  stageId!: string;

  /** numeric(18,2): the driver returns it as a decimal string, and it stays one. */
  @Column('numeric', { precision: 18, scale: 2 })
  amount!: string;

  @Column('text')
  currency!: string;

  @Column('integer')
  probability!: number;

  /** A calendar date, `YYYY-MM-DD` (PostgreSQL date, no time zone). */
  @Column('date', { nullable: true })
  expectedCloseDate!: string | null;

  @Column('text', { array: true })
  competitors!: string[];

  @Column('text', { nullable: true })
  description!: string | null;
}

@Entity('opportunity_stage_history')
export class OpportunityStageChangeEntity {
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  @Column('uuid')
  opportunityId!: string;

  @Column('uuid', { nullable: true })
  fromStageId!: string | null;

  @Column('uuid')
  toStageId!: string;

  @Column('uuid', { nullable: true })
  changedBy!: string | null;

  @Column('timestamptz')
  changedAt!: Date;
}
