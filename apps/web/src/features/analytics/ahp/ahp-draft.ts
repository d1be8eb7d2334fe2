import { evaluateAhpModel, InputError, type AhpCriterion, type AhpModel, type AhpModelResult } from '@lianxi/analytics/ahp';

/** How a criterion rates the alternatives: direct scores (normalised) or pairwise comparisons on Saaty's scale. */
export type RatingMode = 'scores' | 'pairwise';

export interface DraftCriterion {
  name: string;
  mode: RatingMode;
  /** One per alternative; null while not filled in. Kept when switching to pairwise, so switching back loses nothing. */
  scores: Array<number | null>;
  /** Alternatives × alternatives. */
  comparisons: number[][];
  /** Sub-criteria of a model built through the API: kept as they are (the editor works on one level). */
  subCriteria?: AhpCriterion[];
  subComparisons?: number[][];
}

/** The editor's state: what the form shows, convertible to the model the library and the API read. */
export interface AhpDraft {
  name: string;
  description: string;
  alternatives: string[];
  criteria: DraftCriterion[];
  /** Criteria × criteria. */
  comparisons: number[][];
}

/** Saaty's fundamental scale, strongest for the row first: 9 … 2, 1, 1/2 … 1/9. */
export const SAATY_SCALE: readonly number[] = [9, 8, 7, 6, 5, 4, 3, 2, 1, 1 / 2, 1 / 3, 1 / 4, 1 / 5, 1 / 6, 1 / 7, 1 / 8, 1 / 9];

/** "3", "1/3", or the number rounded for a judgement off the scale (e.g. 2.5 typed through the API). */
export function formatJudgement(value: number): string {
  if (value >= 1) return String(Number(value.toFixed(2)));
  return `1/${Number((1 / value).toFixed(2))}`;
}

/** n × n judgements of 1: every item as important as every other, until the user says otherwise. */
export function equalJudgements(n: number): number[][] {
  return Array.from({ length: n }, () => new Array<number>(n).fill(1));
}

/** Sets a_ij and keeps the matrix reciprocal: a_ji = 1 / a_ij. */
export function setJudgement(matrix: number[][], i: number, j: number, value: number): number[][] {
  return matrix.map((row, r) => row.map((cell, c) => (r === i && c === j ? value : r === j && c === i ? 1 / value : cell)));
}

/** The matrix with one more item, equal to every other (a judgement of 1 until the user says otherwise). */
function grow(matrix: number[][]): number[][] {
  return [...matrix.map((row) => [...row, 1]), new Array<number>(matrix.length + 1).fill(1)];
}

function without(matrix: number[][], index: number): number[][] {
  return matrix.filter((_, r) => r !== index).map((row) => row.filter((_, c) => c !== index));
}

export function emptyCriterion(name: string, alternatives: number): DraftCriterion {
  return { name, mode: 'scores', scores: new Array<number | null>(alternatives).fill(null), comparisons: equalJudgements(alternatives) };
}

export function newDraft(): AhpDraft {
  return { name: '', description: '', alternatives: [], criteria: [], comparisons: [] };
}

export function addCriterion(draft: AhpDraft, name: string): AhpDraft {
  return { ...draft, criteria: [...draft.criteria, emptyCriterion(name, draft.alternatives.length)], comparisons: grow(draft.comparisons) };
}

export function removeCriterion(draft: AhpDraft, index: number): AhpDraft {
  return { ...draft, criteria: draft.criteria.filter((_, i) => i !== index), comparisons: without(draft.comparisons, index) };
}

export function updateCriterion(draft: AhpDraft, index: number, change: Partial<DraftCriterion>): AhpDraft {
  return { ...draft, criteria: draft.criteria.map((criterion, i) => (i === index ? { ...criterion, ...change } : criterion)) };
}

export function addAlternative(draft: AhpDraft, name: string): AhpDraft {
  return {
    ...draft,
    alternatives: [...draft.alternatives, name],
    criteria: draft.criteria.map((c) => ({ ...c, scores: [...c.scores, null], comparisons: grow(c.comparisons) })),
  };
}

export function removeAlternative(draft: AhpDraft, index: number): AhpDraft {
  return {
    ...draft,
    alternatives: draft.alternatives.filter((_, i) => i !== index),
    criteria: draft.criteria.map((c) => ({ ...c, scores: c.scores.filter((_, i) => i !== index), comparisons: without(c.comparisons, index) })),
  };
}

/** The model as the library and the API read it: each criterion with the ratings of its mode only. */
export function toModel(draft: AhpDraft): AhpModel {
  return {
    alternatives: draft.alternatives,
    comparisons: draft.comparisons,
    criteria: draft.criteria.map((c): AhpCriterion => {
      if (c.subCriteria) return { name: c.name, subCriteria: c.subCriteria, comparisons: c.subComparisons };
      return c.mode === 'scores' ? { name: c.name, scores: c.scores as number[] } : { name: c.name, comparisons: c.comparisons };
    }),
  };
}

/** A stored model in the editor. */
export function fromModel(model: { name?: string; description?: string | null; alternatives?: string[]; criteria?: AhpCriterion[]; comparisons?: number[][] }): AhpDraft {
  const alternatives = model.alternatives ?? [];
  return {
    name: model.name ?? '',
    description: model.description ?? '',
    alternatives,
    comparisons: model.comparisons ?? [],
    criteria: (model.criteria ?? []).map((c): DraftCriterion => {
      const base = emptyCriterion(c.name, alternatives.length);
      if (c.subCriteria) return { ...base, subCriteria: c.subCriteria, subComparisons: c.comparisons };
      if (c.scores) return { ...base, scores: c.scores };
      return { ...base, mode: 'pairwise', comparisons: c.comparisons ?? base.comparisons };
    }),
  };
}

/** The live result, or the first problem (the field, as the API would name it, and the library's message). */
export type DraftEvaluation = { result: AhpModelResult; problem?: undefined } | { result?: undefined; problem: { field: string; message: string } };

export function evaluateDraft(draft: AhpDraft): DraftEvaluation {
  try {
    return { result: evaluateAhpModel(toModel(draft)) };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const separator = error.message.indexOf(': ');
    return { problem: separator > 0 ? { field: error.message.slice(0, separator), message: error.message.slice(separator + 2) } : { field: '', message: error.message } };
  }
}
