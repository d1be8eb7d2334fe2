// Derivative-free minimisation for the BTYD fits: Nelder–Mead (Lagarias et al. 1998 coefficients) restarted from its
// best point until a restart no longer improves, which guards against the simplex collapsing early.

export interface MinimizeOptions {
  /** Edge length of the starting simplex along each axis (default 0.5). */
  step?: number;
  /** Stop when the simplex's values spread less than this (relative to |f| + 1e-10; default 1e-12). */
  fTolerance?: number;
  /** …and its vertices lie within this distance of the best one on every axis (default 1e-8). */
  xTolerance?: number;
  /** Function evaluations allowed in all (default 20,000). */
  maxEvaluations?: number;
  /** Restarts allowed after the first run converges (default 5). */
  maxRestarts?: number;
  /**
   * Stop when the best value improved by less than `tolerance` (relative to |f| + 1e-10) over the last `evaluations`
   * evaluations (default: never). A likelihood whose maximum lies at infinity along a ridge (BG/NBD's a, b → ∞ with
   * a/b fixed: every customer equally likely to drop out) otherwise has the simplex creep along the ridge until the
   * evaluation budget is spent, for no change that matters.
   */
  stall?: { evaluations: number; tolerance: number };
}

/**
 * The stopping rule of the maximum-likelihood fits: log-likelihood to 1e-10 relative, log-parameters to 1e-6
 * (parameters to 1e-6 relative) — far below their standard errors, and a fifth fewer evaluations than the defaults.
 */
export const MLE_TOLERANCE: MinimizeOptions = { fTolerance: 1e-10, xTolerance: 1e-6, stall: { evaluations: 300, tolerance: 1e-9 } };

export interface MinimizeResult {
  point: number[];
  value: number;
  evaluations: number;
  converged: boolean;
  /** The search stopped on the stall rule (a flat direction), not on the simplex's size. */
  stalled: boolean;
}

const REFLECT = 1;
const EXPAND = 2;
const CONTRACT = 0.5;
const SHRINK = 0.5;

/**
 * Minimises `f` from `start`. A value that is NaN or infinite counts as +∞, so an objective can refuse a point (an
 * overflow, a parameter out of bounds) by returning Infinity; `start` itself must give a finite value.
 */
export function minimize(f: (point: number[]) => number, start: readonly number[], options: MinimizeOptions = {}): MinimizeResult {
  const step = options.step ?? 0.5;
  const fTolerance = options.fTolerance ?? 1e-12;
  const xTolerance = options.xTolerance ?? 1e-8;
  const maxEvaluations = options.maxEvaluations ?? 20_000;
  const maxRestarts = options.maxRestarts ?? 5;
  let evaluations = 0;
  const evaluate = (point: number[]): number => {
    evaluations++;
    const value = f(point);
    return Number.isFinite(value) ? value : Infinity;
  };

  let best = { point: [...start], value: evaluate([...start]) };
  if (!Number.isFinite(best.value)) throw new RangeError(`the objective is not finite at the starting point ${start.join(', ')}`);
  let converged = false;
  let stalled = false;
  // The stall rule's checkpoint: the best value when it was last set, and the evaluation count then.
  let checkpoint = { evaluations, value: best.value };
  const stalling = (value: number): boolean => {
    if (!options.stall || evaluations - checkpoint.evaluations < options.stall.evaluations) return false;
    if (checkpoint.value - value <= options.stall.tolerance * (Math.abs(value) + 1e-10)) return true;
    checkpoint = { evaluations, value };
    return false;
  };
  for (let restart = 0; restart <= maxRestarts; restart++) {
    const run = nelderMead(evaluate, best, step, fTolerance, xTolerance, () => evaluations >= maxEvaluations, stalling);
    const improvement = best.value - run.value;
    best = { point: run.point, value: run.value };
    converged = run.converged;
    stalled = run.stalled;
    // A stall is a flat direction, not a collapsed simplex: restarting would creep along it again.
    if (!run.converged || run.stalled) break;
    // A restart that finds nothing better confirms the minimum.
    if (restart > 0 && improvement <= fTolerance * (Math.abs(best.value) + 1e-10)) break;
  }
  return { point: best.point, value: best.value, evaluations, converged, stalled };
}

function nelderMead(
  evaluate: (point: number[]) => number,
  start: { point: number[]; value: number },
  step: number,
  fTolerance: number,
  xTolerance: number,
  outOfBudget: () => boolean,
  stalling: (bestValue: number) => boolean,
): { point: number[]; value: number; converged: boolean; stalled: boolean } {
  const n = start.point.length;
  const simplex: { point: number[]; value: number }[] = [start];
  for (let i = 0; i < n; i++) {
    const point = [...start.point];
    point[i] += step;
    simplex.push({ point, value: evaluate(point) });
  }
  const along = (from: number[], to: number[], factor: number) => from.map((value, i) => value + factor * (to[i] - value));

  for (;;) {
    simplex.sort((left, right) => left.value - right.value);
    const bestVertex = simplex[0];
    const worst = simplex[n];
    const spread = worst.value - bestVertex.value;
    const width = Math.max(...simplex.slice(1).map((vertex) => Math.max(...vertex.point.map((value, i) => Math.abs(value - bestVertex.point[i])))));
    if (spread <= fTolerance * (Math.abs(bestVertex.value) + 1e-10) && width <= xTolerance) return { ...bestVertex, converged: true, stalled: false };
    if (stalling(bestVertex.value)) return { ...bestVertex, converged: true, stalled: true };
    if (outOfBudget()) return { ...bestVertex, converged: false, stalled: false };

    const centroid = new Array<number>(n).fill(0);
    for (let v = 0; v < n; v++) for (let i = 0; i < n; i++) centroid[i] += simplex[v].point[i] / n;
    // Points are written as centroid + factor · (worst − centroid): reflection is factor −1, and so on.
    const reflected = along(centroid, worst.point, -REFLECT);
    const reflectedValue = evaluate(reflected);
    if (reflectedValue < bestVertex.value) {
      const expanded = along(centroid, worst.point, -REFLECT * EXPAND);
      const expandedValue = evaluate(expanded);
      simplex[n] = expandedValue < reflectedValue ? { point: expanded, value: expandedValue } : { point: reflected, value: reflectedValue };
      continue;
    }
    if (reflectedValue < simplex[n - 1].value) {
      simplex[n] = { point: reflected, value: reflectedValue };
      continue;
    }
    const outside = reflectedValue < worst.value;
    const contracted = along(centroid, worst.point, outside ? -REFLECT * CONTRACT : CONTRACT);
    const contractedValue = evaluate(contracted);
    if (contractedValue < (outside ? reflectedValue : worst.value)) {
      simplex[n] = { point: contracted, value: contractedValue };
      continue;
    }
    for (let v = 1; v <= n; v++) {
      const point = along(bestVertex.point, simplex[v].point, SHRINK);
      simplex[v] = { point, value: evaluate(point) };
    }
  }
}
