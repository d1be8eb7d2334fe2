import type { DataSource, EntityManager } from 'typeorm';
import { unseenBy } from '../../platform/database/snapshot-visibility';
import { AS_NOW, AS_SUMMARISED, FIX_LINES, PART_COLUMNS, run, unseenCustomers } from './satisfaction-changes';
import { FACT_COLUMNS, factsSql } from './satisfaction-facts';
import { listMixedCustomers, LOG_TABLES, partOrders, racedAnother, summaryRows } from './satisfaction-summaries';

/**
 * Changed customers past which the job writes the summaries again rather than folding them: a fold's cost follows
 * its customers (1.2–5.5 ms each at a million customers, by how many of their rows change and whether their orders
 * are cached — docs/analytics.md "Measured": 25–110 s here), a writing's the whole order book (~450 s), so folding
 * stays cheaper well past what a day of order writes changes; past this a bulk import or correction is written in one
 * go.
 */
export const SATISFACTION_FOLD_LIMIT = 20_000;

/** What the summaries need next: written (never written, truncated, or a change that cannot be folded), a fold, or nothing. */
export async function satisfactionSummaryWork(dataSource: DataSource): Promise<'write' | 'fold' | null> {
  const unseen = `from satisfaction_changes c where ${unseenBy('c.xid', 'st.snapshot')}`;
  const [{ work }]: Array<{ work: 'write' | 'fold' | null }> = await dataSource.query(
    `select case when not st.valid or st.snapshot is null or exists (select 1 ${unseen} and c.account_id is null)
                      or (select count(distinct c.account_id) ${unseen}) > $1 then 'write'
                 when exists (select 1 ${unseen}) then 'fold' end as work
       from satisfaction_summary_state st`,
    [SATISFACTION_FOLD_LIMIT],
  );
  return work;
}

/**
 * A fold's outcome: the changed customers folded into the summaries, none changed, the summaries cannot be folded
 * (never written, or a change that lists no customers, or too many: write them instead), or another fold or writing
 * raced this one (it will be tried again on the next tick).
 */
export interface FoldResult {
  outcome: 'folded' | 'unchanged' | 'unfoldable' | 'raced';
  customers: number;
}

/**
 * Folds the customers changed since the summaries' snapshot into the summaries: for each, the facts of their orders as
 * that snapshot saw them are subtracted from the rows and the facts of their orders now added — the arithmetic a
 * reader applies to its answer (satisfaction-changes.ts), applied once to the rows — their listing among the customers
 * of several teams is redone, the log rows folded are deleted, and the stored snapshot becomes the fold's own. One
 * repeatable-read transaction, whose snapshot is both "now" for the facts added and the new stored snapshot: an order
 * write committing during the fold is not in it, and is corrected by readers (and the next fold) like any later one,
 * its log rows untouched (invisible to the fold's delete); so the summaries plus the readers' corrections stay the
 * live answer, as after a writing. Order writes never wait for a fold. Of a fold and a concurrent fold or writing, one
 * fails ('raced': a serialization failure on the state row or the summary rows both change) rather than count twice.
 */
export async function foldSatisfactionChanges(dataSource: DataSource): Promise<FoldResult> {
  try {
    return await dataSource.transaction('REPEATABLE READ', (manager: EntityManager) => fold(manager));
  } catch (error: unknown) {
    if (racedAnother(error)) return { outcome: 'raced', customers: 0 };
    throw error;
  }
}

/** The fix customers' orders now (every order of theirs, as a customer's part depends on all of them). */
const FIX_ORDERS = `(select o.* from orders o where o.account_id = any(:satFix::uuid[]))`;

/** A summary row (alias) whose sums are all zero: what no customer contributes to, as a writing would not hold it. */
const ZERO = (a: string) =>
  `coalesce(${a}.n, 0) = 0 and coalesce(${a}.days, 0) = 0 and coalesce(${a}.revenue, 0) = 0 and coalesce(${a}.quantity, 0) = 0 and coalesce(${a}.lines, 0) = 0`;

/** Adds a fold's sum to a row's (null where the row's kind has no such sum, as in both). */
const ADD = ['n', 'days', 'revenue', 'quantity', 'lines'].map((c) => `${c} = coalesce(s.${c} + excluded.${c}, s.${c}, excluded.${c})`).join(', ');

async function fold(manager: EntityManager): Promise<FoldResult> {
  // The first statement takes the transaction's snapshot and the state row's lock: a fold or writing that committed
  // meanwhile makes this one fail here, before its work, rather than double-count.
  const [state]: Array<{ valid: boolean; snapshot: string | null }> = await manager.query(`select valid, snapshot::text as snapshot from satisfaction_summary_state for update`);
  if (!state?.valid || state.snapshot === null) return { outcome: 'unfoldable', customers: 0 };
  const params: Record<string, unknown> = { satSnapshot: state.snapshot };
  const changed = await unseenCustomers(manager, params);
  if (changed.unlisted || changed.ids.length > SATISFACTION_FOLD_LIMIT) return { outcome: 'unfoldable', customers: changed.ids.length };
  if (!changed.ids.length) return { outcome: 'unchanged', customers: 0 };
  params.satFix = changed.ids;

  // Per part (team, or 'mixed'), the customers' facts now minus as summarised: their part may change with them (an
  // order moved to another team makes its customer one of several teams').
  await manager.query(`
    create temporary table satisfaction_fold (
      node text, kind text, unit text, period date, item_by text, key uuid, currency text, pm date, n bigint, days bigint, revenue numeric, quantity numeric, lines bigint
    ) on commit drop`);
  await run(
    manager,
    `insert into satisfaction_fold
     with ${FIX_LINES}
     select node, kind, unit, period, item_by, key, currency, pm, sum(n), sum(days), sum(revenue), sum(quantity), sum(lines)
       from (
         select node, ${PART_COLUMNS} from (${factsSql(partOrders(FIX_ORDERS), '1', AS_NOW)}) as_now
         union all
         select node, ${PART_COLUMNS} from (${factsSql(partOrders('r'), '-1', AS_SUMMARISED)}) as_summarised
       ) c
      group by 1, 2, 3, 4, 5, 6, 7, 8`,
    params,
  );
  // Added to the team rows and the every-customer rows (rows a fold leaves at zero are removed: a writing holds none).
  const emptied = await manager.query<Array<{ ctid: string }>>(`
    with folded as (
      insert into satisfaction_summaries as s (${FACT_COLUMNS})
      select * from (${summaryRows('satisfaction_fold')}) d
       where not (${ZERO('d')})
       order by team_id nulls first, kind, unit, item_by, currency, period
      on conflict (team_id, kind, unit, item_by, currency, period, key, pm) do update set ${ADD}
      returning s.ctid, s.n, s.days, s.revenue, s.quantity, s.lines
    )
    select ctid::text as ctid from folded where ${ZERO('folded')}`);
  if (emptied.length) await manager.query(`delete from satisfaction_summaries where ctid = any($1::tid[])`, [emptied.map((row) => row.ctid)]);
  await run(manager, `delete from satisfaction_mixed_customers where account_id = any(:satFix::uuid[])`, params);
  await run(manager, listMixedCustomers(FIX_ORDERS), params);
  // Every log row the fold's snapshot sees is in the summaries now. The rows of writes it does not see (committed
  // during the fold, or running) are not deleted — a delete skips rows its snapshot does not see — and stay for the
  // readers and the next fold.
  for (const table of LOG_TABLES) await manager.query(`delete from ${table}`);
  await manager.query(`update satisfaction_summary_state set snapshot = pg_current_snapshot(), folded_at = now()`);
  return { outcome: 'folded', customers: changed.ids.length };
}
