import { Column, CreateDateColumn, Entity, JoinColumn, JoinTable, ManyToMany, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { RoleEntity } from '../roles/role.entity';
import { TeamEntity } from '../teams/team.entity';
import { PartnerAccountEntity } from './partner-account.entity';

export enum UserLocale {
  ZhCn = 'zh-CN',
  En = 'en',
}

@Entity('users')
export class UserEntity {
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  /** Stored lower-cased; unique. */
  @Column('text')
  email!: string;

  @Column('text')
  name!: string;

  @Column('text')
  nameEn!: string;

  @Column('text', { nullable: true })
  phone!: string | null;

  @Column('text')
  locale!: UserLocale;

  @Column('boolean', { default: true })
  active!: boolean;

  @Column('uuid', { nullable: true })
  teamId!: string | null;

  @ManyToOne(() => TeamEntity, { nullable: true })
  @JoinColumn({ name: 'team_id' })
  team?: TeamEntity | null;

  @Column('uuid', { nullable: true })
  managerId!: string | null;

  @Column('uuid', { nullable: true })
  partnerAccountId!: string | null;

  @ManyToOne(() => PartnerAccountEntity, { nullable: true })
  @JoinColumn({ name: 'partner_account_id' })
  partnerAccount?: PartnerAccountEntity | null;

  /** Argon2id PHC string; null until the user sets a password through a reset token, or after a forced reset. */
  @Column('text', { nullable: true, select: false })
  passwordHash!: string | null;

  @Column('timestamptz', { nullable: true })
  passwordChangedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  lastLoginAt!: Date | null;

  @ManyToMany(() => RoleEntity)
  @JoinTable({ name: 'user_roles', joinColumn: { name: 'user_id' }, inverseJoinColumn: { name: 'role_id' } })
  roles!: RoleEntity[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
