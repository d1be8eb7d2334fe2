/**
 * The one implementation of sales money: quote and order lines and totals, in exact decimal arithmetic — decimal
 * strings → scaled BigInt → decimal strings, rounding half up to cents (all values are non-negative; the same as
 * PostgreSQL's round() for them). Never a JavaScript float.
 */

/** `12.5` at scale 2 → 1250n. The string is a validated non-negative decimal with at most `scale` decimals. */
export function toScaled(value: string, scale: number): bigint {
  const [whole, fraction = ''] = value.split('.');
  if (fraction.length > scale) throw new Error(`${value} has more than ${scale} decimals`);
  return BigInt(whole + fraction.padEnd(scale, '0'));
}

/** 1250n at scale 2 → `12.50`. */
export function fromScaled(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${text}` : text;
}

/** numerator / denominator rounded half up (both non-negative, denominator > 0). */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

export interface LineInput {
  quantity: string;
  listPrice: string;
  discountPercent: string;
}

export interface LinePrices {
  netPrice: string;
  lineTotal: string;
}

/** net = round(list × (100 − discount %) / 100, 2); line total = round(net × quantity, 2). */
export function priceLine(line: LineInput): LinePrices {
  const list = toScaled(line.listPrice, 2);
  const discount = toScaled(line.discountPercent, 2); // hundredths of a percent
  const net = divideRounded(list * (10000n - discount), 10000n);
  const total = divideRounded(net * toScaled(line.quantity, 3), 1000n);
  return { netPrice: fromScaled(net, 2), lineTotal: fromScaled(total, 2) };
}

/** subtotal = Σ line totals; tax = round(subtotal × rate / 100, 2); total = subtotal + tax. */
export function orderTotals(lineTotals: string[], taxRate: string): { subtotal: string; taxAmount: string; total: string } {
  const subtotal = lineTotals.reduce((sum, total) => sum + toScaled(total, 2), 0n);
  const tax = divideRounded(subtotal * toScaled(taxRate, 2), 10000n);
  return { subtotal: fromScaled(subtotal, 2), taxAmount: fromScaled(tax, 2), total: fromScaled(subtotal + tax, 2) };
}

export interface QuoteTotals {
  subtotal: string;
  discountTotal: string;
  netTotal: string;
  taxTotal: string;
  grandTotal: string;
  /** The largest line discount: what the approval rules read. */
  maxDiscountPercent: string;
}

/**
 * A quote's totals from its priced lines: subtotal = Σ round(quantity × list, 2); net = Σ line totals; discount =
 * subtotal − net; tax = round(net × rate / 100, 2); grand = net + tax.
 */
export function quoteTotals(lines: Array<LineInput & LinePrices>, taxRate: string): QuoteTotals {
  const subtotal = lines.reduce((sum, line) => sum + toScaled(priceLine({ ...line, discountPercent: '0' }).lineTotal, 2), 0n);
  const net = orderTotals(lines.map((line) => line.lineTotal), taxRate);
  const maxDiscount = lines.reduce((max, line) => (toScaled(line.discountPercent, 2) > max ? toScaled(line.discountPercent, 2) : max), 0n);
  return {
    subtotal: fromScaled(subtotal, 2),
    discountTotal: fromScaled(subtotal - toScaled(net.subtotal, 2), 2),
    netTotal: net.subtotal,
    taxTotal: net.taxAmount,
    grandTotal: net.total,
    maxDiscountPercent: fromScaled(maxDiscount, 2),
  };
}

/** A validated decimal string normalised to `scale` decimals without leading zeros (`007.5` → `7.50`). */
export function normalise(value: string, scale: number): string {
  return fromScaled(toScaled(value, scale), scale);
}
