// The BG/NBD model of repeat buying (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way: An Alternative
// to the Pareto/NBD Model", Marketing Science 24(2)). While alive, a customer buys at Poisson rate λ ~ Gamma(r, α);
// after each repeat purchase she drops out for good with probability p ~ Beta(a, b). Formulas are the paper's
// likelihood (eq. 6), E[X(t)] and E[Y(t) | x, t_x, T] (eq. 10), and P(alive) from Fader, Hardie & Lee's note
// "Computing P(alive) Using the BG/NBD Model" (2008), evaluated in log space.
import { InputError } from '../input-error';
import { hyp2f1, logGamma, logHyp2f1 } from './special-functions';
import { MLE_TOLERANCE, minimize } from './optimize';

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface BgNbdFit extends BgNbdParams {
  /** The maximised log-likelihood (natural log, summed over customers). */
  logLikelihood: number;
  /** Customers the model was fitted to. */
  customers: number;
}

/** A calibration history in the model's terms: x repeat purchases, the last at t_x, observed for T (all in weeks). */
export interface RepeatHistory {
  frequency: number;
  recency: number;
  T: number;
}

/** Histories with a weight: how many customers share it (1 when absent). */
export type WeightedHistory = RepeatHistory & { weight?: number };

/**
 * Distinct (x, t_x, T) triples with their customer counts. The likelihood's gamma functions depend on x only and its
 * powers on α + t_x and α + T only, so each evaluation computes them once per distinct x and per distinct time (real
 * data has few: times are whole days), and the per-triple work is one exp and one log1p.
 */
class GroupedHistories {
  readonly x: Float64Array;
  readonly weight: Float64Array;
  /** For each triple, the index of its x in `distinctX`, and of its t_x and T in `distinctTimes`. */
  readonly xIndex: Int32Array;
  readonly recencyIndex: Int32Array;
  readonly TIndex: Int32Array;
  readonly distinctX: Float64Array;
  readonly distinctTimes: Float64Array;
  readonly customers: number;

  constructor(histories: readonly WeightedHistory[]) {
    const count = histories.length;
    const x = new Float64Array(count);
    const recency = new Float64Array(count);
    const T = new Float64Array(count);
    const weight = new Float64Array(count);
    let customers = 0;
    histories.forEach((history, i) => {
      const { frequency, recency: tx, T: length } = history;
      const w = history.weight ?? 1;
      if (!(Number.isInteger(frequency) && frequency >= 0 && tx >= 0 && length >= tx && w >= 0 && Number.isFinite(length + w))) {
        throw new RangeError(`not a BG/NBD history: x=${frequency}, t_x=${tx}, T=${length}, weight=${w}`);
      }
      if (frequency === 0 && tx !== 0) throw new RangeError(`t_x must be 0 when x = 0 (got ${tx})`);
      [x[i], recency[i], T[i], weight[i]] = [frequency, tx, length, w];
      customers += w;
    });
    // Sort by (x, T, t_x) and merge runs of equal triples (numeric sort: far cheaper than string keys at 10⁵ rows).
    const order = Array.from({ length: count }, (_, i) => i).sort((i, j) => x[i] - x[j] || T[i] - T[j] || recency[i] - recency[j]);
    const groups: number[] = [];
    const weights: number[] = [];
    for (const i of order) {
      const last = groups.length - 1;
      if (last >= 0 && x[groups[last]] === x[i] && T[groups[last]] === T[i] && recency[groups[last]] === recency[i]) weights[last] += weight[i];
      else {
        groups.push(i);
        weights.push(weight[i]);
      }
    }
    this.x = Float64Array.from(groups, (i) => x[i]);
    this.weight = Float64Array.from(weights);
    this.distinctX = Float64Array.from(new Set(this.x)).sort();
    this.distinctTimes = Float64Array.from(new Set([...groups.map((i) => T[i]), ...groups.map((i) => recency[i])])).sort();
    this.xIndex = Int32Array.from(this.x, (value) => sortedIndex(this.distinctX, value));
    this.TIndex = Int32Array.from(groups, (i) => sortedIndex(this.distinctTimes, T[i]));
    this.recencyIndex = Int32Array.from(groups, (i) => sortedIndex(this.distinctTimes, recency[i]));
    this.customers = customers;
  }

  /** Total weight of the triples with x > 0, total repeats and total T: the data's scale, for a starting point. */
  totals(): { repeatCustomers: number; repeats: number; observedWeeks: number } {
    let repeatCustomers = 0;
    let repeats = 0;
    let observedWeeks = 0;
    for (let i = 0; i < this.x.length; i++) {
      if (this.x[i] > 0) repeatCustomers += this.weight[i];
      repeats += this.weight[i] * this.x[i];
      observedWeeks += this.weight[i] * this.distinctTimes[this.TIndex[i]];
    }
    return { repeatCustomers, repeats, observedWeeks };
  }

  logLikelihood({ r, alpha, a, b }: BgNbdParams): number {
    const base = -logGamma(r) + r * Math.log(alpha) + logGamma(a + b) - logGamma(b);
    const logA = Math.log(a);
    // Per distinct x: ln[Γ(r+x) α^r / Γ(r)] + ln[B(a, b+x) / B(a, b)], and ln[a / (b+x−1)] for the dropout term.
    const common = this.distinctX.map((x) => base + logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x));
    const dropout = this.distinctX.map((x) => (x > 0 ? logA - Math.log(b + x - 1) : -Infinity));
    const logTime = this.distinctTimes.map((time) => Math.log(alpha + time));
    let total = 0;
    for (let i = 0; i < this.x.length; i++) {
      const x = this.x[i];
      const k = this.xIndex[i];
      const stillAlive = -(r + x) * logTime[this.TIndex[i]];
      let term = stillAlive;
      if (x > 0) {
        const droppedOut = dropout[k] - (r + x) * logTime[this.recencyIndex[i]];
        // ln(e^u + e^v) without overflow.
        term = Math.max(stillAlive, droppedOut) + Math.log1p(Math.exp(-Math.abs(stillAlive - droppedOut)));
      }
      total += this.weight[i] * (common[k] + term);
    }
    return total;
  }
}

/** Position of `value` in the ascending array `sorted`, which contains it. */
function sortedIndex(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The BG/NBD log-likelihood (paper eq. 6) summed over histories:
 * L(r, α, a, b | x, t_x, T) = B(a, b+x)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+T)^(r+x))
 *                           + δ(x>0) · B(a+1, b+x−1)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+t_x)^(r+x)).
 */
export function bgNbdLogLikelihood(params: BgNbdParams, histories: readonly WeightedHistory[]): number {
  return new GroupedHistories(histories).logLikelihood(params);
}

// Log-parameters are kept within ±LOG_BOUND (parameters in [2e-9, 5e8]): beyond that the likelihood is flat or
// overflows, and the optimiser is told so by an infinite value.
const LOG_BOUND = 20;

/**
 * Maximum-likelihood BG/NBD parameters. The search runs over the logarithms of (r, α, a, b), so every trial point is
 * a valid parameter set, with Nelder–Mead restarted until it stops improving.
 */
export function fitBgNbd(histories: readonly WeightedHistory[]): BgNbdFit {
  const data = new GroupedHistories(histories);
  if (data.customers === 0) throw new InputError('no customers in the calibration period: the BG/NBD model cannot be fitted');
  const { repeatCustomers, repeats, observedWeeks } = data.totals();
  if (repeatCustomers === 0) throw new InputError('no customer made a repeat purchase in the calibration period: the BG/NBD model cannot be fitted');
  const toParams = ([r, alpha, a, b]: number[]): BgNbdParams => ({ r: Math.exp(r), alpha: Math.exp(alpha), a: Math.exp(a), b: Math.exp(b) });
  const objective = (point: number[]) => (point.some((value) => Math.abs(value) > LOG_BOUND) ? Infinity : -data.logLikelihood(toParams(point)));
  // Start with r = 1 and α matching the observed repeat rate (r/α = repeats per week), a = b = 1.
  const start = [0, Math.log(Math.max(observedWeeks / Math.max(repeats, 1), 1e-6)), 0, 0];
  const result = minimize(objective, start, MLE_TOLERANCE);
  return { ...toParams(result.point), logLikelihood: -result.value, customers: data.customers };
}

/**
 * E[X(t)], the expected number of repeat purchases in a period of length t after a customer's first purchase
 * (from the paper): (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))].
 */
export function expectedTransactions(params: BgNbdParams, t: number): number {
  const { r, alpha, a, b } = params;
  if (t === 0) return 0;
  return growth(a, r, b, r * Math.log(alpha / (alpha + t)), t / (alpha + t));
}

/**
 * E[Y(t) | x, t_x, T], the expected repeat purchases in the next t weeks of a customer with history (x, t_x, T)
 * (paper eq. 10):
 * (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
 *                 / [1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)].
 */
export function conditionalExpectedTransactions(params: BgNbdParams, t: number, frequency: number, recency: number, T: number): number {
  const { r, alpha, a, b } = params;
  if (t === 0) return 0;
  const x = frequency;
  const logPower = (r + x) * Math.log((alpha + T) / (alpha + T + t));
  const z = t / (alpha + T + t);
  return growth(a, r + x, b + x, logPower, z) * probabilityAlive(params, frequency, recency, T);
}

/**
 * P(alive | x, t_x, T) (Fader, Hardie & Lee's P(alive) note):
 * 1 / [1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)]; a customer with no repeat purchase cannot have dropped out.
 */
export function probabilityAlive(params: BgNbdParams, frequency: number, recency: number, T: number): number {
  if (frequency === 0) return 1;
  const { r, alpha, a, b } = params;
  const logOdds = Math.log(a / (b + frequency - 1)) + (r + frequency) * Math.log((alpha + T) / (alpha + recency));
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * The common form of E[X(t)] and E[Y(t) | x, t_x, T]: c/(a−1) · [1 − P · ₂F₁(r', b'; c; z)] with c = a + b' − 1 and ln P = `logPower`.
 * Summed in log space when c > 0 (every series term positive); for c ≤ 0 (only when x = 0 and a + b ≤ 1) the plain
 * series. Both 1/(a−1) and the pole of ₂F₁ at c = 0 are removable singularities of the whole expression: close to
 * them, the values on either side are averaged.
 */
function growth(a: number, shape: number, bPlusX: number, logPower: number, z: number): number {
  const value = (aa: number) => {
    const c = aa + bPlusX - 1;
    const bracket = c > 0 ? -Math.expm1(logPower + logHyp2f1(shape, bPlusX, c, z)) : 1 - Math.exp(logPower) * hyp2f1(shape, bPlusX, c, z);
    return (c / (aa - 1)) * bracket;
  };
  if (Math.abs(a - 1) < NEAR_SINGULARITY || Math.abs(a + bPlusX - 1) < NEAR_SINGULARITY) return (value(a - AVERAGE_OVER) + value(a + AVERAGE_OVER)) / 2;
  return value(a);
}
const NEAR_SINGULARITY = 1e-7;
const AVERAGE_OVER = 1e-5;
