import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

export enum TeamKind {
  Company = 'company',
  Department = 'department',
  Subsidiary = 'subsidiary',
  Group = 'group',
}

/** A node of the organisation tree. `path` lists the ids from the root down to this team, for subtree scopes. */
@Entity('teams')
export class TeamEntity {
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  @Column('uuid', { nullable: true })
  parentId!: string | null;

  /** Materialised path `/rootId/childId/…/thisId/`: a subtree is `path LIKE '<team path>%'` on an index. */
  @Column('text')
  path!: string;

  @Column('text')
  code!: string;

  @Column('text')
  name!: string;

  @Column('text')
  nameEn!: string;

  @Column('text')
  kind!: TeamKind;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
