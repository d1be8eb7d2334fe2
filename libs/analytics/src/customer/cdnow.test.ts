import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDay } from '../dates';
import { CDNOW_DIR } from '../testing/run-cli';
import { parseTransactionsCsv } from '../transactions';
import { classifyBehaviour } from './behaviour-class';
import { lifecycleStage, revenueByPeriod } from './lifecycle';
import { valueTier, valueTierBreakpoints } from './value-tier';

// The figures quoted in docs/analytics.md ("Customer metrics"): the CDNOW sample as of 1998-06-30, its last day.
const transactions = parseTransactionsCsv(readFileSync(join(CDNOW_DIR, 'cdnow_sample_transactions.csv'), 'utf8'));
const asOf = parseDay('1998-06-30')!;
const purchasesByCustomer = new Map<string, { day: number; amount: number }[]>();
for (const { customerId, day, amount } of transactions) {
  let purchases = purchasesByCustomer.get(customerId);
  if (!purchases) purchasesByCustomer.set(customerId, (purchases = []));
  purchases.push({ day, amount });
}
const customers = [...purchasesByCustomer.values()].map((purchases) => {
  const days = purchases.map((p) => p.day);
  return { purchases, days, first: Math.min(...days), last: Math.max(...days), total: purchases.reduce((sum, p) => sum + p.amount, 0) };
});

function tally<T extends string>(labels: T[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const label of labels) counts[label] = (counts[label] ?? 0) + 1;
  return counts;
}

describe('customer metrics on the CDNOW sample, as of 1998-06-30', () => {
  it('behaviour classes with the default thresholds', () => {
    const classes = tally(customers.map((c) => classifyBehaviour({ purchaseDays: c.days, asOfDay: asOf })));
    expect(classes).toEqual({ loyal: 167, stable: 377, general: 595, potential: 1218 });
    // potential = bought on a single day only.
    expect(customers.filter((c) => new Set(c.days).size === 1)).toHaveLength(classes.potential);
  });

  it('lifecycle stages from six 91-day quarters of revenue', () => {
    const stages = tally(customers.map((c) => lifecycleStage({ periodRevenue: revenueByPeriod(c.purchases, asOf, 91, 6), firstPurchaseDay: c.first, lastPurchaseDay: c.last, asOfDay: asOf })));
    expect(stages).toEqual({ terminated: 1539, decline: 450, growth: 312, mature: 56 });
    // terminated = no purchase in the last 365 days: the famous CDNOW attrition.
    expect(customers.filter((c) => asOf - c.last > 365)).toHaveLength(stages.terminated);
  });

  it('value tiers (ABC) of total spend: a third of the customers bring 80 %', () => {
    const breakpoints = valueTierBreakpoints(customers.map((c) => c.total));
    expect(breakpoints).toEqual({ a: 76.17, b: 26.73 });
    const tiers = customers.map((c) => valueTier(c.total, breakpoints));
    expect(tally(tiers)).toEqual({ a: 777, b: 804, c: 776 });
    const total = customers.reduce((sum, c) => sum + c.total, 0);
    const shareA = customers.filter((_, i) => tiers[i] === 'a').reduce((sum, c) => sum + c.total, 0) / total;
    expect(shareA).toBeGreaterThanOrEqual(0.8);
    expect(shareA).toBeLessThan(0.81);
  });
});
