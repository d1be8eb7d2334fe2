import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { satisfactionReport } from '../testing/analytics-server';
import { itemCsvRows, metricsOf, metricValue, periodCsvRows, type SatisfactionReport } from './satisfaction';

/** Translation keys stand for the texts (the card test reads the real ones). */
const t = { t: ((key: string) => key.replace('analytics.', '')) as unknown as TFunction };
const report = (query: string, withReferrals = true) => satisfactionReport(new URL(`http://x/api/v1/reports/satisfaction?${query}`), { withReferrals }) as SatisfactionReport;

describe('satisfaction report helpers', () => {
  it('charts referrals only for who reads leads and revenue only when asked for', () => {
    expect(metricsOf({ withReferrals: true, withRevenue: true })).toEqual(['referralsPerCustomer', 'serviceFrequency', 'churnedCustomers', 'attractedCustomers', 'averageRevenuePerItem']);
    expect(metricsOf({ withReferrals: false, withRevenue: false })).toEqual(['serviceFrequency', 'churnedCustomers', 'attractedCustomers']);
  });

  it('pairs each metric with its own growth field', () => {
    const [, q4] = report('include=revenue').periods;
    expect(metricValue(q4, 'churnedCustomers')).toEqual({ value: 2, growth: '-0.3333' });
    expect(metricValue(q4, 'averageRevenuePerItem')).toEqual({ value: '50000.00', growth: '0.6667' });
    expect(metricValue(q4, 'referralsPerCustomer')).toEqual({ value: '0.0952', growth: '0.9040' });
  });

  it('exports the periods with growth as percentages and the figures as the server sent them', () => {
    const rows = periodCsvRows(report('include=revenue'), t.t);
    expect(rows[0]).toEqual([
      'satisfaction.period', 'satisfaction.existingCustomers', 'satisfaction.activeCustomers', 'satisfaction.purchaseOccasions',
      ...['referralsPerCustomer', 'serviceFrequency', 'churnedCustomers', 'attractedCustomers', 'averageRevenuePerItem'].flatMap((m) => [`satisfaction.metric.${m}`, `satisfaction.metric.${m} — growth`]),
      'satisfaction.referralLeads', 'satisfaction.churnRate', 'satisfaction.itemRevenue', 'currency',
    ]);
    expect(rows[2]).toEqual(['2026-Q4', 42, 12, 18, '0.0952', '90.4%', '1.5000', '25.0%', 2, '-33.3%', 4, '100.0%', '50000.00', '66.7%', 4, '20.0%', '150000.00', 'CNY']);
    // The quality inspector's report: no referrals, no revenue, so no such columns.
    const counts = periodCsvRows(report('', false), t.t);
    expect(counts[0]).toHaveLength(11);
    expect(counts[1]).toEqual(['2026-Q3', 40, 10, 12, '1.2000', '20.0%', 3, null, 2, null, '25.0%']);
  });

  it('exports the items with revenue when the report has it', () => {
    expect(itemCsvRows(report('include=revenue'), t.t, (item) => item.labelEn)).toEqual([
      ['satisfaction.itemBy.category', 'satisfaction.attracted', 'satisfaction.revenue', 'satisfaction.quantity', 'satisfaction.customers', 'satisfaction.perUnit', 'satisfaction.perCustomer', 'currency'],
      ['Excavators', 5, '180000.00', '6.000', 4, '30000.00', '45000.00', 'CNY'],
    ]);
    expect(itemCsvRows(report(''), t.t, (item) => item.label)).toEqual([['satisfaction.itemBy.category', 'satisfaction.attracted'], ['挖掘机', 5]]);
  });
});
