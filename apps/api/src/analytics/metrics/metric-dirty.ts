import type { FactsMode, RunQuery } from './metric-facts';

/** Every live account, as `metric_dirty` holds them in a run that rebuilds all (also on its second connection: metric-facts.ts). */
export const LIVE_ACCOUNTS = `select id as account_id from accounts where deleted_at is null`;

/**
 * The accounts whose facts a run rebuilds from their orders, into the run's `metric_dirty` (docs/analytics.md, "Metric
 * computation"). Writes tell which accounts changed (migration 360: the triggers of orders, order line sums, accounts
 * and metric rows log them in `customer_metric_changes`), so nothing here reads every order:
 * - a full run, or the first run (no as-of day remembered: a fresh database, or orders, lines or metrics truncated):
 *   every live account;
 * - otherwise the live accounts logged since the last run, those with an order dated between the last run's as-of day
 *   and this one's (a new day brings orders into the facts' range; a run on an earlier day takes them out), and those
 *   with orders a rate change reprices (addRateChangedAccounts).
 * The log rows and rate changes a run sees are deleted in its transaction (all of them in a full run, which rebuilds
 * everything they could tell): a failed run leaves them for the next. A write committed after they are read stays
 * logged for the next run (and is maybe rebuilt twice, never missed: the facts read the orders in later statements).
 * Answers whether every account is rebuilt.
 */
export async function findDirtyAccounts(query: RunQuery, asOf: string, mode: FactsMode): Promise<boolean> {
  const [state]: Array<{ as_of: string }> = await query(`select to_char(as_of, 'YYYY-MM-DD') as as_of from customer_metric_state`);
  await query(`insert into customer_metric_state (as_of) values ($1) on conflict (singleton) do update set as_of = excluded.as_of`, [asOf]);
  const everyAccount = mode === 'full' || state === undefined;
  if (everyAccount) {
    await query(`delete from customer_metric_changes`);
    await query(`delete from exchange_rate_changes`);
    // No key: a million random uuids inserted into a temporary table's index go through a few megabytes of local
    // buffers (temp_buffers), 7 s at 1M customers; nothing looks the accounts up in a full run.
    await query(`create temporary table metric_dirty on commit drop as ${LIVE_ACCOUNTS}`);
  } else {
    await query(`create temporary table metric_dirty (account_id uuid primary key) on commit drop`);
    const [from, to] = [state.as_of, asOf].sort();
    await query(
      `with logged as (delete from customer_metric_changes returning account_id)
       insert into metric_dirty
       select a.id from accounts a
        where a.deleted_at is null
          and a.id in (select account_id from logged union select account_id from orders where order_date > $1::date and order_date <= $2::date)`,
      [from, to],
    );
    await addRateChangedAccounts(query);
  }
  await query(`analyze metric_dirty`);
  return everyAccount;
}

/**
 * Exchange-rate changes (docs/analytics.md, "Currencies"): a changed rate changes converted money without touching any
 * order, so every rate write or delete leaves a row in `exchange_rate_changes` (sales/exchange-rates). The run takes
 * the changes it can see and adds the live accounts with an order in a changed currency dated on or after the earliest
 * changed `valid_from` of that currency (those already dirty stay as they are). Answers how many it added. One pass over
 * the orders when something changed, nothing otherwise.
 */
export async function addRateChangedAccounts(query: RunQuery): Promise<number> {
  const [{ added }]: Array<{ added: number }> = await query(
    `with seen as (delete from exchange_rate_changes returning currency, valid_from),
          earliest as (select currency, min(valid_from) as valid_from from seen group by currency),
          inserted as (
            insert into metric_dirty (account_id)
            select distinct a.id
              from orders o
              join earliest e on e.currency = o.currency and o.order_date >= e.valid_from
              join accounts a on a.id = o.account_id and a.deleted_at is null
            on conflict (account_id) do nothing
            returning 1)
     select count(*)::int as added from inserted`,
  );
  return added;
}
