import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Select, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatMoney } from '@/lib/money';
import { useCustomerList, useExportCustomers, type CustomerDimension, type CustomerInsight, type CustomerListParams, type CustomerMoney, type CustomerSort } from '../api/customers';
import { useBucketLabel } from './customer-labels';

const numeric = { fontVariantNumeric: 'tabular-nums' } as const;

/** The sorts the caller may ask for: loyalty always, money sorts with the rights to read them. */
export function sortOptions(money: CustomerMoney | undefined): CustomerSort[] {
  return ['-loyalty', ...(money ? (['-predictedClv', '-revenue'] as const) : []), ...(money === 'profit' ? (['-historicClv'] as const) : [])];
}

/**
 * The customers behind the charts (the drill-down): the picked bucket as a filter, sorted by CLV, revenue or loyalty,
 * names linking to the account; more pages on demand; the whole filtered list as CSV from the server.
 */
export function CustomerListCard({ filter, onClearFilter, sort, onSort, money }: {
  filter: { by: CustomerDimension; key: string } | undefined;
  onClearFilter: () => void;
  sort: CustomerSort;
  onSort: (sort: CustomerSort) => void;
  money: CustomerMoney | undefined;
}) {
  const { t, i18n } = useTranslation();
  const labelOf = useBucketLabel();
  const params: CustomerListParams = { sort, limit: 50, ...(money ? { include: money } : {}), ...(filter ? { [filter.by]: filter.key } : {}) };
  const list = useCustomerList(params);
  const exporter = useExportCustomers();
  const rows = list.data?.pages.flatMap((page) => page.data) ?? [];
  const showMoney = (amount: string | null | undefined) => (amount === null || amount === undefined ? '—' : formatMoney(amount, list.data?.pages[0]?.currency ?? 'CNY', i18n.language));
  const moneyColumn = (key: 'revenue' | 'predictedClv' | 'historicClv', title: string) => ({ key, title, align: 'right' as const, render: (_: unknown, c: CustomerInsight) => <span style={numeric}>{showMoney(c[key])}</span> });
  const columns = [
    { key: 'name', title: t('analytics.customers.customer'), render: (_: unknown, c: CustomerInsight) => <Link to={`/sales/accounts/${c.accountId}`}>{c.name ?? c.accountId}</Link> },
    { key: 'owner', title: t('analytics.groupBy.owner'), render: (_: unknown, c: CustomerInsight) => c.ownerName ?? '—' },
    { key: 'team', title: t('analytics.groupBy.team'), render: (_: unknown, c: CustomerInsight) => c.teamName ?? '—' },
    { key: 'segment', title: t('analytics.customers.by.segment'), render: (_: unknown, c: CustomerInsight) => labelOf('segment', c.rfmSegment) },
    { key: 'stage', title: t('analytics.customers.by.stage'), render: (_: unknown, c: CustomerInsight) => labelOf('stage', c.lifecycleStage) },
    { key: 'class', title: t('analytics.customers.by.class'), render: (_: unknown, c: CustomerInsight) => labelOf('class', c.behaviourClass) },
    { key: 'orders', title: t('analytics.orders'), align: 'right' as const, render: (_: unknown, c: CustomerInsight) => <span style={numeric}>{c.orders}</span> },
    { key: 'loyalty', title: t('analytics.customers.loyalty'), align: 'right' as const, render: (_: unknown, c: CustomerInsight) => <span style={numeric}>{c.loyaltyIndex ?? '—'}</span> },
    ...(money ? [moneyColumn('revenue', t('analytics.revenue')), moneyColumn('predictedClv', t('analytics.customers.predictedClv'))] : []),
    ...(money === 'profit' ? [moneyColumn('historicClv', t('analytics.customers.historicClv'))] : []),
  ];
  const { limit: _limit, ...exportParams } = params;
  const exporting = exporter.isPending ? (exporter.variables.format ?? 'csv') : undefined;

  return (
    <Card
      size="small"
      title={t('analytics.customers.listTitle')}
      data-testid="customers-list"
      extra={
        <Space.Compact size="small">
          <Button icon={<DownloadOutlined />} loading={exporting === 'csv'} disabled={exporting === 'xlsx'} onClick={() => exporter.mutate(exportParams)} data-testid="customers-export">
            {t('analytics.exportCsv')}
          </Button>
          <Button loading={exporting === 'xlsx'} disabled={exporting === 'csv'} onClick={() => exporter.mutate({ ...exportParams, format: 'xlsx' })} data-testid="customers-export-xlsx">
            {t('analytics.exportExcel')}
          </Button>
        </Space.Compact>
      }
    >
      <Flex vertical gap={12}>
        <Flex wrap gap={12} align="center">
          {filter && (
            <Tag closable onClose={onClearFilter} data-testid="customers-filter">
              {t(`analytics.customers.by.${filter.by}`)}: {labelOf(filter.by, filter.key === 'unscored' ? null : filter.key)}
            </Tag>
          )}
          <Select<CustomerSort>
            aria-label={t('analytics.customers.sort')}
            value={sort}
            onChange={onSort}
            options={sortOptions(money).map((value) => ({ value, label: t(`analytics.customers.sortBy.${value.replace(/^-/, '')}`, { defaultValue: value }) }))}
            style={{ width: 200 }}
            data-testid="customers-sort"
          />
        </Flex>
        {exporter.error && <Alert type="error" showIcon title={t('analytics.failed')} description={exporter.error.message} />}
        {list.error ? (
          <Alert type="error" showIcon title={t('analytics.failed')} description={list.error.message} />
        ) : (
          <Table<CustomerInsight> size="small" loading={list.isPending} pagination={false} rowKey="accountId" dataSource={rows} columns={columns} data-testid="customers-table" scroll={{ x: true }} />
        )}
        {list.hasNextPage && (
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="customers-more">
            {t('analytics.customers.more')}
          </Button>
        )}
      </Flex>
    </Card>
  );
}
