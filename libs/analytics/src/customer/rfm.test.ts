import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDay } from '../dates';
import { InputError } from '../input-error';
import { CDNOW_DIR } from '../testing/run-cli';
import { Random } from '../testing/random';
import { parseTransactionsCsv } from '../transactions';
import {
  DEFAULT_RFM_SEGMENTS,
  checkRfmSegments,
  quintileCutPoints,
  quintileScore,
  rfmBreakpoints,
  rfmSegment,
  rfmValuesFromTransactions,
  scoreRfm,
  scoreRfmPopulation,
  type RfmSegmentRule,
} from './rfm';

describe('quintile cut points', () => {
  it('are the ⌈k·n/5⌉-th smallest values', () => {
    // n = 10: the 2nd, 4th, 6th and 8th smallest.
    expect(quintileCutPoints([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 'x')).toEqual([2, 4, 6, 8]);
    // n = 7: ⌈1.4⌉ = 2, ⌈2.8⌉ = 3, ⌈4.2⌉ = 5, ⌈5.6⌉ = 6.
    expect(quintileCutPoints(new Float64Array([70, 10, 20, 30, 40, 50, 60]), 'x')).toEqual([20, 30, 50, 60]);
    expect(quintileCutPoints([5], 'x')).toEqual([5, 5, 5, 5]);
  });

  it('score 1 + the number of cut points below the value: ties get the lower quintile', () => {
    const cuts = [2, 4, 6, 8];
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((value) => quintileScore(value, cuts))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    // Half the customers bought once: they all share score 1, and score 2 stays empty.
    const cutsWithTies = quintileCutPoints([1, 1, 1, 1, 1, 2, 2, 3, 4, 5], 'frequency');
    expect(cutsWithTies).toEqual([1, 1, 2, 3]);
    expect([1, 2, 3, 4, 5].map((value) => quintileScore(value, cutsWithTies))).toEqual([1, 3, 4, 5, 5]);
  });

  it('put ⌊n/5⌋ or ⌈n/5⌉ distinct values in each quintile, monotonically', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 5, maxLength: 400 }), (values) => {
        const cuts = quintileCutPoints(values, 'x');
        const sizes = [0, 0, 0, 0, 0];
        for (const value of values) sizes[quintileScore(value, cuts) - 1]++;
        for (const size of sizes) {
          expect(size).toBeGreaterThanOrEqual(Math.floor(values.length / 5));
          expect(size).toBeLessThanOrEqual(Math.ceil(values.length / 5));
        }
        const sorted = [...values].sort((a, b) => a - b);
        for (let i = 1; i < sorted.length; i++) expect(quintileScore(sorted[i], cuts)).toBeGreaterThanOrEqual(quintileScore(sorted[i - 1], cuts));
      }),
    );
  });

  it('do not depend on the order of the population', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 200 }), (values) => {
        expect(quintileCutPoints([...values].reverse(), 'x')).toEqual(quintileCutPoints(values, 'x'));
      }),
    );
  });

  it('refuse an empty population and bad values, naming them', () => {
    expect(() => rfmBreakpoints({ recency: [], frequency: [1], monetary: [1] })).toThrow(/recency: no customers/);
    expect(() => rfmBreakpoints({ recency: [1], frequency: [1], monetary: [3, Number.NaN] })).toThrow(/monetary\[1\]: NaN is not a finite number/);
    expect(() => rfmBreakpoints({ recency: [-1], frequency: [1], monetary: [1] })).toThrow(InputError);
  });
});

describe('scoreRfm', () => {
  const breakpoints = { recency: [10, 30, 90, 180], frequency: [1, 2, 3, 5], monetary: [20, 50, 100, 300] };

  it('scores recency in reverse (recent = 5) and frequency, monetary upwards', () => {
    expect(scoreRfm({ recencyDays: 3, frequency: 9, monetary: 1000 }, breakpoints)).toEqual({ r: 5, f: 5, m: 5, segment: 'champions' });
    expect(scoreRfm({ recencyDays: 400, frequency: 1, monetary: 5 }, breakpoints)).toEqual({ r: 1, f: 1, m: 1, segment: 'lost' });
    expect(scoreRfm({ recencyDays: 200, frequency: 8, monetary: 500 }, breakpoints)).toEqual({ r: 1, f: 5, m: 5, segment: 'cannot_lose' });
    expect(scoreRfm({ recencyDays: 0, frequency: 1, monetary: 10 }, breakpoints)).toEqual({ r: 5, f: 1, m: 1, segment: 'new_customers' });
    // A recency equal to a cut point falls in the lower value quintile, i.e. the better recency score.
    expect(scoreRfm({ recencyDays: 30, frequency: 2, monetary: 50 }, breakpoints)).toMatchObject({ r: 4, f: 2, m: 2, segment: 'potential_loyalist' });
  });

  it('is monotone: more recent, more frequent or bigger spend never lowers a score', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), fc.nat(50), fc.nat(50), fc.nat(5000), fc.nat(5000), (r1, r2, f1, f2, m1, m2) => {
        const a = scoreRfm({ recencyDays: Math.max(r1, r2), frequency: Math.min(f1, f2), monetary: Math.min(m1, m2) }, breakpoints);
        const b = scoreRfm({ recencyDays: Math.min(r1, r2), frequency: Math.max(f1, f2), monetary: Math.max(m1, m2) }, breakpoints);
        expect(b.r).toBeGreaterThanOrEqual(a.r);
        expect(b.f).toBeGreaterThanOrEqual(a.f);
        expect(b.m).toBeGreaterThanOrEqual(a.m);
      }),
    );
  });

  it('refuses a negative or missing value', () => {
    expect(() => scoreRfm({ recencyDays: -2, frequency: 1, monetary: 1 }, breakpoints)).toThrow(/recencyDays: -2 is below 0/);
    expect(() => scoreRfm({ recencyDays: 2, frequency: undefined as unknown as number, monetary: 1 }, breakpoints)).toThrow(/frequency/);
  });
});

describe('segments', () => {
  it('the default map names exactly one segment for each of the 125 score triples', () => {
    checkRfmSegments(DEFAULT_RFM_SEGMENTS);
    const seen = new Set<string>();
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) seen.add(rfmSegment(r, f, m));
    expect(seen).toEqual(new Set(DEFAULT_RFM_SEGMENTS.map((rule) => rule.segment)));
  });

  it('FM is ⌊(F + M) / 2⌋: both must be high', () => {
    expect(rfmSegment(5, 5, 3)).toBe('champions');
    expect(rfmSegment(5, 5, 2)).toBe('potential_loyalist');
    expect(rfmSegment(1, 5, 4)).toBe('at_risk');
  });

  it('a custom map must cover every cell exactly once', () => {
    const gap: RfmSegmentRule[] = DEFAULT_RFM_SEGMENTS.filter((rule) => rule.segment !== 'lost');
    expect(() => checkRfmSegments(gap)).toThrow(/R=1, FM=1 is matched by no rule/);
    const overlap: RfmSegmentRule[] = [...DEFAULT_RFM_SEGMENTS, { segment: 'hibernating', recency: [1, 1], frequencyMonetary: [5, 5] }];
    expect(() => checkRfmSegments(overlap)).toThrow(/R=1, FM=5 is matched by cannot_lose and hibernating/);
    expect(() => scoreRfmPopulation([{ recencyDays: 1, frequency: 1, monetary: 1 }], gap)).toThrow(InputError);
    const simple: RfmSegmentRule[] = [
      { segment: 'champions', recency: [3, 5], frequencyMonetary: [1, 5] },
      { segment: 'lost', recency: [1, 2], frequencyMonetary: [1, 5] },
    ];
    expect(scoreRfmPopulation([{ recencyDays: 1, frequency: 1, monetary: 1 }], simple).scores[0].segment).toBe('champions');
  });
});

describe('RFM per batch', () => {
  it('scoring batches with the population breakpoints equals scoring the whole list', () => {
    const random = new Random(20261202);
    const customers = Array.from({ length: 1000 }, () => ({ recencyDays: Math.floor(random.uniform() * 540), frequency: 1 + Math.floor(-Math.log(random.uniform()) * 3), monetary: Math.round(random.uniform() * 50000) / 100 }));
    const whole = scoreRfmPopulation(customers);
    const breakpoints = rfmBreakpoints({
      recency: Float64Array.from(customers, (c) => c.recencyDays),
      frequency: Float64Array.from(customers, (c) => c.frequency),
      monetary: Float64Array.from(customers, (c) => c.monetary),
    });
    const batched = [customers.slice(0, 300), customers.slice(300)].flatMap((batch) => batch.map((customer) => ({ ...customer, ...scoreRfm(customer, breakpoints) })));
    expect(batched).toEqual(whole.scores);
  });

  it('recovers the buying rate order of simulated customers: higher known rates score higher F', () => {
    // Five groups of 400 customers with known yearly purchase rates 1, 2, 4, 8, 16 (Poisson over one year).
    const random = new Random(7);
    const rates = [1, 2, 4, 8, 16];
    const poisson = (mean: number) => {
      let k = 0;
      for (let p = Math.exp(-mean), u = random.uniform(); u > p; k++) p += (Math.exp(-mean) * mean ** (k + 1)) / factorial(k + 1);
      return k;
    };
    const customers = rates.flatMap((rate, group) => Array.from({ length: 400 }, () => ({ group, recencyDays: 10, frequency: poisson(rate), monetary: 10 })));
    const { scores } = scoreRfmPopulation(customers);
    const meanF = rates.map((_, group) => mean(scores.filter((s) => s.group === group).map((s) => s.f)));
    for (let g = 1; g < rates.length; g++) expect(meanF[g]).toBeGreaterThan(meanF[g - 1]);
    // The mean simulated frequency recovers each known rate within 10 %.
    rates.forEach((rate, group) => expect(mean(customers.filter((c) => c.group === group).map((c) => c.frequency)) / rate).toBeCloseTo(1, 0));
  });
});

describe('RFM of the CDNOW sample as of 1998-07-01', () => {
  const text = readFileSync(join(CDNOW_DIR, 'cdnow_sample_transactions.csv'), 'utf8');
  const transactions = parseTransactionsCsv(text);
  const asOf = parseDay('1998-07-01')!;
  const values = rfmValuesFromTransactions(transactions, asOf);

  it('has one row per customer whose totals add up to the file', () => {
    expect(values).toHaveLength(2357);
    const total = transactions.reduce((sum, t) => sum + t.amount, 0);
    expect(values.reduce((sum, v) => sum + v.monetary, 0)).toBeCloseTo(total, 4);
    // Customer 1 bought on 1997-01-01, 01-18, 08-02 and 12-12 for 29.33 + 29.73 + 14.96 + 26.48.
    expect(values[0]).toEqual({ customerId: '1', recencyDays: asOf - parseDay('1997-12-12')!, frequency: 4, monetary: 100.5 });
  });

  it('scores and segments every customer; ties make F = 2 empty (52 % bought on one day only)', () => {
    const { breakpoints, scores } = scoreRfmPopulation(values);
    // 1,218 customers bought on 1 day, 403 on 2, 209 on 3, 149 on 4: the ⌈0.2·2357⌉ = 472nd, 943rd, 1,415th and
    // 1,886th smallest frequencies are 1, 1, 2 and 4.
    const oneDay = values.filter((v) => v.frequency === 1).length;
    expect([1, 2, 3, 4].map((f) => values.filter((v) => v.frequency === f).length)).toEqual([1218, 403, 209, 149]);
    expect(breakpoints.frequency).toEqual([1, 1, 2, 4]);
    expect(scores.filter((s) => s.f === 1)).toHaveLength(oneDay);
    expect(scores.filter((s) => s.f === 2)).toHaveLength(0);
    // Distinct-enough recency and monetary values split into near-fifths.
    for (const key of ['r', 'm'] as const) {
      for (let score = 1; score <= 5; score++) expect(Math.abs(scores.filter((s) => s[key] === score).length - 2357 / 5)).toBeLessThan(30);
    }
    expect(scores[0]).toMatchObject({ r: 4, f: 4, m: 4, segment: 'champions' });
    const champions = scores.filter((s) => s.segment === 'champions').length;
    expect(champions).toBe(651);
  });

  it('ignores purchases after the as-of day', () => {
    const early = rfmValuesFromTransactions(transactions, parseDay('1997-01-01')!);
    expect(early.every((v) => v.recencyDays === 0 && v.frequency === 1)).toBe(true);
    expect(early.length).toBe(new Set(transactions.filter((t) => t.day === parseDay('1997-01-01')).map((t) => t.customerId)).size);
  });
});

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function factorial(n: number): number {
  let product = 1;
  for (let i = 2; i <= n; i++) product *= i;
  return product;
}
