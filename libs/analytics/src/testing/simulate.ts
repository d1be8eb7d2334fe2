// Data simulated from known BTYD parameters, for parameter-recovery tests and the benchmark.
import type { BgNbdParams, RepeatHistory } from '../btyd/bgnbd';
import type { GammaGammaParams } from '../btyd/gamma-gamma';
import type { Random } from './random';

/**
 * One BG/NBD customer per observation length in `lengths` (weeks): λ ~ Gamma(r, rate α), p ~ Beta(a, b); purchases
 * follow a Poisson process of rate λ from the first purchase at 0, and after each repeat purchase the customer drops
 * out with probability p.
 */
export function simulateBgNbd(random: Random, { r, alpha, a, b }: BgNbdParams, lengths: readonly number[]): RepeatHistory[] {
  return lengths.map((T) => {
    const rate = random.gamma(r, alpha);
    const dropout = random.beta(a, b);
    let time = 0;
    let frequency = 0;
    let recency = 0;
    for (;;) {
      time += random.exponential(rate);
      if (time > T) break;
      frequency++;
      recency = time;
      if (random.uniform() < dropout) break;
    }
    return { frequency, recency, T };
  });
}

/** One Gamma-Gamma customer per repeat count in `frequencies`: ν ~ Gamma(q, rate γ), each spend ~ Gamma(p, rate ν). */
export function simulateGammaGamma(random: Random, { p, q, gamma }: GammaGammaParams, frequencies: readonly number[]): { frequency: number; monetary: number }[] {
  return frequencies.map((frequency) => {
    const scale = random.gamma(q, gamma);
    let total = 0;
    for (let i = 0; i < frequency; i++) total += random.gamma(p, scale);
    return { frequency, monetary: total / frequency };
  });
}

/** Observation lengths of customers who joined on a uniformly random day of the first `joinWeeks` weeks. */
export function cohortLengths(random: Random, count: number, calibrationWeeks: number, joinWeeks: number): number[] {
  return Array.from({ length: count }, () => calibrationWeeks - Math.floor(random.uniform() * joinWeeks * 7) / 7);
}
