/**
 * The one place quote figures are computed, in PostgreSQL numeric (never JavaScript numbers), for the service and the
 * demo data alike. Rounding is PostgreSQL's round(): half away from zero, to the cent.
 */

/**
 * Inserts one priced line: $1 id, $2 quote, $3 position, $4 product, $5 description, $6 quantity, $7 unit list
 * price, $8 discount %. net price = round(list × (100 − discount) / 100, 2); line total = round(net × quantity, 2).
 */
export const INSERT_QUOTE_LINE_SQL = `
  insert into quote_lines (id, quote_id, position, product_id, description, quantity, list_price, discount_percent, net_price, line_total)
  select $1, $2, $3, $4, $5, $6::numeric, p.list, $8::numeric, p.net, round(p.net * $6::numeric, 2)
    from (select $7::numeric(18, 2) as list, round($7::numeric(18, 2) * (100 - $8::numeric) / 100, 2) as net) p`;

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
