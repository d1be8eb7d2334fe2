import { Column, CreateDateColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** The attributes the permission engine reads on every business record. Entities extend this class. */
export abstract class BusinessRecord {
  @Column('uuid')
  ownerId!: string;

  /** The owner's team when the record was assigned; null for records of partner users. */
  @Column('uuid', { nullable: true })
  teamId!: string | null;

  @Column('uuid', { nullable: true })
  partnerAccountId!: string | null;

  /** R-SEC-4: others who can see it may read it; only the owner changes or deletes it (reassign excepted). */
  @Column('boolean', { default: false })
  ownerOnlyEdit!: boolean;

  /** R-SEC-5: only the owner and explicit shares can see it, whatever their level. */
  @Column('boolean', { default: false })
  restricted!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}

/**
 * A business record that deleting moves to the recycle bin (restorable) rather than removing. Live records have no
 * `deletedAt`; ScopedRecords leaves binned records out of every read path but the bin itself.
 */
export abstract class RecyclableRecord extends BusinessRecord {
  @Column('timestamptz', { nullable: true })
  deletedAt!: Date | null;

  @Column('uuid', { nullable: true })
  deletedBy!: string | null;

  /** The record whose deletion took this one along (an account's contacts); restoring it brings this one back. */
  @Column('uuid', { nullable: true })
  deletedWith!: string | null;
}

/** Fields of BusinessRecord that field rules cover (the rest, such as version, are always readable). */
export const RECORD_ATTRIBUTE_FIELDS = ['ownerId', 'teamId', 'partnerAccountId', 'ownerOnlyEdit', 'restricted'] as const;
