import { Column, Entity, PrimaryColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { RoleKey } from '../roles/role-key';

export enum RoleGrantStatus {
  Pending = 'pending',
  Approved = 'approved',
  Rejected = 'rejected',
}

/** A role change waiting for a second administrator (two-person rule for administrators' business rights). */
@Entity('role_grant_requests')
export class RoleGrantRequestEntity {
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  @Column('uuid')
  userId!: string;

  /** The user's complete roles once approved. */
  @Column('text', { array: true })
  roles!: RoleKey[];

  @Column('int')
  userVersion!: number;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('text')
  status!: RoleGrantStatus;

  @Column('uuid')
  requestedBy!: string;

  @Column('timestamptz', { default: () => 'now()' })
  requestedAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column('uuid', { nullable: true })
  decidedBy!: string | null;

  @Column('timestamptz', { nullable: true })
  decidedAt!: Date | null;
}
