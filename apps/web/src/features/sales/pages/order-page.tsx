import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Modal, Select, Skeleton, Space, Steps, Table, Tag, Typography } from 'antd';
import { ShareAltOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Can } from '@/components/can';
import { PageHeader } from '@/components/ui/page-header';
import { UserName } from '@/components/user-name';
import { ApiError } from '@/lib/api';
import { usePermissions } from '@/lib/permissions';
import { NEXT_STEP, PAYMENT_METHODS, useChangeOrderStatus, useOrder, useOrderHistory, useOrderPayments, useRecordPayment, type OrderLine, type OrderStatus, type PaymentMethod } from '../api/orders';
import { STATUS_COLOURS } from './orders-page';
import { ActivityTimeline } from '../components/activity-timeline';
import { ShareDialog } from '../components/share-dialog';

const CHAIN: OrderStatus[] = ['ordered', 'paid', 'shipped', 'delivered', 'confirmed'];

/**
 * `/sales/orders/:id`: an order with its lines and totals exactly as the server computed them (no client arithmetic),
 * a status stepper with the next step for who may change it, the status history, and payments ("Record payment" for
 * who may record them).
 */
export function OrderPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const permissions = usePermissions();
  const order = useOrder(id);
  const history = useOrderHistory(id);
  const readsPayments = permissions.canDo('payment', 'read');
  const recordsPayments = permissions.canDo('payment', 'create');
  const payments = useOrderPayments(id, { enabled: readsPayments });
  const changeStatus = useChangeOrderStatus();
  const recordPayment = useRecordPayment();
  const [paying, setPaying] = useState(false);
  const [sharing, setSharing] = useState(false);
  const [form] = Form.useForm<{ amount: string; paidAt: string; method: PaymentMethod; reference?: string }>();

  if (order.isPending) return <Skeleton active />;
  if (order.isError) return <Alert type="error" showIcon title={order.error instanceof ApiError && order.error.status === 404 ? t('errors.notFound', { defaultValue: 'Not found' }) : t('errors.generic')} />;
  const o = order.data;
  const status = o.status ?? 'ordered';
  const next = NEXT_STEP[status];
  const chainIndex = status === 'partly_paid' ? 0 : CHAIN.indexOf(status);
  const stepAt = (to: OrderStatus) => history.data?.filter((h) => h.toStatus === to).at(-1);
  const hasPrices = o.total !== undefined;

  const takeStep = (step: 'shipped' | 'delivered' | 'confirmed' | 'cancelled') =>
    changeStatus.mutate(
      { id, version: o.version, status: step },
      {
        onSuccess: (changed) => void message.success(t('orders.stepDone', { status: t(`orders.statuses.${changed.status ?? step}`) })),
        onError: (error) => {
          if (error instanceof ApiError && error.status === 412) {
            void message.warning(t('orders.stale'));
            void order.refetch();
          } else void message.error(error instanceof ApiError ? error.message : t('errors.network'));
        },
      },
    );

  const submitPayment = async () => {
    const values = await form.validateFields();
    recordPayment.mutate(
      { id, body: { amount: values.amount, paidAt: values.paidAt, method: values.method, ...(values.reference ? { reference: values.reference } : {}) } },
      {
        onSuccess: () => {
          void message.success(t('orders.payments.recorded'));
          setPaying(false);
          form.resetFields();
          void payments.refetch();
          void history.refetch();
        },
        onError: (error) => {
          const amountError = error instanceof ApiError ? error.fieldErrors.amount : undefined;
          if (amountError) form.setFields([{ name: 'amount', errors: [amountError] }]);
          else void message.error(error instanceof ApiError ? error.message : t('errors.network'));
        },
      },
    );
  };

  return (
    <>
      <PageHeader
        title={<Space>{o.number}<Tag color={STATUS_COLOURS[status]} data-testid="order-status">{t(`orders.statuses.${status}`)}</Tag></Space>}
        extra={
          <Space wrap>
            {o.myAccess?.update && next && (
              <Button type="primary" onClick={() => takeStep(next)} loading={changeStatus.isPending} data-testid="order-next-step">
                {t('orders.nextStep', { status: t(`orders.statuses.${next}`) })}
              </Button>
            )}
            {o.myAccess?.update && status === 'ordered' && o.paidAmount === '0.00' && (
              <Button danger onClick={() => takeStep('cancelled')} data-testid="order-cancel">{t('orders.cancel')}</Button>
            )}
            {recordsPayments && (status === 'ordered' || status === 'partly_paid') && (
              <Button onClick={() => setPaying(true)} data-testid="order-record-payment">{t('orders.payments.record')}</Button>
            )}
            <Can record={o.myAccess} action="share">
              <Button icon={<ShareAltOutlined />} onClick={() => setSharing(true)} data-testid="record-share">
                {t('records.actions.share')}
              </Button>
            </Can>
          </Space>
        }
      />
      <Flex vertical gap={16}>
        <Card size="small">
          {status === 'cancelled' ? (
            <Tag color="red">{t('orders.statuses.cancelled')}</Tag>
          ) : (
            <Steps
              size="small"
              current={chainIndex}
              data-testid="order-steps"
              items={CHAIN.map((step) => {
                const change = stepAt(step) ?? (step === 'paid' ? stepAt('partly_paid') : undefined);
                const label = step === 'paid' && status === 'partly_paid' ? t('orders.statuses.partly_paid') : t(`orders.statuses.${step}`);
                return { title: label, description: change ? <span>{new Date(change.changedAt).toLocaleString()}{change.changedBy && <> · <UserName id={change.changedBy} /></>}</span> : undefined };
              })}
            />
          )}
          {(status === 'ordered' || status === 'partly_paid') && <Typography.Text type="secondary">{t('orders.awaitingPayment')}</Typography.Text>}
        </Card>
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, md: 3 }} data-testid="order-summary">
            <Descriptions.Item label={t('orders.account')}>{o.accountId && <Link to={`/sales/accounts/${o.accountId}`}>{t('orders.account')}</Link>}</Descriptions.Item>
            <Descriptions.Item label={t('orders.orderDate')}>{o.orderDate}</Descriptions.Item>
            <Descriptions.Item label={t('orders.dueDate')}>{o.dueDate}</Descriptions.Item>
            {hasPrices && <Descriptions.Item label={t('orders.subtotal')}>{`${o.subtotal} ${o.currency}`}</Descriptions.Item>}
            {hasPrices && <Descriptions.Item label={`${t('orders.tax')} (${o.taxRate}%)`}>{`${o.taxAmount} ${o.currency}`}</Descriptions.Item>}
            {hasPrices && <Descriptions.Item label={t('orders.total')}><span data-testid="order-total">{`${o.total} ${o.currency}`}</span></Descriptions.Item>}
            {o.paidAmount !== undefined && <Descriptions.Item label={t('orders.paid')}>{`${o.paidAmount} ${o.currency}`}</Descriptions.Item>}
            {o.outstandingAmount !== undefined && <Descriptions.Item label={t('orders.outstanding')}><span data-testid="order-outstanding">{`${o.outstandingAmount} ${o.currency}`}</span></Descriptions.Item>}
          </Descriptions>
        </Card>
        <Card size="small" title={t('orders.lines.title')}>
          {!hasPrices && <Alert type="info" showIcon title={t('orders.lines.pricesHidden')} style={{ marginBottom: 12 }} data-testid="order-prices-hidden" />}
          <Table<OrderLine>
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: true }}
            data-testid="order-lines"
            dataSource={o.lines ?? []}
            columns={[
              { title: t('orders.lines.description'), dataIndex: 'description', key: 'description' },
              { title: t('orders.lines.quantity'), dataIndex: 'quantity', key: 'quantity', align: 'right' },
              ...(['listPrice', 'discountPercent', 'netPrice', 'lineTotal'] as const)
                .filter((field) => o.lines?.some((line) => line[field] !== undefined))
                .map((field) => ({ title: t(`orders.lines.${field}`), dataIndex: field, key: field, align: 'right' as const })),
            ]}
          />
        </Card>
        {readsPayments && (
          <Card size="small" title={t('orders.payments.title')}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              data-testid="order-payments"
              loading={payments.isPending}
              dataSource={payments.data ?? []}
              locale={{ emptyText: t('orders.payments.empty') }}
              columns={[
                { title: t('orders.payments.paidAt'), dataIndex: 'paidAt', key: 'paidAt' },
                { title: t('orders.payments.amount'), dataIndex: 'amount', key: 'amount', align: 'right', render: (value: string, row) => `${value} ${row.currency}` },
                { title: t('orders.payments.method'), dataIndex: 'method', key: 'method', render: (value: PaymentMethod) => t(`orders.payments.methods.${value}`) },
                { title: t('orders.payments.reference'), dataIndex: 'reference', key: 'reference' },
              ]}
            />
          </Card>
        )}
        <ActivityTimeline filter={{ relatedId: o.id }} about={{ relatedType: 'order', relatedId: o.id, name: o.number ?? '' }} />
      </Flex>
      <Modal open={paying} title={t('orders.payments.record')} onCancel={() => setPaying(false)} onOk={() => void submitPayment()} confirmLoading={recordPayment.isPending} okButtonProps={{ id: 'payment-submit' }} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ method: 'bank_transfer', paidAt: new Date().toISOString().slice(0, 10) }}>
          <Form.Item name="amount" label={t('orders.payments.amount')} rules={[{ required: true, pattern: /^\d{1,16}(\.\d{1,2})?$/ }]} extra={o.outstandingAmount && `${t('orders.outstanding')}: ${o.outstandingAmount} ${o.currency}`}>
            <Input data-testid="payment-amount" inputMode="decimal" />
          </Form.Item>
          <Form.Item name="paidAt" label={t('orders.payments.paidAt')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}>
            <Input type="date" data-testid="payment-paid-at" />
          </Form.Item>
          <Form.Item name="method" label={t('orders.payments.method')} rules={[{ required: true }]}>
            <Select options={PAYMENT_METHODS.map((value) => ({ value, label: t(`orders.payments.methods.${value}`) }))} />
          </Form.Item>
          <Form.Item name="reference" label={t('orders.payments.reference')}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
      {sharing && <ShareDialog objectType="order" record={{ ...o, name: o.number }} onClose={() => setSharing(false)} />}
    </>
  );
}
