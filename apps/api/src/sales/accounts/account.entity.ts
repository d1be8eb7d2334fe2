import { Column, Entity, PrimaryColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { RecyclableRecord } from '../../access/record-attributes';

export enum AccountKind {
  Company = 'company',
  Person = 'person',
}

export enum AccountTier {
  Strategic = 'strategic',
  Key = 'key',
  Standard = 'standard',
  Small = 'small',
}

/** A postal address, stored as a jsonb object (every part optional). */
export interface PostalAddress {
  country?: string;
  province?: string;
  city?: string;
  district?: string;
  street?: string;
  postalCode?: string;
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

  @Column('text', { nullable: true })
  tier!: AccountTier | null;

  @Column('uuid', { nullable: true })
  parentAccountId!: string | null;

  @Column('jsonb', { nullable: true })
  billingAddress!: PostalAddress | null;

  @Column('jsonb', { nullable: true })
  shippingAddress!: PostalAddress | null;

  @Column('text', { nullable: true })
  website!: string | null;

  @Column('text', { nullable: true })
  taxNumber!: string | null;
}
