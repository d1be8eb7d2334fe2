import { InputError } from '../input-error';
import { checkNumber, resolveOptions } from './check';

/**
 * Customer value tiers (R-ANA-2), by ABC (Pareto) analysis: rank customers by a value (spend, profit, historic
 * CLV), and the largest ones that together bring `aShare` of the total are tier a (the key accounts), those that
 * bring the total up to `bShare` are tier b, the rest c. Like RFM it is split for batches: {@link valueTierBreakpoints}
 * reads the population's values once, {@link valueTier} places one customer.
 */
export type ValueTier = 'a' | 'b' | 'c';

export interface ValueTierOptions {
  /** Cumulative share of the total value that tier a brings (default 0.8, the Pareto 80 %). */
  aShare: number;
  /** Cumulative share reached at the end of tier b (default 0.95). */
  bShare: number;
}

export const DEFAULT_VALUE_TIER_OPTIONS: Readonly<ValueTierOptions> = { aShare: 0.8, bShare: 0.95 };

/** The smallest value in tier a and in tier b; null when nobody is in the tier (a population of zeros). */
export interface ValueTierBreakpoints {
  a: number | null;
  b: number | null;
}

/**
 * Walks the values from the largest down; the customer at which the running total first reaches aShare · total
 * sets the a threshold (everyone with a value ≥ it is a, so equal values share a tier), likewise for b. Values of
 * 0 are never in a or b.
 */
export function valueTierBreakpoints(values: ArrayLike<number>, given?: Partial<ValueTierOptions>): ValueTierBreakpoints {
  const options = resolveOptions(DEFAULT_VALUE_TIER_OPTIONS, { aShare: { above: 0, max: 1 }, bShare: { above: 0, max: 1 } }, given, 'options');
  if (options.bShare < options.aShare) throw new InputError(`options.bShare: ${options.bShare} is below aShare ${options.aShare}`);
  const sorted = Float64Array.from(values as ArrayLike<number>);
  for (let i = 0; i < sorted.length; i++) checkNumber(sorted[i], `values[${i}]`, { min: 0 });
  sorted.sort().reverse();
  const total = sorted.reduce((sum, value) => sum + value, 0);
  if (total === 0) return { a: null, b: null };
  const threshold = (share: number) => {
    let running = 0;
    // A relative tolerance keeps a 0.8 that sums to 0.7999999999 from spilling into the next customer.
    const target = share * total * (1 - 1e-12);
    for (const value of sorted) {
      running += value;
      if (running >= target) return value;
    }
    return sorted[sorted.length - 1];
  };
  return { a: threshold(options.aShare), b: threshold(options.bShare) };
}

export function valueTier(value: number, breakpoints: ValueTierBreakpoints): ValueTier {
  checkNumber(value, 'value', { min: 0 });
  if (breakpoints.a !== null && value >= breakpoints.a && value > 0) return 'a';
  if (breakpoints.b !== null && value >= breakpoints.b && value > 0) return 'b';
  return 'c';
}
