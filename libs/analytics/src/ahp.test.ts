import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ahpWeights, consistentMatrix, evaluateAhpModel, SAATY_RANDOM_INDEX, validatePairwiseMatrix } from './ahp';
import { InputError } from './input-error';

/** Positive weight vectors of 1…10 entries, spread over two orders of magnitude. */
const weightVectors = fc.array(fc.double({ min: 0.1, max: 10, noNaN: true }), { minLength: 1, maxLength: 10 });

function normalise(values: number[]): number[] {
  const total = values.reduce((a, b) => a + b, 0);
  return values.map((value) => value / total);
}

describe('ahpWeights', () => {
  it('recovers the weights of a perfectly consistent matrix exactly, with λmax = n and CR = 0', () => {
    const result = ahpWeights(consistentMatrix([4, 2, 1, 1]));
    expect(result.weights.map((w) => w * 8)).toEqual([4, 2, 1, 1].map((w) => expect.closeTo(w, 12)));
    expect(result.lambdaMax).toBeCloseTo(4, 12);
    expect(result.ci).toBeCloseTo(0, 12);
    expect(result.cr).toBeCloseTo(0, 12);
    expect(result.consistent).toBe(true);
  });

  it('matches the textbook 3 × 3 example (weights 0.637, 0.258, 0.105; λmax 3.039; CR 0.033)', () => {
    const result = ahpWeights([
      [1, 3, 5],
      [1 / 3, 1, 3],
      [1 / 5, 1 / 3, 1],
    ]);
    expect(result.weights.map((w) => Number(w.toFixed(4)))).toEqual([0.637, 0.2583, 0.1047]);
    expect(result.lambdaMax).toBeCloseTo(3.0385, 4);
    expect(result.ci).toBeCloseTo(0.0193, 4);
    expect(result.cr).toBeCloseTo(0.0332, 4);
    expect(result.consistent).toBe(true);
  });

  it('matches a second textbook example (weights 0.157, 0.594, 0.249; λmax 3.054; CR 0.046)', () => {
    const result = ahpWeights([
      [1, 1 / 3, 1 / 2],
      [3, 1, 3],
      [2, 1 / 3, 1],
    ]);
    expect(result.weights.map((w) => Number(w.toFixed(3)))).toEqual([0.157, 0.594, 0.249]);
    expect(result.lambdaMax).toBeCloseTo(3.0536, 4);
    expect(result.cr).toBeCloseTo(0.0462, 4);
  });

  it('flags contradictory judgements (A ≫ B ≫ C but A only 1 over C) as inconsistent', () => {
    const result = ahpWeights([
      [1, 9, 1],
      [1 / 9, 1, 9],
      [1, 1 / 9, 1],
    ]);
    expect(result.cr).toBeGreaterThanOrEqual(0.1);
    expect(result.consistent).toBe(false);
  });

  it('treats 1 × 1 and 2 × 2 matrices as consistent with CR = 0', () => {
    expect(ahpWeights([[1]])).toEqual({ weights: [1], lambdaMax: 1, ci: 0, cr: 0, consistent: true });
    expect(ahpWeights([[1, 3], [1 / 3, 1]])).toEqual({ weights: [0.75, 0.25], lambdaMax: 2, ci: 0, cr: 0, consistent: true });
  });

  it('uses the random index of Saaty (1980) for n = 1…10', () => {
    expect(SAATY_RANDOM_INDEX).toEqual([0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49]);
    // Scaling one judgement of a consistent 4 × 4 matrix: CR = CI / 0.90.
    const matrix = consistentMatrix([1, 1, 1, 1]);
    matrix[0][1] = 3;
    matrix[1][0] = 1 / 3;
    const result = ahpWeights(matrix);
    expect(result.cr).toBeCloseTo(result.ci / 0.9, 12);
    expect(result.ci).toBeCloseTo((result.lambdaMax - 4) / 3, 12);
  });

  it('recovers the weights of random consistent matrices (property)', () => {
    fc.assert(
      fc.property(weightVectors, (raw) => {
        const result = ahpWeights(consistentMatrix(raw));
        normalise(raw).forEach((w, i) => expect(result.weights[i]).toBeCloseTo(w, 9));
        expect(result.lambdaMax).toBeCloseTo(raw.length, 9);
        expect(result.cr).toBeLessThan(1e-9);
        expect(result.consistent).toBe(true);
      }),
    );
  });

  it('gives λmax ≥ n, weights summing to 1 and CR ≥ 0 for perturbed reciprocal matrices (property)', () => {
    const perturbed = weightVectors
      .filter((raw) => raw.length >= 3)
      .chain((raw) =>
        fc.tuple(
          fc.constant(raw),
          fc.array(fc.double({ min: 0.2, max: 5, noNaN: true }), { minLength: raw.length * raw.length, maxLength: raw.length * raw.length }),
        ),
      );
    fc.assert(
      fc.property(perturbed, ([raw, noise]) => {
        const n = raw.length;
        const matrix = consistentMatrix(raw);
        for (let i = 0; i < n; i++) {
          for (let j = i + 1; j < n; j++) {
            matrix[i][j] *= noise[i * n + j];
            matrix[j][i] = 1 / matrix[i][j];
          }
        }
        const result = ahpWeights(matrix);
        expect(result.lambdaMax).toBeGreaterThanOrEqual(n);
        expect(result.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
        expect(result.weights.every((w) => w > 0)).toBe(true);
        expect(result.cr).toBeGreaterThanOrEqual(0);
        // The eigenvector equation holds: A w = λmax w.
        matrix.forEach((row, i) => expect(row.reduce((t, a, j) => t + a * result.weights[j], 0)).toBeCloseTo(result.lambdaMax * result.weights[i], 9));
      }),
    );
  });

  it('refuses any matrix where one entry is not the reciprocal of its mirror (property)', () => {
    const broken = fc.tuple(
      weightVectors.filter((raw) => raw.length >= 2),
      fc.double({ min: 1.05, max: 9, noNaN: true }),
      fc.nat(),
    );
    fc.assert(
      fc.property(broken, ([raw, factor, pick]) => {
        const n = raw.length;
        const i = 1 + (pick % (n - 1));
        const j = pick % i;
        const matrix = consistentMatrix(raw);
        matrix[i][j] *= factor;
        expect(() => validatePairwiseMatrix(matrix)).toThrow(`matrix[${i}][${j}]:`);
      }),
    );
  });

  it.each([
    ['not an array', 'x', /^matrix: must be an array of rows$/],
    ['empty', [], /^matrix: is empty$/],
    ['not square', [[1, 2], [0.5]], /^matrix\[1\]: has 1 cells, expected 2/],
    ['zero', [[1, 0], [2, 1]], /^matrix\[0\]\[1\]: 0 is not a positive number$/],
    ['negative', [[1, 2], [-0.5, 1]], /^matrix\[1\]\[0\]: -0.5 is not a positive number$/],
    ['a string', [[1, '2'], [0.5, 1]], /^matrix\[0\]\[1\]: "2" is not a positive number$/],
    ['a null', [[1, null], [0.5, 1]], /^matrix\[0\]\[1\]: null is not a positive number$/],
    ['a bad diagonal', [[2, 2], [0.5, 1]], /^matrix\[0\]\[0\]: the diagonal must be 1, got 2$/],
    ['non-reciprocal', [[1, 3, 5], [1 / 3, 1, 3], [5, 1 / 3, 1]], /^matrix\[2\]\[0\]: 5 is not the reciprocal of matrix\[0\]\[2\] = 5 \(expected 0.2\)$/],
    ['too large', consistentMatrix(new Array(11).fill(1)), /^matrix: 11 × 11 is larger than 10 × 10/],
  ])('refuses %s naming the cell', (_, matrix, message) => {
    expect(() => ahpWeights(matrix)).toThrow(InputError);
    expect(() => ahpWeights(matrix)).toThrow(message);
  });

  it('accepts 0.333 for 1/3 (rounded reciprocals)', () => {
    expect(ahpWeights([[1, 3], [0.333, 1]]).consistent).toBe(true);
  });
});

describe('evaluateAhpModel', () => {
  // Service items rated on profit (direct margins), and on quality split into two sub-criteria compared pairwise.
  const model = {
    alternatives: ['Installation', 'Maintenance', 'Training'],
    comparisons: [
      [1, 3],
      [1 / 3, 1],
    ],
    criteria: [
      { name: 'Profit', scores: [20, 50, 30] },
      {
        name: 'Quality',
        comparisons: consistentMatrix([1, 1]),
        subCriteria: [
          { name: 'Satisfaction', comparisons: consistentMatrix([2, 1, 1]) },
          { name: 'Complaints', scores: [1, 1, 2] },
        ],
      },
    ],
  };

  it('computes local and global weights, the composite index and the ranking', () => {
    const result = evaluateAhpModel(model);
    expect(result.weights).toEqual([0.75, 0.25]);
    const [profit, quality] = result.criteria;
    expect(profit).toMatchObject({ localWeight: 0.75, globalWeight: 0.75, consistency: null, alternativePriorities: [0.2, 0.5, 0.3] });
    expect(quality.subCriteria!.map((c) => c.globalWeight)).toEqual([0.125, 0.125]);
    // Installation: 0.75·0.2 + 0.125·0.5 + 0.125·0.25; Maintenance: 0.75·0.5 + 0.125·0.25 + 0.125·0.25; Training: rest.
    const expected = { Installation: 0.24375, Maintenance: 0.4375, Training: 0.31875 };
    expect(result.ranking.map((r) => r.alternative)).toEqual(['Maintenance', 'Training', 'Installation']);
    result.ranking.forEach((r) => expect(r.score).toBeCloseTo(expected[r.alternative as keyof typeof expected], 12));
    expect(result.ranking.map((r) => r.rank)).toEqual([1, 2, 3]);
    expect(result).toMatchObject({ consistent: true, inconsistencies: [], message: null });
  });

  it('gives equal scores the same rank', () => {
    const result = evaluateAhpModel({ alternatives: ['A', 'B', 'C'], comparisons: [[1]], criteria: [{ name: 'x', scores: [1, 2, 1] }] });
    expect(result.ranking.map((r) => [r.alternative, r.rank])).toEqual([['B', 1], ['A', 2], ['C', 2]]);
  });

  it('evaluates an inconsistent model but says which matrix to revise', () => {
    const inconsistent = structuredClone(model);
    inconsistent.criteria[1].subCriteria![0].comparisons = [
      [1, 9, 1],
      [1 / 9, 1, 9],
      [1, 1 / 9, 1],
    ];
    const result = evaluateAhpModel(inconsistent);
    expect(result.consistent).toBe(false);
    expect(result.inconsistencies.map((i) => i.path)).toEqual(['criteria[1].subCriteria[0].comparisons']);
    expect(result.message).toMatch(/^Inconsistent judgements: consistency ratio ≥ 0.1 in criteria\[1\]\.subCriteria\[0\]\.comparisons \(CR = [\d.]+\); please revise/);
    expect(result.ranking).toHaveLength(3);
  });

  it.each([
    ['no alternatives', { ...model, alternatives: [] }, /^alternatives: must be a non-empty array/],
    ['a blank alternative', { ...model, alternatives: ['a', ' ', 'c'] }, /^alternatives\[1\]: must be a non-empty name$/],
    ['no criteria', { ...model, criteria: [] }, /^criteria: must be a non-empty array/],
    ['a criteria matrix of the wrong size', { ...model, comparisons: [[1]] }, /^comparisons: has 1 rows, expected 2/],
    [
      'a bad cell in a criterion matrix',
      { ...model, criteria: [model.criteria[0], { name: 'Q', comparisons: [[1, 2, 3], [0.5, 1, 1], [3, 1, 1]] }] },
      /^criteria\[1\]\.comparisons\[2\]\[0\]: 3 is not the reciprocal/,
    ],
    ['scores of the wrong length', { ...model, criteria: [{ name: 'P', scores: [1, 2] }, model.criteria[1]] }, /^criteria\[0\]\.scores: has 2 scores, expected 3/],
    ['a negative score', { ...model, criteria: [{ name: 'P', scores: [1, -2, 3] }, model.criteria[1]] }, /^criteria\[0\]\.scores\[1\]: -2 is not a number ≥ 0$/],
    ['all-zero scores', { ...model, criteria: [{ name: 'P', scores: [0, 0, 0] }, model.criteria[1]] }, /^criteria\[0\]\.scores: at least one score/],
    ['a leaf without ratings', { ...model, criteria: [{ name: 'P' }, model.criteria[1]] }, /^criteria\[0\]: needs comparisons or scores/],
    ['both ratings', { ...model, criteria: [{ name: 'P', scores: [1, 1, 1], comparisons: consistentMatrix([1, 1, 1]) }, model.criteria[1]] }, /^criteria\[0\]: give either/],
    ['a nameless criterion', { ...model, criteria: [{ scores: [1, 1, 1] }, model.criteria[1]] }, /^criteria\[0\]\.name: must be a non-empty name$/],
    ['not an object', [1, 2], /^model: must be an object/],
    ['a misspelt criterion key', { ...model, criteria: [{ name: 'P', score: [1, 1, 1] }, model.criteria[1]] }, /^criteria\[0\]\.score: unknown field/],
    ['an unknown model key', { ...model, weights: [1] }, /^weights: unknown field/],
    ['a long name', { ...model, alternatives: ['a', 'b', 'c'.repeat(201)] }, /^alternatives\[2\]: must be at most 200 characters$/],
  ])('refuses %s naming the field', (_, input, message) => {
    expect(() => evaluateAhpModel(input)).toThrow(InputError);
    expect(() => evaluateAhpModel(input)).toThrow(message);
  });
});
