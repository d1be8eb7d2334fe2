import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../input-error';
import { Random } from '../testing/random';
import { behaviourOptions, classifyBehaviour, purchaseRhythm, type BehaviourClass } from './behaviour-class';

describe('purchaseRhythm', () => {
  it('counts distinct days and measures the gaps between them', () => {
    expect(purchaseRhythm([30, 0, 10, 20, 20])).toEqual({ visits: 4, firstDay: 0, lastDay: 30, meanGapDays: 10, gapVariation: 0 });
    // Gaps 10 and 30: mean 20, population sd 10, variation 0.5.
    expect(purchaseRhythm([0, 10, 40])).toMatchObject({ meanGapDays: 20, gapVariation: 0.5 });
    expect(purchaseRhythm([5])).toEqual({ visits: 1, firstDay: 5, lastDay: 5, meanGapDays: null, gapVariation: null });
    expect(purchaseRhythm([])).toMatchObject({ visits: 0, firstDay: null });
  });
});

describe('classifyBehaviour', () => {
  const monthly = [0, 30, 60, 90, 120, 150, 180];

  it('follows the documented rules', () => {
    // One trial visit, or trial offers only: potential.
    expect(classifyBehaviour({ purchaseDays: [100], asOfDay: 110 })).toBe('potential');
    expect(classifyBehaviour({ purchaseDays: monthly, asOfDay: 190, trialOnly: true })).toBe('potential');
    // Seven monthly visits over three product lines, last one 10 days ago: loyal.
    expect(classifyBehaviour({ purchaseDays: monthly, asOfDay: 190, productLines: 3 })).toBe('loyal');
    // The same visits on one product line: stable (regular, on time, but not many card types).
    expect(classifyBehaviour({ purchaseDays: monthly, asOfDay: 190, productLines: 1 })).toBe('stable');
    // Product lines unknown: loyalty rests on visits alone.
    expect(classifyBehaviour({ purchaseDays: monthly, asOfDay: 190 })).toBe('loyal');
    // Three regular visits: stable.
    expect(classifyBehaviour({ purchaseDays: [0, 30, 60], asOfDay: 70 })).toBe('stable');
    // Overdue: more than 2 mean gaps (2 × 30 days) since the last visit → needs reminders.
    expect(classifyBehaviour({ purchaseDays: [0, 30, 60], asOfDay: 121 })).toBe('general');
    expect(classifyBehaviour({ purchaseDays: [0, 30, 60], asOfDay: 120 })).toBe('stable');
    // Irregular: gaps 1, 1, 100 → variation 1.39 > 1.
    expect(classifyBehaviour({ purchaseDays: [0, 1, 2, 102], asOfDay: 110 })).toBe('general');
    // Purchases after the as-of day do not count.
    expect(classifyBehaviour({ purchaseDays: [0, 300], asOfDay: 10 })).toBe('potential');
  });

  it('thresholds are options', () => {
    const strict = behaviourOptions({ loyalMinVisits: 10, maxGapVariation: 2 });
    expect(classifyBehaviour({ purchaseDays: monthly, asOfDay: 190, productLines: 3 }, strict)).toBe('stable');
    expect(classifyBehaviour({ purchaseDays: [0, 1, 2, 102], asOfDay: 110 }, strict)).toBe('stable');
    expect(classifyBehaviour({ purchaseDays: [0, 30, 60], asOfDay: 70 }, behaviourOptions({ minVisits: 4 }))).toBe('potential');
  });

  it('refuses a bad option, naming it', () => {
    expect(() => behaviourOptions({ minVisits: 1 })).toThrow(/options.minVisits: 1 is below 2/);
    expect(() => behaviourOptions({ overdueAfterGaps: Number.NaN })).toThrow(/options.overdueAfterGaps/);
    expect(() => behaviourOptions({ loyalMinVisit: 3 } as never)).toThrow(/options.loyalMinVisit: unknown option/);
    expect(() => classifyBehaviour({ purchaseDays: [1, Number.NaN], asOfDay: 3 })).toThrow(InputError);
  });

  it('is one class per customer, and more visits in the same rhythm never make a customer less engaged', () => {
    const rank: Record<BehaviourClass, number> = { potential: 0, general: 1, stable: 2, loyal: 3 };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 5 }), (gap, visits, extra) => {
        const days = Array.from({ length: visits }, (_, i) => i * gap);
        const more = Array.from({ length: visits + extra }, (_, i) => i * gap);
        const asOf = (visits + extra) * gap;
        expect(rank[classifyBehaviour({ purchaseDays: more, asOfDay: asOf })]).toBeGreaterThanOrEqual(rank[classifyBehaviour({ purchaseDays: days, asOfDay: asOf })]);
      }),
    );
  });

  it('recovers simulated classes: regular, irregular and one-off customers', () => {
    // 300 customers each of: monthly visitors (gaps of 25–35 days), bursty visitors and single trial visits, whose
    // known classes are stable, general and potential.
    const random = new Random(42);
    const asOf = 400;
    const regular = () => {
      const days: number[] = [];
      for (let day = Math.floor(random.uniform() * 30); day <= asOf - 5; day += 25 + Math.floor(random.uniform() * 11)) days.push(day);
      return days.slice(-5);
    };
    // Bursts: three visits within days, a break of 150–250 days, two more visits within days.
    const bursty = () => {
      const gaps = [1, 1, 150, 1].map((base) => base + Math.floor(random.uniform() * (base === 150 ? 100 : 3)));
      const days = [Math.floor(random.uniform() * 100)];
      for (const gap of gaps) days.push(days[days.length - 1] + gap);
      return days;
    };
    const cases: [BehaviourClass, () => number[]][] = [
      ['stable', regular],
      ['general', bursty],
      ['potential', () => [Math.floor(random.uniform() * asOf)]],
    ];
    for (const [expected, draw] of cases) {
      let right = 0;
      for (let i = 0; i < 300; i++) if (classifyBehaviour({ purchaseDays: draw(), asOfDay: asOf, productLines: 1 }) === expected) right++;
      expect(right / 300).toBeGreaterThan(0.9);
    }
  });
});
