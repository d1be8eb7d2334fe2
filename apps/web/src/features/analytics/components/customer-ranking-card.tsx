import { Alert, Card, Col, Row } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { EChart } from '@/components/charts/echart';
import { formatCompact } from '@/lib/money';
import { ranking, useCustomerList, type CustomerMoney } from '../api/customers';

const TOP = 10;

/** One ranking: the top customers by predicted or historic CLV, biggest on top; a bar opens the account. */
function RankingChart({ sortKey, money }: { sortKey: 'predictedClv' | 'historicClv'; money: CustomerMoney }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const list = useCustomerList({ sort: `-${sortKey}`, include: money, limit: TOP });
  const ranked = useMemo(() => ranking(list.data?.pages[0]?.data ?? [], sortKey), [list.data, sortKey]);
  const title = t(`analytics.customers.${sortKey}`);
  const currency = list.data?.pages[0]?.currency ?? '';
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, bottom: 8, top: 8, containLabel: true },
      // Short ticks, and few of them: two charts side by side leave each about 560 px at 1,280.
      xAxis: { type: 'value', name: currency, splitNumber: 4, axisLabel: { formatter: (value: number) => formatCompact(value, i18n.language), hideOverlap: true } },
      yAxis: { type: 'category', inverse: true, data: ranked.map((r) => r.name), axisLabel: { width: 140, overflow: 'truncate' } },
      series: [{ name: title, type: 'bar', data: ranked.map((r) => Number(r.value)) }],
    }),
    [ranked, title, currency, i18n.language],
  );
  if (list.error) return <Alert type="error" showIcon title={t('analytics.failed')} description={list.error.message} />;
  if (list.data && ranked.length === 0) return <Alert type="info" title={t('analytics.customers.notScoredYet', { what: title })} data-testid={`customers-ranking-${sortKey}-empty`} />;
  return (
    <EChart
      option={option}
      height={Math.max(160, ranked.length * 28 + 40)}
      ariaLabel={title}
      testId={`customers-ranking-${sortKey}`}
      onItemClick={({ dataIndex }) => ranked[dataIndex] && void navigate(`/sales/accounts/${ranked[dataIndex].accountId}`)}
    />
  );
}

/** The CLV ranking: top customers by predicted CLV and, for who may read costs, by historic CLV (profit-based). */
export function CustomerRankingCard({ money }: { money: CustomerMoney }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('analytics.customers.rankingTitle')} data-testid="customers-ranking">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={money === 'profit' ? 12 : 24}>
          <h4>{t('analytics.customers.predictedClv')}</h4>
          <RankingChart sortKey="predictedClv" money={money} />
        </Col>
        {money === 'profit' && (
          <Col xs={24} lg={12}>
            <h4>{t('analytics.customers.historicClv')}</h4>
            <RankingChart sortKey="historicClv" money={money} />
          </Col>
        )}
      </Row>
    </Card>
  );
}
