import type { DataSource, EntityManager } from 'typeorm';
import { AccessAction, ObjectType } from '../../access/access.types';
import type { ObjectAccess, SqlPredicate } from '../../access/object-access';
import { unseenBy } from '../../platform/database/snapshot-visibility';
import { METRIC_TABLES_SHARE_LOCK } from '../metrics/metric-summaries';
import { CustomerDimension } from './customer-insights.dto';

/** A distribution bucket as the live query answers it (money columns always present here; the service picks). */
export interface BucketRow {
  key: string | null;
  customers: number;
  revenue: string;
  predicted_clv: string | null;
  profit: string | null;
  historic_clv: string | null;
}

/** A retention year as the live query answers it. */
export interface YearRow {
  year: number;
  active: number;
  retained: number;
  leaving: number;
  revenue: string;
  profit: string;
  leaving_profit: string;
}

const DIMENSION_COLUMN: Record<CustomerDimension, string> = {
  [CustomerDimension.Segment]: 'm.rfm_segment',
  [CustomerDimension.Stage]: 'm.lifecycle_stage',
  [CustomerDimension.Class]: 'm.behaviour_class',
};

/**
 * The accounts whose team, owner, restriction or bin state changed after the summaries' snapshot, each with its state
 * in that snapshot (the values before its first change the snapshot did not see: changes of one row are serialised).
 */
const CHANGED = `changed as (
  select distinct on (c.account_id) c.account_id, c.team_id, c.restricted, c.live
    from account_scope_changes c, customer_summary_state st
   where ${unseenBy('c.xid', 'st.snapshot')}
   order by c.account_id, c.id)`;

/**
 * The dashboards' figures from the per-run pre-aggregates (src/analytics/metrics/metric-summaries.ts), exactly as the
 * live queries over the caller's readable accounts would give them, or null when that cannot be done — the caller
 * then runs the live query. Possible when the caller's read scope is a set of teams (`ObjectAccess.teamScope`) and
 * the summaries describe the metric tables as they are (no metric write since). Then the visible customers are:
 *   (the summary rows of the caller's teams)
 *   − (accounts counted there whose team, owner, restriction or bin state changed since: their state then decides)
 *   + (accounts now visible that those sums do not hold: changed since, restricted, or shared from outside the teams),
 * the last judged by the engine's full read scope, so restricted records and shares follow the same rule as the
 * account list. The additions are found by id (changes, shares) or by owner among restricted accounts: index look-ups,
 * few rows. Everything runs in one repeatable-read transaction, so the state, the summaries and the changes agree.
 */
export class CustomerSummaries {
  constructor(private readonly dataSource: DataSource) {}

  distribution(accounts: ObjectAccess, dimension: CustomerDimension): Promise<BucketRow[] | null> {
    const column = DIMENSION_COLUMN[dimension];
    const figures = (sign: string, source: string) =>
      `${column} as key, ${sign}1 as customers, ${sign}m.revenue as revenue, ${sign}m.predicted_clv as predicted_clv, ${sign}(m.predicted_clv is not null)::int as predicted_clv_customers,
       ${sign}m.profit as profit, ${sign}(m.profit is not null)::int as profit_customers, ${sign}m.historic_clv as historic_clv, ${sign}(m.historic_clv is not null)::int as historic_clv_customers
       from ${source}`;
    return this.read(accounts, (teams) => ({
      sql: `
        with ${CHANGED}, parts as (
          select s.key, s.customers, s.revenue, s.predicted_clv, s.predicted_clv_customers, s.profit, s.profit_customers, s.historic_clv, s.historic_clv_customers
            from customer_bucket_summaries s where s.dimension = :summaryDimension and ${teams('s')}
          union all
          select ${figures('-', `changed ch join customer_metrics m on m.account_id = ch.account_id where ch.live and not ch.restricted and ${teams('ch')}`)}
          union all
          select ${figures('', `accounts r join customer_metrics m on m.account_id = r.id where :additions`)})
        select key, sum(customers)::int as customers, round(coalesce(sum(revenue), 0), 2)::text as revenue,
               case when sum(predicted_clv_customers) > 0 then round(sum(predicted_clv), 2)::text end as predicted_clv,
               case when sum(profit_customers) > 0 then round(sum(profit), 2)::text end as profit,
               case when sum(historic_clv_customers) > 0 then round(sum(historic_clv), 2)::text end as historic_clv
          from parts group by key having sum(customers) > 0
         order by key is null, sum(customers) desc, key`,
      params: { summaryDimension: dimension },
    }));
  }

  retention(accounts: ObjectAccess): Promise<YearRow[] | null> {
    const figures = (sign: string, source: string) =>
      `y.year, ${sign}1 as active, ${sign}y.retained::int as retained, ${sign}y.leaving::int as leaving, ${sign}y.revenue as revenue, ${sign}y.profit as profit,
       case when y.leaving then ${sign}y.profit end as leaving_profit
       from ${source}`;
    return this.read(accounts, (teams) => ({
      sql: `
        with ${CHANGED}, parts as (
          select s.year, s.active, s.retained, s.leaving, s.revenue, s.profit, s.leaving_profit
            from customer_year_summaries s where ${teams('s')}
          union all
          select ${figures('-', `changed ch join customer_metric_years y on y.account_id = ch.account_id
                                where ch.live and not ch.restricted and ${teams('ch')}`)}
          union all
          select ${figures('', `accounts r join customer_metric_years y on y.account_id = r.id where :additions`)})
        select year, sum(active)::int as active, sum(retained)::int as retained, sum(leaving)::int as leaving,
               round(coalesce(sum(revenue), 0), 2)::text as revenue, round(coalesce(sum(profit), 0), 2)::text as profit,
               round(coalesce(sum(leaving_profit), 0), 2)::text as leaving_profit
          from parts group by year having sum(active) > 0
         order by year`,
      params: {},
    }));
  }

  /**
   * Runs a summary query for the caller, or answers null (live query needed). `build` gets the team predicate over an
   * alias; `:additions` in its SQL stands for the accounts added one by one (see the class comment).
   */
  private async read<T>(accounts: ObjectAccess, build: (teams: (alias: string) => string) => SqlPredicate): Promise<T[] | null> {
    if (accounts.objectType !== ObjectType.Account) throw new Error('customer summaries are read with the account access');
    const params: Record<string, unknown> = {};
    const teams = (alias: string) => {
      const predicate = accounts.teamScope(alias) as SqlPredicate;
      Object.assign(params, predicate.params);
      return predicate.sql;
    };
    if (!accounts.teamScope('r')) return null;
    const shared = accounts.principal.shares.filter((share) => share.objectType === ObjectType.Account).map((share) => share.recordId);
    const scope = accounts.scope(AccessAction.Read, 'r');
    Object.assign(params, scope.params, { summaryShared: shared, summaryMe: accounts.principal.userId });
    // Candidates by index (changed ids, shared ids, restricted by owner), judged by the full read scope; minus those the
    // team sums already hold (unchanged, not restricted, in the caller's teams).
    // A union of the candidate ids, not an OR of conditions: an OR with a subquery makes PostgreSQL scan every account.
    const additions = `r.id in (select account_id from changed union all select unnest(:summaryShared::uuid[])
                                union all select restricted.id from accounts restricted where restricted.restricted and restricted.owner_id = :summaryMe)
      and r.deleted_at is null and ${scope.sql}
      and not (r.id not in (select account_id from changed) and not r.restricted and ${teams('r')})`;
    const query = build(teams);
    Object.assign(params, query.params);
    const [text, values] = this.dataSource.driver.escapeQueryWithParameters(query.sql.replaceAll(':additions', additions), params);
    return this.dataSource.transaction('REPEATABLE READ', async (manager: EntityManager) => {
      await manager.query(METRIC_TABLES_SHARE_LOCK);
      const [state]: Array<{ valid: boolean }> = await manager.query(`select valid from customer_summary_state`);
      if (!state?.valid) return null;
      return manager.query(text, values) as Promise<T[]>;
    });
  }
}
