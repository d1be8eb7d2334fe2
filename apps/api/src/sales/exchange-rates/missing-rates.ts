import { Inject, Injectable } from '@nestjs/common';
import { AccessService } from '../../access/access.service';
import { AccessAction, AccessLevel, ObjectType } from '../../access/access.types';
import type { Principal } from '../../identity/auth/principal';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { AppError } from '../../platform/http/app-error';
import { ErrorCode } from '../../platform/http/error-code';
import { OrderStatus } from '../orders/order.entity';
import { OrderService } from '../orders/order.service';
import { MissingRatesDto } from './missing-rates.dto';

/** What the counts read of an order: its currency and day, its customer, and (cancellations are no purchase) its status. */
const ORDER_FIELDS = ['currency', 'orderDate', 'accountId', 'status'];

interface MissingRow {
  currency: string;
  orders: number;
  customers: number;
  first_day: string;
  last_day: string;
  first_rate: string | null;
}

/**
 * The orders the customer metrics count as purchases with revenue 0 because no exchange rate covers their day
 * (docs/analytics.md, "Currencies"), so finance sees what to enter and a reader of the dashboards what is missing from
 * them. Computed at read time from the orders and the rates, through the engine's order read scope: only orders the
 * caller may read count (restricted ones only for who sees them). An order has no rate exactly when it is dated before
 * its currency's first `valid_from` (`exchange_rate_on` takes the latest one on or before the day), so one lookup per
 * currency replaces a probe per order.
 */
@Injectable()
export class MissingRates {
  constructor(
    private readonly orders: OrderService,
    private readonly access: AccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** 403 without the read right on exchange rates or orders, or naming the order fields counted that the caller may not read. */
  async count(principal: Principal): Promise<MissingRatesDto> {
    const rates = await this.access.forObject(principal, ObjectType.ExchangeRate);
    if (rates.level(AccessAction.Read) === AccessLevel.None) throw new AppError(ErrorCode.Forbidden, 'You may not read exchange rates');
    const access = await this.orders.records.accessFor(principal);
    access.assertMayAggregate(ORDER_FIELDS);
    // The metrics' as-of day: orders dated later are no purchase yet.
    const asOf = new Date().toISOString().slice(0, 10);
    const rows = await this.orders.records
      .readable(access)
      .leftJoin('(select currency, min(valid_from) as first_rate from exchange_rates group by currency)', 'er', 'er.currency = r.currency')
      .select('r.currency', 'currency')
      .addSelect('count(*)::int', 'orders')
      .addSelect('count(distinct r.account_id)::int', 'customers')
      .addSelect(`to_char(min(r.order_date), 'YYYY-MM-DD')`, 'first_day')
      .addSelect(`to_char(max(r.order_date), 'YYYY-MM-DD')`, 'last_day')
      .addSelect(`to_char(min(er.first_rate), 'YYYY-MM-DD')`, 'first_rate')
      .andWhere('r.currency <> :missingBase', { missingBase: this.config.baseCurrency })
      .andWhere('r.status <> :missingCancelled', { missingCancelled: OrderStatus.Cancelled })
      .andWhere('r.order_date <= :missingAsOf', { missingAsOf: asOf })
      .andWhere('(er.first_rate is null or r.order_date < er.first_rate)')
      .groupBy('r.currency')
      .orderBy('r.currency', 'ASC')
      .getRawMany<MissingRow>();
    return {
      baseCurrency: this.config.baseCurrency,
      asOf,
      orders: rows.reduce((sum, row) => sum + row.orders, 0),
      currencies: rows.map((row) => ({
        currency: row.currency, orders: row.orders, customers: row.customers, firstOrderDay: row.first_day, lastOrderDay: row.last_day, firstRateFrom: row.first_rate,
      })),
    };
  }
}
