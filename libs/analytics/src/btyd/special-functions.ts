// Special functions for the BTYD likelihoods and expectations. Written for parameters the models produce (positive
// reals, moderate sizes); each says its domain.

// Lanczos approximation with g = 7 and 9 coefficients (the widely published set): relative error of Γ below 1e-15
// for real arguments ≥ 0.5; the reflection formula covers the rest.
const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0 (ln |Γ(x)| for negative non-integers). */
export function logGamma(x: number): number {
  if (x < 0.5) {
    // Reflection: Γ(x) Γ(1 − x) = π / sin(πx).
    return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  }
  const z = x - 1;
  let series = LANCZOS_COEFFICIENTS[0];
  for (let i = 1; i < LANCZOS_COEFFICIENTS.length; i++) series += LANCZOS_COEFFICIENTS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(series);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0. */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

const MAX_SERIES_TERMS = 1_000_000;
const SERIES_TOLERANCE = 1e-15;
// Rescale the running sum past this size so that ln 2F1 stays available when 2F1 itself would overflow.
const RESCALE_AT = 1e250;
const LOG_RESCALE = Math.log(RESCALE_AT);

/**
 * ln ₂F₁(a, b; c; z) for a, b, c > 0 and 0 ≤ z < 1, where every term of the Gauss series is positive. The series
 * is summed until a term no longer changes the sum (relative 1e-15); it converges like zⁿ, so z very close to 1
 * costs many terms (about 35 / (1 − z)), and a series that has not converged after 10⁶ terms is an error.
 */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(a > 0 && b > 0 && c > 0)) throw new RangeError(`logHyp2f1 needs a, b, c > 0 (got ${a}, ${b}, ${c})`);
  if (!(z >= 0 && z < 1)) throw new RangeError(`logHyp2f1 needs 0 ≤ z < 1 (got ${z})`);
  let term = 1;
  let sum = 1;
  let logScale = 0;
  for (let n = 0; n < MAX_SERIES_TERMS; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    // Terms may grow before they shrink (when a·b > c), so stop only once they are shrinking.
    if (term <= SERIES_TOLERANCE * sum && (a + n) * (b + n) * z <= (c + n) * (n + 1)) return logScale + Math.log(sum);
    if (sum > RESCALE_AT) {
      sum /= RESCALE_AT;
      term /= RESCALE_AT;
      logScale += LOG_RESCALE;
    }
  }
  throw new RangeError(`the ₂F₁ series did not converge (a=${a}, b=${b}, c=${c}, z=${z})`);
}

/**
 * ₂F₁(a, b; c; z) for real a, b, c (c not a non-positive integer) and z < 1. For −½ ≤ z < 1 the Gauss series is
 * summed directly; below −½ (the series converges slowly near −1 and diverges beyond) Pfaff's transformation
 * ₂F₁(a, b; c; z) = (1 − z)^(−a) ₂F₁(a, c − b; c; z / (z − 1)) maps z into (⅓, 1).
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z < 1)) throw new RangeError(`hyp2f1 needs z < 1 (got ${z})`);
  if (c <= 0 && Number.isInteger(c)) throw new RangeError(`hyp2f1 needs c not a non-positive integer (got ${c})`);
  if (z < -0.5) return Math.pow(1 - z, -a) * gaussSeries(a, c - b, c, z / (z - 1));
  return gaussSeries(a, b, c, z);
}

function gaussSeries(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < MAX_SERIES_TERMS; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    if (term === 0) return sum;
    // Past n ≈ |a b z / c|, |term| shrinks geometrically, so a negligible term means the tail is negligible too.
    if (Math.abs(term) <= SERIES_TOLERANCE * Math.abs(sum) && Math.abs((a + n) * (b + n) * z) <= Math.abs((c + n) * (n + 1))) return sum;
  }
  throw new RangeError(`the ₂F₁ series did not converge (a=${a}, b=${b}, c=${c}, z=${z})`);
}
