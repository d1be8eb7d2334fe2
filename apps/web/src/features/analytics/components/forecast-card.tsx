import { Alert, Card } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '@/components/charts/echart';
import { useForecast } from '../api/dashboard';
import type { ReportWindow } from './report-window';

/**
 * The weighted forecast of the open pipeline by expected close month (the forecast endpoint, lost opportunities out):
 * the full amount and the amount weighted by probability, in the dashboard's currency.
 */
export function ForecastCard({ window }: { window: ReportWindow }) {
  const { t } = useTranslation();
  const forecast = useForecast({ groupBy: 'period', period: 'month' });
  const groups = useMemo(() => (forecast.data?.groups ?? []).filter((group) => group.currency === window.currency && group.key !== null), [forecast.data, window.currency]);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'category', data: groups.map((group) => group.key) },
      yAxis: { type: 'value', name: window.currency },
      series: [
        { name: t('analytics.pipelineAmount'), type: 'bar', data: groups.map((group) => Number(group.amount)) },
        { name: t('analytics.weighted'), type: 'line', data: groups.map((group) => Number(group.weightedAmount)) },
      ],
    }),
    [groups, window.currency, t],
  );
  return (
    <Card size="small" title={t('analytics.forecastTitle')} data-testid="analytics-forecast">
      {forecast.error ? (
        <Alert type="error" showIcon title={t('analytics.failed')} description={forecast.error.message} />
      ) : forecast.data && groups.length === 0 ? (
        <Alert type="info" title={t('analytics.noOpportunities')} />
      ) : (
        forecast.data && <EChart option={option} height={260} ariaLabel={t('analytics.forecastTitle')} testId="analytics-forecast-chart" />
      )}
    </Card>
  );
}
