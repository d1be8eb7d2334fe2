import { useQuery } from '@tanstack/react-query';
import type { Schema } from '@lianxi/api-client';
import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { unwrap } from '@/lib/api';
import { useApi } from '@/lib/api-context';
import { isReadable, usePermissions } from '@/lib/permissions';

type MissingRates = Schema<'MissingRatesDto'>;

/**
 * Under the exchange rates' key (`['exchange-rates']`, features/products/api/exchange-rates.ts): setting or deleting a
 * rate invalidates it with the lists.
 */
export const MISSING_RATES_KEY = ['exchange-rates', 'missing'] as const;

/** What `GET /exchange-rates/missing` reads of an order: without them in clear it answers 403, so it is not asked. */
const ORDER_FIELDS = ['currency', 'orderDate', 'accountId', 'status'];

/**
 * A warning where base-currency money is read (customer analytics) or rates are kept (Products → Exchange rates): per
 * currency, how many of the caller's orders have no exchange rate on their day, between which days — the customer
 * metrics count them with revenue 0. Nothing is shown (or asked) for who may not read exchange rates or those order
 * fields, nor when every order has its rate.
 */
export function MissingRatesAlert({ testId = 'missing-rates' }: { testId?: string }) {
  const { t } = useTranslation();
  const permissions = usePermissions();
  const allowed = permissions.isSuccess && permissions.canDo('exchange_rate', 'read') && permissions.canDo('order', 'read')
    && ORDER_FIELDS.every((field) => isReadable(permissions.fieldAccess('order', field)));
  const api = useApi();
  const missing = useQuery({
    queryKey: MISSING_RATES_KEY,
    queryFn: ({ signal }): Promise<MissingRates> => unwrap(api.client.GET('/api/v1/exchange-rates/missing', { signal })),
    enabled: allowed,
  });
  if (!allowed || !missing.data?.currencies.length) return null;
  const { currencies, baseCurrency } = missing.data;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid={testId}
      title={t('exchangeRates.missing.title', { base: baseCurrency })}
      description={(
        <>
          {currencies.map((c) => (
            <Typography.Paragraph key={c.currency} style={{ marginBottom: 4 }} data-testid={`${testId}-${c.currency}`}>
              {c.firstOrderDay === c.lastOrderDay
                ? t('exchangeRates.missing.oneDay', { count: c.orders, currency: c.currency, day: c.firstOrderDay, customers: c.customers })
                : t('exchangeRates.missing.between', { count: c.orders, currency: c.currency, from: c.firstOrderDay, to: c.lastOrderDay, customers: c.customers })}
              <Typography.Text type="secondary" style={{ marginInlineStart: 4 }}>
                {c.firstRateFrom
                  ? t('exchangeRates.missing.firstRate', { currency: c.currency, day: c.firstRateFrom, from: c.firstOrderDay })
                  : t('exchangeRates.missing.noRate', { currency: c.currency, from: c.firstOrderDay })}
              </Typography.Text>
            </Typography.Paragraph>
          ))}
        </>
      )}
    />
  );
}
