import { Alert, Card, Col, Row, Statistic } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { EChart } from '@/components/charts/echart';
import { formatMoney } from '@/lib/money';
import { ordersLink, useSalesReport } from '../api/dashboard';
import { ExportButton } from './export-button';
import { ReportTable } from './report-table';
import type { ReportWindow } from './report-window';

/**
 * Revenue (net of tax) per month, with cost and profit for who may read the lines' cost, and the growth rate against
 * the month before as a line; a click on a month opens its orders. Key figures above, as the server summed them.
 */
export function TrendCard({ window, withProfit }: { window: ReportWindow; withProfit: boolean }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const report = useSalesReport({ groupBy: 'period', period: 'month', from: window.from, to: window.to, currency: window.currency, ...(withProfit ? { include: 'profit' as const } : {}) });
  const data = report.data;
  const option = useMemo(() => {
    if (!data) return null;
    const months = data.rows.map((row) => row.key ?? '');
    const bar = (name: string, values: Array<string | null>) => ({ name, type: 'bar', data: values.map((value) => Number(value ?? 0)) });
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'category', data: months },
      yAxis: [
        { type: 'value', name: data.currency },
        { type: 'value', name: '%', splitLine: { show: false } },
      ],
      series: [
        bar(t('analytics.revenue'), data.rows.map((row) => row.bookedNet)),
        ...(withProfit ? [bar(t('analytics.cost'), data.rows.map((row) => row.cost)), bar(t('analytics.profit'), data.rows.map((row) => row.profit))] : []),
        // Drawn from the server's 4-decimal ratios; a month after an empty one has no rate (a gap, not 0).
        { name: t('analytics.growth'), type: 'line', yAxisIndex: 1, connectNulls: false, data: data.rows.map((row) => (row.growthRate === null ? null : Number(row.growthRate) * 100)) },
      ],
    };
  }, [data, withProfit, t]);
  const money = (value: string | null | undefined) => (value === null || value === undefined ? '—' : formatMoney(value, data?.currency, i18n.language));

  return (
    <Card size="small" title={t('analytics.trendTitle')} extra={<ExportButton report={data} name={`trend-${window.from}-${window.to}-${window.currency}`} testId="analytics-trend-export" />} data-testid="analytics-trend">
      {report.error ? (
        <Alert type="error" showIcon title={t('analytics.failed')} description={report.error.message} />
      ) : (
        <>
          <Row gutter={16} style={{ marginBottom: 12 }}>
            <Col xs={12} md={6}>
              <Statistic title={t('analytics.revenue')} value={money(data?.totals.bookedNet)} loading={!data} data-testid="analytics-revenue" />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('analytics.orders')} value={data?.totals.orderCount ?? 0} loading={!data} />
            </Col>
            {withProfit && (
              <>
                <Col xs={12} md={6}>
                  <Statistic title={t('analytics.profit')} value={money(data?.totals.profit)} loading={!data} data-testid="analytics-profit" />
                </Col>
                <Col xs={12} md={6}>
                  <Statistic title={t('analytics.margin')} value={data?.totals.marginPercent ? `${data.totals.marginPercent}%` : '—'} loading={!data} />
                </Col>
              </>
            )}
          </Row>
          {withProfit && data && data.totals.uncostedLineCount ? (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="analytics-uncosted" title={t('analytics.uncosted', { count: data.totals.uncostedLineCount, amount: money(data.totals.uncostedRevenue) })} />
          ) : null}
          {option && data && data.rows.length > 0 ? (
            <EChart
              option={option}
              height={300}
              ariaLabel={t('analytics.trendTitle')}
              testId="analytics-trend-chart"
              onItemClick={({ dataIndex }) => {
                const link = ordersLink('period', data.rows[dataIndex]?.key ?? null, window);
                if (link) void navigate(link);
              }}
            />
          ) : (
            data && <Alert type="info" title={t('analytics.noOrders')} />
          )}
          {data && data.rows.length > 0 && <ReportTable report={data} window={window} testId="analytics-trend-table" />}
        </>
      )}
    </Card>
  );
}
