import { PlusOutlined, SearchOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Result, Select, Skeleton, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { UserName } from '@/components/user-name';
import { ApiError } from '@/lib/api';
import { isReadable, usePermissions } from '@/lib/permissions';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { formatMoney } from '../api/opportunities';
import { QUOTE_STATUSES, useQuotes, type Quote, type QuoteStatus } from '../api/quotes';
import { CreateQuoteModal } from '../components/create-quote-modal';
import { QuoteStatusTag } from '../components/quote-status-tag';
import { SalesTabs } from '../components/sales-tabs';

const PAGE_SIZE = 50;

/** `/sales/quotes`: the quotes the caller may see, newest first, filtered by status; totals as the server computed them. */
export function QuotesPage() {
  const { t, i18n } = useTranslation();
  const permissions = usePermissions();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<QuoteStatus | undefined>(undefined);
  const [creating, setCreating] = useState(false);
  const q = useDebouncedValue(search.trim(), 300);
  const canRead = permissions.canDo('quote', 'read');
  const canCreate = permissions.canDo('quote', 'create') && permissions.canDo('account', 'read');
  const showsPrices = isReadable(permissions.fieldAccess('quote', 'prices'));
  const params = { limit: PAGE_SIZE, ...(q ? { q } : {}), ...(status ? { status } : {}) };
  const quotes = useQuotes(params, { enabled: permissions.isSuccess && canRead });
  const total = quotes.data?.pages[0]?.total;
  const header = <PageHeader title={t('quotes.title')} extra={canRead && canCreate ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="quotes-new">{t('quotes.new')}</Button> : undefined} />;

  if (permissions.isPending) return <>{header}<Skeleton active /></>;
  if (!canRead) {
    return (
      <>
        {header}
        <Card>
          <Result icon={<StopOutlined />} title={t('quotes.noAccess.title')} subTitle={t('quotes.noAccess.subTitle')} data-testid="quotes-no-access" />
        </Card>
      </>
    );
  }

  const rows = quotes.data?.pages.flatMap((page) => page.data) ?? [];
  const columns = [
    { key: 'number', title: t('quotes.columns.number'), render: (_: unknown, quote: Quote) => <Link to={`/sales/quotes/${quote.id}`}>{quote.number}{(quote.revision ?? 1) > 1 ? ` · ${t('quotes.revision', { revision: quote.revision })}` : ''}</Link> },
    { key: 'account', title: t('quotes.columns.account'), render: (_: unknown, quote: Quote) => quote.accountName ?? '—' },
    { key: 'status', title: t('quotes.columns.status'), render: (_: unknown, quote: Quote) => <QuoteStatusTag status={quote.status} expired={quote.expired} /> },
    { key: 'validUntil', title: t('quotes.columns.validUntil'), render: (_: unknown, quote: Quote) => quote.validUntil ?? '—' },
    ...(showsPrices ? [{ key: 'grandTotal', title: t('quotes.columns.grandTotal'), align: 'right' as const, render: (_: unknown, quote: Quote) => formatMoney(quote.grandTotal, quote.currency, i18n.language) }] : []),
    { key: 'ownerId', title: t('quotes.columns.ownerId'), render: (_: unknown, quote: Quote) => <UserName id={quote.ownerId} /> },
  ];
  return (
    <>
      {header}
      <SalesTabs current="quotes" />
      <Card>
        <Flex vertical gap={16}>
          <Flex justify="space-between" align="center" gap={16} wrap>
            <Flex gap={8} wrap>
              <Input allowClear prefix={<SearchOutlined />} placeholder={t('quotes.search')} aria-label={t('quotes.search')} value={search} onChange={(event) => setSearch(event.target.value)} style={{ maxWidth: 280 }} data-testid="quotes-search" />
              <Select
                allowClear
                placeholder={t('quotes.allStatuses')}
                aria-label={t('quotes.statusFilter')}
                value={status}
                onChange={setStatus}
                style={{ minWidth: 180 }}
                options={QUOTE_STATUSES.map((s) => ({ value: s, label: t(`quotes.status.${s}`) }))}
                data-testid="quotes-status-filter"
              />
            </Flex>
            {total !== undefined && (
              <Typography.Text type="secondary" data-testid="quotes-total">
                {t('quotes.total', { count: total, formatted: total.toLocaleString(i18n.language) })}
              </Typography.Text>
            )}
          </Flex>
          {quotes.isError && <Alert type="error" showIcon title={quotes.error instanceof ApiError ? t('errors.generic') : t('errors.network')} />}
          <Table<Quote> rowKey="id" size="small" columns={columns} dataSource={rows} pagination={false} loading={quotes.isPending} scroll={{ x: true }} data-testid="quotes-table" />
          {quotes.hasNextPage && (
            <Flex justify="center">
              <Button onClick={() => void quotes.fetchNextPage()} loading={quotes.isFetchingNextPage} data-testid="quotes-load-more">
                {t('quotes.loadMore')}
              </Button>
            </Flex>
          )}
        </Flex>
      </Card>
      <CreateQuoteModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
