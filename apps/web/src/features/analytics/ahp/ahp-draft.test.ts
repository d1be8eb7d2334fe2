import { describe, expect, it } from 'vitest';
import { addAlternative, addCriterion, evaluateDraft, formatJudgement, fromModel, newDraft, removeAlternative, removeCriterion, setJudgement, toModel, updateCriterion } from './ahp-draft';

describe('the AHP draft', () => {
  it('keeps every matrix reciprocal and sized as criteria and items come and go', () => {
    let draft = addCriterion(addCriterion(addCriterion(newDraft(), '利润率'), '满意度'), '战略');
    draft = addAlternative(addAlternative(draft, '安装'), '维保');
    draft = { ...draft, comparisons: setJudgement(draft.comparisons, 0, 2, 5) };
    expect(draft.comparisons).toEqual([[1, 1, 5], [1, 1, 1], [0.2, 1, 1]]);
    expect(draft.criteria[0].comparisons).toEqual([[1, 1], [1, 1]]);
    let draft2 = removeCriterion(draft, 1);
    expect(draft2.comparisons).toEqual([[1, 5], [0.2, 1]]);
    draft2 = removeAlternative(addAlternative(draft2, '培训'), 0);
    expect(draft2.alternatives).toEqual(['维保', '培训']);
    expect(draft2.criteria[0].scores).toEqual([null, null]);
  });

  it('evaluates with the library, naming what is missing until the model is complete', () => {
    let draft = addAlternative(addAlternative(addCriterion(addCriterion(newDraft(), 'A'), 'B'), 'x'), 'y');
    expect(evaluateDraft(draft).problem).toEqual({ field: 'criteria[0].scores[0]', message: 'null is not a number ≥ 0' });
    draft = updateCriterion(draft, 0, { scores: [1, 3] });
    draft = updateCriterion(draft, 1, { mode: 'pairwise', comparisons: setJudgement(draft.criteria[1].comparisons, 0, 1, 3) });
    draft = { ...draft, comparisons: setJudgement(draft.comparisons, 0, 1, 3) };
    const { result } = evaluateDraft(draft);
    // A weighs 0.75 (y 0.75, x 0.25), B 0.25 (x 0.75, y 0.25): y = 0.625, x = 0.375.
    expect(result?.ranking.map((r) => [r.alternative, r.score])).toEqual([['y', 0.625], ['x', 0.375]]);
    expect(toModel(draft).criteria).toEqual([{ name: 'A', scores: [1, 3] }, { name: 'B', comparisons: [[1, 3], [1 / 3, 1]] }]);
    expect(toModel(fromModel(toModel(draft)))).toEqual(toModel(draft));
  });

  it('writes judgements as Saaty does', () => {
    expect([9, 1, 1 / 3, 0.333, 2.5].map(formatJudgement)).toEqual(['9', '1', '1/3', '1/3', '2.5']);
  });
});
