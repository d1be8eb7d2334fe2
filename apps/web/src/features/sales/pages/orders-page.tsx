import { StopOutlined } from '@ant-design/icons';
import { Card, Flex, Result, Select, Skeleton, Tag } from 'antd';
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

const PAGE_SIZE = 50;
/** On a phone: which order, where it stands, what is still owed. */
const ESSENTIAL = ['number', 'status', 'outstandingAmount'];

export const STATUS_COLOURS: Record<OrderStatus, string> = {
  ordered: 'default', partly_paid: 'gold', paid: 'blue', shipped: 'cyan', delivered: 'geekblue', confirmed: 'green', cancelled: 'red',
};

/** `/sales/orders`: the orders the caller may see, newest first, filtered by status, paged by keyset; amounts only where readable. */
export function OrdersPage() {
  const { t } = useTranslation();
  const permissions = usePermissions();
  const view = useListView<string>('order');
  const status = view.filters.status as OrderStatus | undefined;
  const canRead = permissions.canDo('order', 'read');
  // Newest first unless a saved view says otherwise; saved filters go to the API as they are (its 400 is explained).
  const orders = useOrders({ limit: PAGE_SIZE, sort: '-number', ...view.filters, ...(view.sort ? { sort: view.sort } : {}) } as Parameters<typeof useOrders>[0], { enabled: permissions.isSuccess && canRead });
  const readable = (field: string) => isReadable(permissions.fieldAccess('order', field));

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
            }
            activeFilters={Object.keys(view.filters).length}
            views={<SavedViewsMenu view={view} q="" />}
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
            columns={[
              { title: t('orders.number'), dataIndex: 'number', key: 'number', render: (number: string, row) => <Link to={`/sales/orders/${row.id}`}>{number}</Link> },
              { title: t('orders.status'), dataIndex: 'status', key: 'status', render: (value: OrderStatus) => <Tag color={STATUS_COLOURS[value]}>{t(`orders.statuses.${value}`)}</Tag> },
              { title: t('orders.orderDate'), dataIndex: 'orderDate', key: 'orderDate' },
              { title: t('orders.dueDate'), dataIndex: 'dueDate', key: 'dueDate' },
              ...(readable('total') ? [{ title: t('orders.total'), dataIndex: 'total', key: 'total', align: 'right' as const, render: (value: string, row: Order) => `${value} ${row.currency ?? ''}` }] : []),
              ...(readable('outstandingAmount') ? [{ title: t('orders.outstanding'), dataIndex: 'outstandingAmount', key: 'outstandingAmount', align: 'right' as const }] : []),
            ]}
          />
        </Flex>
      </Card>
    </>
  );
}
