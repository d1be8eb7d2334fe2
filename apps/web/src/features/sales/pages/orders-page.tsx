import { SearchOutlined, StopOutlined } from '@ant-design/icons';
import { Card, Flex, Input, Result, Select, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { isReadable, usePermissions } from '@/lib/permissions';
import { ORDER_STATUSES, useOrders, type Order, type OrderStatus } from '../api/orders';
import { ListError } from '../components/record-list/list-error';
import { ListToolbar } from '../components/record-list/list-toolbar';
import { RecordList } from '../components/record-list/record-list';
import { SavedViewsMenu } from '../components/record-list/saved-views-menu';
import { useListView } from '../components/record-list/use-list-view';
import { SalesTabs } from '../components/sales-tabs';
import { onSortChange, sortColumn } from '../components/record-list/table-sort';
import { useDebouncedValue } from '@/lib/use-debounced-value';

const PAGE_SIZE = 50;
/** The filters a link may carry (the analytics dashboard's drill-down: a customer, rep, team, product or period). */
const URL_FILTERS = ['status', 'accountId', 'ownerId', 'teamId', 'productId', 'orderDateFrom', 'orderDateTo'];
/** On a phone: which order, where it stands, what is still owed. */
const ESSENTIAL = ['number', 'status', 'outstandingAmount'];
/** The columns the API sorts by (each its own sort key). */
const SORT_KEYS: Readonly<Record<string, string>> = { number: 'number', status: 'status', orderDate: 'orderDate', dueDate: 'dueDate', total: 'total' };

export const STATUS_COLOURS: Record<OrderStatus, string> = {
  ordered: 'default', partly_paid: 'gold', paid: 'blue', shipped: 'cyan', delivered: 'geekblue', confirmed: 'green', cancelled: 'red',
};

/** `/sales/orders`: the orders the caller may see, newest first, filtered by status, paged by keyset; amounts only where readable. */
export function OrdersPage() {
  const { t, i18n } = useTranslation();
  const permissions = usePermissions();
  const view = useListView<string>('order', { urlFilters: URL_FILTERS });
  const { search, sort } = view;
  const q = useDebouncedValue(search.trim(), 300);
  const status = view.filters.status as OrderStatus | undefined;
  const canRead = permissions.canDo('order', 'read');
  // Newest first unless the user or a saved view says otherwise; saved filters go to the API as they are (its 400 is explained).
  const orders = useOrders({ limit: PAGE_SIZE, sort: '-number', ...view.filters, ...(sort ? { sort } : {}), ...(q ? { q } : {}) } as Parameters<typeof useOrders>[0], { enabled: permissions.isSuccess && canRead });
  const total = orders.data?.pages[0]?.total;
  const readable = (field: string) => isReadable(permissions.fieldAccess('order', field));
  // A column sorts only when its field is read in clear (the API refuses the rest, e.g. the quality inspector's total).
  const sorting = (key: string) => (readable(key) ? sortColumn(sort, key, SORT_KEYS[key], key === 'number' ? 'descend' : undefined) : {});

  if (permissions.isPending) return <><PageHeader title={t('orders.title')} /><Skeleton active /></>;
  if (!canRead) {
    return (
      <>
        <PageHeader title={t('orders.title')} />
        <Card><Result icon={<StopOutlined />} title={t('orders.title')} subTitle={t('can.notAllowed')} data-testid="orders-no-access" /></Card>
      </>
    );
  }
  const rows = orders.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <>
      <PageHeader title={t('orders.title')} />
      <SalesTabs current="orders" />
      <Card>
        <Flex vertical gap={16}>
          <ListToolbar
            filters={
              <>
              <Input allowClear prefix={<SearchOutlined />} placeholder={t('orders.search')} aria-label={t('orders.search')} value={search} onChange={(event) => view.setSearch(event.target.value)} style={{ maxWidth: 240 }} data-testid="orders-search" />
              <Select
                allowClear
                placeholder={t('orders.allStatuses')}
                aria-label={t('orders.status')}
                value={status}
                onChange={(value?: OrderStatus) => view.setFilter('status', value)}
                style={{ minWidth: 200 }}
                options={ORDER_STATUSES.map((value) => ({ value, label: t(`orders.statuses.${value}`) }))}
                data-testid="orders-status-filter"
              />
              </>
            }
            activeFilters={Object.keys(view.filters).length + (q ? 1 : 0)}
            views={<SavedViewsMenu view={view} q={q} />}
            summary={
              total !== undefined && (
                <Typography.Text type="secondary" data-testid="orders-total">
                  {t('orders.count', { count: total, formatted: total.toLocaleString(i18n.language) })}
                </Typography.Text>
              )
            }
          />
          <ListError error={orders.error} onClearFilters={view.clearFilters} />
          <RecordList<Order>
            testId="orders-table"
            rows={rows}
            loading={orders.isPending}
            emptyText={t('orders.empty')}
            essentialColumns={ESSENTIAL}
            visibleColumns={view.columns}
            onVisibleColumnsChange={view.setColumns}
            hasMore={orders.hasNextPage}
            loadingMore={orders.isFetchingNextPage}
            onLoadMore={() => void orders.fetchNextPage()}
            loadMoreTestId="orders-load-more"
            loadMoreLabel={t('orders.loadMore')}
            onChange={onSortChange<Order>(SORT_KEYS, view.setSort)}
            columns={[
              { title: t('orders.number'), dataIndex: 'number', key: 'number', ...sorting('number'), render: (number: string, row) => <Link to={`/sales/orders/${row.id}`}>{number}</Link> },
              { title: t('orders.status'), dataIndex: 'status', key: 'status', ...sorting('status'), render: (value: OrderStatus) => <Tag color={STATUS_COLOURS[value]}>{t(`orders.statuses.${value}`)}</Tag> },
              { title: t('orders.orderDate'), dataIndex: 'orderDate', key: 'orderDate', ...sorting('orderDate') },
              { title: t('orders.dueDate'), dataIndex: 'dueDate', key: 'dueDate', ...sorting('dueDate') },
              ...(readable('total') ? [{ title: t('orders.total'), dataIndex: 'total', key: 'total', align: 'right' as const, ...sorting('total'), render: (value: string, row: Order) => `${value} ${row.currency ?? ''}` }] : []),
              ...(readable('outstandingAmount') ? [{ title: t('orders.outstanding'), dataIndex: 'outstandingAmount', key: 'outstandingAmount', align: 'right' as const }] : []),
            ]}
          />
        </Flex>
      </Card>
    </>
  );
}
