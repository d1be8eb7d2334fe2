import { Column, Entity, OneToMany, ManyToOne, JoinColumn, PrimaryColumn, VersionColumn, CreateDateColumn, UpdateDateColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

export enum StageKind {
  Open = 'open',
  Won = 'won',
  Lost = 'lost',
}

@Entity('pipelines')
export class PipelineEntity {
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  @Column('text')
  name!: string;

  @Column('text')
  nameEn!: string;

  @Column('boolean')
  isDefault!: boolean;

  @Column('boolean')
  active!: boolean;

  @OneToMany(() => PipelineStageEntity, (stage) => stage.pipeline)
  stages?: PipelineStageEntity[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}

@Entity('pipeline_stages')
export class PipelineStageEntity {
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  @Column('uuid')
  pipelineId!: string;

  @ManyToOne(() => PipelineEntity, (pipeline) => pipeline.stages)
  @JoinColumn({ name: 'pipeline_id' })
  pipeline?: PipelineEntity;

  @Column('integer')
  position!: number;

  @Column('text')
  name!: string;

  @Column('text')
  nameEn!: string;

  @Column('integer')
  probability!: number;

  @Column('text')
  kind!: StageKind;
}
