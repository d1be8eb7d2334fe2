import { DeleteOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Popconfirm, Skeleton, Table, Typography, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/page-header';
import { ApiError } from '@/lib/api';
import { applyFieldErrors } from '@/lib/form';
import { usePermissions } from '@/lib/permissions';
import { useDeleteExchangeRate, useExchangeRates, usePutExchangeRate, type ExchangeRate } from '../api/exchange-rates';
import { NoAccess } from '../components/no-access';
import { ProductsTabs } from '../components/products-tabs';

interface Values {
  currency: string;
  validFrom: string;
  rate: string;
}

const FIELDS = ['currency', 'validFrom', 'rate'] as const;
const CURRENCY = /^[A-Z]{3}$/;
const RATE = /^\d{1,12}(\.\d{1,10})?$/;

/**
 * `/products/exchange-rates`: the dated rates into the base currency, newest first, filtered by currency. Every
 * internal role reads them; finance (`update` on `exchange_rate`) sets a rate (the same currency and day again
 * replaces it) and deletes one. The server's field errors land on their fields.
 */
export function ExchangeRatesPage() {
  const { t } = useTranslation();
  const permissions = usePermissions();
  const canRead = permissions.canDo('exchange_rate', 'read');
  const canWrite = permissions.canDo('exchange_rate', 'update');
  const [currency, setCurrency] = useState<string | undefined>(undefined);
  const rates = useExchangeRates(currency ? { currency } : {}, { enabled: permissions.isSuccess && canRead });
  const put = usePutExchangeRate();
  const remove = useDeleteExchangeRate();
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const header = <PageHeader title={t('exchangeRates.title')} />;

  if (permissions.isPending) return <>{header}<Skeleton active /></>;
  if (!canRead) return <>{header}<NoAccess what="exchangeRates" testId="exchange-rates-no-access" /></>;

  const rows = rates.data?.pages.flatMap((page) => page.data) ?? [];
  const base = rates.data?.pages[0]?.baseCurrency;

  async function submit(values: Values) {
    setFailure(undefined);
    try {
      await put.mutateAsync(values);
      form.resetFields(['rate']);
    } catch (error) {
      const unmatched = applyFieldErrors(form, error, FIELDS);
      if (unmatched.length || !(error instanceof ApiError && Object.keys(error.fieldErrors).length)) {
        setFailure(unmatched.join(' ') || (error instanceof ApiError ? (error.detail ?? t('errors.generic')) : t('errors.network')));
      }
    }
  }

  const columns: TableProps<ExchangeRate>['columns'] = [
    { key: 'currency', dataIndex: 'currency', title: t('exchangeRates.columns.currency') },
    { key: 'validFrom', dataIndex: 'validFrom', title: t('exchangeRates.columns.validFrom') },
    { key: 'rate', title: t('exchangeRates.columns.rate'), align: 'right', render: (_, r) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{t('exchangeRates.rateText', { rate: r.rate, currency: r.currency, base: r.baseCurrency })}</span> },
    ...(canWrite
      ? [{
        key: 'actions',
        title: '',
        render: (_: unknown, r: ExchangeRate) => (
          <Popconfirm title={t('exchangeRates.confirmDelete', { currency: r.currency, date: r.validFrom })} onConfirm={() => remove.mutate({ currency: r.currency, validFrom: r.validFrom })}>
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('exchangeRates.delete')} data-testid={`exchange-rate-delete-${r.currency}-${r.validFrom}`} />
          </Popconfirm>
        ),
      }]
      : []),
  ];

  return (
    <>
      {header}
      <ProductsTabs current="exchangeRates" />
      <Flex vertical gap={16}>
        {base && <Typography.Text type="secondary" data-testid="exchange-rates-base">{t('exchangeRates.base', { base })}</Typography.Text>}
        {canWrite && (
          <Card size="small" title={t('exchangeRates.form.title')}>
            {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} data-testid="exchange-rate-form-error" />}
            <Form<Values> form={form} layout="inline" onFinish={(values) => void submit(values)} data-testid="exchange-rate-form">
              <Form.Item name="currency" label={t('exchangeRates.columns.currency')} normalize={(value: string) => value.toUpperCase()} rules={[{ required: true, pattern: CURRENCY, message: t('products.form.currency') }]}>
                <Input maxLength={3} placeholder="USD" style={{ width: 90 }} data-testid="exchange-rate-form-currency" />
              </Form.Item>
              <Form.Item name="validFrom" label={t('exchangeRates.columns.validFrom')} rules={[{ required: true }]}>
                <Input type="date" data-testid="exchange-rate-form-valid-from" />
              </Form.Item>
              <Form.Item name="rate" label={t('exchangeRates.columns.rate')} rules={[{ required: true, pattern: RATE, message: t('exchangeRates.form.rateHint') }]}>
                <Input inputMode="decimal" placeholder="7.1234" style={{ width: 140 }} data-testid="exchange-rate-form-rate" />
              </Form.Item>
              <Form.Item>
                <Button type="primary" htmlType="submit" loading={put.isPending} data-testid="exchange-rate-form-save">{t('exchangeRates.form.save')}</Button>
              </Form.Item>
            </Form>
          </Card>
        )}
        <Card>
          <Flex vertical gap={12}>
            <Input.Search
              allowClear
              placeholder={t('exchangeRates.filter')}
              style={{ maxWidth: 240 }}
              onSearch={(value) => setCurrency(CURRENCY.test(value.trim().toUpperCase()) ? value.trim().toUpperCase() : undefined)}
              data-testid="exchange-rates-filter"
            />
            {rates.isError && <Alert type="error" showIcon title={t('errors.generic')} />}
            <Table<ExchangeRate>
              rowKey={(r) => `${r.currency}/${r.validFrom}`}
              size="small"
              columns={columns}
              dataSource={rows}
              loading={rates.isPending}
              pagination={false}
              locale={{ emptyText: t('exchangeRates.empty') }}
              data-testid="exchange-rates-table"
            />
            {rates.hasNextPage && (
              <Flex justify="center">
                <Button onClick={() => void rates.fetchNextPage()} loading={rates.isFetchingNextPage} data-testid="exchange-rates-load-more">{t('products.loadMore')}</Button>
              </Flex>
            )}
          </Flex>
        </Card>
      </Flex>
    </>
  );
}
