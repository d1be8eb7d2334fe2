import type { AhpCriterion } from '@lianxi/analytics';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { BusinessRecord } from '../../access/record-attributes';

/** An AHP model (R-ANA-4): the hierarchy and judgements as @lianxi/analytics reads them, validated before every write. */
@Entity('ahp_models')
export class AhpModelEntity extends BusinessRecord {
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  @Column('text')
  name!: string;

  @Column('text', { nullable: true })
  description!: string | null;

  @Column('jsonb')
  criteria!: AhpCriterion[];

  /** The pairwise comparisons of the top-level criteria. */
  @Column('jsonb')
  comparisons!: number[][];

  /** The names of the alternatives ranked (e.g. service items). */
  @Column('jsonb')
  alternatives!: string[];
}
