import { Alert, Card, Flex, Segmented } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { EChart } from '@/components/charts/echart';
import { BREAKDOWNS, ordersLink, type SalesReportGroupBy, useSalesReport } from '../api/dashboard';
import { ExportButton } from './export-button';
import type { ReportWindow } from './report-window';
import { ReportTable, useGroupLabel } from './report-table';

/** The ten biggest groups are charted; the table lists them all. */
const CHARTED = 10;

/**
 * Revenue (and, for who may read costs, profit) by customer, product, team, region or rep: bars for the biggest
 * groups and the full table below; a bar or a row opens the orders behind it.
 */
export function BreakdownCard({ window, withProfit }: { window: ReportWindow; withProfit: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const labelOf = useGroupLabel();
  const [groupBy, setGroupBy] = useState<SalesReportGroupBy>('account');
  const report = useSalesReport({ groupBy, from: window.from, to: window.to, currency: window.currency, ...(withProfit ? { include: 'profit' as const } : {}) });
  const data = report.data;
  const charted = useMemo(() => data?.rows.slice(0, CHARTED) ?? [], [data]);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'value', name: data?.currency },
      // Biggest on top.
      yAxis: { type: 'category', inverse: true, data: charted.map(labelOf), axisLabel: { width: 160, overflow: 'truncate' } },
      series: [
        { name: t('analytics.revenue'), type: 'bar', data: charted.map((row) => Number(row.bookedNet)) },
        ...(withProfit ? [{ name: t('analytics.profit'), type: 'bar', data: charted.map((row) => Number(row.profit ?? 0)) }] : []),
      ],
    }),
    [charted, data, labelOf, withProfit, t],
  );
  const open = (index: number) => {
    const link = data ? ordersLink(data.groupBy, charted[index]?.key ?? null, window) : null;
    if (link) void navigate(link);
  };

  return (
    <Card
      size="small"
      title={t('analytics.breakdownTitle')}
      extra={<ExportButton report={data?.groupBy === groupBy ? data : undefined} name={`${groupBy}-${window.from}-${window.to}-${window.currency}`} testId="analytics-breakdown-export" />}
      data-testid="analytics-breakdown"
    >
      <Flex vertical gap={12}>
        <Segmented<SalesReportGroupBy>
          value={groupBy}
          onChange={setGroupBy}
          options={BREAKDOWNS.map((value) => ({ value, label: <span data-testid={`analytics-breakdown-${value}`}>{t(`analytics.groupBy.${value}`)}</span> }))}
        />
        {report.error ? (
          <Alert type="error" showIcon title={t('analytics.failed')} description={report.error.message} />
        ) : data && data.rows.length === 0 ? (
          <Alert type="info" title={t('analytics.noOrders')} />
        ) : (
          data && (
            <>
              <EChart option={option} height={Math.max(200, charted.length * 36 + 60)} ariaLabel={t('analytics.breakdownTitle')} testId="analytics-breakdown-chart" onItemClick={({ dataIndex }) => open(dataIndex)} />
              <ReportTable report={data} window={window} testId="analytics-breakdown-table" />
            </>
          )
        )}
      </Flex>
    </Card>
  );
}
