import type { DataSource, EntityManager } from 'typeorm';
import { AccessAction, AccessLevel, ObjectType } from '../../access/access.types';
import type { ObjectAccess } from '../../access/object-access';
import { FACT_COLUMNS, factsSql } from './satisfaction-facts';

/** The orders the summaries hold: not restricted (visible to their owner and shares only), not cancelled. */
const NODE_ORDERS = `r.status <> 'cancelled' and not r.restricted`;

/**
 * Writes the sums of the satisfaction facts (migration 300) and marks them valid, in one repeatable-read transaction:
 * per team over its single-team customers, and over every customer ('all'); the customers of several teams are listed
 * apart (`satisfaction_mixed_customers`). The state row is touched only at the end (a write to the orders must not
 * wait minutes for the job): a write that committed after this snapshot has updated it too, so marking it valid fails
 * with a serialization error and the summaries stay invalid (answer false); a write that comes later waits for the
 * commit and then invalidates them — never a silent mix. To be called after the metrics job (or on its own
 * schedule): until then, and after any write to orders, lines or product categories, the report reads live.
 */
export async function writeSatisfactionSummaries(dataSource: DataSource): Promise<boolean> {
  try {
    await dataSource.transaction('REPEATABLE READ', async (manager: EntityManager) => {
      for (const statement of SUMMARY_STATEMENTS) await manager.query(statement);
    });
    return true;
  } catch (error: unknown) {
    if ((error as { code?: string }).code === SERIALIZATION_FAILURE) return false;
    throw error;
  }
}

const SERIALIZATION_FAILURE = '40001';

/** Customers whose counted orders do not all belong to one team (several teams, or orders without a team). */
const MIXED = `select account_id from orders r where ${NODE_ORDERS} group by account_id having count(distinct team_id) <> 1 or count(team_id) <> count(*)`;

/**
 * The orders under the part they count for: a customer whose orders all belong to one team (nearly all) under that
 * team — its facts are that team's and, summed over the teams, every customer's — the others under 'mixed' (every
 * customer's only; a team's or a subtree's read adds them one by one).
 */
const PART_ORDERS = `
  with mixed as (${MIXED})
  select case when r.team_id is null or r.account_id in (select account_id from mixed) then 'mixed' else r.team_id::text end as node,
         r.id, r.account_id, r.order_date, r.currency
    from orders r
   where ${NODE_ORDERS}`;

const SUMS = 'sum(n), sum(days), sum(revenue), sum(quantity), sum(lines)';

/** The statements of `writeSatisfactionSummaries`, in order, for one repeatable-read transaction (the bench runs them too). */
export const SUMMARY_STATEMENTS: readonly string[] = [
  `delete from satisfaction_summaries`,
  `delete from satisfaction_mixed_customers`,
  // A few large hash aggregates and one sort over every customer's months: in memory rather than spilled in 4 MB runs.
  `set local work_mem = '128MB'`,
  `create temporary table satisfaction_parts on commit drop as ${factsSql(PART_ORDERS, '1')}`,
  // In the order of the index a read walks (a team's kind and periods): a read then touches a few pages, not one per row.
  `insert into satisfaction_summaries (${FACT_COLUMNS})
   select * from (
     select node::uuid as team_id, kind, unit, period, item_by, key, currency, pm, ${SUMS}
       from satisfaction_parts where node <> 'mixed' group by 1, 2, 3, 4, 5, 6, 7, 8
     union all
     select null, kind, unit, period, item_by, key, currency, pm, ${SUMS}
       from satisfaction_parts group by 2, 3, 4, 5, 6, 7, 8
   ) s order by team_id nulls first, kind, unit, item_by, currency, period`,
  `drop table satisfaction_parts`,
  `insert into satisfaction_mixed_customers (account_id, team_id)
   select distinct r.account_id, r.team_id from orders r where ${NODE_ORDERS} and r.team_id is not null and r.account_id in (${MIXED})`,
  `update satisfaction_summary_state set valid = true, written_at = now()`,
];

/** The report's window as the live statements take it (see SatisfactionService). */
export interface SatisfactionWindow {
  /** `month`, `quarter` or `year`. */
  unit: string;
  itemBy: 'category' | 'product';
  /** Where the items' names are, and their label expressions over `lbl` (aggregates). */
  names: string;
  label: string;
  labelEn: string;
  currency: string;
  /** First day of the period before the window (its growth reference). */
  prevStart: string;
  start: string;
  /** First day of the window's last period, and its last day. */
  lastStart: string;
  end: string;
}

/** The live statements' rows (SatisfactionService): activity, first purchases, revenue. */
export interface SatisfactionRows {
  activity: Array<{ p: string; active: number; occasions: number; churned: number }>;
  firsts: Array<{ kind: string; key: string | null; label: string | null; label_en: string | null; n: number }>;
  revenue: Array<{ p: string | null; key: string | null; label: string | null; label_en: string | null; revenue_all: string; revenue: string; items: number; average: string | null; quantity: string; customers: number; per_unit: string | null; per_customer: string | null }>;
}

/**
 * The satisfaction report's rows from the summaries, exactly as the live statements over the caller's visible orders
 * give them, or null (the caller runs the live statements). Possible when the summaries are valid and the caller is
 * not a partner user and reads every order (the 'all' rows) or a set of teams' (`ObjectAccess.teamScope`: the rows of
 * those teams, which hold their single-team customers). Then the visible orders are those rows' plus, for a few
 * customers, others: restricted orders the caller owns or has a share of, orders shared from outside the teams, and
 * (for a set of teams) the customers of several teams. For those customers the facts of their visible orders are
 * added and the facts the rows hold for them subtracted — per customer, so distinct counts stay exact.
 */
export async function readSatisfactionSummaries(dataSource: DataSource, access: ObjectAccess, visibleOrders: string, visibleParams: Record<string, unknown>, window: SatisfactionWindow, withRevenue: boolean): Promise<SatisfactionRows | null> {
  if (access.objectType !== ObjectType.Order) throw new Error('satisfaction summaries are read with the order access');
  const principal = access.principal;
  if (principal.partnerAccountId) return null;
  const params: Record<string, unknown> = {};
  const teams = (alias: string) => {
    const predicate = access.teamScope(alias)!;
    Object.assign(params, predicate.params);
    return predicate.sql;
  };
  let rows: string;
  let counted: string;
  let mixed = '';
  if (access.level(AccessAction.Read) === AccessLevel.All) {
    rows = 's.team_id is null';
    counted = 'true';
  } else if (access.teamScope('s')) {
    rows = teams('s');
    counted = `${teams('r')} and r.account_id not in (select account_id from satisfaction_mixed_customers)`;
    mixed = ` union select m.account_id from satisfaction_mixed_customers m where ${teams('m')}`;
  } else return null;
  const shared = principal.shares.filter((share) => share.objectType === ObjectType.Order).map((share) => share.recordId);
  Object.assign(params, {
    ...visibleParams,
    satUnit: window.unit,
    satItemBy: window.itemBy,
    satCurrency: window.currency,
    satPrevStart: window.prevStart,
    satStart: window.start,
    satLastStart: window.lastStart,
    satEnd: window.end,
    satShared: shared,
    satMe: principal.userId,
  });
  return dataSource.transaction('REPEATABLE READ', async (manager: EntityManager) => {
    const [state]: Array<{ valid: boolean }> = await manager.query(`select valid from satisfaction_summary_state`);
    if (!state?.valid) return null;
    // The customers whose visible orders may differ from what the rows hold: by id (shares), by owner among the
    // restricted, and the listed customers of several teams.
    const [fix] = await run<{ ids: string[] }>(
      manager,
      `select coalesce(array_agg(distinct x.account_id), '{}') as ids
         from (select o.account_id from orders o where o.id = any(:satShared::uuid[]) or (o.restricted and o.owner_id = :satMe)${mixed}) x`,
      params,
    );
    params.satFix = fix.ids;
    const corrections = fix.ids.length
      ? `union all select ${PART_COLUMNS} from (${factsSql(`select 'c' as node, v.id, v.account_id, v.order_date, v.currency from (${visibleOrders}) v where v.account_id = any(:satFix::uuid[])`, '1')}) plus
         union all select ${PART_COLUMNS} from (${factsSql(`select 'c' as node, r.id, r.account_id, r.order_date, r.currency from orders r where ${NODE_ORDERS} and ${counted} and r.account_id = any(:satFix::uuid[])`, '-1')}) minus`
      : '';
    // The window's rows only, filtered inside the CTE (read by two branches, it is materialised: a filter outside
    // would come after reading every period of the caller's teams).
    const parts = (kinds: string[], range: string) => `parts as (
      select * from (select ${PART_COLUMNS} from satisfaction_summaries s where ${rows} and s.kind in (${kinds.map((kind) => `'${kind}'`).join(', ')}) ${corrections}) p
       where ${range})`;
    const activity = await run<SatisfactionRows['activity'][number]>(
      manager,
      `with ${parts(['act', 'churn'], `unit = :satUnit and period between :satPrevStart and :satLastStart`)}
       select to_char(period, 'YYYY-MM-DD') as p, coalesce(sum(n) filter (where kind = 'act'), 0)::int as active,
              coalesce(sum(days) filter (where kind = 'act'), 0)::int as occasions, coalesce(sum(n) filter (where kind = 'churn'), 0)::int as churned
         from parts where kind in ('act', 'churn') and unit = :satUnit and period between :satPrevStart and :satLastStart
        group by period`,
      params,
    );
    const firsts = await run<SatisfactionRows['firsts'][number]>(
      manager,
      `with ${parts(['first', 'first_item'], `(kind = 'first' and period <= :satEnd) or (kind = 'first_item' and item_by = :satItemBy and period between :satStart and :satEnd)`)},
       items as (select key, sum(n)::int as n from parts where kind = 'first_item' and item_by = :satItemBy and period between :satStart and :satEnd group by key having sum(n) <> 0)
       select 'before' as kind, null as key, null as label, null as label_en, coalesce(sum(n), 0)::int as n from parts where kind = 'first' and period < :satPrevStart
       union all
       select 'period', to_char(date_trunc(:satUnit, period)::date, 'YYYY-MM-DD'), null, null, sum(n)::int from parts
        where kind = 'first' and period between :satPrevStart and :satEnd group by 2 having sum(n) <> 0
       union all
       select 'item', i.key::text, ${window.label}, ${window.labelEn}, i.n from items i join ${window.names} lbl on lbl.id = i.key group by i.key, i.n`,
      params,
    );
    if (!withRevenue) return { activity, firsts, revenue: [] };
    const revenue = await run<SatisfactionRows['revenue'][number]>(
      manager,
      `with ${parts(['rev', 'cust'], `unit = 'month' and item_by = :satItemBy and currency = :satCurrency and period between :satPrevStart and :satEnd`)},
       pk as (
         select date_trunc(:satUnit, period)::date as p, key, sum(revenue) as revenue from parts
          where kind = 'rev' and item_by = :satItemBy and currency = :satCurrency and period between :satPrevStart and :satEnd
          group by 1, 2 having sum(lines) > 0
       ),
       ik as (
         select key, sum(revenue) as revenue, sum(quantity) as quantity, coalesce(sum(n) filter (where kind = 'cust'), 0)::int as customers from parts
          where kind in ('rev', 'cust') and item_by = :satItemBy and currency = :satCurrency and period between :satStart and :satEnd
            and (kind = 'rev' or pm is null or pm < :satStart)
          group by key
       )
       select to_char(p, 'YYYY-MM-DD') as p, null as key, null as label, null as label_en, round(coalesce(sum(revenue), 0), 2)::text as revenue_all, null as revenue,
              count(*)::int as items, round(sum(revenue) / nullif(count(*), 0), 2)::text as average, null as quantity, 0 as customers, null as per_unit, null as per_customer
         from pk group by p
       union all
       select null, ik.key::text, ${window.label}, ${window.labelEn}, null, round(coalesce(ik.revenue, 0), 2)::text, 0, null, round(coalesce(ik.quantity, 0), 3)::text, ik.customers,
              round(ik.revenue / nullif(ik.quantity, 0), 2)::text, round(ik.revenue / nullif(ik.customers, 0), 2)::text
         from ik join ${window.names} lbl on lbl.id = ik.key where ik.customers > 0
        group by ik.key, ik.revenue, ik.quantity, ik.customers`,
      params,
    );
    return { activity, firsts, revenue };
  });
}

const PART_COLUMNS = 'kind, unit, period, item_by, key, currency, pm, n, days, revenue, quantity, lines';

function run<T>(manager: EntityManager, sql: string, params: Record<string, unknown>): Promise<T[]> {
  const [text, values] = manager.connection.driver.escapeQueryWithParameters(sql, params);
  return manager.query(text, values) as Promise<T[]>;
}
