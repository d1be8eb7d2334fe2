import { growthRate } from '@lianxi/analytics';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessAction, AccessLevel } from '../../access/access.types';
import type { Principal } from '../../identity/auth/principal';
import { LeadSource } from '../leads/lead.entity';
import { LeadService } from '../leads/lead.service';
import { OrderStatus } from '../orders/order.entity';
import { OrderService } from '../orders/order.service';
import { ratio } from './report.service';
import { SatisfactionInclude, SatisfactionItemBy, SatisfactionItemDto, SatisfactionPeriodDto, SatisfactionQueryDto, SatisfactionReportDto } from './satisfaction.dto';
import { addMonths, periodKey } from './periods';
import { readSatisfactionSummaries, SatisfactionRows } from './satisfaction-summaries';
import { assertReadsSatisfactionOrders, satisfactionWindow } from './satisfaction-window';

/** What the revenue figures add. */
const REVENUE_FIELDS = ['currency', 'lines.lineTotal', 'lines.quantity'];
const LEAD_FIELDS = ['source', 'createdAt'];

/** A service item's key on a line joined to its product (`pr`), and where its names are (`lbl`, joined on the key). */
const ITEM: Record<SatisfactionItemBy, { key: string; names: string; label: string; labelEn: string }> = {
  [SatisfactionItemBy.Category]: { key: 'pr.category_id', names: 'product_categories', label: 'min(lbl.name)', labelEn: 'min(lbl.name_en)' },
  [SatisfactionItemBy.Product]: { key: 'pr.id', names: 'products', label: `min(lbl.code || ' ' || lbl.name)`, labelEn: `min(lbl.code || ' ' || lbl.name_en)` },
};

interface PeriodFigures {
  active: number;
  occasions: number;
  churned: number;
  attracted: number;
  referrals: number | null;
  revenue: string | null;
  items: number | null;
  averageRevenue: string | null;
}

/**
 * R-ANA-3's satisfaction and activity metrics over the orders (and referral leads) the caller may read: the engine's
 * read scope is inside every aggregate, so a rep's figures are those of their team's customers. The mapping of the
 * source's service-business terms onto a manufacturer's data is in docs/analytics.md ("Satisfaction and activity").
 */
@Injectable()
export class SatisfactionService {
  constructor(
    private readonly orders: OrderService,
    private readonly leads: LeadService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async report(principal: Principal, query: SatisfactionQueryDto): Promise<SatisfactionReportDto> {
    const { period, step, first: start, lastStart } = satisfactionWindow(query);
    const itemBy = query.itemBy ?? SatisfactionItemBy.Category;
    const currency = query.currency ?? 'CNY';
    const withRevenue = query.include === SatisfactionInclude.Revenue;
    const starts: string[] = [];
    // One period before the window gives the first period its growth rates.
    for (let day = addMonths(start, -step); day <= lastStart; day = addMonths(day, step)) starts.push(day);
    const end = addMonths(lastStart, step, -1);

    const orderAccess = await this.orders.records.accessFor(principal);
    assertReadsSatisfactionOrders(orderAccess, withRevenue ? REVENUE_FIELDS : []);
    const leadAccess = await this.leads.records.accessFor(principal);
    // Referrals are leads: without the right to read them (finance, the quality inspector) the figure is unknown, not 0.
    const withReferrals = leadAccess.level(AccessAction.Read) !== AccessLevel.None && leadAccess.notReadInFull(LEAD_FIELDS).length === 0;

    const visible = this.orders.records
      .readable(orderAccess)
      .select('r.id', 'id')
      .addSelect('r.account_id', 'account_id')
      .addSelect('r.order_date', 'order_date')
      .addSelect('r.currency', 'currency')
      .andWhere('r.status <> :satCancelled', { satCancelled: OrderStatus.Cancelled })
      .andWhere('r.order_date <= :satEnd', { satEnd: end });
    const params: Record<string, unknown> = {
      ...visible.getParameters(),
      satUnit: period,
      satMonths: step,
      satDataStart: addMonths(starts[0], -step),
      satPrevStart: starts[0],
      satStart: start,
      satEnd: end,
      satCurrency: currency,
    };
    const vo = visible.getQuery();
    const item = ITEM[itemBy];
    const figures = new Map<string, PeriodFigures>(
      starts.map((day) => [day, { active: 0, occasions: 0, churned: 0, attracted: 0, referrals: withReferrals ? 0 : null, revenue: withRevenue ? '0.00' : null, items: withRevenue ? 0 : null, averageRevenue: null }]),
    );
    const at = (day: string) => figures.get(day);

    const window = { unit: period, itemBy, names: item.names, label: item.label, labelEn: item.labelEn, currency, prevStart: starts[0], start, lastStart, end };
    const rows: SatisfactionRows = (await readSatisfactionSummaries(this.dataSource, orderAccess, vo, params, window, withRevenue)) ?? {
      activity: await this.run(activitySql(vo), params),
      firsts: await this.run(firstPurchaseSql(vo, item), params),
      revenue: withRevenue ? await this.run(revenueSql(vo, item), params) : [],
    };

    for (const row of rows.activity) {
      const f = at(row.p);
      if (f) Object.assign(f, { active: row.active, occasions: row.occasions, churned: row.churned });
    }

    let existingBefore = 0;
    const items = new Map<string, SatisfactionItemDto>();
    for (const row of rows.firsts) {
      if (row.kind === 'before') existingBefore = row.n;
      else if (row.kind === 'period') {
        const f = at(row.key!);
        if (f) f.attracted = row.n;
      } else items.set(row.key!, emptyItem(row.key!, row.label!, row.label_en!, row.n, withRevenue));
    }

    for (const row of rows.revenue) {
      if (row.p !== null) {
        const f = at(row.p);
        if (f) Object.assign(f, { revenue: row.revenue_all, items: row.items, averageRevenue: row.average });
      } else if (row.customers > 0) {
        const entry = items.get(row.key!) ?? emptyItem(row.key!, row.label!, row.label_en!, 0, true);
        items.set(row.key!, { ...entry, revenue: row.revenue, quantity: row.quantity, customers: row.customers, averageRevenuePerUnit: row.per_unit, averageRevenuePerCustomer: row.per_customer });
      }
    }

    if (withReferrals) {
      const referrals = this.leads.records
        .readable(leadAccess)
        .select(`to_char(date_trunc(:satUnit, r.created_at at time zone 'UTC')::date, 'YYYY-MM-DD')`, 'p')
        .addSelect('count(*)::int', 'n')
        .andWhere('r.source = :satReferral', { satReferral: LeadSource.Referral })
        .andWhere(`r.created_at >= (:satPrevStart::date)::timestamp at time zone 'UTC'`)
        .andWhere(`r.created_at < (:satEnd::date + 1)::timestamp at time zone 'UTC'`)
        .setParameters({ satUnit: period, satPrevStart: starts[0], satEnd: end })
        .groupBy('1');
      for (const row of await referrals.getRawMany<{ p: string; n: number }>()) {
        const f = at(row.p);
        if (f) f.referrals = row.n;
      }
    }

    const periods: SatisfactionPeriodDto[] = [];
    let existing = existingBefore;
    let previous: SatisfactionPeriodDto | undefined;
    let previousActive = 0;
    for (const day of starts) {
      const f = figures.get(day)!;
      const row: SatisfactionPeriodDto = {
        key: periodKey(day, period),
        start: day,
        end: addMonths(day, step, -1),
        existingCustomers: existing,
        referralLeads: f.referrals,
        referralsPerCustomer: f.referrals === null || existing === 0 ? null : ratio(BigInt(f.referrals), BigInt(existing), 4),
        referralsPerCustomerGrowth: null,
        activeCustomers: f.active,
        purchaseOccasions: f.occasions,
        serviceFrequency: f.active === 0 ? null : ratio(BigInt(f.occasions), BigInt(f.active), 4),
        serviceFrequencyGrowth: null,
        churnedCustomers: f.churned,
        churnedCustomersGrowth: null,
        churnRate: previousActive === 0 ? null : ratio(BigInt(f.churned), BigInt(previousActive), 4),
        attractedCustomers: f.attracted,
        attractedCustomersGrowth: null,
        itemRevenue: f.revenue,
        itemsSold: f.items,
        averageRevenuePerItem: f.averageRevenue,
        averageRevenuePerItemGrowth: null,
      };
      if (previous) {
        row.referralsPerCustomerGrowth = growth(row.referralsPerCustomer, previous.referralsPerCustomer);
        row.serviceFrequencyGrowth = growth(row.serviceFrequency, previous.serviceFrequency);
        row.churnedCustomersGrowth = growth(row.churnedCustomers, previous.churnedCustomers);
        row.attractedCustomersGrowth = growth(row.attractedCustomers, previous.attractedCustomers);
        row.averageRevenuePerItemGrowth = growth(row.averageRevenuePerItem, previous.averageRevenuePerItem);
        periods.push(row);
      }
      previous = row;
      previousActive = f.active;
      existing += f.attracted;
    }

    return {
      period,
      itemBy,
      withRevenue,
      withReferrals,
      currency,
      from: start,
      to: end,
      periods,
      items: [...items.values()].sort(
        (a, b) => b.attractedCustomers - a.attractedCustomers || compareMoney(b.revenue ?? '0', a.revenue ?? '0') || a.labelEn.localeCompare(b.labelEn) || a.key.localeCompare(b.key),
      ),
    };
  }

  private run<T>(sql: string, params: Record<string, unknown>): Promise<T[]> {
    const [text, values] = this.dataSource.driver.escapeQueryWithParameters(sql, params);
    return this.dataSource.query(text, values);
  }
}

/**
 * Per period: active customers, purchase occasions (distinct customer-days) and churned customers (active in the
 * period before, not in this one), from each customer's activity per period.
 */
function activitySql(vo: string): string {
  return `
    with vo as (${vo} and r.order_date >= :satDataStart),
    ap as (select account_id, date_trunc(:satUnit, order_date)::date as p, count(distinct order_date)::int as days from vo group by 1, 2),
    active as (select p, count(*)::int as active, sum(days)::int as occasions from ap group by p),
    churn as (
      select (a.p + make_interval(months => :satMonths))::date as p, count(*)::int as churned
        from ap a
       where not exists (select 1 from ap b where b.account_id = a.account_id and b.p = (a.p + make_interval(months => :satMonths))::date)
       group by 1
    )
    select to_char(p, 'YYYY-MM-DD') as p, coalesce(active, 0)::int as active, coalesce(occasions, 0)::int as occasions, coalesce(churned, 0)::int as churned
      from active full join churn using (p)`;
}

/**
 * From each customer's first visible order day: the customers before the periods (existing), those attracted per
 * period, and per item those attracted in the window whose first purchase day included it. The orders are read
 * twice rather than through a materialised CTE, so the second read can go by account.
 */
function firstPurchaseSql(vo: string, item: (typeof ITEM)[SatisfactionItemBy]): string {
  return `
    with firsts as (select account_id, min(order_date) as first from (${vo}) v group by account_id)
    select 'before' as kind, null as key, null as label, null as label_en, count(*)::int as n from firsts where first < :satPrevStart
    union all
    select 'period', to_char(date_trunc(:satUnit, first)::date, 'YYYY-MM-DD'), null, null, count(*)::int from firsts where first >= :satPrevStart group by 2
    union all
    select 'item', x.key::text, ${item.label}, ${item.labelEn}, count(*)::int
      from (
        select distinct f.account_id, ${item.key} as key
          from firsts f
          join (${vo}) o on o.account_id = f.account_id and o.order_date = f.first
          join order_lines l on l.order_id = o.id
          join products pr on pr.id = l.product_id
         where f.first >= :satStart
      ) x
      join ${item.names} lbl on lbl.id = x.key
     group by x.key`;
}

/**
 * Revenue of the lines with a product in the currency, summed per period, item and customer first (a hash
 * aggregate over the lines), then per period with the items sold and per item over the window (grouping sets).
 */
function revenueSql(vo: string, item: (typeof ITEM)[SatisfactionItemBy]): string {
  const inWindow = 'filter (where x.p >= :satStart)';
  return `
    with x as (
      select date_trunc(:satUnit, o.order_date)::date as p, ${item.key} as key, o.account_id, sum(l.line_total) as revenue, sum(l.quantity) as quantity
        from (${vo} and r.order_date >= :satPrevStart and r.currency = :satCurrency) o
        join order_lines l on l.order_id = o.id
        join products pr on pr.id = l.product_id
       group by 1, 2, 3
    )
    select case when grouping(x.p) = 0 then to_char(x.p, 'YYYY-MM-DD') end as p,
           case when grouping(x.key) = 0 then x.key::text end as key,
           case when grouping(x.key) = 0 then ${item.label} end as label,
           case when grouping(x.key) = 0 then ${item.labelEn} end as label_en,
           round(coalesce(sum(x.revenue), 0), 2)::text as revenue_all,
           round(coalesce(sum(x.revenue) ${inWindow}, 0), 2)::text as revenue,
           count(distinct x.key)::int as items,
           round(sum(x.revenue) / nullif(count(distinct x.key), 0), 2)::text as average,
           round(coalesce(sum(x.quantity) ${inWindow}, 0), 3)::text as quantity,
           (count(distinct x.account_id) ${inWindow})::int as customers,
           round(sum(x.revenue) ${inWindow} / nullif(sum(x.quantity) ${inWindow}, 0), 2)::text as per_unit,
           round(sum(x.revenue) ${inWindow} / nullif(count(distinct x.account_id) ${inWindow}, 0), 2)::text as per_customer
      from x
      join ${item.names} lbl on lbl.id = x.key
     group by grouping sets ((x.p), (x.key))`;
}

function emptyItem(key: string, label: string, labelEn: string, attracted: number, withRevenue: boolean): SatisfactionItemDto {
  const zero = withRevenue ? '0.00' : null;
  return { key, label, labelEn, attractedCustomers: attracted, revenue: zero, quantity: withRevenue ? '0.000' : null, customers: withRevenue ? 0 : null, averageRevenuePerUnit: null, averageRevenuePerCustomer: null };
}

/** The library's period-over-period growth as a 4-decimal ratio; null where it has none (from 0, or unknown). */
function growth(current: string | number | null, previous: string | number | null): string | null {
  if (current === null || previous === null) return null;
  const rate = growthRate(Number(current), Number(previous));
  if (rate === null) return null;
  const text = rate.toFixed(4);
  return Number(text) === 0 ? '0.0000' : text;
}

const compareMoney = (a: string, b: string): number => {
  const d = Number(a) - Number(b);
  return d > 0 ? 1 : d < 0 ? -1 : 0;
};
