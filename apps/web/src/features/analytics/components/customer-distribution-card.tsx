import { Alert, Card, Flex, Segmented, Table } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '@/components/charts/echart';
import { formatMoney } from '@/lib/money';
import { DIMENSIONS, orderBuckets, useCustomerDistribution, type CustomerBucket, type CustomerDimension, type CustomerMoney } from '../api/customers';
import { useBucketLabel } from './customer-labels';

const numeric = { fontVariantNumeric: 'tabular-nums' } as const;

/**
 * Customers by RFM segment, lifecycle stage or behaviour class: a bar per bucket (the unscored bucket too, last) and
 * the figures below; a bar or a row opens the customers behind it.
 */
export function CustomerDistributionCard({ by, onBy, money, selected, onPick }: {
  by: CustomerDimension;
  onBy: (by: CustomerDimension) => void;
  money: CustomerMoney | undefined;
  selected: string | null | undefined;
  onPick: (by: CustomerDimension, key: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const labelOf = useBucketLabel();
  const distribution = useCustomerDistribution(by, money);
  const data = distribution.data?.by === by ? distribution.data : undefined;
  const buckets = useMemo(() => (data ? orderBuckets(by, data.buckets) : []), [by, data]);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, bottom: 8, top: 24, containLabel: true },
      xAxis: { type: 'category', data: buckets.map((b) => labelOf(by, b.key)), axisLabel: { interval: 0, rotate: buckets.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1, name: t('analytics.customers.count') },
      series: [{ name: t('analytics.customers.count'), type: 'bar', data: buckets.map((b) => b.customers) }],
    }),
    [buckets, by, labelOf, t],
  );
  const showMoney = (amount: string | null | undefined) => (amount === null || amount === undefined ? '—' : formatMoney(amount, data?.currency ?? 'CNY', i18n.language));
  const columns = [
    { key: 'key', title: t(`analytics.customers.by.${by}`), render: (_: unknown, b: CustomerBucket) => labelOf(by, b.key) },
    { key: 'customers', title: t('analytics.customers.count'), align: 'right' as const, render: (_: unknown, b: CustomerBucket) => <span style={numeric}>{b.customers}</span> },
    ...(money
      ? [
          { key: 'revenue', title: t('analytics.revenue'), align: 'right' as const, render: (_: unknown, b: CustomerBucket) => <span style={numeric}>{showMoney(b.revenue)}</span> },
          { key: 'predictedClv', title: t('analytics.customers.predictedClv'), align: 'right' as const, render: (_: unknown, b: CustomerBucket) => <span style={numeric}>{showMoney(b.predictedClv)}</span> },
        ]
      : []),
    ...(money === 'profit'
      ? [{ key: 'historicClv', title: t('analytics.customers.historicClv'), align: 'right' as const, render: (_: unknown, b: CustomerBucket) => <span style={numeric}>{showMoney(b.historicClv)}</span> }]
      : []),
  ];

  return (
    <Card size="small" title={t('analytics.customers.distributionTitle')} data-testid="customers-distribution">
      <Flex vertical gap={12}>
        <Segmented<CustomerDimension>
          value={by}
          onChange={onBy}
          options={DIMENSIONS.map((value) => ({ value, label: <span data-testid={`customers-by-${value}`}>{t(`analytics.customers.by.${value}`)}</span> }))}
        />
        {distribution.error ? (
          <Alert type="error" showIcon title={t('analytics.failed')} description={distribution.error.message} />
        ) : !data ? null : data.customers === 0 ? (
          <Alert type="info" showIcon title={t('analytics.customers.empty')} data-testid="customers-empty" />
        ) : (
          <>
            <EChart option={option} height={280} ariaLabel={t('analytics.customers.distributionTitle')} testId="customers-distribution-chart" onItemClick={({ dataIndex }) => buckets[dataIndex] && onPick(by, buckets[dataIndex].key)} />
            <Table<CustomerBucket>
              size="small"
              pagination={false}
              rowKey={(b) => b.key ?? ''}
              dataSource={buckets}
              columns={columns}
              data-testid="customers-distribution-table"
              rowClassName={(b) => (selected !== undefined && (selected ?? null) === b.key ? 'ant-table-row-selected' : '')}
              onRow={(b) => ({ onClick: () => onPick(by, b.key), style: { cursor: 'pointer' } })}
            />
          </>
        )}
      </Flex>
    </Card>
  );
}
