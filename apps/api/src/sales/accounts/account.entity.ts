import { Column, Entity, PrimaryColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { RecyclableRecord } from '../../access/record-attributes';

export enum AccountKind {
  Company = 'company',
  Person = 'person',
}

@Entity('accounts')
export class AccountEntity extends RecyclableRecord {
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  @Column('text')
  name!: string;

  @Column('text')
  kind!: AccountKind;

  @Column('text', { nullable: true })
  industry!: string | null;

  @Column('text', { nullable: true })
  region!: string | null;

  @Column('text', { nullable: true })
  phone!: string | null;

  @Column('text', { nullable: true })
  email!: string | null;
}
