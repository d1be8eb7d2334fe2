import { Alert, Button, Card, Empty, Flex, Table, Tag, type TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '@/lib/api';
import { isReadable, usePermissions } from '@/lib/permissions';
import { useAccountOrders, useAccountPayments, useAccountQuotes, type AccountPayment } from '../api/account-360';
import { formatMoney } from '../api/opportunities';
import type { Order, OrderStatus } from '../api/orders';
import type { Quote } from '../api/quotes';
import { QuoteStatusTag } from '../components/quote-status-tag';
import { STATUS_COLOURS } from './orders-page';

const PAGE_SIZE = 20;

interface PagedCardProps {
  id: string;
  title: string;
  testId: string;
  query: { isError: boolean; error: unknown; hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };
  children: ReactNode;
}

/** A related list's card: its anchor id, the error if the list failed, and "load more" for the next keyset page. */
function PagedCard({ id, title, testId, query, children }: PagedCardProps) {
  const { t } = useTranslation();
  return (
    <Card id={id} title={title} size="small" data-testid={testId}>
      <Flex vertical gap={12}>
        {query.isError && <Alert type="error" showIcon title={query.error instanceof ApiError ? t('errors.generic') : t('errors.network')} />}
        {children}
        {query.hasNextPage && (
          <Flex justify="center">
            <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
              {t('accounts.loadMore')}
            </Button>
          </Flex>
        )}
      </Flex>
    </Card>
  );
}

/** The account's quotes with status and total (the total only for who may read quote prices). */
export function AccountQuotesCard({ accountId, id }: { accountId: string; id: string }) {
  const { t, i18n } = useTranslation();
  const permissions = usePermissions();
  const quotes = useAccountQuotes(accountId, PAGE_SIZE);
  const showsPrices = isReadable(permissions.fieldAccess('quote', 'prices'));
  const columns: TableColumnsType<Quote> = [
    { key: 'number', title: t('quotes.columns.number'), render: (_, quote) => <Link to={`/sales/quotes/${quote.id}`}>{quote.number}{(quote.revision ?? 1) > 1 ? ` · ${t('quotes.revision', { revision: quote.revision })}` : ''}</Link> },
    { key: 'status', title: t('quotes.columns.status'), render: (_, quote) => <QuoteStatusTag status={quote.status} expired={quote.expired} /> },
    { key: 'validUntil', title: t('quotes.columns.validUntil'), responsive: ['md'], render: (_, quote) => quote.validUntil ?? '—' },
    ...(showsPrices ? [{ key: 'grandTotal', title: t('quotes.columns.grandTotal'), align: 'right' as const, render: (_: unknown, quote: Quote) => formatMoney(quote.grandTotal, quote.currency, i18n.language) }] : []),
  ];
  return (
    <PagedCard id={id} title={t('quotes.title')} testId="account-quotes" query={quotes}>
      <Table<Quote> rowKey="id" size="small" pagination={false} scroll={{ x: true }} loading={quotes.isPending} columns={columns} dataSource={quotes.data?.pages.flatMap((page) => page.data) ?? []} locale={{ emptyText: t('accounts.view360.noQuotes') }} />
    </PagedCard>
  );
}

/** The account's orders with status and amounts — amounts only where readable (the quality inspector sees none). */
export function AccountOrdersCard({ accountId, id }: { accountId: string; id: string }) {
  const { t, i18n } = useTranslation();
  const permissions = usePermissions();
  const orders = useAccountOrders(accountId, PAGE_SIZE);
  const readable = (field: string) => isReadable(permissions.fieldAccess('order', field));
  const columns: TableColumnsType<Order> = [
    { key: 'number', title: t('orders.number'), render: (_, order) => <Link to={`/sales/orders/${order.id}`}>{order.number}</Link> },
    { key: 'status', title: t('orders.status'), render: (_, order) => (order.status ? <Tag color={STATUS_COLOURS[order.status as OrderStatus]}>{t(`orders.statuses.${order.status}`)}</Tag> : '—') },
    { key: 'orderDate', title: t('orders.orderDate'), responsive: ['md'], render: (_, order) => order.orderDate ?? '—' },
    ...(readable('total') ? [{ key: 'total', title: t('orders.total'), align: 'right' as const, render: (_: unknown, order: Order) => formatMoney(order.total, order.currency, i18n.language) }] : []),
    ...(readable('outstandingAmount') ? [{ key: 'outstanding', title: t('orders.outstanding'), align: 'right' as const, responsive: ['sm' as const], render: (_: unknown, order: Order) => formatMoney(order.outstandingAmount, order.currency, i18n.language) }] : []),
  ];
  return (
    <PagedCard id={id} title={t('orders.title')} testId="account-orders" query={orders}>
      <Table<Order> rowKey="id" size="small" pagination={false} scroll={{ x: true }} loading={orders.isPending} columns={columns} dataSource={orders.data?.pages.flatMap((page) => page.data) ?? []} locale={{ emptyText: t('orders.empty') }} />
    </PagedCard>
  );
}

/** Payments of the account's orders the caller can see, newest first. */
export function AccountPaymentsCard({ accountId, id }: { accountId: string; id: string }) {
  const { t, i18n } = useTranslation();
  const payments = useAccountPayments(accountId, PAGE_SIZE);
  const columns: TableColumnsType<AccountPayment> = [
    { key: 'paidAt', title: t('orders.payments.paidAt'), dataIndex: 'paidAt' },
    { key: 'order', title: t('orders.number'), render: (_, payment) => <Link to={`/sales/orders/${payment.orderId}`}>{payment.orderNumber ?? t('accounts.view360.order')}</Link> },
    { key: 'amount', title: t('orders.payments.amount'), align: 'right', render: (_, payment) => formatMoney(payment.amount, payment.currency, i18n.language) },
    { key: 'method', title: t('orders.payments.method'), responsive: ['md'], render: (_, payment) => t(`orders.payments.methods.${payment.method}`) },
    { key: 'reference', title: t('orders.payments.reference'), responsive: ['lg'], render: (_, payment) => payment.reference ?? '—' },
  ];
  return (
    <PagedCard id={id} title={t('orders.payments.title')} testId="account-payments" query={payments}>
      <Table<AccountPayment> rowKey="id" size="small" pagination={false} scroll={{ x: true }} loading={payments.isPending} columns={columns} dataSource={payments.data?.pages.flatMap((page) => page.data) ?? []} locale={{ emptyText: t('orders.payments.empty') }} />
    </PagedCard>
  );
}

/** A card the service or marketing module fills later: in place now, so the page's layout is final. */
export function ComingCard({ id, title, text, testId }: { id: string; title: string; text: string; testId: string }) {
  return (
    <Card id={id} title={title} size="small" data-testid={testId}>
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />
    </Card>
  );
}
