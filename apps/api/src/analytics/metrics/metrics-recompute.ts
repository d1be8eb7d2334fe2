import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type CustomerFacts, type MetricPopulation, type ScoredCustomer, scoreCustomers } from './customer-scoring';

/** Accounts per batch: one aggregate query, one scoring call and one bulk write each. */
export const METRICS_BATCH_SIZE = 10_000;

/** Orders that count as purchases: everything but cancelled ones. */
const PURCHASE = `o.status <> 'cancelled'`;

export interface RecomputeResult {
  customers: number;
  batches: number;
}

/**
 * The customer-metrics recompute, set-based: (a) one SQL pass over the purchases for the population figures; (b) the
 * live accounts in id order, `batchSize` at a time (keyset, so a batch costs the same at the start and the end): one
 * statement aggregates the batch's facts from its orders and lines, `scoreCustomers` scores them, one statement
 * upserts the batch's rows and one replaces its per-year rows (arrays through `unnest`, never a row per round trip);
 * (c) rows of accounts no longer live (binned, or deleted since) are removed. Each batch commits on its own, so a
 * run never holds long locks and a failed run leaves every row either of this run or of the previous one.
 */
@Injectable()
export class MetricsRecompute {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run(asOf: string, computedAt: Date, batchSize = METRICS_BATCH_SIZE): Promise<RecomputeResult> {
    const population = await this.population(asOf);
    let after = '00000000-0000-0000-0000-000000000000';
    let customers = 0;
    let batches = 0;
    for (;;) {
      const facts = await this.batchFacts(after, batchSize, asOf);
      if (!facts.length) break;
      await this.write(scoreCustomers(facts, population), computedAt);
      customers += facts.length;
      batches++;
      after = facts[facts.length - 1].accountId;
      if (facts.length < batchSize) break;
    }
    await this.dataSource.query(`delete from customer_metrics where computed_at <> $1`, [computedAt]);
    return { customers, batches };
  }

  /** The population figures, in one pass over the purchases (orders only; lines are not needed for them). */
  async population(asOf: string): Promise<MetricPopulation> {
    const [row]: Array<{
      customers: number; buyers: number; recency: number[] | null; frequency: number[] | null; monetary: string[] | null;
      first: string | null; last: string | null; revenue: string;
    }> = await this.dataSource.query(
      `with buyer as (
         select o.account_id, count(*)::int as orders, sum(o.subtotal) as revenue, min(o.order_date) as first, max(o.order_date) as last
           from orders o join accounts a on a.id = o.account_id and a.deleted_at is null
          where ${PURCHASE} and o.order_date <= $1::date
          group by o.account_id)
       select (select count(*)::int from accounts where deleted_at is null) as customers,
              count(*)::int as buyers,
              percentile_disc(array[0.2, 0.4, 0.6, 0.8]) within group (order by $1::date - last) as recency,
              percentile_disc(array[0.2, 0.4, 0.6, 0.8]) within group (order by orders) as frequency,
              (percentile_disc(array[0.2, 0.4, 0.6, 0.8]) within group (order by revenue))::text[] as monetary,
              to_char(min(first), 'YYYY-MM-DD') as first, to_char(max(last), 'YYYY-MM-DD') as last,
              coalesce(sum(revenue), 0)::text as revenue
         from buyer`,
      [asOf],
    );
    return {
      asOf,
      customers: row.customers,
      buyers: row.buyers,
      recencyDaysQuintiles: row.recency ?? [],
      frequencyQuintiles: row.frequency ?? [],
      monetaryQuintiles: row.monetary ?? [],
      firstPurchaseOn: row.first,
      lastPurchaseOn: row.last,
      revenue: row.revenue,
    };
  }

  /**
   * The facts of the next `limit` live accounts after `after` (id order), every one of them (without orders too), in
   * one statement: orders → their lines' cost and margin → per year → per account.
   */
  async batchFacts(after: string, limit: number, asOf: string): Promise<CustomerFacts[]> {
    const rows: Array<{
      account_id: string; first: string | null; last: string | null; orders: number; purchase_days: number; revenue: string;
      cost: string | null; profit: string | null; uncosted_lines: number; years: CustomerFacts['years'] | null;
    }> = await this.dataSource.query(
      `with batch as (
         select id from accounts where deleted_at is null and id > $1 order by id limit $2),
       purchase as (
         select o.account_id, o.order_date, o.subtotal, c.cost, c.profit, c.uncosted
           from batch b join orders o on o.account_id = b.id
           cross join lateral (
             select sum(l.quantity * l.unit_cost) as cost, sum(l.line_total - l.quantity * l.unit_cost) as profit,
                    count(*) filter (where l.unit_cost is null)::int as uncosted
               from order_lines l where l.order_id = o.id) c
          where ${PURCHASE} and o.order_date <= $3::date),
       per_year as (
         select account_id, extract(year from order_date)::int as year, count(*)::int as orders,
                sum(subtotal) as revenue, round(sum(cost), 2) as cost, round(sum(profit), 2) as profit
           from purchase group by account_id, extract(year from order_date)),
       per_account as (
         select account_id, to_char(min(order_date), 'YYYY-MM-DD') as first, to_char(max(order_date), 'YYYY-MM-DD') as last,
                count(*)::int as orders, count(distinct order_date)::int as purchase_days, sum(subtotal) as revenue,
                round(sum(cost), 2) as cost, round(sum(profit), 2) as profit, sum(uncosted)::int as uncosted_lines
           from purchase group by account_id),
       -- Grouped once, then joined: a correlated subquery over per_year would scan it once per account.
       years as (
         select account_id, json_agg(json_build_object('year', year, 'orders', orders, 'revenue', revenue::text, 'cost', cost::text, 'profit', profit::text) order by year) as years
           from per_year group by account_id)
       select b.id as account_id, p.first, p.last, coalesce(p.orders, 0) as orders, coalesce(p.purchase_days, 0) as purchase_days,
              coalesce(p.revenue, 0)::text as revenue, p.cost::text as cost, p.profit::text as profit, coalesce(p.uncosted_lines, 0) as uncosted_lines, y.years
         from batch b left join per_account p on p.account_id = b.id left join years y on y.account_id = b.id
        order by b.id`,
      [after, limit, asOf],
    );
    return rows.map((row) => ({
      accountId: row.account_id,
      firstPurchaseOn: row.first,
      lastPurchaseOn: row.last,
      orders: row.orders,
      purchaseDays: row.purchase_days,
      revenue: row.revenue,
      cost: row.cost,
      profit: row.profit,
      uncostedLines: row.uncosted_lines,
      years: row.years ?? [],
    }));
  }

  /** One batch, in one transaction: an upsert of its rows and a replacement of its per-year rows, each one statement. */
  private async write(batch: ScoredCustomer[], computedAt: Date): Promise<void> {
    const column = <K extends keyof ScoredCustomer>(key: K) => batch.map((customer) => customer[key]);
    const years = batch.flatMap((customer) => customer.years.map((year) => ({ accountId: customer.accountId, ...year })));
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `insert into customer_metrics (account_id, first_purchase_on, last_purchase_on, orders, purchase_days, revenue, cost, profit, uncosted_lines,
                                       rfm_recency, rfm_frequency, rfm_monetary, rfm_segment, behaviour_class, lifecycle_stage, historic_clv,
                                       predicted_transactions, probability_alive, expected_spend, predicted_clv, loyalty_index, computed_at)
         select *, $22::timestamptz from unnest($1::uuid[], $2::date[], $3::date[], $4::int[], $5::int[], $6::numeric[], $7::numeric[], $8::numeric[], $9::int[],
                                                $10::smallint[], $11::smallint[], $12::smallint[], $13::text[], $14::text[], $15::text[], $16::numeric[],
                                                $17::numeric[], $18::numeric[], $19::numeric[], $20::numeric[], $21::numeric[])
         on conflict (account_id) do update set
           first_purchase_on = excluded.first_purchase_on, last_purchase_on = excluded.last_purchase_on, orders = excluded.orders,
           purchase_days = excluded.purchase_days, revenue = excluded.revenue, cost = excluded.cost, profit = excluded.profit,
           uncosted_lines = excluded.uncosted_lines, rfm_recency = excluded.rfm_recency, rfm_frequency = excluded.rfm_frequency,
           rfm_monetary = excluded.rfm_monetary, rfm_segment = excluded.rfm_segment, behaviour_class = excluded.behaviour_class,
           lifecycle_stage = excluded.lifecycle_stage, historic_clv = excluded.historic_clv, predicted_transactions = excluded.predicted_transactions,
           probability_alive = excluded.probability_alive, expected_spend = excluded.expected_spend, predicted_clv = excluded.predicted_clv,
           loyalty_index = excluded.loyalty_index, computed_at = excluded.computed_at`,
        [
          column('accountId'), column('firstPurchaseOn'), column('lastPurchaseOn'), column('orders'), column('purchaseDays'), column('revenue'),
          column('cost'), column('profit'), column('uncostedLines'), column('rfmRecency'), column('rfmFrequency'), column('rfmMonetary'),
          column('rfmSegment'), column('behaviourClass'), column('lifecycleStage'), column('historicClv'), column('predictedTransactions'),
          column('probabilityAlive'), column('expectedSpend'), column('predictedClv'), column('loyaltyIndex'), computedAt,
        ],
      );
      await manager.query(`delete from customer_metric_years where account_id = any($1::uuid[])`, [column('accountId')]);
      if (!years.length) return;
      await manager.query(
        `insert into customer_metric_years (account_id, year, orders, revenue, cost, profit)
         select * from unnest($1::uuid[], $2::smallint[], $3::int[], $4::numeric[], $5::numeric[], $6::numeric[])`,
        [years.map((y) => y.accountId), years.map((y) => y.year), years.map((y) => y.orders), years.map((y) => y.revenue), years.map((y) => y.cost), years.map((y) => y.profit)],
      );
    });
  }
}
