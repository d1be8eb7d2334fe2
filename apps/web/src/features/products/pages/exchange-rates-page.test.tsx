import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, problem } from '@/testing/fake-api';
import { renderApp } from '@/testing/render-app';
import { NONE, productsServer, READ_ALL, requestsTo } from '../testing/products-server';

configure({ asyncUtilTimeout: 5000 });

const rate = (currency: string, validFrom: string, value: string) => ({ currency, validFrom, rate: value, baseCurrency: 'CNY', updatedAt: '2026-11-01T00:00:00.000Z', updatedBy: null });
const FINANCE = { read: 'all', create: 'none', update: 'all', delete: 'none', reassign: 'none' };

describe('ExchangeRatesPage', { timeout: 20_000 }, () => {
  it('lists the rates newest first with the base currency, a page at a time, filtered by currency; a reader gets no form', async () => {
    const { fetch, requests } = productsServer({
      language: 'zh-CN',
      exchangeRateLevels: READ_ALL,
      routes: {
        'GET /api/v1/exchange-rates': (request) => {
          const url = new URL(request.url);
          if (url.searchParams.get('cursor')) return json({ data: [rate('USD', '2026-10-01', '7.0800')], nextCursor: null, baseCurrency: 'CNY' });
          return json({ data: [rate('USD', '2026-11-01', '7.1234')], nextCursor: 'next', baseCurrency: 'CNY' });
        },
      },
    });
    await renderApp('/products/exchange-rates', { fetch, language: 'zh-CN' });
    const table = await screen.findByTestId('exchange-rates-table');
    expect(await within(table).findByText('1 USD = 7.1234 CNY')).toBeTruthy();
    expect(screen.getByTestId('exchange-rates-base').textContent).toContain('CNY');
    expect(screen.queryByTestId('exchange-rate-form')).toBeNull();
    expect(screen.getByTestId('products-tab-exchangeRates')).toBeTruthy();
    fireEvent.click(screen.getByTestId('exchange-rates-load-more'));
    expect(await within(table).findByText('1 USD = 7.0800 CNY')).toBeTruthy();
    const filter = screen.getByPlaceholderText('币种，例如 USD');
    fireEvent.change(filter, { target: { value: 'usd' } });
    fireEvent.keyDown(filter, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/v1/exchange-rates').some((r) => new URL(r.url).searchParams.get('currency') === 'USD')).toBe(true));
  });

  it('finance sets a rate (path and decimal string as typed, currency upper-cased); a server field error lands on its field', async () => {
    let puts = 0;
    const { fetch, requests } = productsServer({
      exchangeRateLevels: FINANCE,
      routes: {
        'GET /api/v1/exchange-rates': () => json({ data: [], nextCursor: null, baseCurrency: 'CNY' }),
        'PUT /api/v1/exchange-rates/EUR/2026-12-01': () => (++puts === 1 ? json(rate('EUR', '2026-12-01', '7.85')) : problem(400, 'validation_failed', { errors: [{ field: 'currency', message: 'is the base currency (CNY), whose rate is always 1' }] })),
      },
    });
    await renderApp('/products/exchange-rates', { fetch, language: 'en' });
    fireEvent.change(await screen.findByTestId('exchange-rate-form-currency'), { target: { value: 'eur' } });
    fireEvent.change(screen.getByTestId('exchange-rate-form-valid-from'), { target: { value: '2026-12-01' } });
    fireEvent.change(screen.getByTestId('exchange-rate-form-rate'), { target: { value: '7.85' } });
    fireEvent.click(screen.getByTestId('exchange-rate-form-save'));
    await waitFor(() => expect(requestsTo(requests, 'PUT', '/api/v1/exchange-rates/EUR/2026-12-01')).toHaveLength(1));
    expect(await requestsTo(requests, 'PUT', '/api/v1/exchange-rates/EUR/2026-12-01')[0].json()).toEqual({ rate: '7.85' });
    fireEvent.change(screen.getByTestId('exchange-rate-form-rate'), { target: { value: '7.9' } });
    fireEvent.click(screen.getByTestId('exchange-rate-form-save'));
    expect(await screen.findByText('is the base currency (CNY), whose rate is always 1')).toBeTruthy();
  });

  it('says so to who may not read exchange rates, and asks for nothing', async () => {
    const { fetch, requests } = productsServer({ exchangeRateLevels: NONE });
    await renderApp('/products/exchange-rates', { fetch, language: 'en' });
    expect(await screen.findByTestId('exchange-rates-no-access')).toBeTruthy();
    await waitFor(() => expect(requestsTo(requests, 'GET', '/api/v1/exchange-rates')).toHaveLength(0));
  });
  describe('orders without a rate', () => {
    const ORDER_FACTS = { currency: 'read', orderDate: 'read', accountId: 'read', status: 'read', total: 'hidden' } as const;
    const missing = {
      baseCurrency: 'CNY', asOf: '2026-12-03', orders: 13,
      currencies: [
        { currency: 'EUR', orders: 1, customers: 1, firstOrderDay: '2019-04-02', lastOrderDay: '2019-04-02', firstRateFrom: null },
        { currency: 'USD', orders: 12, customers: 3, firstOrderDay: '2010-05-15', lastOrderDay: '2017-12-20', firstRateFrom: '2018-01-01' },
      ],
    };

    it('warns per currency how many orders have no rate, between which days, and that they count with revenue 0 (both languages)', async () => {
      for (const [language, usd, eur] of [
        ['en', '12 USD orders between 2010-05-15 and 2017-12-20 have no rate; they count with revenue 0 (customers: 3).The earliest USD rate is valid from 2018-01-01; a rate from 2010-05-15 would cover them.', '1 EUR order on 2019-04-02 has no rate; it counts with revenue 0.There is no EUR rate yet; a rate from 2019-04-02 would cover them.'],
        ['zh-CN', '2010-05-15 至 2017-12-20 之间有 12 笔 USD 订单没有汇率，按收入 0 计算（3 个客户）。最早的 USD 汇率自 2018-01-01 起生效；录入自 2010-05-15 起的汇率即可覆盖这些订单。', '2019-04-02 有 1 笔 EUR 订单没有汇率，按收入 0 计算（1 个客户）。目前还没有 EUR 汇率；录入自 2019-04-02 起的汇率即可覆盖这些订单。'],
      ] as const) {
        const { fetch, requests } = productsServer({
          language,
          exchangeRateLevels: READ_ALL,
          orderFields: ORDER_FACTS,
          routes: {
            'GET /api/v1/exchange-rates': () => json({ data: [], nextCursor: null, baseCurrency: 'CNY' }),
            'GET /api/v1/exchange-rates/missing': () => json(missing),
          },
        });
        const { unmount } = await renderApp('/products/exchange-rates', { fetch, language });
        expect((await screen.findByTestId('exchange-rates-missing-USD')).textContent).toBe(usd);
        expect(screen.getByTestId('exchange-rates-missing-EUR').textContent).toBe(eur);
        expect(requestsTo(requests, 'GET', '/api/v1/exchange-rates/missing')).toHaveLength(1);
        unmount();
      }
    });

    it('shows nothing when every order has its rate, and asks nothing of who may not read the orders\' currency', async () => {
      const complete = productsServer({
        exchangeRateLevels: READ_ALL,
        orderFields: ORDER_FACTS,
        routes: {
          'GET /api/v1/exchange-rates': () => json({ data: [], nextCursor: null, baseCurrency: 'CNY' }),
          'GET /api/v1/exchange-rates/missing': () => json({ ...missing, orders: 0, currencies: [] }),
        },
      });
      const first = await renderApp('/products/exchange-rates', { fetch: complete.fetch, language: 'en' });
      await waitFor(() => expect(requestsTo(complete.requests, 'GET', '/api/v1/exchange-rates/missing')).toHaveLength(1));
      await screen.findByTestId('exchange-rates-table');
      expect(screen.queryByTestId('exchange-rates-missing')).toBeNull();
      first.unmount();

      const hidden = productsServer({
        exchangeRateLevels: READ_ALL,
        orderFields: { ...ORDER_FACTS, currency: 'hidden' },
        routes: { 'GET /api/v1/exchange-rates': () => json({ data: [], nextCursor: null, baseCurrency: 'CNY' }) },
      });
      await renderApp('/products/exchange-rates', { fetch: hidden.fetch, language: 'en' });
      await screen.findByTestId('exchange-rates-table');
      await waitFor(() => expect(requestsTo(hidden.requests, 'GET', '/api/v1/exchange-rates')).toHaveLength(1));
      expect(requestsTo(hidden.requests, 'GET', '/api/v1/exchange-rates/missing')).toHaveLength(0);
      expect(screen.queryByTestId('exchange-rates-missing')).toBeNull();
    });
  });
});
