/**
 * Money from one currency into another on a day, in SQL, through the base currency (`BASE_CURRENCY`): the rate of a
 * currency on a day is units of the base currency per unit, the latest `valid_from` on or before the day
 * (`exchange_rate_on`, migration 290); the base currency's own rate is 1. The same currency is taken as it is
 * (no lookup, no rounding); otherwise amount × rate(from) / rate(to), rounded to cents like the stored money. Null
 * when either rate is missing on that day: an unknown amount, never a guess.
 *
 * The arguments are SQL expressions (columns, parameters with casts); `base` is the base currency.
 */
export function convertedMoneySql(amount: string, from: string, to: string, day: string, base: string): string {
  const rate = (currency: string) => `(case when ${currency} = ${base} then 1::numeric else exchange_rate_on(${currency}, ${day}) end)`;
  return `(case when ${from} = ${to} then ${amount} else round(${amount} * ${rate(from)} / ${rate(to)}, 2) end)`;
}
