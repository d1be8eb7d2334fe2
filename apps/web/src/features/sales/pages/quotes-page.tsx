import { PlusOutlined, SafetyCertificateOutlined, SearchOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Result, Select, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { UserName } from '@/components/user-name';
import { isReadable, usePermissions } from '@/lib/permissions';
import { useDebouncedValue } from '@/lib/use-debounced-value';
import { formatMoney } from '../api/opportunities';
import { QUOTE_STATUSES, useQuotes, type Quote, type QuoteStatus } from '../api/quotes';
import { ListError } from '../components/record-list/list-error';
import { ListToolbar } from '../components/record-list/list-toolbar';
import { RecordList } from '../components/record-list/record-list';
import { SavedViewsMenu } from '../components/record-list/saved-views-menu';
import { useListView } from '../components/record-list/use-list-view';
import { CreateQuoteModal } from '../components/create-quote-modal';
import { QuoteStatusTag } from '../components/quote-status-tag';
import { SalesTabs } from '../components/sales-tabs';
import { onSortChange, sortColumn } from '../components/record-list/table-sort';

const PAGE_SIZE = 50;
/** On a phone: which quote, its state and its total. */
const ESSENTIAL = ['number', 'status', 'prices'];
/** Column → the API's sort key (the total column is the quote's `prices`, sorted by its grand total). */
const SORT_KEYS: Readonly<Record<string, string>> = { number: 'number', status: 'status', validUntil: 'validUntil', prices: 'grandTotal' };

/** `/sales/quotes`: the quotes the caller may see, newest first, filtered by status; totals as the server computed them. */
export function QuotesPage() {
  const { t, i18n } = useTranslation();
  const permissions = usePermissions();
  const navigate = useNavigate();
  const view = useListView<string>('quote');
  const { search, sort } = view;
  const status = view.filters.status as QuoteStatus | undefined;
  const [creating, setCreating] = useState(false);
  const q = useDebouncedValue(search.trim(), 300);
  const canRead = permissions.canDo('quote', 'read');
  const canCreate = permissions.canDo('quote', 'create') && permissions.canDo('account', 'read');
  const showsPrices = isReadable(permissions.fieldAccess('quote', 'prices'));
  // Saved filters go to the API as they are: one the caller may no longer use is the API's 400 to explain.
  const params = { limit: PAGE_SIZE, ...view.filters, ...(sort ? { sort } : {}), ...(q ? { q } : {}) } as Parameters<typeof useQuotes>[0];
  const quotes = useQuotes(params, { enabled: permissions.isSuccess && canRead });
  const total = quotes.data?.pages[0]?.total;
  const readsRules = permissions.canDo('approval_rule', 'read');
  const actions = (
    <Flex wrap gap={8} justify="flex-end">
      {readsRules && (
        <Button icon={<SafetyCertificateOutlined />} onClick={() => void navigate('/sales/quotes/approval-rules')} data-testid="quotes-approval-rules">
          {t('quotes.rules.link')}
        </Button>
      )}
      {canRead && canCreate && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="quotes-new">{t('quotes.new')}</Button>}
    </Flex>
  );
  const header = <PageHeader title={t('quotes.title')} extra={actions} />;

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
  // A column sorts only when its field is read in clear (the API refuses the rest); newest first by default.
  const sorting = (key: string, field: string = key) => (isReadable(permissions.fieldAccess('quote', field)) ? sortColumn(sort, key, SORT_KEYS[key], key === 'number' ? 'descend' : undefined) : {});
  const columns = [
    { key: 'number', title: t('quotes.columns.number'), ...sorting('number'), render: (_: unknown, quote: Quote) => <Link to={`/sales/quotes/${quote.id}`}>{quote.number}{(quote.revision ?? 1) > 1 ? ` · ${t('quotes.revision', { revision: quote.revision })}` : ''}</Link> },
    { key: 'accountId', title: t('quotes.columns.account'), render: (_: unknown, quote: Quote) => quote.accountName ?? '—' },
    { key: 'status', title: t('quotes.columns.status'), ...sorting('status'), render: (_: unknown, quote: Quote) => <QuoteStatusTag status={quote.status} expired={quote.expired} /> },
    { key: 'validUntil', title: t('quotes.columns.validUntil'), ...sorting('validUntil'), render: (_: unknown, quote: Quote) => quote.validUntil ?? '—' },
    ...(showsPrices ? [{ key: 'prices', title: t('quotes.columns.grandTotal'), align: 'right' as const, ...sorting('prices'), render: (_: unknown, quote: Quote) => formatMoney(quote.grandTotal, quote.currency, i18n.language) }] : []),
    { key: 'ownerId', title: t('quotes.columns.ownerId'), render: (_: unknown, quote: Quote) => <UserName id={quote.ownerId} /> },
  ];
  return (
    <>
      {header}
      <SalesTabs current="quotes" />
      <Card>
        <Flex vertical gap={16}>
          <ListToolbar
            filters={
              <>
                <Input allowClear prefix={<SearchOutlined />} placeholder={t('quotes.search')} aria-label={t('quotes.search')} value={search} onChange={(event) => view.setSearch(event.target.value)} style={{ maxWidth: 280 }} data-testid="quotes-search" />
                <Select
                  allowClear
                  placeholder={t('quotes.allStatuses')}
                  aria-label={t('quotes.statusFilter')}
                  value={status}
                  onChange={(value?: QuoteStatus) => view.setFilter('status', value)}
                  style={{ minWidth: 180 }}
                  options={QUOTE_STATUSES.map((s) => ({ value: s, label: t(`quotes.status.${s}`) }))}
                  data-testid="quotes-status-filter"
                />
              </>
            }
            activeFilters={Object.keys(view.filters).length + (q ? 1 : 0)}
            views={<SavedViewsMenu view={view} q={q} />}
            summary={
              total !== undefined && (
                <Typography.Text type="secondary" data-testid="quotes-total">
                  {t('quotes.total', { count: total, formatted: total.toLocaleString(i18n.language) })}
                </Typography.Text>
              )
            }
          />
          <ListError error={quotes.error} onClearFilters={view.clearFilters} />
          <RecordList<Quote>
            testId="quotes-table"
            columns={columns}
            rows={rows}
            loading={quotes.isPending}
            emptyText={t('lists.empty')}
            essentialColumns={ESSENTIAL}
            visibleColumns={view.columns}
            onVisibleColumnsChange={view.setColumns}
            hasMore={quotes.hasNextPage}
            loadingMore={quotes.isFetchingNextPage}
            onLoadMore={() => void quotes.fetchNextPage()}
            loadMoreTestId="quotes-load-more"
            loadMoreLabel={t('quotes.loadMore')}
            onChange={onSortChange<Quote>(SORT_KEYS, view.setSort)}
          />
        </Flex>
      </Card>
      <CreateQuoteModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
