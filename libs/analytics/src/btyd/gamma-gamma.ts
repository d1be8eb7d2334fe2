// The Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV: Using Iso-Value Curves
// for Customer Base Analysis", Journal of Marketing Research 42(4); Fader & Hardie, "The Gamma-Gamma Model of
// Monetary Value", 2013). A customer's transaction values are Gamma(p, ν) around her own mean p/ν, and ν varies
// across customers as Gamma(q, γ); spend is assumed independent of the purchase process.
import { InputError } from '../input-error';
import { MLE_TOLERANCE, minimize } from './optimize';
import { logGamma } from './special-functions';

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

export interface GammaGammaFit extends GammaGammaParams {
  /** The maximised log-likelihood (natural log, summed over customers). */
  logLikelihood: number;
  /** Customers the model was fitted to (those with x > 0 and a positive mean spend). */
  customers: number;
}

/** What the spend model needs of a customer: x repeat transactions and their mean value z̄ (the `monetary` value). */
export interface SpendHistory {
  frequency: number;
  monetary: number;
}

/**
 * The Gamma-Gamma log-likelihood of the mean spend z̄ over x transactions, summed over customers:
 * f(z̄ | p, q, γ, x) = Γ(px+q) / (Γ(px) Γ(q)) · γ^q · z̄^(px−1) · x^(px) / (γ + x z̄)^(px+q).
 * Every history needs x > 0 and z̄ > 0.
 */
export function gammaGammaLogLikelihood({ p, q, gamma }: GammaGammaParams, histories: readonly SpendHistory[]): number {
  const base = -logGamma(q) + q * Math.log(gamma);
  // ln Γ(px+q) − ln Γ(px) + px ln x depends on x only: once per distinct x (customers have few distinct counts).
  const byFrequency = new Map<number, number>();
  let total = 0;
  for (const { frequency: x, monetary: mean } of histories) {
    const px = p * x;
    let ofFrequency = byFrequency.get(x);
    if (ofFrequency === undefined) byFrequency.set(x, (ofFrequency = logGamma(px + q) - logGamma(px) + px * Math.log(x)));
    total += base + ofFrequency + (px - 1) * Math.log(mean) - (px + q) * Math.log(gamma + x * mean);
  }
  return total;
}

const LOG_BOUND = 20;

/**
 * Maximum-likelihood Gamma-Gamma parameters from the customers with at least one repeat purchase and a positive
 * mean repeat spend (others carry no spend information: a mean of 0 has zero density under the model). Searches
 * over log-parameters with Nelder–Mead, like the BG/NBD fit.
 */
export function fitGammaGamma(histories: readonly SpendHistory[]): GammaGammaFit {
  const spenders = histories.filter((history) => history.frequency > 0 && history.monetary > 0);
  if (spenders.length === 0) throw new InputError('no customer made a repeat purchase with a positive amount: the Gamma-Gamma model cannot be fitted');
  const toParams = ([p, q, gamma]: number[]): GammaGammaParams => ({ p: Math.exp(p), q: Math.exp(q), gamma: Math.exp(gamma) });
  const objective = (point: number[]) => (point.some((value) => Math.abs(value) > LOG_BOUND) ? Infinity : -gammaGammaLogLikelihood(toParams(point), spenders));
  // Start at p = q = 1 with γ on the scale of the spend (the model's mean spend is pγ/(q−1)).
  const meanSpend = spenders.reduce((sum, history) => sum + history.monetary, 0) / spenders.length;
  const result = minimize(objective, [0, 0, Math.log(meanSpend)], MLE_TOLERANCE);
  return { ...toParams(result.point), logLikelihood: -result.value, customers: spenders.length };
}

/**
 * E[M | p, q, γ, x, z̄] = (γ + x z̄) p / (px + q − 1): a weighted mean of the population mean pγ/(q−1) and the
 * customer's own mean z̄, the latter weighing more the more transactions she has. For x = 0 it is the population
 * mean. Needs px + q > 1 (for x = 0, q > 1).
 */
export function conditionalExpectedSpend({ p, q, gamma }: GammaGammaParams, frequency: number, monetary: number): number {
  const denominator = p * frequency + q - 1;
  if (!(denominator > 0)) throw new RangeError(`the expected spend is infinite for q = ${q}, p·x = ${p * frequency}`);
  return ((gamma + frequency * monetary) * p) / denominator;
}

/** The population mean spend per transaction, pγ/(q−1) (infinite when q ≤ 1). */
export function populationMeanSpend({ p, q, gamma }: GammaGammaParams): number {
  return q > 1 ? (p * gamma) / (q - 1) : Infinity;
}
