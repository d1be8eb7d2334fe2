import type { DataSource, EntityManager } from 'typeorm';
import { AccessAction, AccessLevel, ObjectType } from '../../access/access.types';
import type { ObjectAccess } from '../../access/object-access';
import { AS_NOW, AS_SUMMARISED, FIX_LINES, PART_COLUMNS, run, unseenCustomers } from './satisfaction-changes';
import { FACT_COLUMNS, factsSql } from './satisfaction-facts';

/**
 * Writes the sums of the satisfaction facts (migration 330) and marks them valid with the snapshot they were computed
 * from, in one repeatable-read transaction: per team over its single-team customers, and over every customer ('all');
 * the customers of several teams are listed apart (`satisfaction_mixed_customers`). Order writes neither wait for it
 * nor invalidate it: each logs the customers it changed (and the rows' previous values) with its transaction, and a
 * reader corrects those the snapshot did not see — whether they committed before the job ended or after. The log
 * rows the snapshot saw are removed. Answers false when another writing or a fold of the summaries raced this one.
 */
export async function writeSatisfactionSummaries(dataSource: DataSource): Promise<boolean> {
  try {
    await dataSource.transaction('REPEATABLE READ', async (manager: EntityManager) => {
      for (const statement of SUMMARY_STATEMENTS) await manager.query(statement);
    });
    return true;
  } catch (error: unknown) {
    if (racedAnother(error)) return false;
    throw error;
  }
}

/**
 * Whether a writing or fold of the summaries failed because another ran at the same time (the job is a singleton, so
 * only a call from elsewhere can race it): a serialization failure, or a deadlock (a writing's inserts and a fold's
 * upserts can wait for each other's keys) — both to be tried again, as PostgreSQL advises.
 */
export function racedAnother(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === '40001' || code === '40P01';
}

/** The orders the summaries hold: not restricted (visible to their owner and shares only), not cancelled. */
export const NODE_ORDERS = `r.status <> 'cancelled' and not r.restricted`;

/**
 * Customers whose counted orders (`orders`: a table or a subquery with the orders' columns) do not all belong to one
 * team (several teams, or orders without a team).
 */
export const mixedCustomers = (orders: string) =>
  `select account_id from ${orders} r where ${NODE_ORDERS} group by account_id having count(distinct team_id) <> 1 or count(team_id) <> count(*)`;

/**
 * The orders (as `mixedCustomers` takes them) under the part they count for: a customer whose orders all belong to one
 * team (nearly all) under that team — its facts are that team's and, summed over the teams, every customer's — the
 * others under 'mixed' (every customer's only; a team's or a subtree's read adds them one by one). A customer's part
 * depends on all their orders, so `orders` holds every order of the customers it holds.
 */
export const partOrders = (orders: string) => `
  with mixed as (${mixedCustomers(orders)})
  select case when r.team_id is null or r.account_id in (select account_id from mixed) then 'mixed' else r.team_id::text end as node,
         r.id, r.account_id, r.order_date, r.currency
    from ${orders} r
   where ${NODE_ORDERS}`;

/**
 * The summary rows of parts (`parts`: node and PART_COLUMNS, as factsSql gives them): each team's sums over its part,
 * and every customer's (team null) over all the parts — what a writing inserts, and what a fold adds.
 */
export const summaryRows = (parts: string) => {
  const sums = 'sum(n) as n, sum(days) as days, sum(revenue) as revenue, sum(quantity) as quantity, sum(lines) as lines';
  return `select node::uuid as team_id, kind, unit, period, item_by, key, currency, pm, ${sums} from ${parts} where node <> 'mixed' group by 1, 2, 3, 4, 5, 6, 7, 8
          union all
          select null, kind, unit, period, item_by, key, currency, pm, ${sums} from ${parts} group by 2, 3, 4, 5, 6, 7, 8`;
};

/** Lists the customers of several teams among `orders` (as `mixedCustomers` takes them) per team they bought from. */
export const listMixedCustomers = (orders: string) =>
  `insert into satisfaction_mixed_customers (account_id, team_id)
   select distinct r.account_id, r.team_id from ${orders} r where ${NODE_ORDERS} and r.team_id is not null and r.account_id in (${mixedCustomers(orders)})`;

/** The change log (migration 330): the changed customers and the previous values of the rows changed. */
export const LOG_TABLES = ['satisfaction_changes', 'satisfaction_order_images', 'satisfaction_line_images', 'satisfaction_product_images'];

/** The statements of `writeSatisfactionSummaries`, in order, for one repeatable-read transaction (the bench runs them too). */
export const SUMMARY_STATEMENTS: readonly string[] = [
  `delete from satisfaction_summaries`,
  `delete from satisfaction_mixed_customers`,
  // A few large hash aggregates and one sort over every customer's months: in memory rather than spilled in 4 MB runs.
  `set local work_mem = '128MB'`,
  `create temporary table satisfaction_parts on commit drop as ${factsSql(partOrders('orders'), '1')}`,
  // In the order of the index a read walks (a team's kind and periods): a read then touches a few pages, not one per row.
  `insert into satisfaction_summaries (${FACT_COLUMNS})
   select * from (${summaryRows('satisfaction_parts')}) s order by team_id nulls first, kind, unit, item_by, currency, period`,
  `drop table satisfaction_parts`,
  listMixedCustomers('orders'),
  // A repeatable-read transaction's snapshot is the one its first statement took: what the summaries were computed from.
  ...LOG_TABLES.map((table) => `delete from ${table} where xid < pg_snapshot_xmin(pg_current_snapshot())`),
  `update satisfaction_summary_state set valid = true, snapshot = pg_current_snapshot(), written_at = now()`,
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
 * customers, others: restricted orders the caller owns or has a share of, orders shared from outside the teams,
 * (for a set of teams) the customers of several teams, and the customers whose orders, lines or products' categories
 * changed after the summaries' snapshot (the log of migration 330). For those customers the facts of their visible
 * orders are added and the facts the rows hold for them subtracted — computed from their orders as the snapshot saw
 * them, per customer, so distinct counts stay exact. Past SATISFACTION_CORRECTION_LIMIT changed customers (or a
 * product recategorised with too many customers to list), null: live.
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
    const [state]: Array<{ valid: boolean; snapshot: string | null }> = await manager.query(`select valid, snapshot::text as snapshot from satisfaction_summary_state`);
    if (!state?.valid || state.snapshot === null) return null;
    params.satSnapshot = state.snapshot;
    // The customers changed since the summaries' snapshot; an account-less row stands for too many to list.
    const changed = await unseenCustomers(manager, params);
    if (changed.unlisted || changed.ids.length > SATISFACTION_CORRECTION_LIMIT) return null;
    params.satChanged = changed.ids;
    // The customers whose visible orders may differ from what the rows hold: changed since, by id (shares), by owner
    // among the restricted, and the listed customers of several teams.
    const [fix] = await run<{ ids: string[] }>(
      manager,
      `select coalesce(array_agg(distinct x.account_id), '{}') as ids
         from (select unnest(:satChanged::uuid[]) as account_id
               union all select o.account_id from orders o where o.id = any(:satShared::uuid[]) or (o.restricted and o.owner_id = :satMe)${mixed}) x`,
      params,
    );
    params.satFix = fix.ids;
    // The fix customers' facts, once for the three statements: as visible now, minus as the rows hold them, summed
    // per row key over the window's rows (each statement's range below), and handed back to each as JSON.
    const ranges = {
      activity: `unit = :satUnit and period between :satPrevStart and :satLastStart`,
      firsts: `(kind = 'first' and period <= :satEnd) or (kind = 'first_item' and item_by = :satItemBy and period between :satStart and :satEnd)`,
      revenue: `unit = 'month' and item_by = :satItemBy and currency = :satCurrency and period between :satPrevStart and :satEnd`,
    };
    params.satCorrections = '[]';
    if (fix.ids.length) {
      const fixed = await run<Record<string, unknown>>(
        manager,
        // Dates as text: the JSON must carry the day, not a time stamp in the process's zone.
        `with ${FIX_LINES}
         select kind, unit, period::text as period, item_by, key, currency, pm::text as pm, sum(n)::int as n, sum(days)::int as days, sum(revenue)::text as revenue, sum(quantity)::text as quantity, sum(lines)::int as lines
           from (
             select ${PART_COLUMNS} from (${factsSql(`select 'c' as node, v.id, v.account_id, v.order_date, v.currency from (${visibleOrders}) v where v.account_id = any(:satFix::uuid[])`, '1', AS_NOW)}) plus
             union all
             select ${PART_COLUMNS} from (${factsSql(`select 'c' as node, r.id, r.account_id, r.order_date, r.currency from r where ${NODE_ORDERS} and ${counted}`, '-1', AS_SUMMARISED)}) minus
           ) c
          where (kind in ('act', 'churn') and ${ranges.activity}) or ${ranges.firsts} or (kind in ('rev', 'cust') and ${ranges.revenue})
          group by kind, unit, period, item_by, key, currency, pm`,
        params,
      );
      params.satCorrections = JSON.stringify(fixed);
    }
    const corrections = `union all select ${PART_COLUMNS} from json_to_recordset(:satCorrections::json)
      as c(kind text, unit text, period date, item_by text, key uuid, currency text, pm date, n int, days int, revenue numeric, quantity numeric, lines int)`;
    // The window's rows only, filtered inside the CTE (read by two branches, it is materialised: a filter outside
    // would come after reading every period of the caller's teams).
    const parts = (kinds: string[], range: string) => `parts as (
      select * from (select ${PART_COLUMNS} from satisfaction_summaries s where ${rows} and s.kind in (${kinds.map((kind) => `'${kind}'`).join(', ')}) ${corrections}) p
       where ${range})`;
    const activity = await run<SatisfactionRows['activity'][number]>(
      manager,
      `with ${parts(['act', 'churn'], ranges.activity)}
       select to_char(period, 'YYYY-MM-DD') as p, coalesce(sum(n) filter (where kind = 'act'), 0)::int as active,
              coalesce(sum(days) filter (where kind = 'act'), 0)::int as occasions, coalesce(sum(n) filter (where kind = 'churn'), 0)::int as churned
         from parts where kind in ('act', 'churn') and unit = :satUnit and period between :satPrevStart and :satLastStart
        group by period`,
      params,
    );
    const firsts = await run<SatisfactionRows['firsts'][number]>(
      manager,
      `with ${parts(['first', 'first_item'], ranges.firsts)},
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
      `with ${parts(['rev', 'cust'], ranges.revenue)},
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

/**
 * Changed customers past which a caller reads live: each is read twice by account (as now, as summarised), so the
 * corrections cost about what a rep's live report costs at a few thousand.
 */
export const SATISFACTION_CORRECTION_LIMIT = 2000;
