import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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

/**
 * Per currency other than the base one that orders have: its first rate and the day its uncovered orders end before —
 * that first rate, or the day after the as-of day when it is later or there is none (orders dated later are no purchase
 * yet). The currencies come from the `(currency, order_date)` index, one probe each (the orders hold a few).
 */
const UNCOVERED_DAYS = `
  with recursive present (currency) as (
    select min(currency) from orders
    union all
    select (select min(o.currency) from orders o where o.currency > p.currency) from present p where p.currency is not null)
  select p.currency, to_char(f.first_rate, 'YYYY-MM-DD') as first_rate, to_char(least(f.first_rate, $2::date + 1), 'YYYY-MM-DD') as until
    from present p
    left join (select currency, min(valid_from) as first_rate from exchange_rates group by currency) f on f.currency = p.currency
   where p.currency is not null and p.currency <> $1
   order by p.currency`;

interface UncoveredDays {
  currency: string;
  first_rate: string | null;
  until: string;
}

interface MissingRow {
  currency: string;
  orders: number;
  customers: number;
  first_day: string;
  last_day: string;
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
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** 403 without the read right on exchange rates or orders, or naming the order fields counted that the caller may not read. */
  async count(principal: Principal): Promise<MissingRatesDto> {
    const rates = await this.access.forObject(principal, ObjectType.ExchangeRate);
    if (rates.level(AccessAction.Read) === AccessLevel.None) throw new AppError(ErrorCode.Forbidden, 'You may not read exchange rates');
    const access = await this.orders.records.accessFor(principal);
    access.assertMayAggregate(ORDER_FIELDS);
    // The metrics' as-of day: orders dated later are no purchase yet.
    const asOf = new Date().toISOString().slice(0, 10);
    const uncovered: UncoveredDays[] = await this.dataSource.query(UNCOVERED_DAYS, [this.config.baseCurrency, asOf]);
    if (!uncovered.length) return { baseCurrency: this.config.baseCurrency, asOf, orders: 0, currencies: [] };
    // One range of the (currency, order_date) index per currency (migration 380), the caller's scope on top: the orders
    // no rate covers, never every order outside the base currency (0.7 s for the general manager at four million orders).
    const ranges = uncovered.map((_, i) => `(r.currency = :missingCurrency${i} and r.order_date < :missingUntil${i})`).join(' or ');
    const rows = await this.orders.records
      .readable(access)
      .select('r.currency', 'currency')
      .addSelect('count(*)::int', 'orders')
      .addSelect('count(distinct r.account_id)::int', 'customers')
      .addSelect(`to_char(min(r.order_date), 'YYYY-MM-DD')`, 'first_day')
      .addSelect(`to_char(max(r.order_date), 'YYYY-MM-DD')`, 'last_day')
      .andWhere(`(${ranges})`, Object.fromEntries(uncovered.flatMap((days, i) => [[`missingCurrency${i}`, days.currency], [`missingUntil${i}`, days.until]])))
      .andWhere('r.status <> :missingCancelled', { missingCancelled: OrderStatus.Cancelled })
      .groupBy('r.currency')
      .orderBy('r.currency', 'ASC')
      .getRawMany<MissingRow>();
    const firstRate = new Map(uncovered.map((days) => [days.currency, days.first_rate]));
    return {
      baseCurrency: this.config.baseCurrency,
      asOf,
      orders: rows.reduce((sum, row) => sum + row.orders, 0),
      currencies: rows.map((row) => ({
        currency: row.currency, orders: row.orders, customers: row.customers, firstOrderDay: row.first_day, lastOrderDay: row.last_day, firstRateFrom: firstRate.get(row.currency) ?? null,
      })),
    };
  }
}
