import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

/** A distributor or other partner company whose users see only records linked to it. */
@Entity('partner_accounts')
export class PartnerAccountEntity {
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  @Column('text', { unique: true })
  name!: string;

  @Column('text')
  nameEn!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
