import { Alert, Col, Flex, Input, Row, Select, Skeleton, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { useAnalyticsRights } from '../api/dashboard';
import { useSatisfactionRights } from '../api/satisfaction';
import { AnalyticsTabs } from '../components/analytics-tabs';
import { BreakdownCard } from '../components/breakdown-card';
import { ForecastCard } from '../components/forecast-card';
import { FunnelCard } from '../components/funnel-card';
import type { ReportWindow } from '../components/report-window';
import { SatisfactionCard } from '../components/satisfaction-card';
import { TrendCard } from '../components/trend-card';

const CURRENCIES = ['CNY', 'USD', 'EUR'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The last twelve months up to the end of this one: a year of trend, each month with the one before it. */
function defaultWindow(): { from: string; to: string } {
  const today = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  const first = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 11, 1));
  const last = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 0));
  return { from: `${first.getUTCFullYear()}-${pad(first.getUTCMonth() + 1)}-01`, to: `${last.getUTCFullYear()}-${pad(last.getUTCMonth() + 1)}-${pad(last.getUTCDate())}` };
}

/**
 * `/analytics`: the sales dashboard over what the caller may read (R-ANA-1, R-ANA-8) — revenue, cost and profit by
 * month with growth, the breakdown by customer, product, team, region and rep, the pipeline funnel and the forecast,
 * and the satisfaction and activity metrics (R-ANA-3; counts only for who reads orders without their amounts).
 * Each widget shows only when `/me/permissions` says the API would answer it (a rep sees no cost or profit). The
 * window and currency live in the URL. Further analyses (customers, AHP) are tabs beside the overview.
 */
export function AnalyticsPage() {
  const { t } = useTranslation();
  const rights = useAnalyticsRights();
  const satisfaction = useSatisfactionRights();
  const [search, setSearch] = useSearchParams();
  const fallback = defaultWindow();
  const from = DATE.test(search.get('from') ?? '') ? (search.get('from') as string) : fallback.from;
  const to = DATE.test(search.get('to') ?? '') ? (search.get('to') as string) : fallback.to;
  const currency = CURRENCIES.includes(search.get('currency') ?? '') ? (search.get('currency') as string) : 'CNY';
  const window: ReportWindow = { from, to, currency };
  const set = (key: string, value: string) =>
    setSearch(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.set(key, value);
        return next;
      },
      { replace: true },
    );

  const tabs = <AnalyticsTabs current="overview" />;
  const header = <PageHeader title={t('analytics.title')} />;
  if (rights.loading || satisfaction.loading) return <>{header}<Skeleton active /></>;
  if (!rights.sales && !rights.pipeline && !satisfaction.counts) {
    return (
      <>
        {header}
        {tabs}
        <Alert type="info" showIcon title={t('analytics.nothingReadable')} data-testid="analytics-forbidden" />
      </>
    );
  }
  const badWindow = from > to;

  return (
    <>
      {header}
      {tabs}
      <Flex vertical gap={16}>
        <Flex wrap gap={12} align="center" data-testid="analytics-controls">
          <Space.Compact>
            <Input type="date" aria-label={t('analytics.from')} data-testid="analytics-from" value={from} max={to} onChange={(event) => event.target.value && set('from', event.target.value)} style={{ width: 160 }} />
            <Input type="date" aria-label={t('analytics.to')} data-testid="analytics-to" value={to} min={from} onChange={(event) => event.target.value && set('to', event.target.value)} style={{ width: 160 }} />
          </Space.Compact>
          <Select aria-label={t('analytics.currency')} value={currency} onChange={(value) => set('currency', value)} options={CURRENCIES.map((value) => ({ value, label: value }))} style={{ width: 90 }} />
          {rights.sales && !rights.profit && <Alert type="info" showIcon title={t('analytics.noCost')} data-testid="analytics-no-cost" style={{ padding: '2px 8px' }} />}
        </Flex>
        {badWindow ? (
          <Alert type="warning" showIcon title={t('analytics.badWindow')} />
        ) : (
          <>
            {rights.sales && <TrendCard window={window} withProfit={rights.profit} />}
            {rights.pipeline && (
              <Row gutter={[16, 16]}>
                <Col xs={24} lg={12}>
                  <FunnelCard window={window} />
                </Col>
                <Col xs={24} lg={12}>
                  <ForecastCard window={window} />
                </Col>
              </Row>
            )}
            {rights.sales && <BreakdownCard window={window} withProfit={rights.profit} />}
            {satisfaction.counts && <SatisfactionCard window={window} />}
          </>
        )}
      </Flex>
    </>
  );
}
