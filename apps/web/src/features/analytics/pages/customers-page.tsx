import { Alert, Flex, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { DIMENSIONS, UNSCORED, useCustomerDistribution, useCustomerRights, type CustomerDimension, type CustomerSort } from '../api/customers';
import { AnalyticsTabs } from '../components/analytics-tabs';
import { CustomerDistributionCard } from '../components/customer-distribution-card';
import { CustomerListCard, sortOptions } from '../components/customer-list-card';
import { CustomerRankingCard } from '../components/customer-ranking-card';
import { CustomerRetentionCard } from '../components/customer-retention-card';

/** The page's state in the URL: the chart's dimension, the drill-down filter (one bucket), the list's sort. */
export function customerPageState(search: URLSearchParams, allowedSorts: readonly CustomerSort[]) {
  const by = DIMENSIONS.find((d) => d === search.get('by')) ?? 'segment';
  const filterBy = DIMENSIONS.find((d) => search.get(d) !== null);
  const filter = filterBy ? { by: filterBy, key: search.get(filterBy) as string } : undefined;
  const sort = allowedSorts.find((s) => s === search.get('sort')) ?? allowedSorts[allowedSorts.length > 1 ? 1 : 0];
  return { by, filter, sort };
}

/**
 * `/analytics/customers`: the customer dashboards (issue 5) over the customers the caller may read — distributions by
 * RFM segment, lifecycle stage and behaviour class (a bar opens the customers behind it), the CLV ranking, retention
 * and churn per year, and the customer list with its CSV export. Money is asked for only when `/me/permissions` says
 * the API would answer it (the quality inspector sees counts, no money).
 */
export function CustomersPage() {
  const { t, i18n } = useTranslation();
  const rights = useCustomerRights();
  const [search, setSearch] = useSearchParams();
  const sorts = sortOptions(rights.money);
  const { by, filter, sort } = customerPageState(search, sorts);
  const distribution = useCustomerDistribution(by, rights.money, { enabled: !rights.loading && rights.read });
  const update = (change: (next: URLSearchParams) => void) =>
    setSearch(
      (previous) => {
        const next = new URLSearchParams(previous);
        change(next);
        return next;
      },
      { replace: true },
    );
  const pick = (dimension: CustomerDimension, key: string | null) =>
    update((next) => {
      DIMENSIONS.forEach((d) => next.delete(d));
      next.set(dimension, key ?? UNSCORED);
    });

  const header = <PageHeader title={t('analytics.title')} />;
  const tabs = <AnalyticsTabs current="customers" />;
  if (rights.loading) return <>{header}<Skeleton active /></>;
  if (!rights.read) {
    return (
      <>
        {header}
        {tabs}
        <Alert type="info" showIcon title={t('analytics.customers.forbidden')} data-testid="customers-forbidden" />
      </>
    );
  }
  const run = distribution.data?.run;
  return (
    <>
      {header}
      {tabs}
      <Flex vertical gap={16}>
        <Flex wrap gap={12} align="center">
          <Typography.Text type="secondary" data-testid="customers-run">
            {run ? t('analytics.customers.asOf', { date: run.asOf ?? '—', at: run.finishedAt ? new Date(run.finishedAt).toLocaleString(i18n.language) : '—' }) : distribution.data ? t('analytics.customers.noRun') : null}
          </Typography.Text>
          {!rights.money && <Alert type="info" showIcon title={t('analytics.customers.noMoney')} data-testid="customers-no-money" style={{ padding: '2px 8px' }} />}
          {rights.money && distribution.data && (
            <Typography.Text type="secondary" data-testid="customers-currency">
              {t('analytics.customers.moneyIn', { currency: distribution.data.currency })}
            </Typography.Text>
          )}
        </Flex>
        <CustomerDistributionCard by={by} onBy={(value) => update((next) => next.set('by', value))} money={rights.money} selected={filter?.by === by ? (filter.key === UNSCORED ? null : filter.key) : undefined} onPick={pick} />
        {rights.money && <CustomerRankingCard money={rights.money} />}
        <CustomerRetentionCard money={rights.money} />
        <CustomerListCard
          filter={filter}
          onClearFilter={() => update((next) => DIMENSIONS.forEach((d) => next.delete(d)))}
          sort={sort}
          onSort={(value) => update((next) => next.set('sort', value))}
          money={rights.money}
        />
      </Flex>
    </>
  );
}
