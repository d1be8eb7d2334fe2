/**
 * Analytic Hierarchy Process (Saaty 1980), requirement R-ANA-4: priority weights from pairwise comparison matrices
 * (the principal right eigenvector), the consistency ratio of each matrix, and the composite index and ranking of
 * alternatives (e.g. service items) over a hierarchy of criteria.
 *
 * Browser-safe on purpose — the SPA imports this file directly to compute weights live — so no node: imports here.
 */
import { InputError } from './input-error';

// Re-exported for the SPA, which imports this file alone: its live evaluation tells bad input from bugs by this type.
export { InputError };

/**
 * Saaty's random index RI(n) for n = 1…10 (Saaty 1980, mean CI of random reciprocal matrices). CR = CI / RI.
 * Matrices larger than 10 × 10 are refused: the table stops there and people cannot judge that many pairs anyway.
 */
export const SAATY_RANDOM_INDEX: readonly number[] = [0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49];
export const AHP_MAX_SIZE = SAATY_RANDOM_INDEX.length;
/** A matrix whose consistency ratio is this or more is inconsistent: the judgements should be revised. */
export const AHP_CONSISTENCY_THRESHOLD = 0.1;
/**
 * a_ij · a_ji may differ from 1 by this much: people type 0.333 for 1/3 (3 · 0.333 = 0.999). The weights are computed
 * from the matrix as given; only clearly non-reciprocal entries (3 and 0.5) are refused.
 */
export const AHP_RECIPROCAL_TOLERANCE = 0.01;

const CONVERGENCE = 1e-13;
const MAX_ITERATIONS = 100_000;

/** The priorities and consistency of one pairwise comparison matrix. */
export interface AhpMatrixResult {
  /** The principal eigenvector, normalised to sum 1, in the matrix's row order. */
  weights: number[];
  lambdaMax: number;
  /** Consistency index (λmax − n) / (n − 1); 0 for n ≤ 2. */
  ci: number;
  /** Consistency ratio CI / RI(n); 0 for n ≤ 2 (such matrices are always consistent). */
  cr: number;
  consistent: boolean;
}

/**
 * Checks that `matrix` is an n × n positive reciprocal matrix (1 ≤ n ≤ 10, diagonal 1, a_ji = 1/a_ij within
 * AHP_RECIPROCAL_TOLERANCE), naming the offending cell as `${path}[i][j]`. `size`, when given, is the n expected
 * (the number of criteria or alternatives compared).
 */
export function validatePairwiseMatrix(matrix: unknown, path = 'matrix', size?: number): asserts matrix is number[][] {
  if (!Array.isArray(matrix)) throw new InputError(`${path}: must be an array of rows`);
  const n = matrix.length;
  if (n === 0) throw new InputError(`${path}: is empty`);
  if (n > AHP_MAX_SIZE) throw new InputError(`${path}: ${n} × ${n} is larger than ${AHP_MAX_SIZE} × ${AHP_MAX_SIZE}, the largest size with a random index (Saaty 1980)`);
  if (size !== undefined && n !== size) throw new InputError(`${path}: has ${n} rows, expected ${size} (one per item compared)`);
  matrix.forEach((row, i) => {
    if (!Array.isArray(row)) throw new InputError(`${path}[${i}]: must be an array of numbers`);
    if (row.length !== n) throw new InputError(`${path}[${i}]: has ${row.length} cells, expected ${n} (the matrix must be square)`);
    row.forEach((value, j) => {
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
        throw new InputError(`${path}[${i}][${j}]: ${JSON.stringify(value) ?? String(value)} is not a positive number`);
      }
    });
  });
  const rows = matrix as number[][];
  for (let i = 0; i < n; i++) {
    if (Math.abs(rows[i][i] - 1) > AHP_RECIPROCAL_TOLERANCE) throw new InputError(`${path}[${i}][${i}]: the diagonal must be 1, got ${rows[i][i]}`);
    for (let j = 0; j < i; j++) {
      if (Math.abs(rows[i][j] * rows[j][i] - 1) > AHP_RECIPROCAL_TOLERANCE) {
        throw new InputError(
          `${path}[${i}][${j}]: ${rows[i][j]} is not the reciprocal of ${path}[${j}][${i}] = ${rows[j][i]} (expected ${round(1 / rows[j][i])})`,
        );
      }
    }
  }
}

/**
 * The principal right eigenvector of a positive matrix (normalised to sum 1) and its eigenvalue, by power iteration
 * to convergence. Perron–Frobenius: a positive matrix has a simple dominant real eigenvalue with a positive vector,
 * so the iteration converges from the uniform start; each step costs n² for n ≤ 10.
 */
function principalEigenvector(matrix: number[][]): { vector: number[]; value: number } {
  const n = matrix.length;
  let vector = new Array<number>(n).fill(1 / n);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const product = multiply(matrix, vector);
    const total = sum(product);
    const next = product.map((value) => value / total);
    const change = Math.max(...next.map((value, i) => Math.abs(value - vector[i])));
    vector = next;
    if (change < CONVERGENCE) break;
  }
  // With Σw = 1, Aw = λw gives λ = Σ(Aw); computed from the converged vector.
  return { vector, value: sum(multiply(matrix, vector)) };
}

/** Weights, λmax, CI and CR of one pairwise comparison matrix (validated first; errors name `${path}[i][j]`). */
export function ahpWeights(matrix: unknown, path = 'matrix', size?: number): AhpMatrixResult {
  validatePairwiseMatrix(matrix, path, size);
  const n = matrix.length;
  if (n <= 2) {
    // Every 1 × 1 and 2 × 2 reciprocal matrix is consistent: w ∝ (a_12, 1), λmax = n exactly.
    const weights = n === 1 ? [1] : [matrix[0][1] / (1 + matrix[0][1]), 1 / (1 + matrix[0][1])];
    return { weights, lambdaMax: n, ci: 0, cr: 0, consistent: true };
  }
  const { vector, value } = principalEigenvector(matrix);
  // λmax ≥ n for every positive reciprocal matrix; rounding can put it a hair below, which would give CI = −1e-16.
  const lambdaMax = Math.max(value, n);
  const ci = (lambdaMax - n) / (n - 1);
  const cr = ci / SAATY_RANDOM_INDEX[n - 1];
  return { weights: vector, lambdaMax, ci, cr, consistent: cr < AHP_CONSISTENCY_THRESHOLD };
}

/** The perfectly consistent matrix a_ij = w_i / w_j of a positive weight vector (for examples and tests). */
export function consistentMatrix(weights: number[]): number[][] {
  return weights.map((wi) => weights.map((wj) => wi / wj));
}

/**
 * One node of the criteria hierarchy. `comparisons` compares its children pairwise: its sub-criteria when it has
 * some, otherwise the alternatives. A leaf criterion may give `scores` instead: one non-negative direct score per
 * alternative (higher is better, e.g. a profit margin), normalised to sum 1 — so only their ratios matter.
 */
export interface AhpCriterion {
  name: string;
  subCriteria?: AhpCriterion[];
  comparisons?: number[][];
  scores?: number[];
}

/** A whole model: the criteria, their pairwise comparisons, and the alternatives to rank (e.g. service items). */
export interface AhpModel {
  criteria: AhpCriterion[];
  /** Compares the top-level criteria pairwise (criteria.length × criteria.length). */
  comparisons: number[][];
  alternatives: string[];
}

export interface AhpCriterionResult {
  name: string;
  /** Weight among its siblings (sums to 1 per parent). */
  localWeight: number;
  /** Weight in the whole model: the product of the local weights from the top (leaves sum to 1). */
  globalWeight: number;
  /** Consistency of this criterion's `comparisons`; null when it rates the alternatives by direct scores. */
  consistency: AhpMatrixResult | null;
  /** Leaves only: each alternative's local priority under this criterion (sums to 1). */
  alternativePriorities?: number[];
  subCriteria?: AhpCriterionResult[];
}

export interface AhpRankedAlternative {
  alternative: string;
  /** Position in the model's `alternatives`. */
  index: number;
  /** Composite index Σ over leaves of globalWeight × local priority; the scores of all alternatives sum to 1. */
  score: number;
  /** 1 for the best; equal scores share a rank (1, 2, 2, 4). */
  rank: number;
}

export interface AhpModelResult {
  /** The top-level criteria weights and the consistency of their comparisons (λmax, CI, CR). */
  weights: number[];
  lambdaMax: number;
  ci: number;
  cr: number;
  /** True when every comparison matrix in the model has CR < 0.1. */
  consistent: boolean;
  /** Every matrix with CR ≥ 0.1, by path (e.g. `criteria[1].comparisons`). */
  inconsistencies: { path: string; cr: number }[];
  /** Null when consistent; otherwise says which judgements to revise. */
  message: string | null;
  criteria: AhpCriterionResult[];
  /** The alternatives, best first. */
  ranking: AhpRankedAlternative[];
}

/** The message for inconsistent judgements (shown by the CLI, the API and, translated, the SPA). */
export function inconsistencyMessage(inconsistencies: { path: string; cr: number }[]): string | null {
  if (inconsistencies.length === 0) return null;
  const list = inconsistencies.map(({ path, cr }) => `${path} (CR = ${round(cr, 3)})`).join(', ');
  return `Inconsistent judgements: consistency ratio ≥ ${AHP_CONSISTENCY_THRESHOLD} in ${list}; please revise the pairwise comparisons.`;
}

/**
 * Validates and evaluates a whole model: weights and consistency of every matrix, global weights, the composite
 * index of each alternative and the ranking. Errors name the field, e.g. `criteria[1].comparisons[2][0]`.
 * Inconsistent matrices are not errors (a model may be work in progress): the result says `consistent: false`.
 */
export function evaluateAhpModel(model: unknown): AhpModelResult {
  if (!isObject(model)) throw new InputError('model: must be an object with criteria, comparisons and alternatives');
  refuseUnknownKeys(model, MODEL_KEYS, '');
  const alternatives = model.alternatives;
  if (!Array.isArray(alternatives) || alternatives.length === 0) throw new InputError('alternatives: must be a non-empty array of names');
  alternatives.forEach((name, i) => {
    if (typeof name !== 'string' || name.trim() === '') throw new InputError(`alternatives[${i}]: must be a non-empty name`);
    if (name.length > MAX_NAME_LENGTH) throw new InputError(`alternatives[${i}]: must be at most ${MAX_NAME_LENGTH} characters`);
  });
  const inconsistencies: { path: string; cr: number }[] = [];
  const top = evaluateLevel(model.criteria, model.comparisons, 'criteria', 'comparisons', 1, alternatives.length, inconsistencies);
  const scores = new Array<number>(alternatives.length).fill(0);
  const accumulate = (nodes: AhpCriterionResult[]) => {
    for (const node of nodes) {
      if (node.subCriteria) accumulate(node.subCriteria);
      else node.alternativePriorities!.forEach((priority, a) => (scores[a] += node.globalWeight * priority));
    }
  };
  accumulate(top.criteria);
  return {
    ...top.consistency,
    consistent: inconsistencies.length === 0,
    inconsistencies,
    message: inconsistencyMessage(inconsistencies),
    criteria: top.criteria,
    ranking: rank((alternatives as string[]).map((alternative, index) => ({ alternative, index, score: scores[index] }))),
  };
}

function evaluateLevel(
  criteria: unknown,
  comparisons: unknown,
  path: string,
  comparisonsPath: string,
  parentWeight: number,
  alternativeCount: number,
  inconsistencies: { path: string; cr: number }[],
): { consistency: AhpMatrixResult; criteria: AhpCriterionResult[] } {
  if (!Array.isArray(criteria) || criteria.length === 0) throw new InputError(`${path}: must be a non-empty array of criteria`);
  criteria.forEach((criterion, i) => {
    if (!isObject(criterion)) throw new InputError(`${path}[${i}]: must be an object with a name`);
    if (typeof criterion.name !== 'string' || criterion.name.trim() === '') throw new InputError(`${path}[${i}].name: must be a non-empty name`);
    if (criterion.name.length > MAX_NAME_LENGTH) throw new InputError(`${path}[${i}].name: must be at most ${MAX_NAME_LENGTH} characters`);
    refuseUnknownKeys(criterion, CRITERION_KEYS, `${path}[${i}].`);
  });
  const consistency = ahpWeights(comparisons, comparisonsPath, criteria.length);
  if (!consistency.consistent) inconsistencies.push({ path: comparisonsPath, cr: consistency.cr });
  const results = (criteria as Record<string, unknown>[]).map((criterion, i): AhpCriterionResult => {
    const here = `${path}[${i}]`;
    const localWeight = consistency.weights[i];
    const globalWeight = parentWeight * localWeight;
    const name = criterion.name as string;
    if (criterion.subCriteria !== undefined) {
      if (criterion.scores !== undefined) throw new InputError(`${here}.scores: a criterion with sub-criteria has no scores of its own`);
      const level = evaluateLevel(criterion.subCriteria, criterion.comparisons, `${here}.subCriteria`, `${here}.comparisons`, globalWeight, alternativeCount, inconsistencies);
      return { name, localWeight, globalWeight, consistency: level.consistency, subCriteria: level.criteria };
    }
    if (criterion.scores !== undefined) {
      if (criterion.comparisons !== undefined) throw new InputError(`${here}: give either comparisons or scores of the alternatives, not both`);
      return { name, localWeight, globalWeight, consistency: null, alternativePriorities: normaliseScores(criterion.scores, `${here}.scores`, alternativeCount) };
    }
    if (criterion.comparisons === undefined) throw new InputError(`${here}: needs comparisons or scores of the alternatives`);
    const alternativesConsistency = ahpWeights(criterion.comparisons, `${here}.comparisons`, alternativeCount);
    if (!alternativesConsistency.consistent) inconsistencies.push({ path: `${here}.comparisons`, cr: alternativesConsistency.cr });
    return { name, localWeight, globalWeight, consistency: alternativesConsistency, alternativePriorities: alternativesConsistency.weights };
  });
  return { consistency, criteria: results };
}

const MODEL_KEYS = ['criteria', 'comparisons', 'alternatives'];
const CRITERION_KEYS = ['name', 'subCriteria', 'comparisons', 'scores'];
const MAX_NAME_LENGTH = 200;

/** A misspelt key (`score`, `subcriteria`) would otherwise be ignored silently, and the model read differently than meant. */
function refuseUnknownKeys(value: Record<string, unknown>, known: string[], prefix: string): void {
  const unknown = Object.keys(value).find((key) => !known.includes(key));
  if (unknown !== undefined) throw new InputError(`${prefix}${unknown}: unknown field (expected ${known.join(', ')})`);
}

/**
 * What can be checked of criteria without the rest of the model (sizes depend on it): each is an object with a name and
 * known keys, its matrices square positive reciprocal, its scores numbers ≥ 0, recursively. For a partial update,
 * refused before the stored model is even looked at; `evaluateAhpModel` checks the whole.
 */
export function validateCriteriaShape(criteria: unknown, path = 'criteria'): void {
  if (!Array.isArray(criteria) || criteria.length === 0) throw new InputError(`${path}: must be a non-empty array of criteria`);
  criteria.forEach((criterion, i) => {
    const here = `${path}[${i}]`;
    if (!isObject(criterion)) throw new InputError(`${here}: must be an object with a name`);
    if (typeof criterion.name !== 'string' || criterion.name.trim() === '') throw new InputError(`${here}.name: must be a non-empty name`);
    refuseUnknownKeys(criterion, CRITERION_KEYS, `${here}.`);
    if (criterion.comparisons !== undefined) validatePairwiseMatrix(criterion.comparisons, `${here}.comparisons`);
    if (criterion.subCriteria !== undefined) validateCriteriaShape(criterion.subCriteria, `${here}.subCriteria`);
    if (criterion.scores !== undefined) {
      if (!Array.isArray(criterion.scores)) throw new InputError(`${here}.scores: must be an array of numbers`);
      criterion.scores.forEach((value, a) => {
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new InputError(`${here}.scores[${a}]: ${JSON.stringify(value) ?? String(value)} is not a number ≥ 0`);
      });
    }
  });
}

function normaliseScores(scores: unknown, path: string, count: number): number[] {
  if (!Array.isArray(scores)) throw new InputError(`${path}: must be an array of numbers`);
  if (scores.length !== count) throw new InputError(`${path}: has ${scores.length} scores, expected ${count} (one per alternative)`);
  scores.forEach((value, a) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new InputError(`${path}[${a}]: ${JSON.stringify(value) ?? String(value)} is not a number ≥ 0`);
    }
  });
  const total = sum(scores as number[]);
  if (total === 0) throw new InputError(`${path}: at least one score must be above 0`);
  return (scores as number[]).map((value) => value / total);
}

/** Best first; ties (equal to 1e-12) share the better rank, input order breaks them for display. */
function rank(items: { alternative: string; index: number; score: number }[]): AhpRankedAlternative[] {
  const sorted = [...items].sort((a, b) => b.score - a.score || a.index - b.index);
  return sorted.map((item) => ({ ...item, rank: 1 + sorted.filter((other) => other.score > item.score + 1e-12).length }));
}

function multiply(matrix: number[][], vector: number[]): number[] {
  return matrix.map((row) => row.reduce((total, value, j) => total + value * vector[j], 0));
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function round(value: number, digits = 4): number {
  return Number(value.toFixed(digits));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
