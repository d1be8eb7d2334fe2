import type { RunQuery } from './metric-facts';

/**
 * Exchange-rate changes in the incremental recompute (docs/analytics.md, "Currencies"). The facts' signature (order
 * count, latest `orders.updated_at`) does not move when a rate does, so every rate write or delete leaves a row in
 * `exchange_rate_changes` (sales/exchange-rates), and a run calls this right after filling `metric_dirty`: it takes
 * the changes it can see (deleting them, in the run's transaction — a failed run leaves them for the next), and adds
 * to `metric_dirty`, with their signature, the live accounts with an order in a changed currency dated on or after the
 * earliest changed `valid_from` of that currency. A change committed after this statement stays for the next run (and
 * may be rebuilt twice, never missed: the facts read the rates in a later statement). Answers how many accounts it
 * added (those already dirty are kept as they are). One pass over the orders when something changed, nothing otherwise.
 */
export async function addRateChangedAccounts(query: RunQuery, asOf: string): Promise<number> {
  const [{ added }]: Array<{ added: number }> = await query(
    `with seen as (delete from exchange_rate_changes returning currency, valid_from),
          earliest as (select currency, min(valid_from) as valid_from from seen group by currency),
          touched as (select distinct o.account_id from orders o join earliest e on e.currency = o.currency and o.order_date >= e.valid_from),
          inserted as (
            insert into metric_dirty (account_id, source_orders, source_updated_at)
            select a.id, (count(*) filter (where o.order_date <= $1::date))::int, max(o.updated_at)
              from touched t
              join accounts a on a.id = t.account_id and a.deleted_at is null
              join orders o on o.account_id = a.id
             group by a.id
            on conflict (account_id) do nothing
            returning 1)
     select count(*)::int as added from inserted`,
    [asOf],
  );
  return added;
}
