import { Alert, Card, Flex, Table } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '@/components/charts/echart';
import { formatMoney } from '@/lib/money';
import { formatRatio } from '../api/dashboard';
import { useCustomerRetention, type CustomerMoney, type CustomerRetention } from '../api/customers';

type Year = CustomerRetention['years'][number];
const numeric = { fontVariantNumeric: 'tabular-nums' } as const;

/** Per year: active, retained and churned customers (bars) and the retention rate (line); the profit lost to churn for who reads costs. */
export function CustomerRetentionCard({ money }: { money: CustomerMoney | undefined }) {
  const { t, i18n } = useTranslation();
  const retention = useCustomerRetention(money);
  const years = useMemo(() => retention.data?.years ?? [], [retention.data]);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'category', data: years.map((y) => String(y.year)) },
      yAxis: [
        { type: 'value', minInterval: 1, name: t('analytics.customers.count') },
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        { name: t('analytics.customers.active'), type: 'bar', data: years.map((y) => y.active) },
        { name: t('analytics.customers.retained'), type: 'bar', data: years.map((y) => y.retained) },
        { name: t('analytics.customers.churned'), type: 'bar', data: years.map((y) => y.churned) },
        { name: t('analytics.customers.retentionRate'), type: 'line', yAxisIndex: 1, data: years.map((y) => (y.retentionRate === null ? null : Number(y.retentionRate) * 100)) },
      ],
    }),
    [years, t],
  );
  const columns = [
    { key: 'year', title: t('analytics.customers.year'), dataIndex: 'year' },
    ...(['active', 'retained', 'churned', 'gained'] as const).map((key) => ({ key, title: t(`analytics.customers.${key}`), align: 'right' as const, render: (_: unknown, y: Year) => <span style={numeric}>{y[key]}</span> })),
    { key: 'retentionRate', title: t('analytics.customers.retentionRate'), align: 'right' as const, render: (_: unknown, y: Year) => formatRatio(y.retentionRate) },
    ...(money === 'profit'
      ? [{ key: 'profitLostToChurn', title: t('analytics.customers.profitLostToChurn'), align: 'right' as const, render: (_: unknown, y: Year) => <span style={numeric}>{formatMoney(y.profitLostToChurn, retention.data?.currency ?? 'CNY', i18n.language)}</span> }]
      : []),
  ];
  return (
    <Card size="small" title={t('analytics.customers.retentionTitle')} data-testid="customers-retention">
      {retention.error ? (
        <Alert type="error" showIcon title={t('analytics.failed')} description={retention.error.message} />
      ) : retention.data && years.length === 0 ? (
        <Alert type="info" title={t('analytics.customers.noPurchases')} />
      ) : (
        retention.data && (
          <Flex vertical gap={12}>
            <EChart option={option} height={280} ariaLabel={t('analytics.customers.retentionTitle')} testId="customers-retention-chart" />
            <Table<Year> size="small" pagination={false} rowKey="year" dataSource={years} columns={columns} data-testid="customers-retention-table" />
          </Flex>
        )
      )}
    </Card>
  );
}
