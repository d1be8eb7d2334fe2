import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

@Entity('price_lists')
export class PriceListEntity {
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  @Column('text')
  name!: string;

  /** ISO 4217. */
  @Column('text')
  currency!: string;

  /** `YYYY-MM-DD` (a date column stays a string). */
  @Column('date')
  validFrom!: string;

  @Column('date', { nullable: true })
  validTo!: string | null;

  /** At most one default list per currency: the one quotes price from. */
  @Column('boolean')
  isDefault!: boolean;

  @Column('boolean')
  active!: boolean;

  @Column('text', { nullable: true })
  description!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}

@Entity('price_list_entries')
export class PriceListEntryEntity {
  @PrimaryColumn('uuid')
  id: string = uuidv7();

  @Column('uuid')
  priceListId!: string;

  @Column('uuid')
  productId!: string;

  /** numeric(18,2), a decimal string. */
  @Column('numeric', { precision: 18, scale: 2 })
  listPrice!: string;
}

/** From `minQuantity` units on, the entry's price is `price` (the lowest price reached applies). */
@Entity('price_list_tiers')
export class PriceListTierEntity {
  @PrimaryColumn('uuid')
  entryId!: string;

  @PrimaryColumn('integer')
  minQuantity!: number;

  @Column('numeric', { precision: 18, scale: 2 })
  price!: string;
}
