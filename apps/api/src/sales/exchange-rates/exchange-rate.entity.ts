import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A dated exchange rate into the base currency (migration 290): from valid_from until the currency's next row. */
@Entity('exchange_rates')
export class ExchangeRateEntity {
  @PrimaryColumn('text')
  currency!: string;

  /** A `date`: the driver gives it as `YYYY-MM-DD`. */
  @PrimaryColumn('date')
  validFrom!: string;

  /** Units of the base currency per unit of `currency`; numeric, kept as the decimal string it was given as. */
  @Column('numeric')
  rate!: string;

  @Column('timestamptz')
  updatedAt!: Date;

  @Column('uuid', { nullable: true })
  updatedBy!: string | null;
}
