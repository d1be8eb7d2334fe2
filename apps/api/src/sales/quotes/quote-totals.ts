import type { EntityManager } from 'typeorm';

/**
 * The one place quote figures are computed, in PostgreSQL numeric (never JavaScript numbers), for the service and the
 * demo data alike. Rounding is PostgreSQL's round(): half away from zero, to the cent.
 */

/** A line to price and insert: the unit list price is already resolved (price list or given). */
export interface QuoteLineToInsert {
  id: string;
  productId: string;
  description: string;
  quantity: string;
  listPrice: string;
  discountPercent: string;
}

/**
 * Inserts a quote's lines in one statement, positions in their order. net price = round(list × (100 − discount) /
 * 100, 2); line total = round(net × quantity, 2).
 */
export async function insertQuoteLines(manager: EntityManager, quoteId: string, lines: QuoteLineToInsert[]): Promise<void> {
  if (!lines.length) return;
  await manager.query(
    `insert into quote_lines (id, quote_id, position, product_id, description, quantity, list_price, discount_percent, net_price, line_total)
     select l.id, $1, l.n - 1, l.product_id, l.description, l.quantity, p.list, l.discount, p.net, round(p.net * l.quantity, 2)
       from unnest($2::uuid[], $3::uuid[], $4::text[], $5::numeric[], $6::numeric[], $7::numeric[])
            with ordinality as l(id, product_id, description, quantity, list_price, discount, n),
            lateral (select l.list_price::numeric(18, 2) as list, round(l.list_price::numeric(18, 2) * (100 - l.discount) / 100, 2) as net) p`,
    [
      quoteId,
      lines.map((l) => l.id),
      lines.map((l) => l.productId),
      lines.map((l) => l.description),
      lines.map((l) => l.quantity),
      lines.map((l) => l.listPrice),
      lines.map((l) => l.discountPercent),
    ],
  );
}

/**
 * The totals of quote $1 from its lines: subtotal Σ round(quantity × list, 2); net Σ line totals; discount subtotal −
 * net; tax round(net × rate / 100, 2); grand net + tax; and the largest line discount, which the approval rules read.
 */
export const RECOMPUTE_QUOTE_TOTALS_SQL = `
  update quotes q
     set subtotal = s.subtotal, net_total = s.net, discount_total = s.subtotal - s.net,
         tax_total = round(s.net * q.tax_rate / 100, 2), grand_total = s.net + round(s.net * q.tax_rate / 100, 2),
         max_discount_percent = s.max_discount
    from (select coalesce(sum(round(quantity * list_price, 2)), 0) as subtotal, coalesce(sum(line_total), 0) as net,
                 coalesce(max(discount_percent), 0) as max_discount
            from quote_lines where quote_id = $1) s
   where q.id = $1`;
