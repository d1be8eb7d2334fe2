import { StopOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Result, Select, Skeleton, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '@/components/ui/page-header';
import { isReadable, usePermissions } from '@/lib/permissions';
import { ORDER_STATUSES, useOrders, type Order, type OrderStatus } from '../api/orders';
import { SalesTabs } from '../components/sales-tabs';

const PAGE_SIZE = 50;

export const STATUS_COLOURS: Record<OrderStatus, string> = {
  ordered: 'default', partly_paid: 'gold', paid: 'blue', shipped: 'cyan', delivered: 'geekblue', confirmed: 'green', cancelled: 'red',
};

/** `/sales/orders`: the orders the caller may see, newest first, filtered by status, paged by keyset; amounts only where readable. */
export function OrdersPage() {
  const { t } = useTranslation();
  const permissions = usePermissions();
  const [status, setStatus] = useState<OrderStatus | undefined>(undefined);
  const canRead = permissions.canDo('order', 'read');
  const orders = useOrders({ limit: PAGE_SIZE, sort: '-number', ...(status ? { status } : {}) }, { enabled: permissions.isSuccess && canRead });
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
          <Select
            allowClear
            placeholder={t('orders.allStatuses')}
            aria-label={t('orders.status')}
            value={status}
            onChange={setStatus}
            style={{ maxWidth: 200 }}
            options={ORDER_STATUSES.map((value) => ({ value, label: t(`orders.statuses.${value}`) }))}
            data-testid="orders-status-filter"
          />
          <Table<Order>
            data-testid="orders-table"
            rowKey="id"
            size="small"
            pagination={false}
            loading={orders.isPending}
            dataSource={rows}
            scroll={{ x: true }}
            locale={{ emptyText: t('orders.empty') }}
            columns={[
              { title: t('orders.number'), dataIndex: 'number', key: 'number', render: (number: string, row) => <Link to={`/sales/orders/${row.id}`}>{number}</Link> },
              { title: t('orders.status'), dataIndex: 'status', key: 'status', render: (value: OrderStatus) => <Tag color={STATUS_COLOURS[value]}>{t(`orders.statuses.${value}`)}</Tag> },
              { title: t('orders.orderDate'), dataIndex: 'orderDate', key: 'orderDate' },
              { title: t('orders.dueDate'), dataIndex: 'dueDate', key: 'dueDate' },
              ...(readable('total') ? [{ title: t('orders.total'), dataIndex: 'total', key: 'total', align: 'right' as const, render: (value: string, row: Order) => `${value} ${row.currency ?? ''}` }] : []),
              ...(readable('outstandingAmount') ? [{ title: t('orders.outstanding'), dataIndex: 'outstandingAmount', key: 'outstanding', align: 'right' as const }] : []),
            ]}
          />
          {orders.hasNextPage && (
            <Flex justify="center">
              <Button onClick={() => void orders.fetchNextPage()} loading={orders.isFetchingNextPage} data-testid="orders-load-more">{t('orders.loadMore')}</Button>
            </Flex>
          )}
        </Flex>
      </Card>
    </>
  );
}
