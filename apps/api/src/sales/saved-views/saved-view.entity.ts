import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { SavedViewObjectType } from './saved-view-lists';

/** What a saved view remembers of a list: its filters (query parameters), sort and visible columns. */
export interface SavedViewDefinition {
  filters?: Record<string, string>;
  sort?: string;
  columns?: string[];
}

/** One user's named list view. Personal: nobody else sees, uses or changes it. */
@Entity('saved_views')
export class SavedViewEntity {
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  @Column('uuid')
  userId!: string;

  @Column('text')
  objectType!: SavedViewObjectType;

  @Column('text')
  name!: string;

  @Column('jsonb')
  definition!: SavedViewDefinition;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
