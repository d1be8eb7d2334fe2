import { Card, Flex, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isReadable, usePermissions } from '@/lib/permissions';
import { formatMoney } from '../api/opportunities';
import { useAccountReceivables } from '../api/orders';
import { AgeingTable } from './ageing-table';

/** Whether the caller may read receivables: orders with their amounts. */
export function useReadsReceivables(): boolean {
  const permissions = usePermissions();
  return permissions.canDo('order', 'read') && ['total', 'paidAmount', 'outstandingAmount'].every((field) => isReadable(permissions.fieldAccess('order', field)));
}

/** The account page's receivables: ageing per currency and the open orders, for who may read order amounts. */
export function AccountReceivablesCard({ accountId }: { accountId: string }) {
  const { t, i18n } = useTranslation();
  const reads = useReadsReceivables();
  const receivables = useAccountReceivables(accountId, { enabled: reads });
  if (!reads) return null;
  const data = receivables.data;
  return (
    <Card title={t('receivables.title')} size="small" extra={data && t('receivables.asOf', { date: data.asOf })} data-testid="account-receivables">
      <Flex vertical gap={12}>
        <AgeingTable testId="account-receivables-ageing" rows={(data?.totals ?? []).map((row) => ({ ...row, key: row.currency }))} />
        {data && data.orders.length > 0 && (
          <Table
            size="small"
            pagination={false}
            rowKey="orderId"
            data-testid="account-receivables-orders"
            dataSource={data.orders}
            columns={[
              { title: t('orders.number'), dataIndex: 'number', key: 'number', render: (number: string, row) => <Link to={`/sales/orders/${row.orderId}`}>{number}</Link> },
              { title: t('orders.dueDate'), dataIndex: 'dueDate', key: 'dueDate' },
              { title: t('receivables.daysOverdue'), dataIndex: 'daysOverdue', key: 'days', align: 'right', render: (days: number) => (days > 0 ? days : '—') },
              { title: t('orders.outstanding'), dataIndex: 'outstandingAmount', key: 'outstanding', align: 'right', render: (value: string, row) => formatMoney(value, row.currency, i18n.language) },
            ]}
          />
        )}
      </Flex>
    </Card>
  );
}
