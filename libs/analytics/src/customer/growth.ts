/**
 * Period-over-period growth (R-ANA-3, R-ANA-7): (current − previous) / |previous|. A previous value of 0 has no
 * growth rate (from nothing to something is not a percentage), so the answer is `null`, never Infinity or NaN;
 * the SPA shows "new" or "–" there. For positive values |previous| is previous; for series that can be negative
 * (profit) it keeps the sign meaning "better or worse": a loss going from −100 to −50 is +50 %, not −50 %.
 */
export function growthRate(current: number, previous: number): number | null {
  if (!Number.isFinite(current) || !Number.isFinite(previous) || previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}

/** Growth of each period over the one before it: element 0 is `null` (no previous period). */
export function periodOverPeriodGrowth(series: ArrayLike<number>): (number | null)[] {
  const rates: (number | null)[] = [];
  for (let i = 0; i < series.length; i++) rates.push(i === 0 ? null : growthRate(series[i], series[i - 1]));
  return rates;
}
