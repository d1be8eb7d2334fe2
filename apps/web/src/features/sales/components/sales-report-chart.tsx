import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '@/components/charts/echart';
import type { SalesReport } from '../api/reports';
import { useReportLabel } from './sales-report-table';

/**
 * Booked (with tax) against paid per group, as bars; by product the net line amounts alone (payments are per order).
 * The chart turns decimal strings into numbers only to draw them: every figure shown as text comes from the server.
 */
export function SalesReportChart({ report }: { report: SalesReport }) {
  const { t } = useTranslation();
  const labelOf = useReportLabel();
  const byProduct = report.groupBy === 'product';
  const option = useMemo(() => {
    const categories = report.rows.map(labelOf);
    const series = byProduct
      ? [{ name: t('reports.netLineAmount'), type: 'bar', data: report.rows.map((row) => Number(row.bookedNet)) }]
      : [
          { name: t('reports.bookedGross'), type: 'bar', data: report.rows.map((row) => Number(row.bookedGross ?? 0)) },
          { name: t('reports.paid'), type: 'bar', data: report.rows.map((row) => Number(row.paid ?? 0)) },
        ];
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: categories.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', name: report.currency },
      series,
    };
  }, [report, byProduct, labelOf, t]);
  return <EChart option={option} height={320} ariaLabel={t('reports.chartLabel')} testId="sales-report-chart" />;
}
