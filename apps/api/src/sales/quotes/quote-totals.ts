import type { EntityManager } from 'typeorm';
import { priceLine, quoteTotals } from '../pricing/money';

/**
 * Writing a quote's lines and totals, priced by the one money implementation (pricing/money.ts), for the service
 * and the demo data alike.
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

/** Prices a quote's lines and inserts them in one statement, positions in their order. */
export async function insertQuoteLines(manager: EntityManager, quoteId: string, lines: QuoteLineToInsert[]): Promise<void> {
  if (!lines.length) return;
  const priced = lines.map((line) => ({ ...line, ...priceLine(line) }));
  await manager.query(
    `insert into quote_lines (id, quote_id, position, product_id, description, quantity, list_price, discount_percent, net_price, line_total)
     select l.id, $1, l.n - 1, l.product_id, l.description, l.quantity, l.list_price, l.discount, l.net_price, l.line_total
       from unnest($2::uuid[], $3::uuid[], $4::text[], $5::numeric[], $6::numeric[], $7::numeric[], $8::numeric[], $9::numeric[])
            with ordinality as l(id, product_id, description, quantity, list_price, discount, net_price, line_total, n)`,
    [
      quoteId,
      priced.map((l) => l.id),
      priced.map((l) => l.productId),
      priced.map((l) => l.description),
      priced.map((l) => l.quantity),
      priced.map((l) => l.listPrice),
      priced.map((l) => l.discountPercent),
      priced.map((l) => l.netPrice),
      priced.map((l) => l.lineTotal),
    ],
  );
}

/** Recomputes quote `quoteId`'s totals from its stored lines and tax rate (quoteTotals) and stores them. */
export async function writeQuoteTotals(manager: EntityManager, quoteId: string): Promise<void> {
  // One read: the quote's tax rate on every line's row (and on a lone row when it has no lines).
  const rows: Array<{ taxRate: string; quantity: string | null; listPrice: string; discountPercent: string; netPrice: string; lineTotal: string }> = await manager.query(
    `select q.tax_rate::text as "taxRate", l.quantity::text as "quantity", l.list_price::text as "listPrice",
            l.discount_percent::text as "discountPercent", l.net_price::text as "netPrice", l.line_total::text as "lineTotal"
       from quotes q left join quote_lines l on l.quote_id = q.id
      where q.id = $1`,
    [quoteId],
  );
  const lines = rows.filter((row) => row.quantity !== null) as Array<(typeof rows)[number] & { quantity: string }>;
  const totals = quoteTotals(lines, rows[0].taxRate);
  await manager.query(
    `update quotes set subtotal = $2, discount_total = $3, net_total = $4, tax_total = $5, grand_total = $6, max_discount_percent = $7 where id = $1`,
    [quoteId, totals.subtotal, totals.discountTotal, totals.netTotal, totals.taxTotal, totals.grandTotal, totals.maxDiscountPercent],
  );
}
